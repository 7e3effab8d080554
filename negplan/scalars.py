"""Plain scalars resolved with the YAML 1.2 core schema, and the limits on numbers.

Floats are read as :class:`~decimal.Decimal` so money and positions stay exact; numbers have at
most :data:`MAX_NUMBER_DIGITS` digits before and after the decimal point, so no later
formatting or arithmetic can blow up (``1e999999999``, 5,000-digit integers).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from negplan.findings import FileProblem
from negplan.positions import Pair

MAX_NUMBER_DIGITS = 30

CORE = "tag:yaml.org,2002:"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = frozenset({".nan", ".NaN", ".NAN"})
#: The first characters of plain scalars that may be numbers (only ASCII digits make numbers).
NUMBER_START = frozenset("0123456789+-.")
#: Plain scalars that resolve to null or a boolean.
KEYWORDS: dict[str, Any] = {
    **dict.fromkeys(_NULLS),
    **dict.fromkeys(_TRUE, True),
    **dict.fromkeys(_FALSE, False),
}


def show_tag(tag: str) -> str:
    return "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag


def tagged_scalar(event: Any, position: Pair) -> Any:
    """The value of a scalar event that has a tag, or is quoted or a block scalar."""
    value: str = event.value
    tag = event.tag
    if tag is not None and tag != "!":
        if not tag.startswith(CORE):
            raise bad_tag(tag, position)
        kind = tag[len(CORE) :]
        if kind == "str":
            return value
        if kind in ("int", "float", "bool", "null"):
            resolved = resolve_plain(value, position)
            number = isinstance(resolved, (int, Decimal)) and not isinstance(resolved, bool)
            if kind == "float" and number:
                return Decimal(resolved)
            if kind == "int" and isinstance(resolved, int) and not isinstance(resolved, bool):
                return resolved
            if (kind == "bool" and isinstance(resolved, bool)) or (
                kind == "null" and resolved is None
            ):
                return resolved
            raise FileProblem("NP105", f"{value!r} is not a valid !!{kind}", position)
        raise FileProblem("NP105", f"tag {show_tag(tag)} is not allowed on a scalar", position)
    if tag is None and event.implicit[0]:
        return resolve_plain(value, position)
    return value


def resolve_plain(value: str, position: Pair) -> Any:
    """Resolve a plain scalar with the YAML 1.2 core schema (numbers as int or Decimal)."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT.fullmatch(value):
            sign = "-" if value[0] == "-" else ""
            digits = value.lstrip("+-").lstrip("0") or "0"
            if len(digits) > MAX_NUMBER_DIGITS:
                raise _out_of_range(value, position)
            return int(sign + digits)
        if _OCT.fullmatch(value) or _HEX.fullmatch(value):
            digits = value[2:].lstrip("0") or "0"
            number = int(digits[: MAX_NUMBER_DIGITS + 1], 8 if value[1] == "o" else 16)
            if len(digits) > MAX_NUMBER_DIGITS or number >= 10**MAX_NUMBER_DIGITS:
                raise _out_of_range(value, position)
            return number
        if _FLOAT.fullmatch(value):
            decimal = Decimal(value)
            if not number_in_range(decimal):
                raise _out_of_range(value, position)
            return decimal
        if _INF.fullmatch(value):
            return Decimal("-Infinity") if value[0] == "-" else Decimal("Infinity")
        if value in _NAN:
            return Decimal("NaN")
    return value


def number_in_range(value: Decimal) -> bool:
    """Whether a finite number has at most ``MAX_NUMBER_DIGITS`` digits before and after the
    decimal point (NaN and infinities are left to the models, which reject them)."""
    if not value.is_finite():
        return True
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return exponent >= -MAX_NUMBER_DIGITS and value.adjusted() < MAX_NUMBER_DIGITS


def _out_of_range(value: str, position: Pair) -> FileProblem:
    shown = value if len(value) <= 24 else value[:20] + "..."
    return FileProblem(
        "NP105",
        f"number {shown} is out of range",
        position,
        f"numbers may have at most {MAX_NUMBER_DIGITS} digits before and after the decimal "
        "point; put it in quotes if it is text",
    )


def bad_tag(tag: str, position: Pair) -> FileProblem:
    """The problem of a tag negplan does not read."""
    return FileProblem(
        "NP105",
        f"tag {show_tag(tag)} is not allowed",
        position,
        "plans and playbooks hold plain data: remove the tag",
    )


_PLAIN_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._()/&'-]*")


def yaml_flow_text(text: str) -> str:
    """``text`` written so that it reads back as itself inside a YAML flow mapping.

    Plain when that is safe (no ``: ``, commas, brackets, ``#``; not a number, bool or null
    in disguise), else double-quoted.
    """
    plain = (
        _PLAIN_SAFE.fullmatch(text) is not None
        and text == text.strip()
        and resolve_plain(text, (0, 0)) == text
    )
    if plain:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
