"""What a redacted brief also takes out of the plan's free text: the walk-aways and limits.

The records of a redacted brief already leave out the walk-aways, the rep's authority, the
approvals and the economics (:mod:`negplan.brief.build`). A rep's own words can still quote
them ("60 days is our limit"), so each walk-away and rep's limit of the plan's terms,
written as the brief writes positions (``60 days``, ``10%``), is replaced by ``(withheld)``
wherever the rep's text says it. Anything else in free text is printed as written (the
approvers' thresholds too: "the last 12 months" is more often a period than a threshold).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from negplan.brief.data import WITHHELD, Brief
from negplan.rules._util import show

if TYPE_CHECKING:
    from negplan.models.plan import Plan
    from negplan.models.playbook import Playbook


def secrets(plan: Plan, playbook: Playbook) -> tuple[str, ...]:
    """The walk-aways and the rep's limits of the plan's numeric terms, as the brief would
    print them."""
    found: set[str] = set()
    for variable in plan.variables:
        term = playbook.term_map.get(variable.term)
        if term is None or not term.unit.numeric:
            continue
        values = (variable.walk_away, term.authority)
        found.update(show(term, value) for value in values if value is not None)
    return tuple(sorted(found, key=len, reverse=True))


def hide(text: str, figures: Iterable[str]) -> str:
    """``text`` with each of ``figures`` replaced by ``(withheld)``."""
    pattern = _pattern(figures)
    return pattern.sub(WITHHELD, text) if pattern is not None else text


def _pattern(figures: Iterable[str]) -> re.Pattern[str] | None:
    words = [re.escape(f) for f in figures if f]
    if not words:
        return None
    return re.compile(rf"(?<![\w.,])(?:{'|'.join(words)})(?![\w%]|[.,]\d)")


def scrub(brief: Brief, figures: Iterable[str]) -> Brief:
    """``brief`` with each withheld figure taken out of the plan's free text (a concession's
    give or get written as a sentence is hidden where it is built, see
    :func:`negplan.brief.terms.trade_text`)."""
    pattern = _pattern(figures)
    if pattern is None:
        return brief

    def text(value: str | None) -> str | None:
        return pattern.sub(WITHHELD, value) if value else value

    def each(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(text(v) or "" for v in values)

    value = brief.value
    return brief._replace(
        deal=brief.deal._replace(title=text(brief.deal.title) or ""),
        objective=brief.objective._replace(
            outcome=text(brief.objective.outcome), next_step=text(brief.objective.next_step)
        ),
        goals=tuple(g._replace(goal=text(g.goal) or "") for g in brief.goals),
        situation=text(brief.situation),
        value=value._replace(
            statement=text(value.statement), proof_points=each(value.proof_points)
        ),
        interests=tuple(
            i._replace(interest=text(i.interest) or "", evidence=text(i.evidence))
            for i in brief.interests
        ),
        our_interests=tuple(
            i._replace(interest=text(i.interest) or "") for i in brief.our_interests
        ),
        criteria=each(brief.criteria),
        variables=tuple(v._replace(notes=text(v.notes)) for v in brief.variables),
        concessions=tuple(c._replace(condition=text(c.condition)) for c in brief.concessions),
        ours=brief.ours._replace(
            description=text(brief.ours.description) or "", evidence=text(brief.ours.evidence)
        )
        if brief.ours
        else None,
        theirs=brief.theirs._replace(
            description=text(brief.theirs.description) or "", evidence=text(brief.theirs.evidence)
        )
        if brief.theirs
        else None,
        questions=each(brief.questions),
        asks=tuple(
            a._replace(ask=text(a.ask) or "", response=text(a.response)) for a in brief.asks
        ),
    )
