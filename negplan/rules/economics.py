"""NP701–NP704: deal economics — the whole package priced against the company's authority."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from negplan.domain import ValueBasis
from negplan.economics import (
    DealEconomics,
    Package,
    PackageStatus,
    format_money,
    format_percent,
)
from negplan.findings import Severity
from negplan.models.plan import Trade
from negplan.pricing import Pricer, analyse
from negplan.rules._util import POSITIONS, show
from negplan.rules.base import Issue, PlanContext, rule
from negplan.signoffs import assess, entries_for, package_ladder, snippet, unresolved

_HUNDRED = Decimal(100)


def _economics(ctx: PlanContext) -> DealEconomics | None:
    """The plan's economics, computed once for all the NP7xx rules run on one plan."""
    # The rules read the walk-away scenario, the concession path and the package only.
    return ctx.cached(
        "economics", lambda: analyse(ctx.plan, ctx.playbook, scenarios=("walk_away",))
    )


def _rounded_up(share: Decimal | None) -> Decimal:
    # a sign-off "up to" the share, rounded up to a tenth so that it covers it
    if share is None:
        return Decimal(0)
    return (share * 10).to_integral_value(rounding="ROUND_CEILING") / 10


def _within_authority(ctx: PlanContext) -> bool:
    for variable in ctx.plan.variables:
        term = ctx.term(variable.term)
        if term is None:
            continue
        for name in POSITIONS:
            value = getattr(variable, name)
            if value is not None and (not term.within_limits(value) or term.past_authority(value)):
                return False
    return True


@rule("NP701", "package-below-floor", Severity.ERROR, target="plan", ideas=(2, 10))
def package_below_floor(ctx: PlanContext) -> Iterator[Issue]:
    """The walk-away package nets less than the playbook's floor, even if every term is in bounds.

    Why it matters:
        Each variable can sit inside the rep's authority while all of them together add up
        to a deal the company would never approve. The walk-away package (every variable at
        its walk-away at once) is priced with the playbook's value models; its net value, in
        percent of list value, must not fall below `economics.floor`. The floor is the
        company's minimum: no approver can sign off below it, so this is an error.

    Fails:
        economics: {floor: 80}                      # in the playbook
        deal: {list_value: 240000}
        variables:                                  # each within authority, 24 months
          - {term: discount, opening: 0, target: 5, walk_away: 10}
          - {term: free_months, opening: 0, target: 0, walk_away: 1}
          - {term: implementation_days, opening: 0, target: 3, walk_away: 5}
          - ...                                     # walk-away nets 79.19% of list

    Passes:
        the same plan with a 6% discount walk-away (the package nets 83.19% of list).

    Options:
        `economics.floor` in the playbook (percent of list value); no floor, no check.
    """
    economics = _economics(ctx)
    if economics is None or not economics.package.below_floor:
        return
    walk = economics.scenario("walk_away")
    package = economics.package
    although = (
        ", although every term is within the rep's authority" if _within_authority(ctx) else ""
    )
    yield Issue(
        ("variables",),
        f"the walk-away package nets {format_money(walk.net, economics.currency)}, "
        f"{format_percent(walk.share)} of list value, below the "
        f"{format_percent(package.floor)} floor{although}",
        "move some walk-away positions back, or plan gets that add value: run "
        "`negplan value` to see what each position costs",
        key=True,
    )


@rule("NP702", "package-needs-approval", Severity.WARNING, target="plan", ideas=(10, 12))
def package_needs_approval(ctx: PlanContext) -> Iterator[Issue]:
    """The total concession at walk-away needs approval and no package sign-off covers it.

    Why it matters:
        Deal desks route a bundle of concessions as if its total value were a discount. The
        walk-away package's total concession (value lost against list, in percent of list
        value) is checked against the playbook's package ladder; past the rep's package
        authority, the approver signs off the package before the meeting. Record it under
        `alignment:` with `topic: package`.

    Fails:
        economics: {authority: 15, approvals: [{up_to: 18, approver: Regional sales director}]}
        variables:                        # the clean example, plus:
          - {term: implementation_days, opening: 0, target: 0, walk_away: 5}
        alignment: []                     # walk-away package concedes 16.02% of list value

    Passes:
        alignment:
          - with: Regional sales director
            topic: package
            up_to: 16.5                   # percent of list value
            status: agreed
            date: 2026-11-20

    Options:
        `economics.authority` and `economics.approvals` in the playbook. A package sign-off
        counts, like a term's, only from the rung the package needs, for at least its share,
        agreed and dated no later than today.
    """
    economics = _economics(ctx)
    if economics is None:
        return
    package = economics.package
    if package.status not in (PackageStatus.NEEDS_APPROVAL, PackageStatus.NO_APPROVER):
        return
    what = (
        f"the walk-away package concedes {format_percent(package.share)} of list value "
        f"({format_money(package.concession, economics.currency)}), past the rep's "
        f"{format_percent(package.authority)} package authority"
    )
    if package.status is PackageStatus.NO_APPROVER:
        settings = ctx.playbook.economics
        top = settings.approvals[-1].up_to if settings and settings.approvals else None
        yield Issue(
            ("variables",),
            f"{what} and every approver on the package ladder",
            f"bring the total concession within {format_percent(top or package.authority)} "
            "of list value, or ask the deal desk",
            key=True,
        )
        return
    yield from _package_signoff(ctx, package, what)


