"""NP4xx: the concession plan — trade, never give (ideas 5, 6, 16, 17)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from negplan.domain import TradeLevel
from negplan.findings import Severity
from negplan.models.plan import Trade
from negplan.rules._util import show, slip_for
from negplan.rules.base import Issue, PlanContext, rule
from negplan.scalars import yaml_flow_text


def _gives(ctx: PlanContext) -> Iterator[tuple[int, Trade]]:
    for i, concession in enumerate(ctx.plan.concessions):
        yield i, concession.give


@rule("NP401", "give-without-get", Severity.ERROR, target="plan", ideas=(5,))
def give_without_get(ctx: PlanContext) -> Iterator[Issue]:
    """A concession gives without getting anything in return.

    Why it matters:
        Every concession is a trade: "if we do X, can you do Y?". A concession given for
        nothing trains the buyer to push for the next one, and signals that there is more
        where it came from.

    Fails:
        concessions:
          - give: {term: payment_terms, value: 45}

    Passes:
        concessions:
          - give: {term: payment_terms, value: 45}
            get: {term: contract_length, value: 36}
            condition: if you commit to three years

    Options:
        none.
    """
    for i, concession in enumerate(ctx.plan.concessions):
        if concession.get is None:
            what = _describe(ctx, concession.give)
            yield Issue(
                ("concessions", i),
                f"concession {i + 1} gives {what} without getting anything",
                "add `get:`: what the buyer gives in return, "
                + _get_examples(ctx, concession.give.term)
                + ' ("if we do X, can you do Y?")',
            )


def _get_examples(ctx: PlanContext, given: str) -> str:
    """Examples of a get, written with this plan's own terms and dates."""
    by = ctx.plan.deal.close or ctx.plan.deal.meeting
    commitment = (
        f"a commitment with a date (`{{commitment: signed order form, by: "
        f"{by.isoformat() if by else 'YYYY-MM-DD'}}}`)"
    )
    given_terms = {c.give.term for c in ctx.plan.concessions} | {given}
    order = {TradeLevel.CREATIVE: 0, TradeLevel.TERMS: 1, TradeLevel.PRICE: 2}
    asks = sorted(
        (v for v in ctx.plan.variables if v.term not in given_terms and ctx.term(v.term)),
        key=lambda v: order[ctx.term(v.term).level],  # type: ignore[union-attr]
    )
    for variable in asks:
        term = ctx.term(variable.term)
        value = variable.opening if variable.opening is not None else variable.target
        if term is None or value is None:
            continue
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        if not isinstance(value, bool) and not isinstance(value, Decimal):
            shown = yaml_flow_text(shown)
        return f"a term (`{{term: {term.id}, value: {shown}}}`) or {commitment}"
    return commitment


def _describe(ctx: PlanContext, give: Trade) -> str:
    term = ctx.term(give.term)
    return f"{give.term} {show(term, give.value)}" if term else give.term


@rule("NP402", "give-past-walk-away", Severity.ERROR, target="plan", ideas=(2, 5))
def give_past_walk_away(ctx: PlanContext) -> Iterator[Issue]:
    """A concession gives past the variable's walk-away, or on a term not in the plan.

    Why it matters:
        The concession plan must stay inside the limits set in advance; a planned give past
        the walk-away means the plan already accepts a deal the rep said they would decline.
        A give on a term with no variable has no walk-away to check against at all.

    Fails:
        variables:
          - {term: discount, opening: 0, target: 5, walk_away: 10}
        concessions:
          - give: {term: discount, value: 15}
            get: {term: contract_length, value: 36}

    Passes:
        concessions:
          - give: {term: discount, value: 8}
            get: {term: contract_length, value: 36}

    Options:
        none.
    """
    variables = {v.term: v for v in ctx.plan.variables}
    for i, give in _gives(ctx):
        variable = variables.get(give.term)
        if ctx.term(give.term) is None:
            continue  # NP201 reports a term the playbook lacks
        unknown = [v.term for v in ctx.plan.variables if ctx.term(v.term) is None]
        if variable is None and not slip_for(ctx, unknown, give.term):
            yield Issue(
                ("concessions", i, "give", "term"),
                f"concession {i + 1} gives on '{give.term}', which is not among the plan's "
                "variables",
                f"add a variable for {give.term} with its opening, target and walk-away",
            )
            continue
        term = ctx.term(give.term)
        if term is None or variable is None:
            continue
        if variable.firm:
            yield Issue(
                ("concessions", i, "give", "term"),
                f"concession {i + 1} gives on {give.term}, which the plan holds firm",
                f"give on another term, or drop `firm: true` from the {give.term} variable",
            )
            continue
        if variable.walk_away is None:
            continue
        if term.worse(give.value, variable.walk_away):
            yield Issue(
                ("concessions", i, "give", "value"),
                f"concession {i + 1} gives {give.term} {show(term, give.value)}, past the "
                f"walk-away {show(term, variable.walk_away)}",
                "plan gives inside your walk-away, or revisit the walk-away first",
            )


