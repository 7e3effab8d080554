"""Build a brief's records (:mod:`negplan.brief.data`) from a validated plan, its playbook,
its findings and its deal economics."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from negplan.brief import svg
from negplan.brief.bars import ATTENTION, COVERED, TEXT_LEGEND, range_bar, size_bar, text_bar
from negplan.brief.data import (
    AlternativeInfo,
    AskRow,
    Brief,
    ConcessionRow,
    DealInfo,
    EconomicsInfo,
    GoalRow,
    InterestRow,
    LadderInfo,
    ObjectiveInfo,
    OwnInterestRow,
    PersonRow,
    SignoffRow,
    ValueInfo,
    VariableRow,
)
from negplan.brief.money import Ladder, economics_info, ladder, priced
from negplan.brief.redact import scrub, secrets
from negplan.brief.terms import Reading, signoff_rows, trade_text, variable_row
from negplan.brief.text import clean, optional
from negplan.brief.words import finding_row, groups, readiness
from negplan.domain import format_value
from negplan.economics import PACKAGE_TOPIC, DealEconomics

if TYPE_CHECKING:
    from negplan.brief.history import LastTime
    from negplan.findings import Finding
    from negplan.models.plan import Plan
    from negplan.models.playbook import Playbook

#: How the brief draws its pictures: ``svg`` (HTML and PDF), ``text`` (Markdown) or not.
DRAWINGS = ("svg", "text", None)
_PRIORITY = {"must": 0, "should": 1, "nice": 2}


def build_brief(
    plan: Plan,
    playbook: Playbook,
    findings: list[Finding],
    *,
    playbook_name: str,
    today: date,
    redact: bool = False,
    economics: DealEconomics | None = None,
    drawing: str | None = None,
    last_time: LastTime | None = None,
) -> Brief:
    """Collect what the brief prints from a validated plan, its playbook, its findings and
    (when the plan has a list value) its deal economics from :func:`negplan.pricing.analyse`.
    ``drawing`` chooses the pictures: ``svg``, ``text`` or none."""
    title = playbook.brief.title if playbook.brief and playbook.brief.title else None
    money = (
        None if redact or economics is None else economics_info(economics, plan, playbook, today)
    )
    steps = None
    if economics is not None and not redact and priced(economics):
        steps = ladder(economics)
    rows = tuple(finding_row(f, redact=redact) for f in findings)
    brief = Brief(
        title=clean(title or f"{playbook.company} negotiation brief"),
        company=clean(playbook.company),
        playbook=clean(playbook_name),
        today=today.isoformat(),
        redacted=redact,
        deal=_deal(plan, playbook),
        readiness=readiness(findings),
        goals=_goals(plan),
        value=ValueInfo(
            optional(plan.value.statement) if plan.value else None,
            tuple(clean(p) for p in plan.value.proof_points) if plan.value else (),
        ),
        interests=tuple(
            InterestRow(
                clean(i.interest),
                optional(i.holder),
                i.priority.value if i.priority else None,
                optional(i.evidence),
                i.status.value,
            )
            for i in plan.interests
        ),
        criteria=tuple(
            clean(c.standard + (f" ({c.source})" if c.source else "")) for c in plan.criteria
        ),
        variables=_variables(plan, playbook, today, redact=redact, drawing=drawing),
        concessions=_concessions(plan, playbook, steps, redact=redact, drawing=drawing),
        walk_away=None if redact else optional(plan.walk_away),
        ours=_alternative(plan, "ours"),
        theirs=_alternative(plan, "theirs"),
        signoffs=() if redact else _signoffs(plan, playbook, today, money),
        questions=tuple(clean(q) for q in plan.questions),
        asks=tuple(AskRow(clean(a.ask), optional(a.response)) for a in plan.asks),
        findings=rows,
        economics=money,
        objective=_objective(plan),
        situation=optional(plan.situation),
        our_interests=tuple(
            OwnInterestRow(clean(i.interest), i.priority.value if i.priority else None)
            for i in plan.our_interests
        ),
        ladder=_ladder(steps, drawing=drawing) if steps is not None else None,
        last_time=last_time,
        finding_groups=groups(rows),
        legend=_legend(drawing),
    )
    return scrub(brief, secrets(plan, playbook)) if redact else brief


def _legend(drawing: str | None) -> str | None:
    if drawing == "svg":
        return svg.legend()
    return TEXT_LEGEND if drawing == "text" else None


def _goals(plan: Plan) -> tuple[GoalRow, ...]:
    rows = [GoalRow(clean(g.goal), g.priority.value) for g in plan.goals]
    return tuple(sorted(rows, key=lambda g: _PRIORITY.get(g.priority, 3)))


def _objective(plan: Plan) -> ObjectiveInfo:
    objective = plan.objective
    if objective is None:
        return ObjectiveInfo(None, None)
    return ObjectiveInfo(optional(objective.outcome), optional(objective.next_step))


def _deal(plan: Plan, playbook: Playbook) -> DealInfo:
    deal = plan.deal
    currency = deal.currency or playbook.currency
    value = None
    if deal.list_value is not None:
        value = f"{currency} {format_value(deal.list_value, 'money')} a year"
    deciders = tuple(
        clean(c.name + (f" ({c.role})" if c.role else ""))
        for c in plan.counterparts
        if c.decision_maker
    )
    team = plan.team
    meeting = deal.meeting.isoformat() if deal.meeting else None
    close = deal.close.isoformat() if deal.close else None
    where = ", ".join(clean(v) for v in (deal.region, deal.segment) if v and clean(v))
    facts = [("Meeting", meeting or "not set"), ("Close", close or "not set")]
    facts.append(("Owner", clean(deal.owner)))
    if where:
        facts.append(("", where))
    if value:
        facts.append(("List value", value))
    return DealInfo(
        title=clean(deal.title),
        customer=clean(deal.customer),
        owner=clean(deal.owner),
        region=optional(deal.region),
        segment=optional(deal.segment),
        currency=currency,
        list_value=value,
        meeting=meeting,
        close=close,
        lead=optional(team.lead) if team else None,
        approver=optional(team.decision_maker) if team else None,
        buyer_decision_makers=deciders,
        facts=tuple(facts),
        buyer_side=tuple(
            PersonRow(
                clean(c.name),
                optional(c.role),
                c.decision_maker,
                c.stance.value if c.stance else None,
                c.influence.value if c.influence else None,
            )
            for c in plan.counterparts
        ),
    )


def _variables(
    plan: Plan, playbook: Playbook, today: date, *, redact: bool, drawing: str | None
) -> tuple[VariableRow, ...]:
    signoffs = Reading(plan, today)
    rows = []
    for variable in plan.variables:
        term = playbook.term_map.get(variable.term)
        row = variable_row(variable, term, signoffs, redact=redact)
        if term is not None and drawing is not None and not redact:
            state = COVERED if row.signoff_done else ATTENTION
            bar = range_bar(variable, term, past_state=state)
            if bar is not None and drawing == "svg":
                row = row._replace(bar=svg.range_svg(bar, _bar_label(row)))
            elif bar is not None:
                row = row._replace(bar=text_bar(bar))
        rows.append(row)
    return tuple(rows)


def _bar_label(row: VariableRow) -> str:
    words = f"{row.name}: opening {row.opening}, target {row.target}"
    words += f", walk-away {row.walk_away}, rep limit {row.authority}"
    if row.past_authority and row.signoff_done:
        words += f"; signed off by {row.signoff}"
    elif row.past_authority:
        words += f"; needs {row.signoff} ({row.signoff_status})"
    return words


def _concessions(
    plan: Plan, playbook: Playbook, steps: Ladder | None, *, redact: bool, drawing: str | None
) -> tuple[ConcessionRow, ...]:
    terms = playbook.term_map
    hidden = secrets(plan, playbook) if redact else ()
    by_term = {v.term: v for v in plan.variables}
    largest = max((s.given for s in steps.steps if s.given), default=0.0) if steps else 0.0
    rows = []
    for n, concession in enumerate(plan.concessions, start=1):
        get = concession.get
        row = ConcessionRow(
            n,
            trade_text(concession.give, terms, by_term, redact=redact, give=True, hidden=hidden),
            trade_text(get, terms, by_term, redact=redact, give=False, hidden=hidden)
            if get is not None
            else None,
            optional(concession.condition),
        )
        if steps is not None and n <= len(steps.steps):
            step = steps.steps[n - 1]
            row = row._replace(given=steps.given[n - 1], kept=steps.kept[n - 1])
            if drawing == "text" and step.given is not None and largest > 0:
                row = row._replace(bar=size_bar(step.given, largest))
        rows.append(row)
    return tuple(rows)


def _ladder(steps: Ladder, *, drawing: str | None) -> LadderInfo:
    chart = None
    if drawing == "svg" and steps.start_text is not None:
        end = next((k for k in reversed(steps.kept) if k is not None), None)
        chart = svg.ladder_svg(steps, start_label=steps.start_text, end_label=end)
    unpriced = [str(s.number) for s in steps.steps if s.given is None]
    note = None
    if len(unpriced) == 1:
        note = f"Step {unpriced[0]} (?) gives something the playbook does not price."
    elif unpriced:
        listed = ", ".join(unpriced[:-1]) + f" and {unpriced[-1]}"
        note = f"Steps {listed} (?) give something the playbook does not price."
    return LadderInfo(steps.start_text, chart, note)


def _alternative(plan: Plan, side: str) -> AlternativeInfo | None:
    if plan.alternatives is None:
        return None
    alt = getattr(plan.alternatives, side)
    if alt is None:
        return None
    return AlternativeInfo(clean(alt.description), alt.status.value, optional(alt.evidence))


def _signoffs(
    plan: Plan, playbook: Playbook, today: date, money: EconomicsInfo | None
) -> tuple[SignoffRow, ...]:
    package = money.signoff if money is not None else None
    return signoff_rows(
        Reading(plan, today), playbook.term_map, package=package, package_topic=PACKAGE_TOPIC
    )
