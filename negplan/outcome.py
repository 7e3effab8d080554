"""What a debrief's outcome is worth: each term's agreed position against its planned range,
and the package as agreed against the package at target, priced by :mod:`negplan.pricing`.

The agreed package is the plan with its positions set to the agreed values
(:func:`negplan.debriefs.agreed_plan`), priced like any plan: there is one way to price.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from negplan.debriefs import agreed_plan, agreed_positions, improvised, planned_reach
from negplan.economics import Scenario
from negplan.models.debrief import Debrief, HeardAsk, Move, UnexpectedAsk
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook, Term
from negplan.pricing import analyse

_POSITIONS = ("opening", "target", "walk_away")


@dataclass(frozen=True)
class TermOutcome:
    """One term: its planned positions, the agreed one, and where that fell."""

    term: str
    opening: object
    target: object
    walk_away: object
    agreed: object
    fell: str
    #: How far into the range from opening to walk-away the agreed position went, in percent.
    range_used: Decimal | None


@dataclass(frozen=True)
class Outcome:
    """A debrief, priced and sorted for the report."""

    terms: tuple[TermOutcome, ...]
    target: Scenario | None
    agreed: Scenario | None
    currency: str | None
    unplanned: tuple[tuple[int, Move], ...]
    heard: tuple[HeardAsk, ...]
    not_heard: tuple[HeardAsk, ...]
    not_recorded: tuple[HeardAsk, ...]
    unexpected: tuple[UnexpectedAsk, ...]


def assess_outcome(plan: Plan, debrief: Debrief, playbook: Playbook) -> Outcome:
    """Price and sort a debrief against its plan."""
    planned = analyse(plan, playbook, scenarios=("target",))
    agreed = analyse(agreed_plan(plan, debrief), playbook, scenarios=("target",))
    reach = planned_reach(plan, playbook)
    unplanned = tuple(
        (i, m)
        for i, m in enumerate(debrief.moves)
        if not m.planned or improvised(m, reach, playbook)
    )
    asks = debrief.asks
    return Outcome(
        terms=tuple(_terms(plan, debrief, playbook)),
        target=planned.scenario("target") if planned else None,
        agreed=agreed.scenario("target") if agreed else None,
        currency=planned.currency if planned else None,
        unplanned=unplanned,
        heard=tuple(a for a in asks if a.heard is True),
        not_heard=tuple(a for a in asks if a.heard is False),
        not_recorded=tuple(a for a in asks if a.heard is None),
        unexpected=tuple(u for u in debrief.unexpected if not u.ask.startswith("TODO")),
    )


def _terms(plan: Plan, debrief: Debrief, playbook: Playbook) -> list[TermOutcome]:
    agreed = agreed_positions(debrief)
    rows = []
    for variable in plan.variables:
        positions = [getattr(variable, name) for name in _POSITIONS]
        value = agreed.pop(variable.term, None)
        term = playbook.term_map.get(variable.term)
        fell, used = _fell(term, positions, value)
        opening, target, walk = positions
        rows.append(TermOutcome(variable.term, opening, target, walk, value, fell, used))
    for term_id, value in agreed.items():
        rows.append(TermOutcome(term_id, None, None, None, value, "not in the plan", None))
    return rows


def _fell(term: Term | None, positions: list[object], value: object) -> tuple[str, Decimal | None]:
    """Where ``value`` fell between opening, target and walk-away, and how much of the range
    from opening to walk-away it used."""
    if value is None:
        return "not agreed", None
    if term is None or term.badness(value) is None:
        return "not a position of the term", None
    bad = term.badness(value)
    opening, target, walk = (term.badness(p) if p is not None else None for p in positions)
    assert bad is not None
    used = None
    if opening is not None and walk is not None and walk != opening:
        used = (bad - opening) * 100 / (walk - opening)
    marks = [("target", target), ("opening", opening), ("walk-away", walk)]
    for label, mark in marks:
        if mark is not None and bad == mark:
            return f"at {label}", used
    if walk is not None and bad > walk:
        return "past walk-away", used
    if opening is not None and bad < opening:
        return "better than opening", used
    if target is not None:
        return (
            "between target and walk-away" if bad > target else "between opening and target"
        ), used
    return "inside the range", used
