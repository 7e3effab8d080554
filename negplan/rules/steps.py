"""NP405, NP409: the concession ladder — each step on a term goes further, and smaller
(idea 17)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from negplan.findings import Severity
from negplan.rules._util import show
from negplan.rules.base import Issue, PlanContext, rule

if TYPE_CHECKING:
    from negplan.models.plan import Trade
    from negplan.models.playbook import Term


@rule("NP405", "concessions-not-shrinking", Severity.WARNING, target="plan", ideas=(17,))
def not_shrinking(ctx: PlanContext) -> Iterator[Issue]:
    """Successive concessions on one term do not get smaller.

    Why it matters:
        A concession ladder whose steps shrink signals that the limit is near. Equal or
        growing steps tell the buyer there is more to come, and invite one more push.

    Fails:
        variables:
          - {term: discount, opening: 0, target: 6, walk_away: 12}
        concessions:                # steps of 3 then 4 points
          - give: {term: discount, value: 3}
            get: ...
          - give: {term: discount, value: 7}
            get: ...

    Passes:
        concessions:                # steps of 4 then 2 points
          - give: {term: discount, value: 4}
            get: ...
          - give: {term: discount, value: 6}
            get: ...

    Options:
        none.
    """
    last_step: dict[str, Decimal] = {}
    for i, give, term, step in _steps(ctx):
        if step <= 0 or not term.unit.numeric:
            continue
        previous = last_step.get(give.term)
        last_step[give.term] = step
        if previous is not None and step >= previous:
            yield Issue(
                ("concessions", i, "give", "value"),
                f"concession {i + 1} moves {give.term} by {show(term, abs(step))}, not less "
                f"than the previous step of {show(term, abs(previous))}",
                "make each step on a term smaller than the one before",
            )


def _steps(ctx: PlanContext) -> Iterator[tuple[int, Trade, Term, Decimal]]:
    """Each give with its step from where the term stood: positive moves towards the buyer."""
    current: dict[str, Decimal] = {}
    openings = {v.term: v.opening for v in ctx.plan.variables}
    for i, concession in enumerate(ctx.plan.concessions):
        give = concession.give
        term = ctx.term(give.term)
        bad = term.badness(give.value) if term is not None else None
        if term is None or bad is None:
            continue
        start = current.get(give.term, term.badness(openings.get(give.term)))
        current[give.term] = bad
        if start is not None:
            yield i, give, term, bad - start


@rule("NP409", "concession-steps-back", Severity.WARNING, target="plan", ideas=(17,))
def steps_back(ctx: PlanContext) -> Iterator[Issue]:
    """A give does not move towards the buyer: it takes back an earlier step, or repeats it.

    Why it matters:
        Each planned give is a step on the concession ladder. A step back (discount back to
        5% after 6% was offered) withdraws what the buyer was already offered, which reads
        as bad faith; a give that stays where the plan already stands gives nothing, and the
        trade it is meant to buy has nothing to pay with.

    Fails:
        concessions:                # discount 4% → 6% → 5%
          - give: {term: discount, value: 4}
            get: ...
          - give: {term: discount, value: 6}
            get: ...
          - give: {term: discount, value: 5}
            get: ...

    Passes:
        concessions:                # discount 4% → 6% → 7%
          - give: {term: discount, value: 4}
            get: ...
          - give: {term: discount, value: 6}
            get: ...
          - give: {term: discount, value: 7}
            get: ...

    Options:
        none. A term's first give is measured from the variable's opening.
    """
    given: set[str] = set()
    for i, give, term, step in _steps(ctx):
        first = give.term not in given
        given.add(give.term)
        if step < 0 and first:
            yield Issue(
                ("concessions", i, "give", "value"),
                f"concession {i + 1} 'gives' {give.term} {show(term, give.value)}, which is "
                "better for us than our opening: that is an ask, not a give",
                "a give moves from the opening towards the walk-away; check the direction",
            )
        elif step < 0:
            yield Issue(
                ("concessions", i, "give", "value"),
                f"concession {i + 1} moves {give.term} back to {show(term, give.value)}, "
                "taking back part of an earlier give",
                "keep each give on a term a step further towards the buyer, or drop it",
            )
        elif step == 0:
            yield Issue(
                ("concessions", i, "give", "value"),
                f"concession {i + 1} gives {give.term} {show(term, give.value)}, where the "
                "plan already stands: it gives nothing",
                "move the give a step towards the buyer, or plan a give on another term",
            )


RULES = [not_shrinking, steps_back]