@rule("NP403", "leads-with-forbidden-term", Severity.WARNING, target="plan", ideas=(6, 11))
def leads_with_forbidden(ctx: PlanContext) -> Iterator[Issue]:
    """The first concession is on a term the strategy says not to lead with (e.g. discount).

    Why it matters:
        Discount is a concession to trade late and deliberately, never the first move. A
        company positioned on value that opens its concessions with price negotiates like the
        low-cost leader and teaches the buyer that price is where the room is.

    Fails:
        strategy: {dont_lead_with: [discount]}     # in the playbook
        concessions:
          - give: {term: discount, value: 5}
            get: {term: contract_length, value: 36}

    Passes:
        concessions:
          - give: {term: training_seats, value: 10}
            get: {term: case_study, value: true}
          - give: {term: discount, value: 5}
            get: {term: contract_length, value: 36}

    Options:
        the playbook's `strategy.dont_lead_with` lists the terms.
    """
    if not ctx.plan.concessions:
        return
    give = ctx.plan.concessions[0].give
    if not isinstance(give, str) and give.term in ctx.playbook.strategy.dont_lead_with:
        positioning = ctx.playbook.strategy.positioning.value
        yield Issue(
            ("concessions", 0, "give", "term"),
            f"the first concession gives {give.term}, which the strategy says not to lead with",
            f"as a {positioning}-positioned company, open with a cheap, valuable give and "
            f"trade {give.term} later",
        )


@rule("NP404", "costly-give-first", Severity.WARNING, target="plan", ideas=(6,))
def costly_give_first(ctx: PlanContext) -> Iterator[Issue]:
    """A concession gives on a costly or protected term before a cheaper one.

    Why it matters:
        Give first on what is cheap for us and valuable to them; protect what is costly. The
        playbook rates each term's cost to us and its protection priority, so the order of
        the concession plan can be checked against it.

    Fails:
        concessions:
          - give: {term: discount, value: 5}          # cost: high
            get: ...
          - give: {term: training_seats, value: 10}   # cost: low
            get: ...

    Passes:
        the same two concessions in the other order.

    Options:
        set `cost` and `priority` on the playbook's terms.
    """
    gives = [(i, give, ctx.term(give.term)) for i, give in _gives(ctx)]
    known = [(i, give, term) for i, give, term in gives if term is not None]
    forbidden = ctx.playbook.strategy.dont_lead_with
    for pos, (i, give, term) in enumerate(known):
        if i == 0 and give.term in forbidden:
            continue  # leading with it is NP403's finding: one mistake, one finding
        for _j, later, later_term in known[pos + 1 :]:
            costlier = term.cost.rank > later_term.cost.rank
            protected = term.cost == later_term.cost and term.priority < later_term.priority
            if later.term != give.term and (costlier or protected):
                why = (
                    f"before the cheaper {later.term} (cost to us {term.cost.value} vs "
                    f"{later_term.cost.value})"
                    if costlier
                    else f"before {later.term}, which costs us as much and the playbook "
                    f"protects less (priority {term.priority} vs {later_term.priority})"
                )
                yield Issue(
                    ("concessions", i, "give", "term"),
                    f"concession {i + 1} gives {give.term} {why}",
                    f"move the {later.term} concession earlier",
                )
                break