def _package_signoff(ctx: PlanContext, package: Package, what: str) -> Iterator[Issue]:
    """NP702 for a package that needs an approver: the sign-off missing, pending or short."""
    settings = ctx.playbook.economics
    entries = entries_for(ctx.plan, None)
    verdict = (
        assess(ctx.plan, entries, package_ladder(settings), package.share, ctx.today)
        if settings is not None and package.share is not None
        else None
    )
    if verdict is None or verdict.covered:
        return
    if verdict.index is None:
        yield Issue(
            ("variables",),
            f"{what}: needs {package.approver}, and has no sign-off",
            "get the sign-off before the meeting and record it under `alignment:`: "
            f"`{snippet(package.approver or '', None, _rounded_up(package.share))}`",
            key=True,
        )
        return
    entry = ctx.plan.alignment[verdict.index]
    window = ctx.playbook.requirements.pending_alignment_days
    if verdict.problem is not None:
        if verdict.problem[0] in ("with", "up_to"):  # a date problem is NP601's to report
            field, message, hint = verdict.problem
            yield Issue(("alignment", verdict.index, field), message, hint)
    elif not unresolved(entry, ctx.plan.deal.meeting, ctx.today, window):  # else NP602's
        yield Issue(
            ("variables",),
            f"{what}: needs {package.approver}; the sign-off with {entry.with_} is still "
            f"{entry.status.value}",
            "get the answer before the meeting, and record it as agreed with its date",
            key=True,
        )


@rule("NP703", "trade-gives-more-than-gets", Severity.WARNING, target="plan", ideas=(5, 16))
def trade_gives_more(ctx: PlanContext) -> Iterator[Issue]:
    """A planned trade gives more value than it gets (both sides valued).

    Why it matters:
        Trade concessions for something of equal value. When both sides of a trade are on
        valued terms, negplan prices them on the concession path, which starts from the
        standard deal (every term at its baseline: the playbook's standard position, else the
        value model's base) and applies the planned trades in order: each give and get is
        worth the change it makes to the running package, the same figures `negplan value`
        shows. A give worth more than its get loses money on every repetition.

    Fails:
        concessions:                                      # 240,000 a year, 36 months
          - give: {term: discount, value: 5}              # EUR -36,000 (5% × 3 years)
            get: {term: reference_calls, value: 1}        # EUR 15,000

    Passes:
        concessions:
          - give: {term: discount, value: 2}              # EUR -14,400
            get: {term: reference_calls, value: 1}        # EUR 15,000

    Options:
        the value models (`worth:`) of the playbook's terms.
    """
    economics = _economics(ctx)
    if economics is None:
        return
    currency = economics.currency
    for step in economics.path[1:]:
        give, get = step.give, step.get
        if give is None or get is None or give.worth is None or get.worth is None:
            continue
        if give.worth + get.worth >= 0 or _past_walk_away(ctx, get.term, get.position):
            continue  # a get past our walk-away is NP410's to report
        i = step.number - 1
        gave = _trade_text(ctx, give.term, give.position)
        got = _trade_text(ctx, get.term, get.position)
        paid = f"concession {step.number} gives {gave} ({format_money(give.worth, currency)})"
        if get.worth < 0:
            message = (
                f"{paid} and 'gets' {got}, which leaves us worse off than the deal as it stands "
                f"({format_money(get.worth, currency)}): that is a second give, not a get"
            )
        elif get.worth == 0:
            message = f"{paid} for {got}, which is worth nothing to us"
        else:
            message = f"{paid} for {got}, worth only {format_money(get.worth, currency)}"
        yield Issue(("concessions", i), message, "ask for more in return, or give less")


