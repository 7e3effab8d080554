"""A negotiation plan written by a rep for one deal (``kind: plan``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, StrictBool, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from negplan.domain import AlignmentStatus, Priority, Stance
from negplan.models.common import Level, Model, NonNegative, PositionValue, Positive, Status
from negplan.models.playbook import Currency

__all__ = [
    "Alignment",
    "AlignmentStatus",
    "Commitment",
    "Concession",
    "Level",
    "Plan",
    "Priority",
    "Stance",
    "Status",
    "Trade",
    "Variable",
]


class Deal(Model):
    """Identifies the negotiation."""

    title: str = Field(description="Deal title, e.g. '2027 renewal'.")
    customer: str = Field(description="Customer (buyer) name.")
    owner: str = Field(description="The rep who owns the deal.")
    region: str | None = Field(None, description="Sales region, e.g. EMEA.")
    segment: str | None = Field(None, description="Customer segment, e.g. enterprise.")
    currency: Currency | None = Field(
        None, description="ISO 4217 currency code; defaults to the playbook's currency."
    )
    list_value: NonNegative | None = Field(
        None, description="Annual list value of the deal, in the deal currency."
    )
    contract_years: Positive | None = Field(
        None,
        description="Contract length in years, for deal economics when the plan has no "
        "variable for the playbook's contract term (default 1).",
    )
    meeting: dt.date | None = Field(None, description="Date of the negotiation meeting.")
    close: dt.date | None = Field(None, description="Expected close date.")


class Member(Model):
    """Someone on our side."""

    name: str = Field(description="Name.")
    role: str | None = Field(None, description="Role in this negotiation.")


class Team(Model):
    """Our side: who leads, who decides, who is involved."""

    lead: str | None = Field(None, description="Who leads the negotiation.")
    decision_maker: str | None = Field(None, description="Who decides on our side.")
    members: list[Member] = Field(default_factory=list, description="Other people involved.")


class Counterpart(Model):
    """Someone on the buyer's side."""

    name: str = Field(description="Name.")
    role: str | None = Field(None, description="Job title or role in the buying group.")
    influence: Level | None = Field(None, description="Influence on the decision.")
    stance: Stance | None = Field(
        None, description="champion, supporter, neutral, skeptic or blocker."
    )
    decision_maker: StrictBool = Field(False, description="Whether this person decides.")
    notes: str | None = Field(None, description="Anything else worth knowing.")


class Objective(Model):
    """What this meeting is for: the outcome we want and the commitment we ask for."""

    outcome: str | None = Field(
        None,
        description="What we want out of this meeting, e.g. 'agreement in principle on a "
        "three-year package'.",
    )
    next_step: str | None = Field(
        None,
        description="The commitment or next step we ask for at the end of the meeting: who "
        "does what, by when.",
    )


class Goal(Model):
    """What a great deal looks like, one goal at a time."""

    goal: str = Field(description="The goal.")
    priority: Priority = Field(Priority.SHOULD, description="must, should or nice.")


class Value(Model):
    """Why the buyer should choose us: value before price."""

    statement: str | None = Field(
        None, description="How we meet their needs better and with less risk than alternatives."
    )
    proof_points: list[str] = Field(
        default_factory=list, description="Evidence: results, references, benchmarks."
    )

    @field_validator("proof_points", mode="before")
    @classmethod
    def _empty_list(cls, value: Any) -> Any:
        return [] if value is None else value


class Interest(Model):
    """A buyer interest: the need behind a position."""

    interest: str = Field(description="The need, in the buyer's terms.")
    holder: str | None = Field(None, description="Who holds it.")
    priority: Level | None = Field(None, description="How much it matters to them.")
    evidence: str | None = Field(None, description="Where we learned it.")
    status: Status = Field(Status.ESTIMATED, description="estimated or validated.")


class OwnInterest(Model):
    """One of our own interests: what we need from the deal, behind our positions."""

    interest: str = Field(description="What we need, e.g. 'a reference customer in logistics'.")
    priority: Level | None = Field(None, description="How much it matters to us.")


class Alternative(Model):
    """What a side does if there is no deal."""

    description: str = Field(description="The alternative and its consequences.")
    status: Status = Field(Status.ESTIMATED, description="estimated or validated.")
    evidence: str | None = Field(None, description="Where we learned it.")


class Alternatives(Model):
    """Both sides' alternatives to a deal (BATNA)."""

    ours: Alternative | None = Field(None, description="Our alternative to this deal.")
    theirs: Alternative | None = Field(None, description="The buyer's alternative.")


class Criterion(Model):
    """An objective standard that makes our opening defensible."""

    standard: str = Field(description="The benchmark, published price or precedent.")
    source: str | None = Field(None, description="Where it comes from.")


class Variable(Model):
    """Our positions on one tradeable term."""

    term: str = Field(description="The playbook term id, e.g. `discount`.")
    opening: PositionValue | None = Field(None, description="Opening position (the anchor).")
    target: PositionValue | None = Field(None, description="What a great deal looks like.")
    walk_away: PositionValue | None = Field(None, description="The worst acceptable position.")
    buyer_value: Level | None = Field(None, description="How much the buyer values this term.")
    firm: StrictBool = Field(
        False,
        description="The term is held firm: no movement planned (give the one position as "
        "`target`, or the same value as opening, target and walk-away).",
    )
    notes: str | None = Field(None, description="Reasoning, for the brief.")

    @model_validator(mode="before")
    @classmethod
    def _one_firm_position(cls, data: Any) -> Any:
        # A firm term's one position stands for all three: opening = target = walk-away.
        if not isinstance(data, dict) or data.get("firm") is not True:
            return data
        given = [data[k] for k in ("target", "opening", "walk_away") if data.get(k) is not None]
        if not given:
            return data
        return {
            "opening": given[0],
            "target": given[0],
            "walk_away": given[0],
            **{k: v for k, v in data.items() if v is not None},
        }


