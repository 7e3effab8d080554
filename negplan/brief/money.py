"""The brief's deal economics and concession ladder, from the same pricing as ``negplan value``.

Amounts are the ones :func:`negplan.pricing.analyse` computes, rounded half up to whole
currency units for the page (``negplan value`` shows the same amounts to the cent);
percentages are rounded as ``negplan value`` rounds them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, NamedTuple

from negplan.brief.data import EconomicsInfo, EconomicsRow, SignoffRow
from negplan.brief.terms import DOES_NOT_COVER, NOT_ASKED, entry_row
from negplan.brief.text import clean
from negplan.economics import DealEconomics, PackageStatus, Scenario, format_percent
from negplan.signoffs import assess, entries_for, package_ladder

if TYPE_CHECKING:
    from datetime import date

    from negplan.models.plan import Plan
    from negplan.models.playbook import Playbook

_HUNDRED = Decimal(100)


def whole(amount: Decimal, currency: str) -> str:
    """Money in whole units, rounded half up: ``EUR 409,122``."""
    rounded = int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{currency} {rounded:,}"


def short_money(amount: Decimal) -> str:
    """A compact amount for a chart label: ``850``, ``3k``, ``14.4k``, ``1.2M``."""
    value = abs(amount)
    for size, suffix in ((Decimal(1_000_000), "M"), (Decimal(1_000), "k")):
        if value >= size:
            scaled = (value / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            text = f"{scaled:f}".removesuffix(".0")
            return f"{'-' if amount < 0 else ''}{text}{suffix}"
    return f"{int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))}"


def _years(years: Decimal) -> str:
    shown = f"{years.quantize(Decimal('0.01')).normalize():f}"
    return f"{shown} year{'' if years == 1 else 's'}"


def priced(economics: DealEconomics) -> bool:
    """Whether the playbook prices any of the plan's positions (else every figure is list)."""
    return any(v.amount is not None for s in economics.scenarios for v in s.valuations)


def economics_info(
    economics: DealEconomics, plan: Plan, playbook: Playbook, today: date
) -> EconomicsInfo:
    """The deal-economics table at target and at walk-away, the floor and who must approve
    the walk-away package (and whether a sign-off covers it, as NP702 reads it, on ``today``)."""
    cur = economics.currency
    if not priced(economics):
        return EconomicsInfo(
            cur,
            (),
            None,
            False,
            "The playbook prices none of these terms, so the package has no price.",
            "none",
            None,
            priced=False,
        )
    target, walk = economics.scenario("target"), economics.scenario("walk_away")
    rows = (
        EconomicsRow("List value", _list(target, cur), _list(walk, cur)),
        EconomicsRow("Net value", _net(target, cur), _net(walk, cur)),
        EconomicsRow("Concession", _concession(target, cur), _concession(walk, cur)),
    )
    package = economics.package
    floor = None
    if package.floor is not None:
        amount = whole(package.floor * walk.list_total / _HUNDRED, cur)
        floor = f"Floor {format_percent(package.floor)} of list ({amount} at walk-away)"
    text, state, signoff = _package(economics, plan, playbook, today)
    return EconomicsInfo(cur, rows, floor, package.below_floor, text, state, signoff)


def _list(scenario: Scenario, currency: str) -> str:
    return f"{whole(scenario.list_total, currency)} ({_years(scenario.years)})"


def _net(scenario: Scenario, currency: str) -> str:
    return f"{whole(scenario.net, currency)} ({format_percent(scenario.share)})"


def _concession(scenario: Scenario, currency: str) -> str:
    return f"{whole(scenario.concession, currency)} ({format_percent(scenario.concession_share)})"


def _package(
    economics: DealEconomics, plan: Plan, playbook: Playbook, today: date
) -> tuple[str, str, SignoffRow | None]:
    """The walk-away package's standing in words, its state and its sign-off row."""
    package = economics.package
    authority = format_percent(package.authority)
    status = package.status
    if status is PackageStatus.BELOW_FLOOR:
        return "Walk-away package below the floor: no one may approve it", "attention", None
    if status is PackageStatus.WITHIN_AUTHORITY:
        return f"Walk-away package within the rep's authority ({authority} of list)", "ok", None
    if status is PackageStatus.NOT_SET:
        return "The playbook sets no package authority", "none", None
    approver = package.approver or "the deal desk"
    if status is PackageStatus.NO_APPROVER:
        text = "Walk-away package past every approver on the package ladder"
    else:
        text = f"Walk-away package needs {approver} (rep's authority {authority} of list)"
    what = f"Walk-away package ({format_percent(package.share)} of list conceded)"
    entries = entries_for(plan, None)
    verdict = None
    if playbook.economics is not None and entries and package.share is not None:
        ladder = package_ladder(playbook.economics)
        verdict = assess(plan, entries, ladder, package.share, today)
    if verdict is None or verdict.index is None:
        row = SignoffRow(approver, what, NOT_ASKED, False, None, None, attention=True)
    else:
        row = entry_row(plan.alignment[verdict.index], what, needed=True)
        row = row._replace(done=verdict.covered, attention=not verdict.covered)
        if verdict.problem is not None:
            row = row._replace(status=DOES_NOT_COVER, notes=clean(verdict.problem[1]))
    if status is PackageStatus.NO_APPROVER:
        row = row._replace(done=False, attention=True)
    return text, "covered" if row.done else "attention", row


class Step(NamedTuple):
    """One step of the concession ladder, for the chart and the concession table.

    ``given`` is the value the give costs us in percent of list (``None`` when it is not
    priced), ``kept`` the share of list value kept after the whole step.
    """

    number: int
    given: float | None
    given_label: str | None
    kept: float | None


class Ladder(NamedTuple):
    """The ladder's figures: the standard deal's share of list (where ``negplan value``'s
    concession path starts), then each step."""

    start: float | None
    steps: tuple[Step, ...]
    floor: float | None
    given: tuple[str | None, ...]
    kept: tuple[str | None, ...]
    start_text: str | None = None


def ladder(economics: DealEconomics) -> Ladder:
    """Step sizes and value kept along the concession path (as ``negplan value`` prices it)."""
    cur = economics.currency
    steps: list[Step] = []
    given_text: list[str | None] = []
    kept_text: list[str | None] = []
    for step in economics.path[1:]:
        worth = step.give.worth if step.give is not None else None
        size = None
        label = None
        shown = None
        if worth is not None and step.list_total:
            size = float(-worth * _HUNDRED / step.list_total)
            label = short_money(-worth)
            shown = whole(-worth, cur)
        share = step.share
        steps.append(Step(step.number, size, label, float(share) if share is not None else None))
        given_text.append(shown)
        kept_text.append(format_percent(share) if share is not None else None)
    start = economics.path[0].share if economics.path else None
    floor = economics.package.floor
    return Ladder(
        float(start) if start is not None else None,
        tuple(steps),
        float(floor) if floor is not None else None,
        tuple(given_text),
        tuple(kept_text),
        format_percent(start) if start is not None else None,
    )
