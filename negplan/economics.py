"""Deal economics: what each position and the whole package are worth to us, in money.

Each playbook term may carry a value model (``worth:``). With the plan's annual list value and
contract length, every position on a valued term becomes an amount of money (negative when it
costs us), and a package of positions becomes one net value:

    net value = annual list value × contract years + the sum of the positions' values

Scenarios price the opening, target and walk-away packages (every variable at that position at
once); the concession path prices the package after each planned give and get, starting from
the standard deal: every variable at its baseline (the playbook's standard position, else the
value model's base), so that each give and get is measured against what the deal would be
without it (see :func:`negplan.pricing.baseline`). Amounts are exact
:class:`~decimal.Decimal` values; they are rounded (half up, to cents) only when shown.

This module holds what the prices are and how they are shown; :mod:`negplan.pricing` works
them out for a plan (:func:`~negplan.pricing.analyse`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

#: The scenarios, in order, with their display labels.
SCENARIOS = {"opening": "opening", "target": "target", "walk_away": "walk-away"}
#: The alignment ``topic`` that records the sign-off of the total concession.
PACKAGE_TOPIC = "package"

_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)

Position = bool | Decimal | str
State = Mapping[str, Position | None]
Package_ = tuple[tuple[str, Position | None], ...]


class PackageStatus(str, enum.Enum):
    """Where the walk-away package stands against the playbook's package authority."""

    WITHIN_AUTHORITY = "within-authority"
    NEEDS_APPROVAL = "needs-approval"
    NO_APPROVER = "no-approver"
    BELOW_FLOOR = "below-floor"
    NOT_SET = "not-set"


class Valuation(NamedTuple):
    """One term at one position: its value to us, or why it has none."""

    term: str
    position: Position | None
    amount: Decimal | None
    reason: str | None = None


class Scenario(NamedTuple):
    """A whole package priced at once: every variable at its opening, target or walk-away."""

    name: str
    years: Decimal
    list_total: Decimal
    valuations: tuple[Valuation, ...]
    net: Decimal

    @property
    def label(self) -> str:
        """``opening``, ``target`` or ``walk-away``."""
        return SCENARIOS.get(self.name, self.name)

    @property
    def share(self) -> Decimal | None:
        """Net value in percent of the list value (None when the list value is zero)."""
        return share_of(self.net, self.list_total)

    @property
    def concession(self) -> Decimal:
        """Value given away against list (negative when the package gains us value)."""
        return self.list_total - self.net

    @property
    def concession_share(self) -> Decimal | None:
        """The total concession in percent of list value."""
        return share_of(self.concession, self.list_total)


class Move(NamedTuple):
    """One side of a planned trade: a term moved to a position, or a commitment (as text).

    ``worth`` is the change in the running net value the move makes, measured from the
    baseline package (None for a commitment or an unvalued term).
    """

    term: str | None
    position: Position | None
    text: str | None
    worth: Decimal | None


class Step(NamedTuple):
    """The package after one planned concession (step 0 is the baseline package)."""

    number: int
    give: Move | None
    get: Move | None
    years: Decimal
    list_total: Decimal
    net: Decimal

    @property
    def share(self) -> Decimal | None:
        """Net value in percent of the list value."""
        return share_of(self.net, self.list_total)


@dataclass(frozen=True)
class Package:
    """The walk-away package against the playbook's floor and package approval ladder."""

    concession: Decimal
    share: Decimal | None
    floor: Decimal | None
    authority: Decimal | None
    status: PackageStatus
    approver: str | None = None

    @property
    def below_floor(self) -> bool:
        """Whether the walk-away package nets less than the floor."""
        return self.status is PackageStatus.BELOW_FLOOR


@dataclass(frozen=True)
class DealEconomics:
    """Everything ``negplan value`` shows for one plan."""

    currency: str
    list_value: Decimal
    contract_source: str
    scenarios: tuple[Scenario, ...]
    path: tuple[Step, ...]
    package: Package

    def scenario(self, name: str) -> Scenario:
        """The ``opening``, ``target`` or ``walk_away`` scenario."""
        return next(s for s in self.scenarios if s.name == name)


@dataclass(frozen=True)
class Economics:
    """The compact deal-economics summary a brief shows on one line."""

    currency: str
    list_value: Decimal
    target_net: Decimal
    target_share: Decimal | None
    walk_away_net: Decimal
    walk_away_share: Decimal | None
    floor: Decimal | None
    status: PackageStatus
    approver: str | None

    @property
    def below_floor(self) -> bool:
        """Whether the walk-away package nets less than the playbook's floor."""
        return self.status is PackageStatus.BELOW_FLOOR

    @property
    def line(self) -> str:
        """One line, e.g. ``net value at target EUR 696,000 (96.67% of list); ...``."""
        target = _money_share(self.target_net, self.target_share, self.currency)
        walk = _money_share(self.walk_away_net, self.walk_away_share, self.currency)
        return f"net value at target {target}; at walk-away {walk}; {describe(self)}"


def describe(package: Package | Economics) -> str:
    """The package status in words, e.g. ``below the 80% floor``."""
    floor = f"{format_percent(package.floor)} floor" if package.floor is not None else None
    status = package.status
    if status is PackageStatus.BELOW_FLOOR:
        return f"walk-away package below the {floor}"
    if status is PackageStatus.NEEDS_APPROVAL:
        text = f"walk-away package needs {package.approver}"
    elif status is PackageStatus.NO_APPROVER:
        text = "walk-away package past every approver on the package ladder"
    elif status is PackageStatus.WITHIN_AUTHORITY:
        text = "walk-away package within the rep's authority"
    else:
        text = "no package authority set"
    return f"{text} ({floor})" if floor else text


def format_money(amount: Decimal, currency: str) -> str:
    """Money for people: ISO code, a space, ``,`` thousands and ``.`` cents when not zero.

    ``EUR 216,000``, ``EUR -1,578.08``; rounded half up to cents, independent of the locale.
    """
    rounded = cents(amount)
    if rounded == 0:
        rounded = Decimal(0)
    text = f"{rounded:,.2f}"
    if text.endswith(".00"):
        text = text[:-3]
    return f"{currency} {text}"


def format_percent(value: Decimal | None) -> str:
    """A percentage rounded half up to two decimals, trailing zeros dropped: ``83.73%``."""
    if value is None:
        return "—"
    rounded = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = Decimal(0)
    text = f"{rounded:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def cents(amount: Decimal) -> Decimal:
    """An amount rounded half up to cents (for display and JSON only)."""
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP)


def percent(value: Decimal) -> Decimal:
    """A percentage rounded half up to two decimals (for display and JSON only)."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def share_of(amount: Decimal, whole: Decimal) -> Decimal | None:
    """``amount`` as a percentage of ``whole`` (None when ``whole`` is zero)."""
    return None if whole == 0 else amount * _HUNDRED / whole


def _money_share(amount: Decimal, share: Decimal | None, currency: str) -> str:
    text = format_money(amount, currency)
    return f"{text} ({format_percent(share)} of list)" if share is not None else text
