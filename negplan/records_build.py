"""Derive the record schema of :mod:`negplan.records` from the pydantic models.

The pydantic models are the single definition of the file formats. ``negplan check`` validates
with records so that it does not pay for building the models on every run; this module turns
the models into the plain data those records read (``negplan/records_schema.py``), and a test
keeps that file equal to what the models say. Regenerate it with
``python -m negplan.records_build``.

Only the field types the models use are understood; anything else is an error here, so a model
change that records cannot follow is caught by the test instead of passing silently.
"""

from __future__ import annotations

import datetime
import enum
import pprint
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import annotated_types
from pydantic import BaseModel, Discriminator, PlainValidator, StringConstraints, Tag
from pydantic.fields import FieldInfo
from pydantic.types import Strict

from negplan.models.plan import Plan
from negplan.models.playbook import Playbook
from negplan.records import SUPPORTED_CONFIG

#: The model settings the records implement; the build fails if the models change them.
CONFIG = SUPPORTED_CONFIG
#: Validators the records know how to apply after each field.
KNOWN_VALIDATORS = ("_bounded_numbers",)
TARGET = Path(__file__).with_name("records_schema.py")


class BuildError(Exception):
    """A model uses a feature the records do not implement."""


def build_schema() -> dict[str, Any]:
    """The record schema of every model reachable from ``Plan`` and ``Playbook``."""
    models: dict[str, Any] = {}
    pending: list[type[BaseModel]] = [Plan, Playbook]
    while pending:
        model = pending.pop(0)
        if model.__name__ in models:
            continue
        models[model.__name__] = _model(model, pending)
    return {"config": dict(CONFIG), "models": models}


def _model(model: type[BaseModel], pending: list[type[BaseModel]]) -> dict[str, Any]:
    config = {key: model.model_config.get(key) for key in CONFIG}
    if config != CONFIG or set(model.model_config) - set(CONFIG):
        raise BuildError(f"{model.__name__}: model settings differ from {CONFIG}")
    validators = sorted(model.__pydantic_decorators__.field_validators)
    for name in validators:
        decorator = model.__pydantic_decorators__.field_validators[name]
        if name not in KNOWN_VALIDATORS or decorator.info.fields != ("*",):
            raise BuildError(f"{model.__name__}: unknown validator {name}")
    if model.__pydantic_decorators__.model_validators or model.__pydantic_decorators__.validators:
        raise BuildError(f"{model.__name__}: model validators are not supported")
    mixins = [
        base.__name__
        for base in model.__mro__
        if not issubclass(base, BaseModel) and base.__module__ == "negplan.domain"
    ]
    fields = []
    for name, info in model.model_fields.items():
        kind = _type(info.annotation, list(info.metadata), pending, f"{model.__name__}.{name}")
        fields.append([name, info.alias or name, kind, info.is_required(), _default(info, pending)])
    return {"fields": fields, "mixins": mixins, "validators": validators}


def _default(info: FieldInfo, pending: list[type[BaseModel]]) -> Any:
    if info.is_required():
        return None
    factory = info.default_factory
    if factory is not None:
        if factory is list or factory is dict:
            return [factory.__name__]
        if isinstance(factory, type) and issubclass(factory, BaseModel):
            pending.append(factory)
            return ["model", factory.__name__]
        raise BuildError(f"unsupported default factory {factory!r}")
    value = info.default
    if value is None:
        return ["none"]
    if isinstance(value, enum.Enum):
        return ["enum", type(value).__module__, type(value).__name__, value.value]
    if isinstance(value, (bool, int, str)):
        return ["value", value]
    raise BuildError(f"unsupported default {value!r}")