@rule("NP410", "get-past-walk-away", Severity.ERROR, target="plan", ideas=(2, 5))
def get_past_walk_away(ctx: PlanContext) -> Iterator[Issue]:
    """A concession's get is worse for us than our own walk-away on that term.

    Why it matters:
        A get is what the buyer gives us in return. A "get" past our own walk-away (a 6-month
        contract when we walk away below 12) is not a get at all: it is a second give, and
        one the plan itself says we would decline.

    Fails:
        variables:
          - {term: contract_length, opening: 36, target: 24, walk_away: 12}
        concessions:
          - give: {term: payment_terms, value: 45}
            get: {term: contract_length, value: 6}

    Passes:
        concessions:
          - give: {term: payment_terms, value: 45}
            get: {term: contract_length, value: 36}

    Options:
        none.
    """
    variables = {v.term: v for v in ctx.plan.variables}
    for i, concession in enumerate(ctx.plan.concessions):
        get = concession.get
        if not isinstance(get, Trade):
            continue
        term, variable = ctx.term(get.term), variables.get(get.term)
        if term is None or variable is None or variable.walk_away is None:
            continue
        if term.worse(get.value, variable.walk_away):
            yield Issue(
                ("concessions", i, "get", "value"),
                f"concession {i + 1} gets {get.term} {show(term, get.value)}, which is worse "
                f"for us than our own walk-away ({show(term, variable.walk_away)}): that is a "
                "second give, not a get",
                f"ask for {get.term} at or better than {show(term, variable.target)}"
                if variable.target is not None
                else f"ask for {get.term} better than the walk-away",
            )


@rule("NP406", "price-only-trades", Severity.WARNING, target="plan", ideas=(4, 16))
def price_only(ctx: PlanContext) -> Iterator[Issue]:
    """Only price-level terms are given; no terms-and-conditions or creative trade.

    Why it matters:
        Trading across variables creates room without cutting price. Trades come in levels:
        price and volume, then terms and conditions (payment, length, liability), then
        creative trades (references, case studies, roadmap input). A plan with price terms
        only has nothing to trade but margin.

    Fails:
        concessions:                # every give is on a price-level term
          - give: {term: free_months, value: 1}
            get: ...
          - give: {term: discount, value: 5}
            get: ...

    Passes:
        concessions:
          - give: {term: training_seats, value: 10}
            get: ...
          - give: {term: discount, value: 5}
            get: ...

    Options:
        set each playbook term's `level` (price, terms, creative). The gives are judged
        when the plan has a concession plan, else the variables.
    """
    if ctx.plan.concessions:
        terms = [ctx.term(give.term) for _, give in _gives(ctx)]
        where, what = ("concessions",), "the concession plan gives only on price-level terms"
    else:
        terms = [ctx.term(v.term) for v in ctx.plan.variables]
        where, what = ("variables",), "only price-level terms are traded"
    known = [t for t in terms if t is not None]
    if known and all(t.level is TradeLevel.PRICE for t in known):
        yield Issue(
            where,
            f"{what}: " + ", ".join(sorted({t.id for t in known})),
            "add a terms-and-conditions or creative trade (payment terms, contract length, "
            "case study, references...)",
            key=True,
        )


@rule("NP407", "no-cheap-give", Severity.INFO, target="plan", ideas=(16,))
def no_cheap_give(ctx: PlanContext) -> Iterator[Issue]:
    """No planned give is cheap for us (low cost).

    Why it matters:
        The best gives are cheap for us and valuable to them ("elegant currency": training
        seats, a reference visit, roadmap input). A concession plan without one pays for every
        trade in margin.

    Fails:
        concessions:
          - give: {term: discount, value: 5}     # cost: high
            get: ...

    Passes:
        concessions:
          - give: {term: training_seats, value: 10}   # cost: low
            get: ...

    Options:
        set each playbook term's `cost`.
    """
    gives = [ctx.term(give.term) for _, give in _gives(ctx)]
    if ctx.plan.concessions and not any(t is not None and t.cost.rank == 0 for t in gives):
        yield Issue(
            ("concessions",),
            "no planned give is cheap for us",
            "plan a low-cost give the buyer values (training seats, a reference visit...)",
            key=True,
        )


@rule("NP408", "no-concession-plan", Severity.WARNING, target="plan", ideas=(1, 5))
def no_concession_plan(ctx: PlanContext) -> Iterator[Issue]:
    """The plan has variables but no planned concessions.

    Why it matters:
        Unprepared reps concede reactively. Planning the trades in advance (what we give,
        what we ask for in return, in which order) is what keeps concessions traded, not
        given.

    Fails:
        variables: [...]
        concessions: []

    Passes:
        concessions:
          - give: {term: payment_terms, value: 45}
            get: {term: contract_length, value: 36}

    Options:
        none.
    """
    if ctx.plan.variables and not ctx.plan.concessions:
        yield Issue(
            ("concessions",),
            "no concession plan",
            "list the trades you plan to make, in order: give → get",
            key=True,
        )


RULES = [
    give_without_get,
    give_past_walk_away,
    leads_with_forbidden,
    costly_give_first,
    get_past_walk_away,
    price_only,
    no_cheap_give,
    no_concession_plan,
]
