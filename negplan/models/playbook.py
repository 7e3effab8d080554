"""The playbook: the company's term library, strategy and rule settings (``kind: playbook``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictBool, StringConstraints

from negplan.currencies import iso_currency
from negplan.domain import Direction, Positioning, TradeLevel, Unit, ValueBasis
from negplan.findings import Severity
from negplan.models.common import Level, Model, NonNegative, Number, Percent, PositionValue

__all__ = [
    "Direction",
    "Level",
    "Playbook",
    "Positioning",
    "Term",
    "TradeLevel",
    "Unit",
    "ValueBasis",
]

_CHOICE = Unit.CHOICE
_YES_NO = Unit.YES_NO
_HIGHER = Direction.HIGHER

Currency = Annotated[
    str, StringConstraints(to_upper=True, pattern=r"^[A-Z]{3}$"), AfterValidator(iso_currency)
]
TermId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class Limits(Model):
    """Hard limits of a numeric term: no plan may go outside them."""

    min: Number = Field(description="Smallest allowed value.")
    max: Number = Field(description="Largest allowed value.")


class Approval(Model):
    """One rung of the escalation ladder: positions up to ``up_to`` need ``approver``."""

    up_to: PositionValue = Field(
        description="The furthest position (in the worse-for-us direction) this approver can "
        "sign off."
    )
    approver: str = Field(description="Who signs off, e.g. 'Regional sales director'.")


class ValueModel(Model):
    """What moving on a term is worth to us, in money (the term's ``worth:``)."""

    basis: ValueBasis = Field(
        ValueBasis.MONEY,
        description="What the amounts are: `money` (in the playbook currency), `list` (percent "
        "of the deal's annual list value), `list_months` (months of list value, i.e. annual "
        "list value / 12) or `capital` (days of the playbook's cost of capital on the annual "
        "list value; days terms only, no `per_unit`).",
    )
    per_unit: NonNegative | None = Field(
        None,
        description="Numeric and yes/no terms: what one unit of movement is worth to us; each "
        "unit in the worse-for-us direction loses it, each unit in the better direction gains "
        "it. For a yes/no term the unit is 'yes' against 'no'.",
    )
    options: dict[str, Number] | None = Field(
        None,
        description="Choice terms: the value to us of each option (negative when it costs us), "
        "e.g. {standard: 0, premium: -2}.",
    )
    base: PositionValue | None = Field(
        None,
        description="The position worth nothing (default 0 for numeric terms, no for yes/no "
        "terms), e.g. 30 for payment terms when list price assumes 30 days.",
    )
    per_year: StrictBool = Field(
        False, description="The amount recurs in every contract year (else it counts once)."
    )
    note: str | None = Field(None, description="Where the figure comes from, for reviewers.")


class Term(Model):
    """A tradeable term in the company's library."""

    id: TermId = Field(description="Stable identifier used by plans, e.g. `discount`.")
    name: str = Field(description="Human name, e.g. 'Discount off list price'.")
    description: str | None = Field(None, description="What the term means, for reps.")
    level: TradeLevel = Field(
        description="Trade level: price (price/volume), terms (terms and conditions) or "
        "creative (references, case studies, roadmap input...)."
    )
    unit: Unit = Field(description="percent, days, months, money, count, choice or yes_no.")
    direction: Direction | None = Field(
        None,
        description="Which way is better for us: `lower` (e.g. discount) or `higher` "
        "(e.g. contract months). Required for numeric and yes/no terms; choice terms list "
        "their options best-first instead.",
    )
    limits: Limits | None = Field(
        None, description="Hard limits (numeric terms): no plan may go outside them."
    )
    options: list[str] = Field(
        default_factory=list,
        description="Choice terms: the allowed options, best for us first.",
    )
    standard: PositionValue | None = Field(
        None,
        description="The standard position: what a deal gets with no negotiation (e.g. 30 "
        "for payment terms). New plans open from it, and `negplan value` measures gives and "
        "gets against it. Inside the limits and within the rep's authority.",
    )
    authority: PositionValue | None = Field(
        None, description="How far a rep may go alone; beyond it needs approval."
    )
    approvals: list[Approval] = Field(
        default_factory=list,
        description="Escalation ladder past the rep's authority, nearest approver first.",
    )
    owner: str = Field(description="The function that owns the term (sales, finance, legal...).")
    priority: int = Field(
        ge=1,
        description="Protection priority: 1 is protected most and traded last; higher numbers "
        "are traded earlier.",
    )
    cost: Level = Field(description="What moving on this term costs us: low, medium or high.")
    required: StrictBool = Field(False, description="Every plan must include this term.")
    worth: ValueModel | None = Field(
        None,
        description="Value model: what moving on this term is worth to us in money, so that "
        "a package of concessions can be priced as one total.",
    )

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
        if self.badness(value) is None:
            return False
        if self.unit.numeric and self.limits is not None:
            assert isinstance(value, Decimal)
            return self.limits.min <= value <= self.limits.max
        return True

    def worse(self, value: object, than: object) -> bool:
        """Whether ``value`` is worse for us than ``than`` (False if either does not fit)."""
        bad, limit = self.badness(value), self.badness(than)
        return bad is not None and limit is not None and bad > limit

    def past_authority(self, value: object) -> bool:
        """Whether a position goes past what the rep may agree alone."""
        bad = self.badness(value)
        limit = self.badness(self.authority)
        return bad is not None and limit is not None and bad > limit

    def approver_for(self, value: object) -> Approval | None:
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
                "'yes' is better for us" if self.direction is _HIGHER else "'no' is better for us"
            )
        return f"{(self.direction or Direction.LOWER).value} is better for us"


