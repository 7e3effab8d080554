"""Records: plans and playbooks validated without building the pydantic models.

``negplan check`` runs on every commit, so its start-up counts. Building the ~28 pydantic model
classes costs more than checking a plan, so ``check`` validates with records instead: plain
objects with the same attributes (and the same term logic, from :mod:`negplan.domain`) read
from :data:`negplan.records_schema.SCHEMA`, which is derived from the models.

Records only *accept*: :func:`validate` returns a record when the data is valid in a form whose
result is certain (text without unusual edge whitespace, numbers that are already numbers, ISO
dates...), and ``None`` for anything else, in which case the caller validates with the models,
which also word the findings. So for every input the outcome is what the models give.
"""

from __future__ import annotations

import datetime
import importlib
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar

from negplan import domain
from negplan.loader import number_in_range
from negplan.records_schema import SCHEMA

#: The model settings this module implements; ``negplan.records_build`` refuses to build a
#: schema from models whose settings differ.
SUPPORTED_CONFIG = {
    "extra": "forbid",
    "frozen": True,
    "hide_input_in_errors": True,
    "allow_inf_nan": False,
    "coerce_numbers_to_str": True,
    "str_strip_whitespace": True,
    "populate_by_name": True,
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Whitespace both Python and pydantic-core strip; other edge whitespace is left to the models.
_ASCII_SPACE = " \t\n\r\x0b\x0c"


class Reject(Exception):
    """The data is not in a form records accept; validate it with the models instead."""


Validator = Callable[[Any], Any]


class FieldInfo:
    """The part of a pydantic ``FieldInfo`` that rules read: the YAML key of a field."""

    __slots__ = ("alias",)

    def __init__(self, alias: str | None) -> None:
        self.alias = alias


class Record:
    """Base of every record class: attribute access, equality and a ``model_dump``."""

    #: Fields by attribute name, like a pydantic model's ``model_fields``.
    model_fields: ClassVar[dict[str, FieldInfo]] = {}

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Record)
            and type(other) is type(self)
            and (self._values() == other._values())
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._values()))

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.model_fields)

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.model_fields)
        return f"{type(self).__name__}({inner})"

    def model_dump(self, *, exclude_none: bool = False) -> dict[str, Any]:
        """The record as nested dicts and lists, like the model's ``model_dump()``."""
        result: dict[str, Any] = {}
        for name in self.model_fields:
            value = _dump(getattr(self, name), exclude_none)
            if value is not None or not exclude_none:
                result[name] = value
        return result


def _dump(value: Any, exclude_none: bool) -> Any:
    if isinstance(value, Record):
        return value.model_dump(exclude_none=exclude_none)
    if isinstance(value, list):
        return [_dump(item, exclude_none) for item in value]
    if isinstance(value, dict):
        return {key: _dump(item, exclude_none) for key, item in value.items()}
    return value


def _text(value: Any) -> str:
    if type(value) is not str:
        raise Reject
    if value and (value[0].isspace() or value[-1].isspace()):
        value = value.strip(_ASCII_SPACE)
        if value and (value[0].isspace() or value[-1].isspace()):
            raise Reject
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Reject from None
    text: str = value
    return text


def _text_validator(options: dict[str, Any]) -> Validator:
    pattern = re.compile(options["pattern"]) if "pattern" in options else None
    upper = bool(options.get("to_upper"))
    if pattern is None and not upper:
        return _text

    def check(value: Any) -> str:
        text = _text(value)
        # Only text that upper-casing leaves alone, so the order in which pydantic applies
        # `to_upper` and `pattern` cannot matter.
        if not text.isascii() or (upper and text.upper() != text):
            raise Reject
        if pattern is not None and pattern.search(text) is None:
            raise Reject
        return text

    return check


def _number_validator(kind: str, bounds: dict[str, str]) -> Validator:
    number: type = int if kind == "int" else Decimal
    limits = [(name, number(limit)) for name, limit in bounds.items()]

    def check(value: Any) -> Any:
        if type(value) is int:
            result = value if number is int else Decimal(value)
        elif number is Decimal and type(value) is Decimal and value.is_finite():
            result = value
        else:
            raise Reject
        for name, limit in limits:
            if not (
                (name == "ge" and result >= limit)
                or (name == "gt" and result > limit)
                or (name == "le" and result <= limit)
                or (name == "lt" and result < limit)
            ):
                raise Reject
        return result

    return check


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise Reject
    return value


def _date(value: Any) -> datetime.date:
    if type(value) is not str or _DATE.fullmatch(value) is None:
        raise Reject
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Reject from None


