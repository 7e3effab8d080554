"""What happened in a negotiation, against the plan that prepared it (``kind: debrief``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, StrictBool, field_validator, model_validator
from pydantic_core import PydanticCustomError

from negplan.domain import Result, Trend
from negplan.models.common import Model, PositionValue
from negplan.models.plan import Alignment, Get, Trade

__all__ = [
    "Agreed",
    "Debrief",
    "DebriefAlignment",
    "HeardAsk",
    "Lesson",
    "Move",
    "PlanRef",
    "Relationship",
    "Result",
    "Trend",
    "UnexpectedAsk",
]


class PlanRef(Model):
    """The plan the debrief is about, as it was when the debrief was written."""

    path: str = Field(description="Path to the plan, relative to this file.")
    hash: str = Field(
        pattern=r"^[0-9a-f]{40}$",
        description="The plan's content hash when the debrief was written, as "
        "`git hash-object PLAN` prints it (40 hex digits).",
    )


class Agreed(Model):
    """Where one term ended up."""

    term: str = Field(description="The term id, as in the plan's `variables:`.")
    value: PositionValue | None = Field(
        None,
        description="The position agreed (in the term's unit); leave empty if the term was "
        "not settled.",
    )
    notes: str | None = Field(None, description="How it got there.")


class Move(Model):
    """One move in the meeting, in the order it happened: what we gave, what we got."""

    give: Trade | None = Field(None, description="What we gave: `{term, value}`.")
    get: Get | None = Field(
        None,
        description="What we got in return: `{term, value}`, or `{commitment, by}`.",
    )
    planned: StrictBool = Field(
        description="Whether the move was in the plan's concessions (true) or improvised."
    )
    asked_by: str | None = Field(
        None, description="Who asked for it: a buyer-side name, or `us` when we offered."
    )
    notes: str | None = Field(None, description="Anything else about the move.")

    @model_validator(mode="after")
    def _gives_or_gets(self) -> Move:
        if self.give is None and self.get is None:
            raise PydanticCustomError("empty_move", "a move gives, gets, or both")
        return self


class HeardAsk(Model):
    """An ask the plan anticipated, and whether the buyer made it."""

    ask: str = Field(description="The ask, as the plan worded it.")
    heard: StrictBool | None = Field(None, description="Whether the buyer made it.")
    notes: str | None = Field(None, description="How it came up and how we answered.")


class UnexpectedAsk(Model):
    """An ask nobody expected: for the next plan's `asks:`."""

    ask: str = Field(description="What the buyer asked or objected.")
    response: str | None = Field(None, description="How we answered, or should have.")


class DebriefAlignment(Alignment):
    """A sign-off actually used: an alignment entry, with when it was asked for and decided
    (`decided` stands for the entry's `date`)."""

    requested: dt.date | None = Field(None, description="When the sign-off was asked for.")
    decided: dt.date | None = Field(None, description="When the approver decided.")


class Relationship(Model):
    """The relationship after the meeting."""

    trend: Trend | None = Field(None, description="better, same or worse than before.")
    notes: str | None = Field(None, description="How the buyer left the table.")


class Lesson(Model):
    """What to do differently, and who makes sure it happens."""

    lesson: str = Field(description="The lesson, as something to do.")
    owner: str | None = Field(None, description="Who acts on it.")
    term: str | None = Field(None, description="The playbook term it concerns, if any.")


class Debrief(Model):
    """A negotiation debrief (``kind: debrief``)."""

    kind: Literal["debrief"] = Field(description="Always `debrief`.")
    version: Literal[1] = Field(description="File-format version; this release reads 1.")
    plan: PlanRef = Field(description="The plan this debrief is about.")
    meeting: dt.date | None = Field(None, description="When the negotiation took place.")
    result: Result = Field(description="won, lost, no_decision, walked_away or open.")
    reason: str | None = Field(
        None,
        description="Why: one of the playbook's `requirements.debrief_reasons` when it lists "
        "them, else a short text.",
    )
    agreed: list[Agreed] = Field(
        default_factory=list, description="Where each term ended up (one entry per term)."
    )
    moves: list[Move] = Field(
        default_factory=list, description="The gives and gets as they happened, in order."
    )
    asks: list[HeardAsk] = Field(
        default_factory=list, description="The plan's anticipated asks, heard or not."
    )
    unexpected: list[UnexpectedAsk] = Field(
        default_factory=list, description="Asks nobody expected."
    )
    alignment: list[DebriefAlignment] = Field(
        default_factory=list, description="The internal sign-offs actually used."
    )
    relationship: Relationship | None = Field(
        None, description="The relationship after the meeting."
    )
    lessons: list[Lesson] = Field(
        default_factory=list, description="What we learned, each with an owner."
    )
    notes: str | None = Field(None, description="Anything else.")

    @field_validator("agreed", "moves", "asks", "unexpected", "alignment", "lessons", mode="before")
    @classmethod
    def _empty_list(cls, value: Any) -> Any:
        return [] if value is None else value
