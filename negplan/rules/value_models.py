"""NP705–NP706: the playbook's deal economics — value models and the package ladder."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from negplan.domain import Unit, ValueBasis
from negplan.economics import format_percent
from negplan.findings import Severity
from negplan.models.playbook import Term
from negplan.rules._util import show
from negplan.rules.base import Issue, PlaybookContext, rule
from negplan.schema import suggest

_HUNDRED = Decimal(100)


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


RULES = [invalid_value_model, invalid_package_settings]