def _position(value: Any) -> Any:
    # The models' PositionValue: a number, true/false, or an option name.
    kind = type(value)
    if kind is bool:
        return value
    if kind is int or kind is Decimal:
        number = Decimal(value)
        if not number.is_finite():
            raise Reject
        return number
    if kind is str:
        return value.strip()
    raise Reject


def _enum_validator(module: str, name: str) -> Validator:
    members = {member.value: member for member in getattr(importlib.import_module(module), name)}

    def check(value: Any) -> Any:
        if type(value) is not str:
            raise Reject
        member = members.get(value)
        if member is None:
            raise Reject
        return member

    return check


def _literal_validator(options: list[Any]) -> Validator:
    allowed = [(type(option), option) for option in options]

    def check(value: Any) -> Any:
        for kind, option in allowed:
            if type(value) is kind and value == option:
                return option
        raise Reject

    return check


def _optional(inner: Validator) -> Validator:
    def check(value: Any) -> Any:
        return None if value is None else inner(value)

    return check


def _list_validator(inner: Validator, limits: dict[str, int]) -> Validator:
    minimum = limits.get("min_length", 0)

    def check(value: Any) -> list[Any]:
        if type(value) is not list or len(value) < minimum:
            raise Reject
        return [inner(item) for item in value]

    return check


def _dict_validator(inner: Validator) -> Validator:
    def check(value: Any) -> dict[str, Any]:
        if type(value) is not dict:
            raise Reject
        result = {}
        for key, item in value.items():
            if type(key) is not str or _text(key) != key:
                raise Reject
            result[key] = inner(item)
        return result

    return check


class _Compiler:
    """Turns the schema into one validator per model, building record classes on the way."""

    def __init__(self, schema: dict[str, Any]) -> None:
        if schema["config"] != SUPPORTED_CONFIG:
            raise RuntimeError("negplan.records_schema was built for other model settings")
        self.schema = schema["models"]
        self.classes: dict[str, type[Record]] = {}
        self.validators: dict[str, Validator] = {}
        self.defaults: dict[str, Callable[[], Any]] = {}
        self.compiling: set[str] = set()
        #: Per model: field kinds by YAML key, and the attribute names.
        self.shapes: dict[str, tuple[dict[str, Any], frozenset[str]]] = {}

    def model(self, name: str) -> Validator:
        if name in self.validators:
            return self.validators[name]
        if name in self.compiling:
            raise RuntimeError(f"record {name} contains itself")
        self.compiling.add(name)
        spec = self.schema[name]
        unknown = set(spec["validators"]) - {"_bounded_numbers"}
        if unknown:
            raise RuntimeError(f"record {name}: unknown validators {sorted(unknown)}")
        bounded = "_bounded_numbers" in spec["validators"]
        bases = tuple(getattr(domain, mixin) for mixin in spec["mixins"])
        cls: type[Record] = type(name, (Record, *bases), {"__module__": __name__})
        cls.model_fields = {
            attr: FieldInfo(None if key == attr else key) for attr, key, *_ in spec["fields"]
        }
        self.classes[name] = cls
        self.shapes[name] = (
            {key: kind for _, key, kind, *_ in spec["fields"]},
            frozenset(attr for attr, *_ in spec["fields"]),
        )
        # key -> (attribute, validator, accepts None)
        by_key: dict[str, tuple[str, Validator, bool]] = {}
        required: list[str] = []
        static: dict[str, Any] = {}
        factories: list[tuple[str, Callable[[], Any]]] = []
        for attr, key, kind, is_required, default in spec["fields"]:
            nullable = kind[0] == "opt"
            by_key[key] = (attr, self.type(kind[1] if nullable else kind), nullable)
            if is_required:
                required.append(attr)
            elif default[0] in ("none", "value", "enum"):
                static[attr] = self.default(default)()
            else:
                factories.append((attr, self.default(default)))
        new = object.__new__

        def check(value: Any) -> Record:
            if type(value) is not dict:
                raise Reject
            fields = static.copy()
            for key, item in value.items():
                found = by_key.get(key) if type(key) is str else None
                if found is None:
                    raise Reject
                attr, validate, nullable = found
                if item is None and nullable:
                    fields[attr] = None
                    continue
                result = validate(item)
                if bounded and type(result) is Decimal and not number_in_range(result):
                    raise Reject
                fields[attr] = result
            for attr in required:
                if attr not in fields:
                    raise Reject
            for attr, factory in factories:
                if attr not in fields:
                    fields[attr] = factory()
            record: Record = new(cls)
            record.__dict__ = fields
            return record

        self.validators[name] = check
        self.defaults[name] = lambda: check({})
        self.compiling.discard(name)
        return check

    def type(self, kind: list[Any]) -> Validator:
        tag = kind[0]
        if tag == "str":
            return _text_validator(kind[1])
        if tag in ("int", "decimal"):
            return _number_validator(tag, kind[1])
        if tag == "bool":
            return _bool
        if tag == "date":
            return _date
        if tag == "position":
            return _position
        if tag == "enum":
            return _enum_validator(kind[1], kind[2])
        if tag == "literal":
            return _literal_validator(kind[1])
        if tag == "opt":
            return _optional(self.type(kind[1]))  # inside lists and dicts
        if tag == "list":
            return _list_validator(self.type(kind[1]), kind[2])
        if tag == "dict":
            return _dict_validator(self.type(kind[1]))
        if tag == "model":
            return self.model(kind[1])
        if tag == "trade_or_text":
            trade = self.model(kind[1])

            def trade_or_text(value: Any) -> Any:
                return trade(value) if type(value) is dict else _text(value)

            return trade_or_text
        raise RuntimeError(f"unknown record type {kind!r}")

    def default(self, spec: list[Any]) -> Callable[[], Any]:
        tag = spec[0]
        if tag == "none":
            return lambda: None
        if tag == "list":
            return list
        if tag == "dict":
            return dict
        if tag == "value":
            value = spec[1]
            return lambda: value
        if tag == "enum":
            member = getattr(importlib.import_module(spec[1]), spec[2])(spec[3])
            return lambda: member
        if tag == "model":
            name = spec[1]
            return lambda: self.model(name)({})
        raise RuntimeError(f"unknown record default {spec!r}")


