"""The facts a report keeps of one debrief: where each term was agreed against its plan,
the moves improvised, the result and its reason, the surprise asks.

Worked out once per debrief, right after it is checked (in the worker that checked it), from
the debrief, the plan it names and that plan's playbook, through the one reading of a
debrief's outcome (:func:`negplan.outcome.assess_outcome`, on :mod:`negplan.debriefs`).
Named tuples of plain values, like the facts of plans.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple, TypedDict

from negplan.findings import Finding
from negplan.models.debrief import Debrief
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook
from negplan.outcome import Outcome, TermOutcome, assess_outcome
from negplan.portfolio.facts import UNKNOWN, counts, net_cents, position_text

#: The quarter of a debrief with no meeting date.
NO_QUARTER = "no date"


def quarter_of(day: dt.date | None) -> str:
    """The calendar quarter of a day, ``2027-Q1`` (or :data:`NO_QUARTER`)."""
    return NO_QUARTER if day is None else f"{day.year}-Q{(day.month - 1) // 3 + 1}"


class AgreedTerm(NamedTuple):
    """One term of a debrief: planned positions, the agreed one, and where it fell."""

    term: str
    #: Where the agreed position fell, as ``negplan value DEBRIEF`` says it (``at target``...).
    fell: str
    opening: str | None = None
    target: str | None = None
    walk_away: str | None = None
    agreed: str | None = None
    #: At the target or better (None: not agreed, or nothing to compare with).
    attained: bool | None = None
    at_walk_away: bool | None = None
    past_walk_away: bool | None = None
    #: How far into the range from opening to walk-away the agreement went, in percent.
    range_used: Decimal | None = None


class DebriefFacts(NamedTuple):
    """Everything the report keeps of one debrief."""

    path: str
    valid: bool
    codes: tuple[str, ...] = ()
    errors: int = 0
    warnings: int = 0
    #: The plan the debrief names, as written in it (relative to the debrief).
    reference: str = ""
    plan: str = ""
    customer: str = ""
    owner: str = UNKNOWN
    region: str = UNKNOWN
    segment: str = UNKNOWN
    currency: str = ""
    #: The debrief's meeting, else the plan's.
    meeting: dt.date | None = None
    result: str = ""
    reason: str = ""
    #: The term each improvised move gave on (``""`` for a move that gave nothing).
    improvised: tuple[str, ...] = ()
    unexpected: tuple[str, ...] = ()
    net_target: Decimal | None = None
    net_agreed: Decimal | None = None
    terms: tuple[AgreedTerm, ...] = ()

    @property
    def quarter(self) -> str:
        """The quarter of the meeting."""
        return quarter_of(self.meeting)

    def group(self, by: str) -> str:
        """The plan's region, segment or owner."""
        value: str = getattr(self, by)
        return value

    def at(self, path: str, plan: str) -> DebriefFacts:
        """The same facts for the same content found at another path (naming ``plan``)."""
        if path == self.path and plan == self.plan:
            return self
        return self._replace(path=path, plan=plan)


def invalid_debrief_facts(path: str, findings: list[Finding], *, reference: str) -> DebriefFacts:
    """The facts of a debrief that did not validate, or whose plan did not."""
    return DebriefFacts(path=path, valid=False, reference=reference, **counts(findings))


def debrief_facts(
    path: str,
    debrief: Debrief,
    plan: Plan,
    playbook: Playbook,
    findings: list[Finding],
    *,
    plan_file: str,
) -> DebriefFacts:
    """The facts of a debrief that validated, against the plan it names and its playbook."""
    outcome = assess_outcome(plan, debrief, playbook)
    deal = plan.deal
    return DebriefFacts(
        path=path,
        valid=True,
        **counts(findings),
        reference=debrief.plan.path,
        plan=plan_file,
        customer=deal.customer,
        owner=deal.owner.strip() or UNKNOWN,
        region=(deal.region or "").strip() or UNKNOWN,
        segment=(deal.segment or "").strip() or UNKNOWN,
        currency=outcome.currency or deal.currency or playbook.currency,
        meeting=debrief.meeting or deal.meeting,
        result=debrief.result.value,
        reason=" ".join((debrief.reason or "").split()),
        improvised=tuple(m.give.term if m.give else "" for _, m in outcome.unplanned),
        unexpected=tuple(" ".join(u.ask.split()) for u in outcome.unexpected),
        **_nets(outcome),
        terms=tuple(_term(t, playbook) for t in outcome.terms),
    )


class _Nets(TypedDict, total=False):
    net_target: Decimal
    net_agreed: Decimal


def _nets(outcome: Outcome) -> _Nets:
    if outcome.target is None or outcome.agreed is None:
        return {}
    return {"net_target": net_cents(outcome.target)[1], "net_agreed": net_cents(outcome.agreed)[1]}


def _term(t: TermOutcome, playbook: Playbook) -> AgreedTerm:
    term = playbook.term_map.get(t.term)
    bad = {
        name: term.badness(value) if term is not None and value is not None else None
        for name, value in (("agreed", t.agreed), ("target", t.target), ("walk", t.walk_away))
    }
    agreed, target, walk = bad["agreed"], bad["target"], bad["walk"]
    return AgreedTerm(
        term=t.term,
        opening=position_text(t.opening),
        target=position_text(t.target),
        walk_away=position_text(t.walk_away),
        agreed=position_text(t.agreed),
        fell=t.fell,
        attained=agreed <= target if agreed is not None and target is not None else None,
        at_walk_away=agreed == walk if agreed is not None and walk is not None else None,
        past_walk_away=agreed > walk if agreed is not None and walk is not None else None,
        range_used=t.range_used.quantize(Decimal("0.01")) if t.range_used is not None else None,
    )
