"""NP7xx: deal economics — the whole package priced against the company's authority."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from negplan.domain import Unit, ValueBasis
from negplan.economics import (
    PACKAGE_TOPIC,
    DealEconomics,
    PackageStatus,
    Pricer,
    analyse,
    format_money,
    format_percent,
)
from negplan.findings import Severity
from negplan.rules._util import POSITIONS, show
from negplan.rules.base import Issue, PlanContext, PlaybookContext, rule
from negplan.schema import suggest

if TYPE_CHECKING:
    from negplan.models.playbook import Term

_HUNDRED = Decimal(100)


def _economics(ctx: PlanContext) -> DealEconomics | None:
    """The plan's economics, computed once for all the NP7xx rules run on one plan."""
    # The rules read the walk-away scenario, the concession path and the package only.
    return ctx.cached(
        "economics", lambda: analyse(ctx.plan, ctx.playbook, scenarios=("walk_away",))
    )


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
    """The total concession at walk-away needs approval and has no package alignment entry.

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
            status: agreed
            date: 2026-11-20

    Options:
        `economics.authority` and `economics.approvals` in the playbook.
    """
    economics = _economics(ctx)
    if economics is None:
        return
    package = economics.package
    if package.status not in (PackageStatus.NEEDS_APPROVAL, PackageStatus.NO_APPROVER):
        return
    if any((entry.topic or "").strip().lower() == PACKAGE_TOPIC for entry in ctx.plan.alignment):
        return
    what = (
        f"the walk-away package concedes {format_percent(package.share)} of list value "
        f"({format_money(package.concession, economics.currency)}), past the rep's "
        f"{format_percent(package.authority)} package authority"
    )
    if package.status is PackageStatus.NEEDS_APPROVAL:
        yield Issue(
            ("variables",),
            f"{what}: needs {package.approver}, and has no alignment entry",
            f"add under `alignment:` - with: {package.approver}, topic: {PACKAGE_TOPIC}, "
            "status: pending",
            key=True,
        )
    else:
        top = (
            ctx.playbook.economics.approvals[-1].up_to
            if ctx.playbook.economics and (ctx.playbook.economics.approvals)
            else package.authority
        )
        yield Issue(
            ("variables",),
            f"{what} and every approver on the package ladder",
            f"bring the total concession within {format_percent(top)} of list value, or "
            "ask the deal desk",
            key=True,
        )