_COMPILER: _Compiler | None = None


def _compiler() -> _Compiler:
    global _COMPILER
    if _COMPILER is None:
        _COMPILER = _Compiler(SCHEMA)
        for name in SCHEMA["models"]:
            _COMPILER.model(name)
    return _COMPILER


def validate(data: Any, model: str) -> Any:
    """A record of ``model`` (``"Plan"`` or ``"Playbook"``) for ``data``, or ``None`` when
    only the pydantic models can decide (invalid data, or a form records leave to them)."""
    try:
        return _compiler().validators[model](data)
    except Reject:
        return None


def extra_keys(data: Any, model: str) -> list[tuple[str | int, ...]] | None:
    """The pydantic error locations of unknown keys when they are the *only* problem.

    ``None`` when there is something else wrong (or nothing), or records cannot tell; then
    only the models can word the errors. The locations are those pydantic reports for
    ``extra_forbidden``, including the ``trade`` tag of a ``{term, value}`` move.
    """
    compiler = _compiler()
    found: list[tuple[str | int, ...]] = []
    try:
        stripped = _strip(compiler, data, ["model", model], (), found)
        if not found:
            return None
        compiler.validators[model](stripped)
    except Reject:
        return None
    return found


def _strip(
    compiler: _Compiler, data: Any, kind: list[Any], loc: tuple[str | int, ...], found: list[Any]
) -> Any:
    # ``data`` without the keys its models do not know, which are added to ``found``.
    tag = kind[0]
    if tag == "opt":
        return None if data is None else _strip(compiler, data, kind[1], loc, found)
    if tag == "list" and type(data) is list:
        return [_strip(compiler, item, kind[1], (*loc, i), found) for i, item in enumerate(data)]
    if tag == "dict" and type(data) is dict:
        return {k: _strip(compiler, v, kind[1], (*loc, k), found) for k, v in data.items()}
    if tag == "trade_or_text" and type(data) is dict:
        return _strip(compiler, data, ["model", kind[1]], (*loc, "trade"), found)
    if tag != "model" or type(data) is not dict:
        return data
    kinds, attributes = compiler.shapes[kind[1]]
    result = {}
    for key, item in data.items():
        if type(key) is not str or (key not in kinds and key in attributes):
            raise Reject  # a field given by its name instead of its alias: left to the models
        if key in kinds:
            result[key] = _strip(compiler, item, kinds[key], (*loc, key), found)
        else:
            found.append((*loc, key))
    return result


def allowed_keys(model: str, path: tuple[str | int, ...]) -> list[str]:
    """The keys of the model at ``path`` under ``model``, as ``schema`` lists them in an
    unknown-key hint (empty when the path does not lead to a model)."""
    compiler = _compiler()
    current: str | None = model
    for part in path:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        kind = compiler.shapes[current][0].get(part)
        if kind is None:
            return []
        current = _model_in(kind)
    if current is None:
        return []
    return list(compiler.shapes[current][0])


def _model_in(kind: list[Any]) -> str | None:
    tag = kind[0]
    if tag in ("model", "trade_or_text"):
        return str(kind[1])
    if tag in ("opt", "list", "dict"):
        return _model_in(kind[1])
    return None


def empty(model: str) -> Any:
    """A record of ``model`` with every field at its default (the model's ``Model()``)."""
    return _compiler().defaults[model]()