class Trade(Model):
    """A move on a term: the term id and the position we move to."""

    term: str = Field(description="The term id: one of the plan's variables or the playbook's.")
    value: PositionValue = Field(description="The position after the move.")


class Commitment(Model):
    """Something the buyer commits to that is not a term: a signature, a meeting, a decision."""

    commitment: str = Field(description="What the buyer commits to, e.g. 'signed order form'.")
    by: dt.date = Field(description="By when (a date), so that it can be checked and followed up.")
    who: str | None = Field(None, description="Who on the buyer's side commits.")

    def describe(self) -> str:
        """The commitment in words: 'signed order form by 2027-03-31'."""
        who = f" ({self.who})" if self.who else ""
        return f"{self.commitment}{who} by {self.by.isoformat()}"


def _not_text(value: Any, what: str) -> Any:
    if isinstance(value, str):
        raise PydanticCustomError(
            f"{what}_text", "a {what} names a term and a value, not a sentence", {"what": what}
        )
    return value


def _get_kind(value: Any) -> str:
    commitment = isinstance(value, Commitment) or (
        isinstance(value, dict) and "commitment" in value
    )
    return "<commitment>" if commitment else "<trade>"


Get = Annotated[
    Annotated[Trade, Tag("<trade>")] | Annotated[Commitment, Tag("<commitment>")],
    Discriminator(_get_kind),
]


class Concession(Model):
    """One planned trade: what we give, what we get for it, and on what condition."""

    give: Trade = Field(description="What we give: `{term, value}`, the position we move to.")
    get: Get | None = Field(
        None,
        description="What we get in return: `{term, value}`, or `{commitment, by}` for a "
        "commitment with a date.",
    )
    condition: str | None = Field(None, description="'If you ..., we can ...'.")
    notes: str | None = Field(None, description="Anything else about this trade, in words.")

    @field_validator("give", mode="before")
    @classmethod
    def _give_not_text(cls, value: Any) -> Any:
        return _not_text(value, "give")

    @field_validator("get", mode="before")
    @classmethod
    def _get_not_text(cls, value: Any) -> Any:
        return _not_text(value, "get")


class Ask(Model):
    """A buyer ask or objection we expect, with our response."""

    ask: str = Field(description="What they will ask or object.")
    response: str | None = Field(None, description="How we answer.")


class Alignment(Model):
    """An internal sign-off for something outside the rep's authority."""

    with_: str = Field(
        alias="with",
        description="Who signs off: an approver role as named on the playbook's approval ladder "
        "(e.g. 'Regional sales director'), or a person of the plan's `team:` with that role.",
    )
    person: str | None = Field(None, description="The person who signs, by name.")
    term: str | None = Field(None, description="The term it covers, if any.")
    topic: str | None = Field(
        None, description="What it covers when not a single term: `package` for the package."
    )
    up_to: PositionValue | None = Field(
        None,
        description="How far the sign-off goes: the furthest position on the term (or, for the "
        "package, the total concession in percent of list value) the approver agreed to.",
    )
    status: AlignmentStatus = Field(description="agreed, pending or disputed.")
    date: dt.date | None = Field(
        None, description="When it was agreed (no later than today) or last discussed."
    )
    notes: str | None = Field(None, description="Conditions attached to the sign-off.")


class Plan(Model):
    """A negotiation plan (``kind: plan``)."""

    kind: Literal["plan"] = Field(description="Always `plan`.")
    version: Literal[1] = Field(description="File-format version; this release reads 1.")
    playbook: str | None = Field(None, description="Path to the playbook, relative to this file.")
    deal: Deal = Field(description="The deal.")
    team: Team | None = Field(None, description="Our side.")
    counterparts: list[Counterpart] = Field(default_factory=list, description="Buyer side.")
    objective: Objective | None = Field(
        None, description="This meeting's objective and the next step we ask for."
    )
    goals: list[Goal] = Field(default_factory=list, description="Goals for this negotiation.")
    situation: str | None = Field(
        None,
        description="The buyer's situation in a few sentences, as they would put it: a "
        "summary they would answer 'that's right' to.",
    )
    value: Value | None = Field(None, description="The value statement.")
    interests: list[Interest] = Field(default_factory=list, description="Buyer interests.")
    our_interests: list[OwnInterest] = Field(
        default_factory=list, description="Our own interests, beside the buyer's."
    )
    alternatives: Alternatives | None = Field(None, description="Alternatives to a deal.")
    criteria: list[Criterion] = Field(default_factory=list, description="Objective criteria.")
    variables: list[Variable] = Field(default_factory=list, description="Traded terms.")
    walk_away: str | None = Field(None, description="The walk-away point in one line.")
    concessions: list[Concession] = Field(
        default_factory=list, description="Planned trades, in the order we plan to make them."
    )
    asks: list[Ask] = Field(default_factory=list, description="Anticipated buyer asks.")
    questions: list[str] = Field(default_factory=list, description="Questions to ask.")
    alignment: list[Alignment] = Field(
        default_factory=list, description="Internal sign-offs, obtained or pending."
    )

    @field_validator(
        "counterparts",
        "goals",
        "interests",
        "criteria",
        "variables",
        "concessions",
        "asks",
        "questions",
        "alignment",
        mode="before",
    )
    @classmethod
    def _empty_list(cls, value: Any) -> Any:
        # `questions:` with every item deleted is an empty list, not a missing value.
        return [] if value is None else value
