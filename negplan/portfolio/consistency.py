"""Consistency: per term, the spread of planned targets and walk-aways by group, against the
rep's authority and the approval ladder; groups whose median strays; walk-aways exactly at
the authority."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from negplan.portfolio.base import (
    OUTLIER_SHARE,
    Context,
    Data,
    groups_of,
    share,
    stats,
)
from negplan.portfolio.facts import PlanFacts, TermFacts


def consistency(facts: Sequence[PlanFacts], ctx: Context) -> Data:
    """Per term (in id order), the organisation's and each group's spread. Redacted, the
    walk-aways and everything drawn from them are left out."""
    by_term: dict[str, list[tuple[str, TermFacts]]] = defaultdict(list)
    for f in facts:
        for t in f.terms:
            if t.target is not None or t.walk_away is not None:
                by_term[t.term].append((f.group(ctx.group_by), t))
    return {
        "outlier_share": OUTLIER_SHARE,
        "groups": groups_of(facts, ctx),
        "terms": [_term(rows, ctx) for _, rows in sorted(by_term.items())],
    }


def _term(rows: list[tuple[str, TermFacts]], ctx: Context) -> Data:
    first = rows[0][1]
    width = (
        first.range_max - first.range_min
        if first.range_max is not None and first.range_min is not None
        else None
    )
    org = _spread([t for _, t in rows], ctx)
    groups: dict[str, list[TermFacts]] = defaultdict(list)
    for group, t in rows:
        groups[group].append(t)
    out = []
    for group, terms in sorted(groups.items()):
        row = {"group": group, **_spread(terms, ctx)}
        row["strays"] = _strays(row, org, width)
        out.append(row)
    return {
        "term": first.term,
        "name": first.name,
        "unit": first.unit,
        "numeric": first.numeric,
        "range": [first.range_min, first.range_max] if width is not None else None,
        "authority": first.authority,
        "rungs": [] if ctx.redact else [r._asdict() for r in first.rungs],
        "org": org,
        "by_group": out,
    }


def _spread(terms: list[TermFacts], ctx: Context) -> Data:
    targets = [t.target_number for t in terms if t.target_number is not None]
    row: Data = {"plans": len(terms), "target": stats(targets)}
    if ctx.redact:
        return row
    walks = [t for t in terms if t.walk_away is not None]
    at = sum(t.at_authority for t in walks)
    row["walk_away"] = stats(t.walk_away_number for t in walks if t.walk_away_number is not None)
    row["walk_aways"] = len(walks)
    row["at_authority"] = at
    row["at_authority_share"] = share(at, len(walks))
    return row


def _strays(row: Data, org: Data, width: Decimal | None) -> list[str]:
    """Which medians (``target``, ``walk_away``) stray from the organisation's by more than
    :data:`OUTLIER_SHARE` of the term's range."""
    if not width:
        return []
    out = []
    for key in ("target", "walk_away"):
        mine, theirs = row.get(key), org.get(key)
        if mine and theirs and abs(mine["median"] - theirs["median"]) > OUTLIER_SHARE * width:
            out.append(key)
    return out
