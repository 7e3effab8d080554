"""The facts of one file as a compact row: how they travel back from the worker that checked
the file, and how the cache keeps them.

A row is zlib-compressed JSON: the kind (``plan`` or ``debrief``), then the value of each
field in the order the facts class declares them, nested facts as rows of their own,
decimals and dates as text. A :class:`Reader` turns rows back into facts and checks every
value's type on the way (a damaged or foreign row raises :class:`ValueError`); the texts,
numbers, dates and short lists many files share are kept once per reader, so that the facts
of many thousand files take little memory.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
import zlib
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from negplan.portfolio.debrief_facts import DebriefFacts
from negplan.portfolio.facts import PlanFacts

Facts = PlanFacts | DebriefFacts
#: The kind a row starts with, for each facts class.
KINDS: dict[str, type[Facts]] = {"plan": PlanFacts, "debrief": DebriefFacts}

_Read = Callable[["Reader", Any], Any]


def encode(facts: Facts) -> bytes:
    """The row of one file's facts."""
    kind = "debrief" if isinstance(facts, DebriefFacts) else "plan"
    text = json.dumps([kind, *_values(facts)], ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"))


def _values(facts: object) -> list[Any]:
    return [_plain(getattr(facts, f.name)) for f in fields(facts)]  # type: ignore[arg-type]


def _plain(value: object) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if is_dataclass(value):
        return _values(value)
    return value


class Reader:
    """Turns rows back into facts, sharing equal values between them."""

    def __init__(self) -> None:
        self._shared: dict[type, dict[object, Any]] = {}

    def decode(self, row: bytes) -> Facts:
        """The facts of a row; :class:`ValueError` when it is not a row of this version."""
        try:
            data = json.loads(zlib.decompress(row))
        except (zlib.error, UnicodeDecodeError) as exc:
            raise ValueError(f"not a row: {exc}") from None
        if not isinstance(data, list) or not data or data[0] not in KINDS:
            raise ValueError("not a row of facts")
        try:
            facts: Facts = self.build(KINDS[data[0]], data[1:])
        except TypeError as exc:  # a list where a text belongs, say
            raise ValueError(f"not a row of facts: {exc}") from None
        return facts

    def build(self, cls: type, values: object) -> Any:
        """An instance of the facts class ``cls`` from its row's ``values``."""
        readers = _readers(cls)
        if not isinstance(values, list) or len(values) != len(readers):
            raise ValueError(f"a row of {cls.__name__} has the wrong length")
        return cls(*[read(self, v) for read, v in zip(readers, values, strict=True)])

    def share(self, kind: type, raw: object, make: Callable[[], Any]) -> Any:
        """The one value of ``kind`` read from ``raw`` (made by ``make`` the first time)."""
        known = self._shared.setdefault(kind, {})
        found = known.get(raw)
        if found is None:
            found = known[raw] = make()
        return found


@cache
def _readers(cls: type) -> tuple[_Read, ...]:
    """How to read each field of a facts class, from its type hints."""
    hints = typing.get_type_hints(cls)
    return tuple(_reader(hints[f.name]) for f in fields(cls))


def _reader(hint: Any) -> _Read:
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) and type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        read = _reader(inner)
        return lambda reader, v: None if v is None else read(reader, v)
    if typing.get_origin(hint) is tuple:
        item = args[0]
        if isinstance(item, type) and is_dataclass(item):
            return lambda reader, v: tuple(reader.build(item, row) for row in _list(v))
        read = _reader(item)
        return lambda reader, v: reader.share(
            tuple, tuple(_list(v)), lambda: tuple(read(reader, x) for x in v)
        )
    if hint not in _ATOMS:
        raise TypeError(f"no row reader for {hint!r}")  # pragma: no cover - a new field type
    return _ATOMS[hint]


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("a row holds a list here")
    return value


def _text(reader: Reader, value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("a row holds a text here")
    found: str = reader.share(str, value, lambda: value)
    return found


def _flag(reader: Reader, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("a row holds true or false here")
    return value


def _count(reader: Reader, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("a row holds a whole number here")
    return value


def _decimal(reader: Reader, value: object) -> Decimal:
    def make() -> Decimal:
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValueError("a row holds a number here") from None
        if not number.is_finite():
            raise ValueError("a row holds a finite number here")
        return number

    if not isinstance(value, str):
        raise ValueError("a row holds a number as text here")
    found: Decimal = reader.share(Decimal, value, make)
    return found


def _date(reader: Reader, value: object) -> dt.date:
    if not isinstance(value, str):
        raise ValueError("a row holds a date as text here")
    found: dt.date = reader.share(dt.date, value, lambda: dt.date.fromisoformat(value))
    return found


_ATOMS: dict[Any, _Read] = {
    str: _text,
    bool: _flag,
    int: _count,
    Decimal: _decimal,
    dt.date: _date,
}
