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
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple

from negplan.portfolio.debrief_facts import DebriefFacts
from negplan.portfolio.facts import PendingSignoff, PlanFacts, Rung

Facts = PlanFacts | DebriefFacts
#: zlib's fastest level: rows are small, and made once per file checked.
_LEVEL = 1
#: The kind a row starts with, for each facts class.
KINDS: dict[str, type[Facts]] = {"plan": PlanFacts, "debrief": DebriefFacts}


def encode(facts: Facts) -> bytes:
    """The row of one file's facts."""
    kind = "debrief" if isinstance(facts, DebriefFacts) else "plan"
    return zlib.compress(_ENCODER.encode([kind, *facts]).encode("utf-8"), _LEVEL)


def _plain(value: object) -> str:
    """What JSON cannot write itself: a decimal, a date (facts are tuples: JSON arrays)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"no row value for {type(value).__name__}")  # pragma: no cover


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_plain)


class Reader:
    """Turns rows back into facts, sharing equal values between them."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._numbers: dict[str, Decimal] = {}
        self._dates: dict[str, dt.date] = {}
        self._lists: dict[object, tuple[Any, ...]] = {}
        self._patterns: set[tuple[type, ...]] = set()

    def decode(self, row: bytes) -> Facts:
        """The facts of a row; :class:`ValueError` when it is not a row of this version."""
        try:
            data = json.loads(zlib.decompress(row))
        except (zlib.error, UnicodeDecodeError) as exc:
            raise ValueError(f"not a row: {exc}") from None
        if not isinstance(data, list) or not data or data[0] not in KINDS:
            raise ValueError("not a row of facts")
        try:
            facts: Facts = self._build(KINDS[data[0]], data[1:])
        except (TypeError, ArithmeticError) as exc:  # a list where a text belongs, say
            raise ValueError(f"not a row of facts: {exc}") from None
        return facts

    def _build(self, cls: Any, values: Any) -> Any:
        layout = _layout(cls)
        if type(values) is not list or len(values) != len(layout.kinds):
            raise ValueError(f"a row of {cls.__name__} has the wrong length")
        # The types a row holds fall into few patterns: check each pattern once.
        pattern = tuple(map(type, values))
        if pattern not in self._patterns:
            _check(cls, layout, pattern)
            self._patterns.add(pattern)
        texts = self._texts
        for i in layout.texts:
            if (value := values[i]) is not None:
                values[i] = texts.setdefault(value, value)
        for i in layout.numbers:
            if (value := values[i]) is not None:
                number = self._numbers.get(value)
                values[i] = self._number(value) if number is None else number
        for i in layout.dates:
            if (value := values[i]) is not None:
                day = self._dates.get(value)
                values[i] = self._date(value) if day is None else day
        for i, item in layout.lists:
            values[i] = self._list(item, values[i])
        return cls._make(values)

    def _number(self, text: str) -> Decimal:
        number = Decimal(text)
        if not number.is_finite():
            raise ValueError("a row holds a number that is not finite")
        self._numbers[text] = number
        return number

    def _date(self, text: str) -> dt.date:
        day = self._dates[text] = dt.date.fromisoformat(text)
        return day

    def _list(self, item: type | None, values: list[Any]) -> tuple[Any, ...]:
        """A tuple of texts or of facts; texts and small facts shared by value."""
        if item is None:
            key: object = tuple(values)
        elif item in _SHARED:
            key = (item, tuple(tuple(v) if type(v) is list else v for v in values))
        else:
            return tuple(self._build(item, v) for v in values)
        found = self._lists.get(key)
        if found is None:
            if item is None:
                items = [self._texts.setdefault(v, v) for v in values if type(v) is str]
                if len(items) != len(values):
                    raise ValueError("a row holds a list of texts with something else")
                found = tuple(items)
            else:
                found = tuple(self._build(item, v) for v in values)
            self._lists[key] = found
        return found


_TEXT, _FLAG, _COUNT, _NUMBER, _DATE, _LIST = range(6)
#: The JSON type of each kind of value in a row.
_RAW: tuple[type, ...] = (str, bool, int, str, str, list)
_KINDS: dict[Any, int] = {str: _TEXT, bool: _FLAG, int: _COUNT, Decimal: _NUMBER, dt.date: _DATE}
#: Facts read once per distinct value: the rungs of a ladder, the sign-offs pending.
_SHARED = (Rung, PendingSignoff)


class _Layout(NamedTuple):
    """The fields of a facts class: each one's kind of value and whether it may be None,
    and the positions of the texts, numbers, dates and tuples (with their facts class, None
    for texts)."""

    kinds: tuple[tuple[int, bool], ...]
    texts: tuple[int, ...]
    numbers: tuple[int, ...]
    dates: tuple[int, ...]
    lists: tuple[tuple[int, type | None], ...]


@cache
def _layout(cls: Any) -> _Layout:
    """The layout of a facts class, from its type hints."""
    hints = typing.get_type_hints(cls)
    kinds, lists = [], []
    for i, name in enumerate(cls._fields):
        hint = hints[name]
        args = typing.get_args(hint)
        optional = isinstance(hint, types.UnionType) and type(None) in args
        if optional:
            (hint,) = (a for a in args if a is not type(None))
        if typing.get_origin(hint) is tuple:
            item = typing.get_args(hint)[0]
            kinds.append((_LIST, optional))
            lists.append((i, None if item is str else item))
        elif hint in _KINDS:
            kinds.append((_KINDS[hint], optional))
        else:  # pragma: no cover - a new field of a type rows do not know
            raise TypeError(f"{cls.__name__}.{name}: no row value for {hint!r}")

    def where(kind: int) -> tuple[int, ...]:
        return tuple(i for i, (k, _) in enumerate(kinds) if k == kind)

    return _Layout(tuple(kinds), where(_TEXT), where(_NUMBER), where(_DATE), tuple(lists))


def _check(cls: type, layout: _Layout, pattern: tuple[type, ...]) -> None:
    """Raise :class:`ValueError` unless a row of ``cls`` may hold values of these types."""
    for (kind, optional), found in zip(layout.kinds, pattern, strict=True):
        if found is not _RAW[kind] and not (optional and found is type(None)):
            raise ValueError(f"a row of {cls.__name__} holds a {found.__name__}")