@rule("NP703", "trade-gives-more-than-gets", Severity.WARNING, target="plan", ideas=(5, 16))
def trade_gives_more(ctx: PlanContext) -> Iterator[Issue]:
    """A planned trade gives more value than it gets (both sides valued).

    Why it matters:
        Trade concessions for something of equal value. When both sides of a trade are on
        valued terms, negplan prices them: the give at what it takes off the running package
        (from the opening, through the earlier concessions), the get at what it secures
        against the variable's walk-away (or against the term's zero point when the term is
        not a variable). A give worth more than its get loses money on every repetition.

    Fails:
        concessions:                                      # 240,000 a year, 36 months
          - give: {term: discount, value: 5}              # EUR -36,000
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
        if give is None or get is None or give.worth is None or get.secured is None:
            continue
        if give.worth + get.secured >= 0:
            continue
        i = step.number - 1
        gave = _trade_text(ctx, give.term, give.position)
        got = _trade_text(ctx, get.term, get.position)
        yield Issue(
            ("concessions", i),
            f"concession {step.number} gives {gave} ({format_money(give.worth, currency)}) "
            f"for {got}, worth only {format_money(get.secured, currency)}",
            "ask for more in return, or give less",
        )


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
    traded: list[tuple[tuple[str | int, ...], str]] = [
        (("variables", i, "term"), v.term) for i, v in enumerate(ctx.plan.variables)
    ]
    for i, concession in enumerate(ctx.plan.concessions):
        for side in ("give", "get"):
            trade = getattr(concession, side)
            if trade is not None and not isinstance(trade, str):
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
                f"set `deal.currency: {ctx.playbook.currency}`, or value the term as a share "
                "of list (`basis: list`)",
            )


@rule("NP705", "invalid-value-model", Severity.ERROR, target="playbook", ideas=(16,))
def invalid_value_model(ctx: PlaybookContext) -> Iterator[Issue]:
    """A term's value model does not fit the term.

    Why it matters:
        Value models price every plan's packages. A choice term needs a value per option, a
        numeric or yes/no term needs a value per unit, `capital` only prices days (and needs
        the playbook's cost of capital), and the zero point must be a position of the term.
        A model that does not fit would price packages wrongly for every rep.

    Fails:
        - id: support_tier
          unit: choice
          options: [standard, premium]
          worth: {per_unit: 2}

    Passes:
        - id: support_tier
          unit: choice
          options: [standard, premium]
          worth: {basis: list, options: {standard: 0, premium: -2}, per_year: true}

    Options:
        none.
    """
    settings = ctx.playbook.economics
    for i, term in enumerate(ctx.playbook.terms):
        if term.worth is None:
            continue
        at = ("terms", i, "worth")
        for field, message, hint in _model_problems(term):
            yield Issue((*at, field) if field else at, message, hint)
        capital = term.worth.basis is ValueBasis.CAPITAL
        if capital and (settings is None or settings.cost_of_capital is None):
            yield Issue(
                (*at, "basis"),
                f"term {term.id} is valued at the cost of capital, but the playbook sets no "
                "`economics.cost_of_capital`",
                "add `economics: {cost_of_capital: 8}` (percent a year)",
            )


def _model_problems(term: Term) -> Iterator[tuple[str | None, str, str]]:
    model = term.worth
    assert model is not None
    if term.unit is Unit.CHOICE:
        if model.options is None:
            yield (
                None,
                f"choice term {term.id} has no value per option",
                (
                    "add `options:` under `worth:` with a value for each of "
                    + ", ".join(term.options)
                ),
            )
        else:
            for name in model.options:
                if name not in term.options:
                    yield (
                        "options",
                        f"value model of {term.id} names option '{name}', which "
                        "the term does not have",
                        suggest(name, term.options) or ("options: " + ", ".join(term.options)),
                    )
            missing = [name for name in term.options if name not in model.options]
            if missing:
                yield (
                    "options",
                    f"value model of {term.id} has no value for "
                    + ", ".join(f"'{m}'" for m in missing),
                    "give every option a value (0 when free)",
                )
        for field in ("per_unit", "base"):
            if getattr(model, field) is not None:
                yield (
                    field,
                    f"choice term {term.id} takes no `{field}` in its value model",
                    "value each option under `options:`",
                )
        if model.basis is ValueBasis.CAPITAL:
            yield (
                "basis",
                f"choice term {term.id} cannot be valued at the cost of capital",
                "use basis money, list or list_months",
            )
        return
    if model.options is not None:
        yield (
            "options",
            f"term {term.id} is not a choice term: `options` is not used",
            "value one unit with `per_unit:`",
        )
    if model.basis is ValueBasis.CAPITAL:
        if term.unit is not Unit.DAYS:
            yield (
                "basis",
                f"term {term.id} is in {term.unit.value}: the capital basis prices days only",
                "use basis money, list or list_months",
            )
        if model.per_unit is not None:
            yield (
                "per_unit",
                f"term {term.id} is valued at the cost of capital and takes no `per_unit`",
                "remove `per_unit:`",
            )
    elif model.per_unit is None:
        yield (
            None,
            f"value model of {term.id} has no `per_unit`",
            ("say what one unit of movement is worth, e.g. `per_unit: 1`"),
        )
    if model.base is not None and term.badness(model.base) is None:
        yield (
            "base",
            f"base {show(term, model.base)} is not a position of {term.id}",
            ("use a number for numeric terms, true/false for yes/no terms"),
        )


@rule("NP706", "invalid-package-settings", Severity.ERROR, target="playbook", ideas=(10,))
def invalid_package_settings(ctx: PlaybookContext) -> Iterator[Issue]:
    """The playbook's `economics:` settings do not fit together.

    Why it matters:
        The contract term must be a months term of the library; the package ladder must
        climb from the rep's authority, one approver after another, and stop at the floor
        (a total concession past `100 - floor` percent is below the floor, which nobody may
        approve).

    Fails:
        economics:
          contract_term: contract_lenght
          floor: 80
          authority: 15
          approvals:
            - {up_to: 12, approver: Regional sales director}
            - {up_to: 25, approver: VP Sales}

    Passes:
        economics:
          contract_term: contract_length
          floor: 80
          authority: 15
          approvals:
            - {up_to: 18, approver: Regional sales director}
            - {up_to: 20, approver: VP Sales}

    Options:
        none.
    """
    settings = ctx.playbook.economics
    if settings is None:
        return
    if settings.contract_term is not None:
        term = ctx.playbook.term_map.get(settings.contract_term)
        if term is None:
            yield Issue(
                ("economics", "contract_term"),
                f"contract term '{settings.contract_term}' is not in the term library",
                suggest(settings.contract_term, list(ctx.playbook.term_map))
                or "name the months term that gives the contract length",
            )
        elif term.unit is not Unit.MONTHS:
            yield Issue(
                ("economics", "contract_term"),
                f"contract term {term.id} is in {term.unit.value}, not months",
                "name the months term that gives the contract length",
            )
    ceiling = _HUNDRED - settings.floor if settings.floor is not None else None
    if settings.authority is not None and ceiling is not None and settings.authority > ceiling:
        yield Issue(
            ("economics", "authority"),
            f"package authority {format_percent(settings.authority)} goes past the "
            f"{format_percent(settings.floor)} floor",
            f"keep it at or under {format_percent(ceiling)} (100% minus the floor)",
        )
    previous = settings.authority
    for i, rung in enumerate(settings.approvals):
        at = ("economics", "approvals", i, "up_to")
        if previous is not None and rung.up_to <= previous:
            yield Issue(
                at,
                f"{rung.approver} signs off up to {format_percent(rung.up_to)}, not past the "
                f"previous {format_percent(previous)}",
                "list approvers nearest first, each signing off a larger total concession",
            )
        if ceiling is not None and rung.up_to > ceiling:
            yield Issue(
                at,
                f"{rung.approver} signs off up to {format_percent(rung.up_to)}, past the "
                f"{format_percent(settings.floor)} floor",
                f"keep every rung at or under {format_percent(ceiling)} (100% minus the floor)",
            )
        previous = rung.up_to


RULES = [
    package_below_floor,
    package_needs_approval,
    trade_gives_more,
    term_without_value,
    invalid_value_model,
    invalid_package_settings,
]