def _type(annotation: Any, metadata: list[Any], pending: list[type[BaseModel]], where: str) -> Any:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type(args[0], [*metadata, *annotation.__metadata__], pending, where)
    plain = [m for m in metadata if not _ignorable(m)]
    if any(isinstance(m, PlainValidator) for m in plain):
        [validator] = plain
        if getattr(validator.func, "__name__", "") != "_position":
            raise BuildError(f"{where}: unknown validator")
        return ["position"]
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) < len(args):
            inner = options[0] if len(options) == 1 else typing.Union[tuple(options)]  # noqa: UP007
            return ["opt", _type(inner, metadata, pending, where)]
        return _union(args, plain, pending, where)
    if origin is list:
        limits = {}
        for m in plain:
            if isinstance(m, annotated_types.MinLen):
                limits["min_length"] = m.min_length
            else:
                raise BuildError(f"{where}: unsupported list constraint {m!r}")
        return ["list", _type(args[0], [], pending, where), limits]
    if origin is dict:
        if args[0] is not str or plain:
            raise BuildError(f"{where}: only dict[str, ...] is supported")
        return ["dict", _type(args[1], [], pending, where)]
    if origin is typing.Literal:
        if plain:
            raise BuildError(f"{where}: constraints on a literal")
        return ["literal", list(args)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if plain:
            raise BuildError(f"{where}: constraints on a model")
        pending.append(annotation)
        return ["model", annotation.__name__]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        if plain:
            raise BuildError(f"{where}: constraints on an enum")
        return ["enum", annotation.__module__, annotation.__name__]
    return _scalar(annotation, plain, where)


def _union(
    args: tuple[Any, ...], metadata: list[Any], pending: list[type[BaseModel]], where: str
) -> Any:
    tags = {}
    for arg in args:
        inner, *extra = typing.get_args(arg)
        tag = next((m.tag for m in extra if isinstance(m, Tag)), None)
        tags[tag] = inner
    discriminators = [m for m in metadata if isinstance(m, Discriminator)]
    if (
        len(discriminators) != 1
        or getattr(discriminators[0].discriminator, "__name__", "") != "_trade_or_text"
        or set(tags) != {"trade", "text"}
        or tags["text"] is not str
    ):
        raise BuildError(f"{where}: unsupported union")
    trade = tags["trade"]
    pending.append(trade)
    return ["trade_or_text", trade.__name__]


def _scalar(annotation: Any, metadata: list[Any], where: str) -> Any:
    if annotation is bool:
        if len(metadata) != 1 or not isinstance(metadata[0], Strict) or not metadata[0].strict:
            raise BuildError(f"{where}: only strict booleans are supported")
        return ["bool"]
    if annotation is str:
        options: dict[str, Any] = {}
        for m in metadata:
            if not isinstance(m, StringConstraints):
                raise BuildError(f"{where}: unsupported text constraint {m!r}")
            used = {k: v for k, v in vars(m).items() if v is not None}
            if set(used) - {"pattern", "to_upper"}:
                raise BuildError(f"{where}: unsupported text constraint {m!r}")
            options.update(used)
        return ["str", options]
    if annotation in (int, Decimal):
        bounds: dict[str, Any] = {}
        for m in metadata:
            for name in ("ge", "gt", "le", "lt"):
                if isinstance(m, getattr(annotated_types, name.capitalize())):
                    bounds[name] = str(getattr(m, name))
                    break
            else:
                raise BuildError(f"{where}: unsupported number constraint {m!r}")
        return ["int" if annotation is int else "decimal", bounds]
    if annotation is datetime.date:
        if metadata:
            raise BuildError(f"{where}: constraints on a date")
        return ["date"]
    raise BuildError(f"{where}: unsupported type {annotation!r}")


def _ignorable(meta: Any) -> bool:
    # JSON-schema-only metadata does not change validation.
    from pydantic import WithJsonSchema

    return isinstance(meta, WithJsonSchema)


def render(schema: dict[str, Any]) -> str:
    """The text of ``records_schema.py`` for ``schema``."""
    body = pprint.pformat(schema, width=99, sort_dicts=False)
    return (
        '"""The record schema of plans and playbooks, derived from the pydantic models by\n'
        "``python -m negplan.records_build``; do not edit by hand (a test compares it with the\n"
        'models)."""\n\n'
        "from typing import Any\n\n"
        f"SCHEMA: dict[str, Any] = {body}\n"
    )


def main() -> None:
    """Rewrite ``negplan/records_schema.py`` from the models."""
    TARGET.write_text(render(build_schema()), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
