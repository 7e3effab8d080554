"""Turn loaded data into models, and every validation error into a positioned finding."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from negplan.findings import Finding, Severity
from negplan.loader import Document
from negplan.positions import Path

KINDS = ("plan", "playbook", "debrief")


def document_kind(data: Any) -> str | None:
    """The ``kind:`` of loaded data when it is one negplan reads, else ``None``."""
    if isinstance(data, dict):
        kind = data.get("kind")
        if isinstance(kind, str) and kind in KINDS:
            return kind
    return None


M = typing.TypeVar("M", bound=BaseModel)


def validate(doc: Document, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate a document against ``model``; return the instance (or None) and findings."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, _findings(doc, model, exc)


def header_findings(doc: Document) -> list[Finding]:
    """NP103 findings for a document whose ``kind`` or ``version`` negplan cannot read."""
    data = doc.data

    def at(path: Path, message: str, hint: str | None, *, key: bool = False) -> Finding:
        pos = doc.index.locate(path, key=key)
        return Finding(doc.path, pos.line, pos.col, "NP103", Severity.ERROR, message, hint)

    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {_type_name(data)}, not a mapping"
        return [
            at(
                (),
                f"not a plan or playbook: the document is {what}",
                "a plan starts with `kind: plan` and `version: 1`",
            )
        ]
    kind = data.get("kind")
    if kind is None:
        return [
            at(
                (),
                "no `kind:`: expected `kind: plan` or `kind: playbook`",
                "add `kind: plan` (or `kind: playbook`) at the top",
            )
        ]
    if kind not in KINDS:
        return [
            at(
                ("kind",),
                f"unknown kind {_short(kind)}",
                suggest(str(kind), KINDS)
                or "expected `kind: plan`, `kind: playbook` or `kind: debrief`",
            )
        ]
    version = data.get("version")
    if version is None:
        return [at((), "no `version:`", "add `version: 1` under `kind:`")]
    if isinstance(version, bool) or version != 1:
        return [
            at(
                ("version",),
                f"version {_short(version)} is not supported",
                "this release of negplan reads `version: 1`",
            )
        ]
    return []


def _findings(doc: Document, model: type[BaseModel], exc: ValidationError) -> list[Finding]:
    errors = exc.errors(include_url=False, include_context=True)
    seen: set[tuple[Path, str]] = set()
    result: list[Finding] = []
    for error in errors:
        kind = error["type"]
        path = _clean_path(doc.data, error["loc"], keep_missing=kind == "missing")
        union = any(part in _UNION_TAGS for part in error["loc"][len(path) :])
        code = "NP102" if kind == "extra_forbidden" else "NP101"
        if (path, code) in seen:
            continue
        seen.add((path, code))
        where = display_path(path)
        if kind == "extra_forbidden":
            name = str(path[-1])
            allowed = _allowed_keys(model, path[:-1])
            hint = suggest(name, allowed)
            if hint is None and " " in name and _value_at(doc.data, path) is None:
                hint = (
                    "a comma inside `{...}` ends the text before it: put text that holds a "
                    "comma in quotes"
                )
            if hint is None and allowed:
                hint = "allowed keys here: " + ", ".join(allowed)
            parent = display_path(path[:-1])
            message = f"unknown key '{name}'" + (f" in {parent}" if parent else "")
            pos = doc.index.locate(path, key=True)
        elif kind == "missing":
            parent = display_path(path[:-1])
            message = f"missing required key '{path[-1]}'" + (f" in {parent}" if parent else "")
            hint = f"add `{path[-1]}:`" + (f" under `{parent}`" if parent else "")
            pos = doc.index.locate(path[:-1], key=True)
        else:
            problem, hint = _problem(error, path)
            if union:
                problem = "expected `{term: ..., value: ...}` or `{commitment: ..., by: ...}`"
            value = _value_at(doc.data, path)
            if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
                hint = "the text contains ': ', which YAML reads as a key: put the text in quotes"
            shown = f" (got {_short(value)})" if _is_scalar(value) else ""
            message = f"{where}: {problem}{shown}" if where else f"{problem}{shown}"
            pos = doc.index.locate(path)
        result.append(Finding(doc.path, pos.line, pos.col, code, Severity.ERROR, message, hint))
    return result


_SIMPLE = {
    "string_type": "expected text",
    "bool_type": "expected true or false",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "decimal_type": "expected a number",
    "decimal_parsing": "expected a number",
    "finite_number": "expected a finite number",
    "date_type": "expected a date like 2026-12-01",
    "date_parsing": "expected a date like 2026-12-01",
    "date_from_datetime_parsing": "expected a date like 2026-12-01",
    "date_from_datetime_inexact": "expected a date like 2026-12-01",
    "list_type": "expected a list (lines starting with '- ')",
    "dict_type": "expected a mapping (lines of `key: value`)",
    "model_type": "expected a mapping (lines of `key: value`)",
    "model_attributes_type": "expected a mapping (lines of `key: value`)",
    "too_short": "needs at least one item",
}


_FREE_TEXT = {
    "give_text": (
        "a give names a term and a value, not a sentence",
        "write `give: {term: discount, value: 5}` (the position we move to) and keep the "
        "words in the concession's `notes:`",
    ),
    "get_text": (
        "a get names a term and a value, or a commitment with a date, not a sentence",
        "write `get: {term: contract_length, value: 36}`, or `get: {commitment: signed order "
        "form, by: 2026-12-15}`; keep other words in `notes:`",
    ),
}


def _problem(error: Any, path: Path) -> tuple[str, str | None]:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _SIMPLE:
        hint = None
        if kind.startswith("date"):
            hint = "write dates as YYYY-MM-DD"
        elif kind == "bool_type":
            hint = "write true or false"
        return _SIMPLE[kind], hint
    if kind == "enum":
        expected = str(ctx.get("expected", ""))
        options = [part.strip(" '") for part in expected.replace(" or ", ",").split(",")]
        options = [o for o in options if o]
        value = error.get("input")
        hint = suggest(str(value), options) if isinstance(value, str) else None
        return "expected one of " + ", ".join(options), hint
    if kind == "string_pattern_mismatch":
        name = str(path[-1]) if path else ""
        if name == "currency":
            return "expected a 3-letter ISO currency code", "for example EUR, USD or GBP"
        if name == "id":
            return "expected an id of lower-case letters, digits and _", "for example payment_terms"
        return "does not have the expected form", None
    if kind == "currency_code":
        meant = ctx.get("meant")
        return "not an ISO 4217 currency code", (
            f"did you mean {meant}?" if meant else "for example EUR, USD or GBP"
        )
    if kind in _FREE_TEXT:
        return _FREE_TEXT[kind]
    if kind == "literal_error":
        return "expected " + str(ctx.get("expected", "another value")), None
    message = str(error.get("msg", "invalid value"))
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message[:1].lower() + message[1:].rstrip("."), None


_UNION_TAGS = frozenset({"<trade>", "<commitment>"})


def _clean_path(data: Any, loc: tuple[Any, ...], *, keep_missing: bool) -> Path:
    """Drop union tags and other parts of a pydantic ``loc`` that are not in the data.

    With ``keep_missing`` the last part is kept even when absent (a missing key).
    """
    result: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if _has(current, part):
            result.append(part)
            current = current[part]
        elif last and keep_missing and isinstance(part, (str, int)):
            result.append(part)
    return tuple(result)


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return isinstance(part, str) and part in container
    if isinstance(container, list):
        return isinstance(part, int) and 0 <= part < len(container)
    return False


def _value_at(data: Any, path: Path) -> Any:
    current = data
    for part in path:
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            return None
    return current


def _allowed_keys(model: type[BaseModel], path: Path) -> list[str]:
    current: type[BaseModel] | None = model
    for part in path:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        field = _field_by_key(current, part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    if current is None:
        return []
    return [info.alias or name for name, info in current.model_fields.items()]


def _field_by_key(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _model_in(args[0])
    if origin in (list, dict, typing.Union, types.UnionType) or args:
        for arg in args:
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def closest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The one of ``choices`` that ``word`` is most likely a slip for, or None."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def suggest(word: str, choices: typing.Iterable[str]) -> str | None:
    """A "did you mean 'x'?" hint for the closest of ``choices``, or None."""
    match = closest(word, choices)
    return f"did you mean '{match}'?" if match else None


def display_path(path: Path) -> str:
    """A data path as people write it: ``variables[2].walk_away``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _short(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    return text if len(text) <= 40 else text[:37] + "..."


def _type_name(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text value"
    return "single value"