class Strategy(Model):
    """The company's positioning and what it implies for negotiation."""

    positioning: Positioning = Field(description="value, innovation, cost, service or quality.")
    statement: str | None = Field(None, description="The positioning in one or two sentences.")
    principles: list[str] = Field(default_factory=list, description="Negotiation principles.")
    dont_lead_with: list[str] = Field(
        default_factory=list,
        description="Term ids that must never be the first concession (e.g. `discount`).",
    )


class Requirements(Model):
    """What every plan must contain."""

    min_interests: int = Field(2, ge=0, description="Minimum number of buyer interests.")
    min_questions: int = Field(3, ge=0, description="Minimum number of questions to ask.")
    min_asks: int = Field(1, ge=0, description="Minimum number of anticipated buyer asks.")
    min_criteria: int = Field(1, ge=0, description="Minimum number of objective criteria.")
    pending_alignment_days: int = Field(
        3,
        ge=0,
        description="An alignment still pending this many days (or fewer) before the meeting "
        "is flagged.",
    )
    debrief_days: int = Field(
        7,
        ge=0,
        description="Days after the meeting by which a debrief of the plan is due (NP809).",
    )
    debrief_reasons: list[str] = Field(
        default_factory=list,
        description="Reason codes a debrief's `reason:` must use, e.g. `price`, `timing` "
        "(empty: any short text).",
    )
    sections: list[
        Literal[
            "team",
            "counterparts",
            "goals",
            "value",
            "interests",
            "alternatives",
            "criteria",
            "concessions",
            "asks",
            "questions",
            "alignment",
        ]
    ] = Field(
        default_factory=list,
        description="Plan sections that must not be empty.",
    )


class BriefSettings(Model):
    """Optional settings for the one-page brief."""

    title: str | None = Field(None, description="Title printed above every brief.")
    template: str | None = Field(
        None, description="A jinja2 template for the brief, relative to the playbook file."
    )


class PackageApproval(Model):
    """One rung of the package ladder: a total concession up to ``up_to`` needs ``approver``."""

    up_to: Percent = Field(
        description="The largest total concession (percent of list value) this approver can "
        "sign off.",
    )
    approver: str = Field(description="Who signs off, e.g. 'VP Sales'.")


class EconomicsSettings(Model):
    """Deal economics: how the playbook prices a package of concessions (``economics:``)."""

    contract_term: TermId | None = Field(
        None,
        description="The months term whose position gives the contract length, e.g. "
        "`contract_length`; plans without it use `deal.contract_years`, else one year.",
    )
    cost_of_capital: Percent | None = Field(
        None,
        description="Yearly cost of capital in percent, used by `capital` value models "
        "(e.g. payment terms).",
    )
    floor: Percent | None = Field(
        None,
        description="Minimum net value of the walk-away package, in percent of list value; "
        "nobody may approve less.",
    )
    authority: Percent | None = Field(
        None,
        description="Total concession (percent of list value) a rep may plan alone.",
    )
    approvals: list[PackageApproval] = Field(
        default_factory=list,
        description="Escalation ladder for the total concession past the rep's authority, "
        "nearest approver first.",
    )


class Playbook(Model):
    """A company playbook (``kind: playbook``)."""

    kind: Literal["playbook"] = Field(description="Always `playbook`.")
    version: Literal[1] = Field(description="File-format version; this release reads 1.")
    company: str = Field(description="Company name.")
    currency: Currency = Field(description="Default ISO 4217 currency code, e.g. EUR.")
    updated: date | None = Field(None, description="When the playbook was last revised.")
    strategy: Strategy = Field(description="Positioning and negotiation strategy.")
    terms: list[Term] = Field(min_length=1, description="The term library.")
    requirements: Requirements = Field(
        default_factory=Requirements, description="What every plan must contain."
    )
    rules: dict[str, Severity] = Field(
        default_factory=dict,
        description="Per-rule severity overrides: rule code -> off, info, warning or error.",
    )
    brief: BriefSettings | None = Field(None, description="Brief settings.")
    economics: EconomicsSettings | None = Field(
        None,
        description="Deal economics: contract term, cost of capital, package floor and "
        "approval ladder.",
    )

    @cached_property
    def term_map(self) -> dict[str, Term]:
        """Terms by id (the first one wins if an id is repeated)."""
        found: dict[str, Term] = {}
        for term in self.terms:
            found.setdefault(term.id, term)
        return found
