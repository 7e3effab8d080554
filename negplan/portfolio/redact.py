"""A report for sharing beyond the deal desk: owners under stable pseudonyms, walk-aways
withheld (positions, the money at walk-away, whether they sit at the authority, and in
debriefs whether agreements reached them and how much of the range they used)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from negplan.portfolio.debrief_facts import AgreedTerm, DebriefFacts
from negplan.portfolio.facts import UNKNOWN, PlanFacts, TermFacts


def pseudonym(owner: str) -> str:
    """The same pseudonym for the same owner in every report: ``rep-`` and 8 hex digits of
    the SHA-256 of the name."""
    if owner == UNKNOWN:
        return owner
    return "rep-" + hashlib.sha256(owner.encode("utf-8")).hexdigest()[:8]


def _term(t: TermFacts) -> TermFacts:
    return t._replace(
        walk_away=None, walk_away_number=None, value_walk_away=None, at_authority=False
    )


def redact(facts: Sequence[PlanFacts]) -> list[PlanFacts]:
    """The facts with owners pseudonymised and walk-aways withheld."""
    return [
        f._replace(
            owner=pseudonym(f.owner),
            list_total_walk_away=None,
            net_walk_away=None,
            terms=tuple(_term(t) for t in f.terms),
        )
        for f in facts
    ]


def _agreed(t: AgreedTerm) -> AgreedTerm:
    return t._replace(walk_away=None, at_walk_away=None, past_walk_away=None, range_used=None)


def redact_debriefs(debriefs: Sequence[DebriefFacts]) -> list[DebriefFacts]:
    """The debriefs' facts with owners pseudonymised and walk-aways withheld."""
    return [
        d._replace(owner=pseudonym(d.owner), terms=tuple(_agreed(t) for t in d.terms))
        for d in debriefs
    ]
