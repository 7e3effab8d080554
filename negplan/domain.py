"""The vocabulary of plans and playbooks: enumerations, position values and how positions are
shown. The models (:mod:`negplan.models`) use it for their fields; rules, economics and the brief
for their messages."""

from __future__ import annotations

import enum
from decimal import Decimal

#: The file-format version this release reads.
FORMAT_VERSION = 1

#: A position on a term: a number, true/false for a yes/no term, or a choice term's option.
PositionType = bool | Decimal | str


class Level(str, enum.Enum):
    """A three-step scale (influence, priority, how much the buyer values a term, cost)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for low, 1 for medium, 2 for high."""
        return {"low": 0, "medium": 1, "high": 2}[self.value]


class Status(str, enum.Enum):
    """Whether something is a guess or has been confirmed with the buyer."""

    ESTIMATED = "estimated"
    VALIDATED = "validated"


class Stance(str, enum.Enum):
    """A counterpart's attitude to the deal."""

    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    BLOCKER = "blocker"


class Priority(str, enum.Enum):
    """How much a goal matters."""

    MUST = "must"
    SHOULD = "should"
    NICE = "nice"


class AlignmentStatus(str, enum.Enum):
    """Where an internal sign-off stands."""

    AGREED = "agreed"
    PENDING = "pending"
    DISPUTED = "disputed"


class Result(str, enum.Enum):
    """How the negotiation ended (for now)."""

    WON = "won"
    LOST = "lost"
    NO_DECISION = "no_decision"
    WALKED_AWAY = "walked_away"
    OPEN = "open"


class Trend(str, enum.Enum):
    """How the relationship came out of the meeting."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


class Unit(str, enum.Enum):
    """What a term is measured in."""

    PERCENT = "percent"
    DAYS = "days"
    MONTHS = "months"
    MONEY = "money"
    COUNT = "count"
    CHOICE = "choice"
    YES_NO = "yes_no"

    @property
    def numeric(self) -> bool:
        """Whether positions on this unit are numbers."""
        return self is not _CHOICE and self is not _YES_NO


# Enum members read from module constants: ``Unit.CHOICE`` is a slow class lookup, and term
# logic runs hundreds of times per plan.
_CHOICE = Unit.CHOICE
_YES_NO = Unit.YES_NO


class Direction(str, enum.Enum):
    """Which way is better for us on a term."""

    LOWER = "lower"
    HIGHER = "higher"


class TradeLevel(str, enum.Enum):
    """The three levels of trades: price and volume, terms and conditions, creative trades."""

    PRICE = "price"
    TERMS = "terms"
    CREATIVE = "creative"


class Positioning(str, enum.Enum):
    """How the company competes; the negotiation strategy follows from it."""

    VALUE = "value"
    INNOVATION = "innovation"
    COST = "cost"
    SERVICE = "service"
    QUALITY = "quality"


class ValueBasis(str, enum.Enum):
    """What a value model's amounts are measured in."""

    MONEY = "money"
    LIST = "list"
    LIST_MONTHS = "list_months"
    CAPITAL = "capital"


def format_value(value: bool | Decimal | str | None, unit: str | None = None) -> str:
    """Render a position for messages and briefs: ``12%``, ``60 days``, ``yes``."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        text = _number(value)
        suffix = {"percent": "%", "days": " days", "months": " months"}.get(unit or "", "")
        if unit == "money":
            return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
        return text + suffix
    return value


def _number(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{value:.0f}"
    return format(value.normalize(), "f")