def _past_walk_away(ctx: PlanContext, term_id: str | None, position: object) -> bool:
    term = ctx.term(term_id or "")
    variable = next((v for v in ctx.plan.variables if v.term == term_id), None)
    if term is None or variable is None:
        return False
    return term.worse(position, variable.walk_away)


def _trade_text(ctx: PlanContext, term_id: str | None, position: object) -> str:
    term = ctx.term(term_id or "")
    return f"{term_id} {show(term, position)}" if term else str(term_id)


@rule("NP704", "term-without-value-model", Severity.INFO, target="plan", ideas=(16,))
def term_without_value(ctx: PlanContext) -> Iterator[Issue]:
    """A traded term has no value model, so the package total leaves it out.

    Why it matters:
        "If you can't measure it, you can't trade it." A term without a value model counts
        as nothing in the package's net value, so a package can look better than it is. It
        may be a deliberate choice (a risk term that has no fair price); this note makes
        it visible.

    Fails:
        variables:
          - {term: price_hold_months, opening: 0, target: 6, walk_away: 12}   # no `worth:`

    Passes:
        terms:                                                 # in the playbook
          - id: price_hold_months
            worth: {basis: list, per_unit: 0.1, per_year: true}

    Options:
        checked only when the plan has `deal.list_value` and the playbook has at least one
        value model.
    """
    if ctx.plan.deal.list_value is None or not any(t.worth for t in ctx.playbook.terms):
        return
    pricer = Pricer(ctx.plan, ctx.playbook)
    seen: set[str] = set()
    given = {c.give.term for c in ctx.plan.concessions}
    traded: list[tuple[tuple[str | int, ...], str]] = [
        (("variables", i, "term"), v.term)
        for i, v in enumerate(ctx.plan.variables)
        if not v.firm or v.term in given  # a term held firm is not traded
    ]
    for i, concession in enumerate(ctx.plan.concessions):
        for side in ("give", "get"):
            trade = getattr(concession, side)
            if isinstance(trade, Trade):
                traded.append((("concessions", i, side, "term"), trade.term))
    contract = pricer.contract_term
    for path, term_id in traded:
        term = ctx.term(term_id)
        if term is None or term_id in seen:
            continue
        seen.add(term_id)
        if term.worth is None:
            if contract is not None and contract.id == term_id:
                continue
            yield Issue(
                path,
                f"term {term_id} has no value model: the package total leaves it out",
                f"add `worth:` to {term_id} in the playbook (see `negplan explain NP704`)",
            )
            continue
        if term.worth.basis is ValueBasis.MONEY and pricer.currency != ctx.playbook.currency:
            yield Issue(
                path,
                f"term {term_id} is valued in {ctx.playbook.currency} and the deal is in "
                f"{pricer.currency}: the package total leaves it out",
                "negplan converts no currency; the playbook's owner can value the term as a "
                "share of list value (`basis: list`), which counts in any currency",
            )


@rule("NP707", "economics-not-checked", Severity.WARNING, target="plan", ideas=(2, 10))
def economics_not_checked(ctx: PlanContext) -> Iterator[Issue]:
    """The package rules could not run: the plan has no list value to price it against.

    Why it matters:
        The package floor (NP701), the package approval ladder (NP702) and the value of each
        trade (NP703) all measure against the deal's annual list value. Without it they
        cannot run, and a plan that would breach the floor would pass unnoticed; this finding
        says so instead of staying silent.

    Fails:
        deal: {title: 2027 renewal, customer: Acme, owner: Dana}    # no list_value
        (the playbook sets `economics.floor: 80`)

    Passes:
        deal: {title: 2027 renewal, customer: Acme, owner: Dana, list_value: 240000}

    Options:
        none; runs when the playbook sets a package floor, a package authority or any
        value model.
    """
    if ctx.plan.deal.list_value is not None:
        return
    settings = ctx.playbook.economics
    checks = []
    if settings is not None and settings.floor is not None:
        checks.append(f"the {format_percent(settings.floor)} package floor")
    if settings is not None and settings.authority is not None:
        checks.append("the package approval ladder")
    if any(term.worth for term in ctx.playbook.terms) and ctx.plan.concessions:
        checks.append("the value of each trade")
    if checks:
        listed = ", ".join(checks[:-1]) + (" and " if len(checks) > 1 else "") + checks[-1]
        yield Issue(
            ("deal",),
            f"no deal.list_value: {listed} could not be checked",
            "add `list_value:` under `deal:` (the annual list value, in the deal currency)",
            key=True,
        )


RULES = [
    package_below_floor,
    package_needs_approval,
    trade_gives_more,
    term_without_value,
    economics_not_checked,
]
