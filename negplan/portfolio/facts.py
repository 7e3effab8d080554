"""The facts a report keeps of one plan: what every section needs, and nothing else.

Facts are worked out once per plan, right after it is checked (in the worker process that
checked it), from the checked plan, its playbook and its findings: the sign-offs through
:mod:`negplan.signoffs`, the money through :mod:`negplan.pricing`. They are named tuples of
plain values, so that the sections never need the plan again, the facts of many thousand plans
fit in little memory, and they travel back from the workers, and into the cache, as compact
rows (:mod:`negplan.portfolio.rows`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple, TypedDict

from negplan.domain import format_value
from negplan.economics import DealEconomics, Scenario, cents
from negplan.findings import Finding, Severity
from negplan.models.plan import Commitment, Plan, Variable
from negplan.models.playbook import Playbook, Term
from negplan.pricing import analyse
from negplan.readiness import Readiness, readiness
from negplan.signoffs import assess, entries_for, term_ladder, unresolved

#: The readiness states, worst first (the order of :class:`negplan.readiness.Readiness`).
STATES = tuple(state.value for state in Readiness)
#: The states of plans that are not ready for their meeting.
NOT_READY_STATES = (Readiness.DRAFT.value, Readiness.NOT_READY.value)
#: The value a plan is grouped under when its deal does not say.
UNKNOWN = "(none)"


class Rung(NamedTuple):
    """One rung of a term's approval ladder: who signs off how far (numeric terms only)."""

    approver: str
    up_to: Decimal


class TermFacts(NamedTuple):
    """One term of one plan: its positions, authority, sign-off and money."""

    term: str
    name: str
    unit: str
    numeric: bool
    required: bool
    opening: str | None = None
    target: str | None = None
    walk_away: str | None = None
    target_number: Decimal | None = None
    walk_away_number: Decimal | None = None
    range_min: Decimal | None = None
    range_max: Decimal | None = None
    authority: str | None = None
    authority_number: Decimal | None = None
    rungs: tuple[Rung, ...] = ()
    has_walk_away: bool = False
    moves: bool = False
    past_authority: bool = False
    at_authority: bool = False
    #: The approver the walk-away needs (None within authority, or with no rung to reach it).
    rung: str | None = None
    covered: bool = False
    value_target: Decimal | None = None
    value_walk_away: Decimal | None = None
    gives: int = 0
    give_worth: Decimal = Decimal(0)
    gets: int = 0
    get_worth: Decimal = Decimal(0)

    @property
    def waiting(self) -> bool:
        """A sign-off the walk-away needs and does not have yet."""
        return self.past_authority and not self.covered


class PendingSignoff(NamedTuple):
    """An alignment entry still pending (or disputed) close to the meeting."""

    approver: str
    about: str
    status: str


class PlanFacts(NamedTuple):
    """Everything the report keeps of one plan."""

    path: str
    valid: bool
    readiness: str
    codes: tuple[str, ...] = ()
    errors: int = 0
    warnings: int = 0
    title: str = ""
    customer: str = ""
    owner: str = UNKNOWN
    region: str = UNKNOWN
    segment: str = UNKNOWN
    currency: str = ""
    meeting: dt.date | None = None
    list_total_target: Decimal | None = None
    list_total_walk_away: Decimal | None = None
    net_target: Decimal | None = None
    net_walk_away: Decimal | None = None
    first_give: str | None = None
    leads_with_avoided: bool = False
    pending: tuple[PendingSignoff, ...] = ()
    terms: tuple[TermFacts, ...] = ()

    def group(self, by: str) -> str:
        """The plan's region, segment or owner."""
        value: str = getattr(self, by)
        return value

    def at(self, path: str) -> PlanFacts:
        """The same facts for the same content found at another path."""
        return self if path == self.path else self._replace(path=path)


