"""Planned versus actual, from the debriefs found with the plans: target attainment per term
and in money, agreements at or past the walk-away, improvised moves, results with their
reasons and the most frequent surprise asks, by quarter of the meeting."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from negplan.models.debrief import Result
from negplan.portfolio.base import Context, Data, share
from negplan.portfolio.debrief_facts import AgreedTerm, DebriefFacts
from negplan.portfolio.facts import PlanFacts

#: The results, in the order the report lists them.
RESULTS = tuple(result.value for result in Result)


def actual(facts: Sequence[PlanFacts], ctx: Context) -> Data:
    """The debriefs' outcomes by quarter, by term, in money, by result and reason, and the
    surprise asks. Redacted, everything drawn from the walk-aways is left out."""
    found = [d for d in ctx.debriefs if d.valid]
    return {
        "debriefs": len(found),
        "unreadable": len(ctx.debriefs) - len(found),
        "quarters": [_quarter(q, rows, ctx) for q, rows in _by_quarter(found).items()],
        "terms": per_term(found, ctx),
        "money": _money(found),
        "results": _results(found),
        "surprise_asks": _asks(found),
    }


def _by_quarter(debriefs: Iterable[DebriefFacts]) -> dict[str, list[DebriefFacts]]:
    out: dict[str, list[DebriefFacts]] = defaultdict(list)
    for d in debriefs:
        out[d.quarter].append(d)
    return dict(sorted(out.items()))


def _counts(terms: Sequence[AgreedTerm], ctx: Context) -> Data:
    """How many terms were agreed, at the target or better, at and past the walk-away."""
    agreed = [t for t in terms if t.agreed is not None]
    attained = sum(t.attained is True for t in agreed)
    row: Data = {
        "agreed": len(agreed),
        "attained": attained,
        "attained_share": share(attained, len(agreed)),
    }
    if not ctx.redact:
        at = sum(t.at_walk_away is True for t in agreed)
        past = sum(t.past_walk_away is True for t in agreed)
        row.update(
            at_walk_away=at, past_walk_away=past, at_or_past_share=share(at + past, len(agreed))
        )
    return row


def _quarter(quarter: str, debriefs: list[DebriefFacts], ctx: Context) -> Data:
    results = Counter(d.result for d in debriefs)
    return {
        "quarter": quarter,
        "debriefs": len(debriefs),
        "results": {result: results.get(result, 0) for result in RESULTS},
        **_counts([t for d in debriefs for t in d.terms], ctx),
        "improvised": sum(len(d.improvised) for d in debriefs),
        "surprise_asks": sum(len(d.unexpected) for d in debriefs),
    }


def per_term(debriefs: Iterable[DebriefFacts], ctx: Context) -> list[Data]:
    """Per term (in id order) agreed or given on in an improvised move: agreements,
    attainment, the walk-away, improvised gives."""
    terms: dict[str, list[AgreedTerm]] = defaultdict(list)
    improvised: Counter[str] = Counter()
    for d in debriefs:
        for t in d.terms:
            if t.agreed is not None:
                terms[t.term].append(t)
        improvised.update(term for term in d.improvised if term)
    out = []
    for term in sorted(set(terms) | set(improvised)):
        rows = terms.get(term, [])
        row: Data = {"term": term, **_counts(rows, ctx)}
        if not ctx.redact:
            used = sorted(t.range_used for t in rows if t.range_used is not None)
            row["median_range_used"] = statistics.median(used) if used else None
        row["improvised"] = improvised[term]
        out.append(row)
    return out


def _money(debriefs: Iterable[DebriefFacts]) -> list[Data]:
    """Per quarter and currency: the net value at target and as agreed, and their ratio."""
    sums: dict[tuple[str, str], list[Decimal]] = {}
    for d in debriefs:
        if d.net_target is None or d.net_agreed is None:
            continue
        entry = sums.setdefault((d.quarter, d.currency), [Decimal(0), Decimal(0), Decimal(0)])
        entry[0] += 1
        entry[1] += d.net_target
        entry[2] += d.net_agreed
    return [
        {
            "quarter": quarter,
            "currency": currency,
            "debriefs": int(n),
            "net_target": target,
            "net_agreed": agreed,
            "attainment": (agreed / target).quantize(Decimal("0.0001")) if target else None,
        }
        for (quarter, currency), (n, target, agreed) in sorted(sums.items())
    ]


def _results(debriefs: Iterable[DebriefFacts]) -> list[Data]:
    """How many debriefs ended with each result and reason, per quarter."""
    found = Counter((d.quarter, d.result, d.reason) for d in debriefs)
    order = {result: i for i, result in enumerate(RESULTS)}
    return [
        {"quarter": q, "result": result, "reason": reason, "debriefs": n}
        for (q, result, reason), n in sorted(
            found.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 99), kv[0][2])
        )
    ]


def _asks(debriefs: Iterable[DebriefFacts]) -> list[Data]:
    """The asks nobody expected, most frequent first, with the quarters they came up in."""
    times: Counter[str] = Counter()
    quarters: dict[str, set[str]] = defaultdict(set)
    for d in debriefs:
        for ask in d.unexpected:
            times[ask] += 1
            quarters[ask].add(d.quarter)
    return [
        {"ask": ask, "times": n, "quarters": sorted(quarters[ask])}
        for ask, n in sorted(times.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
