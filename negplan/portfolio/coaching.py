"""Where to coach (findings by rule and group) and what the playbook might change (signals:
advice, never edits)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import Decimal

from negplan.portfolio.actual import per_term
from negplan.portfolio.base import (
    AT_AUTHORITY_SHARE,
    AT_WALK_AWAY_SHARE,
    MIN_PLANS,
    Context,
    Data,
    groups_of,
)
from negplan.portfolio.debrief_facts import DebriefFacts
from negplan.portfolio.facts import PlanFacts, TermFacts

#: Share of plans past the authority on a term, all with their sign-off, that signals an
#: authority set too low.
EXCEEDED_SHARE = Decimal("0.9")


def findings(facts: Sequence[PlanFacts], ctx: Context) -> Data:
    """How many findings of each rule each group's plans and debriefs have, and in how many
    files (a debrief is in its plan's group)."""
    counts: Counter[tuple[str, str]] = Counter()
    files: dict[str, set[str]] = defaultdict(set)
    found: list[PlanFacts | DebriefFacts] = [*facts, *ctx.debriefs]
    for f in found:
        group = f.group(ctx.group_by)
        for code in f.codes:
            counts[(code, group)] += 1
            files[code].add(f.path)
    rules = sorted({code for code, _ in counts})
    return {
        "rules": rules,
        "groups": sorted({group for _, group in counts} | set(groups_of(facts, ctx))),
        "counts": [
            {"rule": code, "group": group, "count": n}
            for (code, group), n in sorted(counts.items())
        ],
        "plans_with": [{"rule": code, "plans": len(files[code])} for code in rules],
    }


def signals(facts: Sequence[PlanFacts], ctx: Context) -> Data:
    """Advice for the playbook's owners: an authority almost every plan exceeds and every
    approver grants; a required term that never moves; agreements (in debriefs) clustering
    at the walk-away."""
    by_term: dict[str, list[TermFacts]] = defaultdict(list)
    for f in facts:
        for t in f.terms:
            if t.has_walk_away or t.target is not None:
                by_term[t.term].append(t)
    out = []
    for term, terms in sorted(by_term.items()):
        if len(terms) < MIN_PLANS:
            continue
        past = [t for t in terms if t.past_authority]
        if len(past) >= EXCEEDED_SHARE * len(terms) and all(t.covered for t in past):
            out.append(
                {
                    "kind": "authority-too-low",
                    "term": term,
                    "plans": len(terms),
                    "past_authority": len(past),
                    "text": f"{len(past)} of {len(terms)} plans go past the rep's authority on "
                    f"{term}, and every one has its sign-off: the authority may be set too low",
                }
            )
        walks = [t for t in terms if t.has_walk_away]
        at = sum(t.at_authority for t in walks)
        if terms[0].numeric and len(walks) >= MIN_PLANS and at > AT_AUTHORITY_SHARE * len(walks):
            out.append(
                {
                    "kind": "walk-aways-at-authority",
                    "term": term,
                    "plans": len(walks),
                    "at_authority": at,
                    "text": f"{at} of {len(walks)} walk-aways on {term} sit exactly at the "
                    "rep's authority across the organisation: reps plan to the authority, "
                    "not to the deal",
                }
            )
        if terms[0].required and not any(t.moves for t in terms):
            out.append(
                {
                    "kind": "required-never-moves",
                    "term": term,
                    "plans": len(terms),
                    "text": f"{term} is required in every plan and no plan moves on it: it "
                    "may not need to be a traded term",
                }
            )
    return {"items": out + _clustering(ctx)}


def _clustering(ctx: Context) -> list[Data]:
    """Terms whose agreements mostly sit at or past the plans' walk-aways."""
    out = []
    for row in per_term((d for d in ctx.debriefs if d.valid), ctx):
        at_or_past = row.get("at_or_past_share")
        if row["agreed"] < MIN_PLANS or at_or_past is None or at_or_past <= AT_WALK_AWAY_SHARE:
            continue
        n = row["at_walk_away"] + row["past_walk_away"]
        out.append(
            {
                "kind": "agreements-at-walk-away",
                "term": row["term"],
                "agreed": row["agreed"],
                "at_walk_away": row["at_walk_away"],
                "past_walk_away": row["past_walk_away"],
                "text": f"{n} of {row['agreed']} agreements on {row['term']} sit at or past the "
                "plan's walk-away: buyers find the floor; the ranges or the concession "
                "plans may need another look",
            }
        )
    return out
