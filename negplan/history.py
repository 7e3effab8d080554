"""Last time with a customer: a debrief read with the plan it names.

``negplan new --from DEBRIEF`` starts the next plan from one (:func:`read_previous`), and the
brief finds the latest one of the same customer beside a plan (:func:`find_previous`), among
the debriefs :func:`negplan.debriefs.debriefs_beside` lists.
"""

from __future__ import annotations

import os
from datetime import date
from typing import NamedTuple

from negplan.checking import named_plan
from negplan.debriefs import debriefs_beside
from negplan.errors import NegplanError
from negplan.findings import Finding
from negplan.loader import load
from negplan.models.debrief import Debrief
from negplan.models.plan import Plan
from negplan.positions import Position
from negplan.schema import document_kind, validate


class Previous(NamedTuple):
    """A debrief and the plan it is about: how the last negotiation with a customer went."""

    path: str
    debrief: Debrief
    plan_path: str
    plan: Plan

    @property
    def when(self) -> date | None:
        """When that negotiation took place: the debrief's meeting, else the plan's."""
        return self.debrief.meeting or self.plan.deal.meeting


def read_previous(path: str) -> Previous:
    """The debrief at ``path`` with the plan it names, both valid; raises
    :class:`NegplanError` saying what is wrong (and where) otherwise."""
    doc = load(path)
    if not doc.ok or document_kind(doc.data) != "debrief":
        raise NegplanError(
            "not a debrief (`kind: debrief`)",
            path=path,
            hint="name a debrief, as `negplan debrief PLAN` writes it",
        )
    debrief, findings = validate(doc, Debrief)
    if debrief is None:
        raise _invalid(path, findings, "the debrief is not valid")
    target = named_plan(doc)
    if isinstance(target, Finding):
        where = Position(target.line, target.col)
        raise NegplanError(target.message, path=path, position=where, hint=target.hint)
    plan, findings = validate(target[2], Plan)
    if plan is None:
        raise _invalid(target[0], findings, "the plan this debrief names is not valid")
    return Previous(path, debrief, target[0], plan)


def _invalid(path: str, findings: list[Finding], message: str) -> NegplanError:
    """The error for a file that did not validate, at its first finding's position."""
    first = findings[0] if findings else None
    detail = f": {first.message}" if first is not None and first.message != message else ""
    return NegplanError(
        message + detail,
        path=path,
        position=Position(first.line, first.col) if first is not None else None,
        hint=f"run `negplan check {path}`",
    )


def same_customer(a: str, b: str) -> bool:
    """Whether two customer names are the same, whatever their case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def find_previous(plan_file: str, plan: Plan, *, today: date) -> Previous | None:
    """The latest debrief beside ``plan_file`` (in its folder or its ``debriefs/`` folder) of
    another plan of the same customer, from a negotiation before this plan's meeting (before
    ``today`` when the plan has no meeting date); ``None`` when there is none. Debriefs that
    cannot be read are passed over: ``negplan check`` reports them."""
    here = os.path.abspath(plan_file)
    before = plan.deal.meeting or today
    found: Previous | None = None
    for path, named in debriefs_beside(plan_file):
        if named == here:
            continue
        try:
            previous = read_previous(path)
        except NegplanError:
            continue
        when = previous.when
        if when is None or not _earlier(when, before, strictly=plan.deal.meeting is not None):
            continue
        if not same_customer(previous.plan.deal.customer, plan.deal.customer):
            continue
        if found is None or (found.when or date.min) < when:
            found = previous
    return found


def _earlier(when: date, before: date, *, strictly: bool) -> bool:
    return when < before if strictly else when <= before
