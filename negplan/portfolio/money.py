"""The portfolio waterfall and the concession patterns, in money where the value models
price them (:mod:`negplan.pricing`, through the facts)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import Decimal

from negplan.portfolio.base import MIN_PLANS, Context, Data, share
from negplan.portfolio.facts import PlanFacts

_ZERO = Decimal(0)
#: The scenarios of the waterfall: (key, the plan's list total, its net, a term's value).
_SCENARIOS = (
    ("target", "list_total_target", "net_target", "value_target"),
    ("walk_away", "list_total_walk_away", "net_walk_away", "value_walk_away"),
)


def waterfall(facts: Sequence[PlanFacts], ctx: Context) -> Data:
    """Per currency: list value, then what each term's planned position adds or costs, then
    the net, at target and at walk-away (withheld when redacted), overall and per group."""
    by_currency: dict[str, list[PlanFacts]] = defaultdict(list)
    for f in facts:
        if f.list_total_target is not None:
            by_currency[f.currency].append(f)
    out = []
    for currency, plans in sorted(by_currency.items()):
        groups: dict[str, list[PlanFacts]] = defaultdict(list)
        for f in plans:
            groups[f.group(ctx.group_by)].append(f)
        out.append(
            {
                "currency": currency,
                **_scenarios(plans, ctx),
                "by_group": [
                    {"group": group, **_scenarios(members, ctx)}
                    for group, members in sorted(groups.items())
                ],
            }
        )
    return {"currencies": out}


def _scenarios(plans: list[PlanFacts], ctx: Context) -> Data:
    out: Data = {"plans": len(plans)}
    for name, list_key, net_key, value_key in _SCENARIOS:
        if ctx.redact and name == "walk_away":
            continue
        steps: dict[str, Decimal] = defaultdict(Decimal)
        for f in plans:
            for t in f.terms:
                amount = getattr(t, value_key)
                if amount is not None:
                    steps[t.term] += amount
        out[name] = {
            "list_total": sum((getattr(f, list_key) for f in plans), _ZERO),
            "terms": [{"term": term, "amount": steps[term]} for term in sorted(steps)],
            "net": sum((getattr(f, net_key) for f in plans), _ZERO),
        }
    return out


def patterns(facts: Sequence[PlanFacts], ctx: Context) -> Data:
    """What is given first; how often a term the strategy says not to lead with leads, overall
    and per owner; the most conceded terms; the give/get balance in money per currency."""
    planned = [f for f in facts if f.first_give is not None]
    first = Counter(str(f.first_give) for f in planned)
    led = sum(f.leads_with_avoided for f in planned)
    gives: Counter[str] = Counter()
    giving: Counter[str] = Counter()
    for f in facts:
        for t in f.terms:
            if t.gives:
                gives[t.term] += t.gives
                giving[t.term] += 1
    return {
        "plans_with_concessions": len(planned),
        "first_give": [{"term": t, "plans": n} for t, n in _ranked(first)],
        "leads_with_avoided": {"plans": led, "share": share(led, len(planned))},
        "by_owner": _owners(planned),
        "most_conceded": [{"term": t, "gives": n, "plans": giving[t]} for t, n in _ranked(gives)],
        "balance": _balance(facts),
    }


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _owners(planned: list[PlanFacts]) -> list[Data]:
    owners: dict[str, list[bool]] = defaultdict(list)
    for f in planned:
        owners[f.owner].append(f.leads_with_avoided)
    return [
        {"owner": owner, "plans": len(led), "led": sum(led), "share": share(sum(led), len(led))}
        for owner, led in sorted(owners.items())
        if len(led) >= MIN_PLANS
    ]


def _balance(facts: Sequence[PlanFacts]) -> list[Data]:
    per: dict[str, dict[str, Decimal]] = defaultdict(lambda: {"give": _ZERO, "get": _ZERO})
    for f in facts:
        for t in f.terms:
            if t.gives or t.gets:
                per[f.currency]["give"] += t.give_worth
                per[f.currency]["get"] += t.get_worth
    return [
        {
            "currency": currency,
            "give_worth": sums["give"],
            "get_worth": sums["get"],
            "net": sums["give"] + sums["get"],
        }
        for currency, sums in sorted(per.items())
    ]
