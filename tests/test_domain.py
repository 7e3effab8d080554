"""The term logic's shortcuts for numbers agree with its definition through badness()."""

from __future__ import annotations

from decimal import Decimal
from itertools import product
from types import SimpleNamespace
from typing import Any

import pytest

from negplan.domain import Direction, TermLogic, Unit

VALUES: list[Any] = [
    Decimal("-5"),
    Decimal("0"),
    Decimal("-0"),
    Decimal("2.50"),
    Decimal("2.5"),
    Decimal("10"),
    Decimal("1E+2"),
    True,
    False,
    "monthly",
    "annual",
    None,
]


class Term(TermLogic):
    """A bare term for the logic: the attributes the models and records both have."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)


def _terms() -> list[Term]:
    terms = []
    for unit, direction, authority, limits in product(
        Unit,
        [None, Direction.LOWER, Direction.HIGHER],
        [None, Decimal("2.5"), True, "annual"],
        [None, SimpleNamespace(min=Decimal(0), max=Decimal(10))],
    ):
        terms.append(
            Term(
                unit=unit,
                direction=direction,
                options=["monthly", "annual"] if unit is Unit.CHOICE else [],
                limits=limits,
                authority=authority,
                approvals=[],
            )
        )
    return terms


def _within_by_definition(term: Term, value: object) -> bool:
    if term.badness(value) is None:
        return False
    if term.unit.numeric and term.limits is not None:
        assert isinstance(value, Decimal)
        return bool(term.limits.min <= value <= term.limits.max)
    return True


def _past_by_definition(term: Term, value: object) -> bool:
    bad, limit = term.badness(value), term.badness(term.authority)
    return bad is not None and limit is not None and bad > limit


@pytest.mark.parametrize("term", _terms(), ids=lambda t: f"{t.unit.value}-{t.direction}")
def test_shortcuts_match_the_definition(term: Term) -> None:
    for value in VALUES:
        assert term.within_limits(value) == _within_by_definition(term, value), value
        assert term.past_authority(value) == _past_by_definition(term, value), value


def test_higher_is_better_reverses_authority() -> None:
    term = Term(
        unit=Unit.COUNT,
        direction=Direction.HIGHER,
        options=[],
        limits=None,
        authority=Decimal(10),
        approvals=[],
    )
    assert term.past_authority(Decimal(5))
    assert not term.past_authority(Decimal(15))
    assert not term.past_authority(Decimal(10))
