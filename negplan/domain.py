"""The vocabulary of plans and playbooks that needs no pydantic: enumerations, position values
and the term logic shared by the pydantic models and the fast records of ``check``."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

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


# Enum members read from module constants: ``Unit.CHOICE`` is a slow class lookup, and the
# term logic runs hundreds of times per plan.
_CHOICE = Unit.CHOICE
_YES_NO = Unit.YES_NO


class Direction(str, enum.Enum):
    """Which way is better for us on a term."""

    LOWER = "lower"
    HIGHER = "higher"


_HIGHER = Direction.HIGHER


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


def is_trade(value: object) -> bool:
    """Whether a concession's ``give``/``get`` is a ``{term, value}`` trade (not text or
    nothing)."""
    return value is not None and not isinstance(value, str)


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


class TermLogic:
    """How a term orders and judges positions; shared by the ``Term`` model and its record."""

    if TYPE_CHECKING:
        unit: Unit
        direction: Direction | None
        options: list[str]
        limits: Any
        authority: PositionType | None
        approvals: Sequence[Any]

    def badness(self, value: object) -> Decimal | None:
        """Map a position to a number that grows the worse it is for us.

        Returns ``None`` when the value does not fit the term (wrong type, unknown option).
        """
        unit = self.unit
        if unit is _CHOICE:
            if isinstance(value, str) and value in self.options:
                return Decimal(self.options.index(value))
            return None
        if unit is _YES_NO:
            if not isinstance(value, bool):
                return None
            flag = Decimal(int(value))
            return -flag if self.direction is _HIGHER else flag
        if isinstance(value, bool) or not isinstance(value, Decimal):
            return None
        return -value if self.direction is _HIGHER else value

    def within_limits(self, value: object) -> bool:
        """Whether a position is allowed at all (inside hard limits, or a known option)."""
        if type(value) is Decimal:  # the common case, answered without badness()
            unit = self.unit
            if unit is _CHOICE or unit is _YES_NO:
                return False
            limits = self.limits
            return limits is None or bool(limits.min <= value <= limits.max)
        if self.badness(value) is None:
            return False
        if self.unit.numeric and self.limits is not None:
            assert isinstance(value, Decimal)
            return bool(self.limits.min <= value <= self.limits.max)
        return True

    def past_authority(self, value: object) -> bool:
        """Whether a position goes past what the rep may agree alone."""
        authority = self.authority
        if type(value) is Decimal and type(authority) is Decimal:  # numbers, compared as is
            unit = self.unit
            if unit is _CHOICE or unit is _YES_NO:
                return False
            return value < authority if self.direction is _HIGHER else value > authority
        bad = self.badness(value)
        limit = self.badness(self.authority)
        return bad is not None and limit is not None and bad > limit

    def approver_for(self, value: object) -> Any:
        """The approval rung that covers a position past authority (None if none does)."""
        bad = self.badness(value)
        if bad is None:
            return None
        for rung in self.approvals:
            limit = self.badness(rung.up_to)
            if limit is not None and bad <= limit:
                return rung
        return None

    @property
    def better(self) -> str:
        """Which way is better for us, in words."""
        if self.unit is Unit.CHOICE:
            return "options listed best first"
        if self.unit is Unit.YES_NO:
            return (
                "'no' is better for us"
                if self.direction is not Direction.HIGHER
                else ("'yes' is better for us")
            )
        return f"{(self.direction or Direction.LOWER).value} is better for us"


class PlaybookLogic:
    """Lookups on a playbook; shared by the ``Playbook`` model and its record."""

    if TYPE_CHECKING:
        terms: Sequence[Any]

    @property
    def term_map(self) -> dict[str, Any]:
        """Terms by id (the first one wins if an id is repeated)."""
        cached: dict[str, Any] | None = self.__dict__.get("_term_map")
        if cached is None:
            cached = {}
            for term in self.terms:
                cached.setdefault(term.id, term)
            self.__dict__["_term_map"] = cached
        return cached