def invalid_facts(path: str, findings: list[Finding]) -> PlanFacts:
    """The facts of a plan that did not validate: its path and findings only (NOT READY:
    it has schema errors)."""
    return PlanFacts(
        path=path, valid=False, readiness=readiness(findings).value, **counts(findings)
    )


def plan_facts(
    path: str, plan: Plan, playbook: Playbook, findings: list[Finding], *, today: dt.date
) -> PlanFacts:
    """The facts of a plan that validated, checked against ``playbook`` on ``today``."""
    deal = plan.deal
    economics = analyse(plan, playbook, scenarios=("target", "walk_away"))
    first = plan.concessions[0].give.term if plan.concessions else None
    window = playbook.requirements.pending_alignment_days
    return PlanFacts(
        path=path,
        valid=True,
        readiness=readiness(findings).value,
        **counts(findings),
        title=deal.title,
        customer=deal.customer,
        owner=deal.owner.strip() or UNKNOWN,
        region=(deal.region or "").strip() or UNKNOWN,
        segment=(deal.segment or "").strip() or UNKNOWN,
        currency=deal.currency or playbook.currency,
        meeting=deal.meeting,
        **_money(economics),
        first_give=first,
        leads_with_avoided=first is not None and first in playbook.strategy.dont_lead_with,
        pending=tuple(
            PendingSignoff(
                approver=entry.with_,
                about=entry.term or entry.topic or "",
                status=entry.status.value,
            )
            for entry in plan.alignment
            if unresolved(entry, deal.meeting, today, window)
        ),
        terms=_terms(plan, playbook, economics, today=today),
    )


class Counts(TypedDict):
    """The rule codes of a file's findings, and how many are errors and warnings."""

    codes: tuple[str, ...]
    errors: int
    warnings: int


class _Money(TypedDict, total=False):
    list_total_target: Decimal
    net_target: Decimal
    list_total_walk_away: Decimal
    net_walk_away: Decimal


class _Moves(TypedDict):
    gives: int
    give_worth: Decimal
    gets: int
    get_worth: Decimal


#: The moves of a term the plan neither gives nor gets.
_NO_MOVES: _Moves = {"gives": 0, "give_worth": Decimal(0), "gets": 0, "get_worth": Decimal(0)}


def counts(findings: list[Finding]) -> Counts:
    """The rule codes of the findings, and how many are errors and warnings."""
    return {
        "codes": tuple(f.code for f in findings),
        "errors": sum(f.severity is Severity.ERROR for f in findings),
        "warnings": sum(f.severity is Severity.WARNING for f in findings),
    }


def net_cents(scenario: Scenario) -> tuple[Decimal, Decimal]:
    """A scenario's list total and net in cents; the net is the list total plus its terms'
    values in cents, so that the report's sums add up to the cent."""
    values = (cents(v.amount) for v in scenario.valuations if v.amount is not None)
    total = cents(scenario.list_total)
    return total, total + sum(values, Decimal(0))


def _money(economics: DealEconomics | None) -> _Money:
    """List totals and nets in cents, at target and at walk-away."""
    if economics is None:
        return {}
    list_target, net_target = net_cents(economics.scenario("target"))
    list_walk_away, net_walk_away = net_cents(economics.scenario("walk_away"))
    return {
        "list_total_target": list_target,
        "net_target": net_target,
        "list_total_walk_away": list_walk_away,
        "net_walk_away": net_walk_away,
    }


def _terms(
    plan: Plan, playbook: Playbook, economics: DealEconomics | None, *, today: dt.date
) -> tuple[TermFacts, ...]:
    """One entry per term the plan has a variable for or trades, in the plan's order."""
    variables: dict[str, Variable] = {}
    for variable in plan.variables:
        variables.setdefault(variable.term, variable)
    order = list(variables)
    for concession in plan.concessions:
        for side in (concession.give, concession.get):
            if side is not None and not isinstance(side, Commitment) and side.term not in order:
                order.append(side.term)
    moves = _moves(plan, economics)
    values = _values(economics)
    out = []
    for term_id in order:
        term = playbook.term_map.get(term_id)
        if term is None:
            continue  # NP201 says so; the report has nothing to place it against
        out.append(
            _term(plan, term, variables.get(term_id), moves.get(term_id), values, today=today)
        )
    return tuple(out)


