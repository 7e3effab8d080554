"""How a playbook term orders and judges positions: limits, authority and the approval ladder."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from negplan.models.playbook import Term


def term(**fields: Any) -> Term:
    base: dict[str, Any] = {
        "id": "x",
        "name": "X",
        "level": "price",
        "owner": "sales",
        "priority": 1,
        "cost": "low",
    }
    return Term.model_validate({**base, **fields})


DISCOUNT = term(
    unit="percent",
    direction="lower",
    limits={"min": 0, "max": 30},
    authority=10,
    approvals=[
        {"up_to": 15, "approver": "Regional sales director"},
        {"up_to": 25, "approver": "VP Sales"},
    ],
)
CONTRACT = term(
    unit="months",
    direction="higher",
    limits={"min": 12, "max": 60},
    authority=24,
    approvals=[{"up_to": 12, "approver": "CFO"}],
)
SUPPORT = term(
    unit="choice",
    options=["standard", "premium", "platinum"],
    authority="premium",
    approvals=[{"up_to": "platinum", "approver": "VP Customer Success"}],
)
CASE_STUDY = term(unit="yes_no", direction="higher", authority=True)


@pytest.mark.parametrize(
    ("subject", "value", "inside"),
    [
        (DISCOUNT, Decimal(0), True),
        (DISCOUNT, Decimal(30), True),
        (DISCOUNT, Decimal("30.01"), False),
        (DISCOUNT, Decimal(-1), False),
        (DISCOUNT, True, False),  # a yes/no answer on a numeric term
        (DISCOUNT, "ten", False),
        (CONTRACT, Decimal(11), False),
        (CONTRACT, Decimal(36), True),
        (SUPPORT, "premium", True),
        (SUPPORT, "gold", False),
        (SUPPORT, Decimal(1), False),
        (CASE_STUDY, False, True),
        (CASE_STUDY, Decimal(1), False),
    ],
)
def test_within_limits(subject: Term, value: object, inside: bool) -> None:
    assert subject.within_limits(value) is inside


@pytest.mark.parametrize(
    ("subject", "value", "past"),
    [
        (DISCOUNT, Decimal(10), False),  # at the authority is within it
        (DISCOUNT, Decimal("10.5"), True),
        (DISCOUNT, Decimal(5), False),
        (CONTRACT, Decimal(24), False),
        (CONTRACT, Decimal(18), True),  # higher is better: shorter is worse
        (CONTRACT, Decimal(36), False),
        (SUPPORT, "standard", False),
        (SUPPORT, "platinum", True),  # options are listed best first
        (CASE_STUDY, True, False),
        (CASE_STUDY, False, True),
        (DISCOUNT, "ten", False),  # a value the term cannot read is never "past"
    ],
)
def test_past_authority(subject: Term, value: object, past: bool) -> None:
    assert subject.past_authority(value) is past


@pytest.mark.parametrize(
    ("subject", "value", "approver"),
    [
        (DISCOUNT, Decimal(12), "Regional sales director"),
        (DISCOUNT, Decimal(15), "Regional sales director"),
        (DISCOUNT, Decimal(20), "VP Sales"),
        (DISCOUNT, Decimal(28), None),  # beyond the ladder
        (CONTRACT, Decimal(12), "CFO"),
        (SUPPORT, "platinum", "VP Customer Success"),
    ],
)
def test_approver_for(subject: Term, value: object, approver: str | None) -> None:
    rung = subject.approver_for(value)
    assert (rung.approver if rung else None) == approver


def test_better_says_which_way_is_better() -> None:
    assert DISCOUNT.better == "lower is better for us"
    assert CONTRACT.better == "higher is better for us"
    assert SUPPORT.better == "options listed best first"
    assert CASE_STUDY.better == "'yes' is better for us"


@pytest.mark.parametrize(
    ("subject", "value", "than", "worse"),
    [
        (DISCOUNT, Decimal(12), Decimal(10), True),  # lower is better
        (DISCOUNT, Decimal(10), Decimal(10), False),
        (DISCOUNT, Decimal(8), Decimal(10), False),
        (CONTRACT, Decimal(12), Decimal(24), True),  # higher is better
        (CONTRACT, Decimal(36), Decimal(24), False),
        (SUPPORT, "platinum", "premium", True),  # options best first
        (SUPPORT, "standard", "premium", False),
        (CASE_STUDY, False, True, True),
        (DISCOUNT, "ten", Decimal(10), False),  # a value that does not fit is never worse
        (DISCOUNT, Decimal(12), None, False),
    ],
)
def test_worse(subject: Term, value: object, than: object, worse: bool) -> None:
    assert subject.worse(value, than) is worse
