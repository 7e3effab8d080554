"""NP3xx: positions per variable — opening, target and walk-away (ideas 2, 3)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from negplan.findings import Severity
from negplan.rules._util import LABELS, show
from negplan.rules.base import Issue, PlanContext, rule


@rule("NP301", "positions-out-of-order", Severity.ERROR, target="plan", ideas=(3,))
def out_of_order(ctx: PlanContext) -> Iterator[Issue]:
    """Positions are out of order for the term's direction (e.g. target worse than walk-away).

    Why it matters:
        The opening is the most ambitious defensible position, the target a great deal, the
        walk-away the worst acceptable. Where lower is better for us (discount) that means
        opening ≤ target ≤ walk-away; where higher is better (contract months) the reverse.
        Positions in the wrong order mean the rep would concede past their own limit.

    Fails:
        - term: discount            # lower is better for us
          opening: 5
          target: 15
          walk_away: 10

    Passes:
        - term: discount
          opening: 0
          target: 5
          walk_away: 10

    Options:
        none.
    """
    for i, variable in enumerate(ctx.plan.variables):
        term = ctx.term(variable.term)
        if term is None:
            continue
        ranked = [
            (name, getattr(variable, name), term.badness(getattr(variable, name)))
            for name in ("opening", "target", "walk_away")
        ]
        present = [(name, value, bad) for name, value, bad in ranked if bad is not None]
        for (a, a_value, a_bad), (b, b_value, b_bad) in pairwise(present):
            if a_bad > b_bad:
                yield Issue(
                    ("variables", i, a),
                    f"{LABELS[a]} {show(term, a_value)} on {term.id} is worse for us than the "
                    f"{LABELS[b]} {show(term, b_value)} ({term.better})",
                    "order them opening → target → walk-away, from best to worst for us",
                )
                break


@rule("NP302", "no-walk-away", Severity.ERROR, target="plan", ideas=(2,))
def no_walk_away(ctx: PlanContext) -> Iterator[Issue]:
    """A variable has no walk-away point.

    Why it matters:
        The walk-away, set in advance, is what lets a rep hold a position. Without it you
        cannot tell a bad deal from no deal, and you get negotiated into margin-destroying
        terms one small step at a time.

    Fails:
        - term: payment_terms
          opening: 30
          target: 30

    Passes:
        - term: payment_terms
          opening: 30
          target: 30
          walk_away: 45

    Options:
        none.
    """
    for i, variable in enumerate(ctx.plan.variables):
        if variable.walk_away is None:
            yield Issue(
                ("variables", i),
                f"no walk-away for {variable.term}",
                "add `walk_away:`, the worst position you would accept",
            )


@rule("NP303", "no-walk-away-summary", Severity.ERROR, target="plan", ideas=(2,))
def no_walk_away_summary(ctx: PlanContext) -> Iterator[Issue]:
    """The plan has no one-line walk-away summary.

    Why it matters:
        The per-term walk-aways say where each term stops; the summary says when the rep
        declines the whole deal. It is the line the rep reads last before walking in.

    Fails:
        walk_away:                  # empty or missing

    Passes:
        walk_away: below 180k EUR net per year, or payment past 45 days, we decline

    Options:
        none.
    """
    if not (ctx.plan.walk_away or "").strip():
        yield Issue(
            ("walk_away",),
            "no walk-away summary",
            "add `walk_away:` with one line saying when you decline the deal",
            key=True,
        )


@rule("NP304", "opening-gives-ground", Severity.WARNING, target="plan", ideas=(3,))
def opening_gives_ground(ctx: PlanContext) -> Iterator[Issue]:
    """The opening is worse for us than the playbook's standard position.

    Why it matters:
        The opening is the anchor: the most ambitious position we can defend. The standard
        position is what a deal gets with no negotiation at all (list price, 30-day payment).
        An opening past the standard concedes before the meeting starts, and every later
        give starts from there.

    Fails:
        - term: discount            # standard 0%
          opening: 5
          target: 8
          walk_away: 10

    Passes:
        - term: discount
          opening: 0
          target: 5
          walk_away: 10

    Options:
        set each term's `standard` in the playbook.
    """
    for i, variable in enumerate(ctx.plan.variables):
        term = ctx.term(variable.term)
        if term is None or term.standard is None or variable.opening is None or variable.firm:
            continue
        if term.worse(variable.opening, term.standard):
            yield Issue(
                ("variables", i, "opening"),
                f"opening {show(term, variable.opening)} on {term.id} is worse for us than the "
                f"standard {show(term, term.standard)}: it concedes before the meeting starts",
                f"open at {show(term, term.standard)} or better, and keep the move for a trade",
            )


RULES = [out_of_order, no_walk_away, no_walk_away_summary, opening_gives_ground]