def _moves(plan: Plan, economics: DealEconomics | None) -> dict[str, _Moves]:
    """Per term: how many gives and gets, and what they are worth (from the priced path)."""
    found: dict[str, _Moves] = {}
    steps = economics.path[1:] if economics is not None else ()

    def add(term: str, side: str, worth: Decimal | None) -> None:
        entry = found.setdefault(
            term, {"gives": 0, "give_worth": Decimal(0), "gets": 0, "get_worth": Decimal(0)}
        )
        if side == "give":
            entry["gives"] += 1
            if worth is not None:
                entry["give_worth"] += cents(worth)
        else:
            entry["gets"] += 1
            if worth is not None:
                entry["get_worth"] += cents(worth)

    for i, concession in enumerate(plan.concessions):
        step = steps[i] if i < len(steps) else None
        give_worth = step.give.worth if step is not None and step.give is not None else None
        add(concession.give.term, "give", give_worth)
        get = concession.get
        if get is not None and not isinstance(get, Commitment):
            get_worth = step.get.worth if step is not None and step.get is not None else None
            add(get.term, "get", get_worth)
    return found


def _values(economics: DealEconomics | None) -> dict[tuple[str, str], Decimal]:
    """Each term's value to us at target and at walk-away."""
    if economics is None:
        return {}
    out = {}
    for name in ("target", "walk_away"):
        for valuation in economics.scenario(name).valuations:
            if valuation.amount is not None:
                out[(name, valuation.term)] = cents(valuation.amount)
    return out


def position_text(value: object) -> str | None:
    """A position as text: yes/no values as true/false, numbers as the playbook writes them."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return format_value(value) if isinstance(value, Decimal) else str(value)


def _number(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) and not isinstance(value, bool) else None


def _term(
    plan: Plan,
    term: Term,
    variable: Variable | None,
    moves: _Moves | None,
    values: dict[tuple[str, str], Decimal],
    *,
    today: dt.date,
) -> TermFacts:
    opening = variable.opening if variable else None
    target = variable.target if variable else None
    walk = variable.walk_away if variable else None
    past = walk is not None and term.past_authority(walk)
    rung = term.approver_for(walk) if past else None
    covered = (
        past and assess(plan, entries_for(plan, term.id), term_ladder(term), walk, today).covered
    )
    limit = term.badness(term.authority) if term.authority is not None else None
    at = walk is not None and limit is not None and term.badness(walk) == limit
    positions = [p for p in (opening, target, walk) if p is not None]
    return TermFacts(
        term=term.id,
        name=term.name,
        unit=term.unit.value,
        numeric=term.unit.numeric,
        required=term.required,
        opening=position_text(opening),
        target=position_text(target),
        walk_away=position_text(walk),
        target_number=_number(target),
        walk_away_number=_number(walk),
        range_min=term.limits.min if term.limits else None,
        range_max=term.limits.max if term.limits else None,
        authority=position_text(term.authority),
        authority_number=_number(term.authority),
        rungs=tuple(
            Rung(approver=r.approver, up_to=up_to)
            for r in term.approvals
            if (up_to := _number(r.up_to)) is not None
        ),
        has_walk_away=walk is not None,
        moves=variable is not None
        and not variable.firm
        and len({term.badness(p) for p in positions}) > 1,
        past_authority=past,
        at_authority=at,
        rung=rung.approver if rung is not None else None,
        covered=covered,
        value_target=values.get(("target", term.id)),
        value_walk_away=values.get(("walk_away", term.id)),
        **(moves or _NO_MOVES),
    )
