"""Price a plan with its playbook's value models: scenarios, the concession path and the
package (see :mod:`negplan.economics` for what the figures mean)."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from negplan.domain import Unit, ValueBasis, format_value
from negplan.economics import (
    SCENARIOS,
    DealEconomics,
    Economics,
    Move,
    Package,
    Package_,
    PackageStatus,
    Position,
    Scenario,
    State,
    Step,
    Valuation,
)
from negplan.models.plan import Commitment, Plan, Trade, Variable
from negplan.models.playbook import EconomicsSettings, Playbook, Term, ValueModel

_HUNDRED = Decimal(100)
_DAYS_PER_YEAR = Decimal(365)


def analyse(
    plan: Plan, playbook: Playbook, *, scenarios: Collection[str] = tuple(SCENARIOS)
) -> DealEconomics | None:
    """Price the plan's scenarios, concession path and package; None without a list value.

    ``scenarios`` names the scenarios to price, in their usual order; the walk-away one is
    always priced, as the package is judged on it.
    """
    if plan.deal.list_value is None:
        return None
    pricer = Pricer(plan, playbook)
    wanted = [name for name in SCENARIOS if name in scenarios or name == "walk_away"]
    priced = tuple(pricer.scenario(name) for name in wanted)
    return DealEconomics(
        currency=pricer.currency,
        list_value=plan.deal.list_value,
        contract_source=pricer.contract_source,
        scenarios=priced,
        path=tuple(pricer.path()),
        package=pricer.package(priced[-1]),
    )


def summarize(plan: Plan, playbook: Playbook) -> Economics | None:
    """The compact summary for a brief; None when the plan has no ``deal.list_value``."""
    full = analyse(plan, playbook)
    if full is None:
        return None
    target, walk = full.scenario("target"), full.scenario("walk_away")
    return Economics(
        currency=full.currency,
        list_value=full.list_value,
        target_net=target.net,
        target_share=target.share,
        walk_away_net=walk.net,
        walk_away_share=walk.share,
        floor=full.package.floor,
        status=full.package.status,
        approver=full.package.approver,
    )


class Pricer:
    """Prices positions and packages for one plan against one playbook."""

    def __init__(self, plan: Plan, playbook: Playbook) -> None:
        self.plan = plan
        self.playbook = playbook
        self.settings: EconomicsSettings = playbook.economics or EconomicsSettings()
        self.currency = plan.deal.currency or playbook.currency
        self.list_value = plan.deal.list_value or Decimal(0)
        self.variables: dict[str, Variable] = {}
        for variable in plan.variables:
            self.variables.setdefault(variable.term, variable)
        self._values: dict[tuple[str, Position | None, Decimal], Valuation] = {}
        self._totals: dict[Package_, tuple[Package_, Decimal]] = {}
        self._factors: dict[ValueBasis, Decimal | str] = {}
        self._terms: dict[str, Term] = playbook.term_map
        term_id = self.settings.contract_term
        term = self._terms.get(term_id) if term_id else None
        self._contract = term if term is not None and term.unit is Unit.MONTHS else None

    @property
    def contract_term(self) -> Term | None:
        """The playbook's contract term, when it names a months term."""
        return self._contract

    @property
    def contract_source(self) -> str:
        """Where contract years come from: a term id, ``deal.contract_years`` or ``default``."""
        term = self.contract_term
        if term is not None and term.id in self.variables:
            return term.id
        return "deal.contract_years" if self.plan.deal.contract_years else "default"

    def years(self, state: State) -> Decimal:
        """Contract years for a package: the contract term's months / 12, else the fallbacks."""
        term = self._contract
        months = state.get(term.id) if term is not None else None
        if type(months) is Decimal and months > 0:
            return months / 12
        return self.plan.deal.contract_years or Decimal(1)

    def value(self, term_id: str, position: Position | None, years: Decimal) -> Valuation:
        """What one term at one position is worth to us over ``years``."""
        key = (term_id, position, years)
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = self._value(term_id, position, years)
        return found

    def _value(self, term_id: str, position: Position | None, years: Decimal) -> Valuation:
        term = self._terms.get(term_id)
        if term is None:
            return Valuation(term_id, position, None, "not in the playbook")
        if term.worth is None:
            return Valuation(term_id, position, None, "no value model")
        if position is None:
            return Valuation(term_id, position, None, "no position")
        amount = self._amount(term, term.worth, position)
        if isinstance(amount, str):
            return Valuation(term_id, position, None, amount)
        return Valuation(term_id, position, amount * years if term.worth.per_year else amount)

    def _amount(self, term: Term, model: ValueModel, position: Position) -> Decimal | str:
        basis = model.basis
        factor = self._factors.get(basis)
        if factor is None:
            factor = self._factors[basis] = self._factor(model)
        if isinstance(factor, str):
            return factor
        if term.unit is Unit.CHOICE:
            if model.options is None:
                return "no value per option"
            if not isinstance(position, str) or position not in model.options:
                return f"no value for option '{format_value(position)}'"
            return model.options[position] * factor
        if model.basis is not ValueBasis.CAPITAL:
            if model.per_unit is None:
                return "no per-unit value"
            factor *= model.per_unit
        if model.base is not None:
            base: Position = model.base
        else:
            base = False if term.unit is Unit.YES_NO else Decimal(0)
        start, here = term.badness(base), term.badness(position)
        if start is None or here is None:
            return f"cannot value {format_value(position)}"
        return factor * (start - here)

    def _factor(self, model: ValueModel) -> Decimal | str:
        if model.basis is ValueBasis.MONEY:
            if self.currency != self.playbook.currency:
                return f"amounts are in {self.playbook.currency}, the deal in {self.currency}"
            return Decimal(1)
        if model.basis is ValueBasis.LIST:
            return self.list_value / _HUNDRED
        if model.basis is ValueBasis.LIST_MONTHS:
            return self.list_value / 12
        rate = self.settings.cost_of_capital
        if rate is None:
            return "no cost of capital in the playbook"
        return self.list_value * rate / _HUNDRED / _DAYS_PER_YEAR

    def parts(self, state: State) -> tuple[Decimal, Decimal, tuple[Valuation, ...]]:
        """Contract years, list total and the valuation of each term of a package."""
        years = self.years(state)
        known = self._values
        valuations = []
        for term, position in state.items():
            key = (term, position, years)
            found = known.get(key)
            if found is None:
                found = known[key] = self._value(term, position, years)
            valuations.append(found)
        return years, self.list_value * years, tuple(valuations)

    def total(self, state: State) -> Decimal:
        """The net value of a package."""
        # The concession path prices the same package several times; reuse a total only for
        # the very same position objects, so that equal numbers written differently (5 and
        # 5.0) are still priced on their own.
        key = tuple(state.items())
        found = self._totals.get(key)
        if found is not None and all(a[1] is b[1] for a, b in zip(found[0], key, strict=True)):
            return found[1]
        _, list_total, valuations = self.parts(state)
        net = _net(list_total, valuations)
        self._totals[key] = (key, net)
        return net

    def state(self, name: str) -> dict[str, Position | None]:
        """Every variable at one position (``opening``, ``target`` or ``walk_away``)."""
        return {term: getattr(v, name) for term, v in self.variables.items()}

    def scenario(self, name: str) -> Scenario:
        """Price one scenario."""
        state = self.state(name)
        years, list_total, valuations = self.parts(state)
        return Scenario(name, years, list_total, valuations, _net(list_total, valuations))

    def baseline_state(self) -> dict[str, Position | None]:
        """Every variable at its term's baseline: the standard deal, where the path starts."""
        return {term: self.baseline(term) for term in self.variables}

    def baseline(self, term_id: str) -> Position | None:
        """The baseline position of a term (see :func:`baseline`); None if it is unknown."""
        term = self._terms.get(term_id)
        return baseline(term) if term is not None else None

    def path(self) -> list[Step]:
        """The running package through the concession plan, from the baseline package.

        Every variable starts at its baseline; each give and get moves its term, and is worth
        the change it makes to the running net value. A term's first move is so measured
        against its baseline, a later one against the term's previous move.
        """
        state = self.baseline_state()
        steps = [self._step(0, None, None, state)]
        for i, concession in enumerate(self.plan.concessions):
            give = self._move(state, concession.give)
            get = self._move(state, concession.get) if concession.get else None
            steps.append(self._step(i + 1, give, get, state))
        return steps

    def _step(self, number: int, give: Move | None, get: Move | None, state: State) -> Step:
        years = self.years(state)
        return Step(number, give, get, years, self.list_value * years, self.total(state))

    def _move(self, state: dict[str, Position | None], side: Trade | Commitment) -> Move:
        if isinstance(side, Commitment):
            return Move(None, None, side.describe(), None)
        if side.term not in state:
            state[side.term] = self.baseline(side.term)
        before = self.total(state)
        state[side.term] = side.value
        after = self.total(state)
        priced = self._priced(side.term, side.value, state)
        return Move(side.term, side.value, None, after - before if priced else None)

    def _priced(self, term_id: str, position: Position, state: State) -> bool:
        contract = self.contract_term
        if contract is not None and contract.id == term_id:
            return True
        return self.value(term_id, position, self.years(state)).amount is not None

    def package(self, walk_away: Scenario) -> Package:
        """The walk-away package against the floor and the package approval ladder."""
        settings = self.settings
        share = walk_away.concession_share
        base = Package(
            walk_away.concession, share, settings.floor, settings.authority, PackageStatus.NOT_SET
        )
        if share is None:
            return base
        if settings.floor is not None and walk_away.net * _HUNDRED < (
            settings.floor * walk_away.list_total
        ):
            return _replace(base, PackageStatus.BELOW_FLOOR)
        if settings.authority is None:
            return base
        if share <= settings.authority:
            return _replace(base, PackageStatus.WITHIN_AUTHORITY)
        for rung in settings.approvals:
            if share <= rung.up_to:
                return _replace(base, PackageStatus.NEEDS_APPROVAL, rung.approver)
        return _replace(base, PackageStatus.NO_APPROVER)


def baseline(term: Term) -> Position | None:
    """The position a give or a get on ``term`` is measured against.

    The term's standard position where the playbook gives one, else its value model's
    ``base``, else the value model's zero (0, or no); None for a choice term without a
    standard, whose options are valued as the model states them. docs/economics.md.
    """
    if term.standard is not None:
        return term.standard
    if term.worth is not None and term.worth.base is not None:
        return term.worth.base
    if term.unit is Unit.YES_NO:
        return False
    return Decimal(0) if term.unit.numeric else None


def _replace(package: Package, status: PackageStatus, approver: str | None = None) -> Package:
    return Package(
        package.concession, package.share, package.floor, package.authority, status, approver
    )


def _net(list_total: Decimal, valuations: tuple[Valuation, ...]) -> Decimal:
    return list_total + sum((v.amount for v in valuations if v.amount is not None), Decimal(0))
