"""The data a brief template sees: plain, immutable records built from a checked plan.

Every piece of plan text is cleaned here (:func:`~negplan.brief.text.clean`: control characters
replaced, bidi and zero-width characters removed, whitespace and newlines collapsed to single
spaces) and every position is formatted in its term's unit, so templates only print strings.
Escaping for the output format is the template environment's job.

The records are named tuples rather than frozen dataclasses, and this module does not
postpone the evaluation of annotations (the plan and playbook types, imported only for type
checking, are quoted instead): their classes are defined on every run of ``negplan brief``,
and frozen dataclasses take about three times longer to define, named tuples with postponed
annotations a third longer.
"""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from negplan.brief.text import WITHHELD, clean, optional
from negplan.domain import AlignmentStatus, format_value
from negplan.findings import Finding, Severity
from negplan.models.plan import Commitment
from negplan.readiness import readiness
from negplan.rules import RULES
from negplan.rules._util import POSITIONS, show
from negplan.rules.terms import worst_past_authority
from negplan.signoffs import assess, entries_for, term_ladder

if TYPE_CHECKING:
    from negplan.brief.history import LastTime
    from negplan.models.plan import Plan, Trade, Variable
    from negplan.models.playbook import Playbook, Term


class Readiness(NamedTuple):
    """The check's verdict: DRAFT, NOT READY, READY WITH WARNINGS or READY."""

    ready: bool
    label: str
    errors: int
    warnings: int
    infos: int
    summary: str
    rules: tuple[str, ...]


class DealInfo(NamedTuple):
    """The header facts about the deal."""

    title: str
    customer: str
    owner: str
    region: str | None
    segment: str | None
    currency: str
    list_value: str | None
    meeting: str | None
    close: str | None
    lead: str | None
    approver: str | None
    buyer_decision_makers: tuple[str, ...]


class GoalRow(NamedTuple):
    """One goal and its priority (must, should, nice)."""

    goal: str
    priority: str


class ValueInfo(NamedTuple):
    """The value statement and its proof points."""

    statement: str | None
    proof_points: tuple[str, ...]


class InterestRow(NamedTuple):
    """One buyer interest."""

    interest: str
    holder: str | None
    priority: str | None
    evidence: str | None
    status: str


class VariableRow(NamedTuple):
    """One traded term with its positions formatted in the term's unit.

    In a redacted brief ``walk_away`` and ``authority`` are ``None`` and ``signoff`` is empty.
    """

    term: str
    name: str
    opening: str
    target: str
    walk_away: str | None
    authority: str | None
    past_authority: bool
    signoff: str | None
    buyer_value: str | None
    notes: str | None


class ConcessionRow(NamedTuple):
    """One planned trade: give, get and the condition, in order."""

    step: int
    give: str
    get: str | None
    condition: str | None


class AlternativeInfo(NamedTuple):
    """One side's alternative to a deal."""

    description: str
    status: str
    evidence: str | None


class SignoffRow(NamedTuple):
    """An approval needed or an internal sign-off recorded, with where it stands."""

    who: str
    what: str
    status: str
    done: bool
    date: str | None
    notes: str | None


class AskRow(NamedTuple):
    """An anticipated buyer ask with our response."""

    ask: str
    response: str | None


class FindingRow(NamedTuple):
    """One finding of the check (its message is ``None`` in a redacted brief)."""

    line: int
    col: int
    severity: str
    code: str
    name: str
    message: str | None


class Brief(NamedTuple):
    """Everything a brief template can print; each field is a top-level template variable.

    ``economics`` is the one-line deal-economics summary (net value at target and at
    walk-away, and the package's standing); it is ``None`` in a redacted brief or when the
    plan has no list value, and templates print it only when present. ``last_time`` is the
    "last time with this customer" box (:mod:`negplan.brief.history`), ``None`` when no
    debrief of an earlier plan of the customer lies beside the plan.
    """

    title: str
    company: str
    playbook: str
    today: str
    redacted: bool
    deal: DealInfo
    readiness: Readiness
    goals: tuple[GoalRow, ...]
    value: ValueInfo
    interests: tuple[InterestRow, ...]
    criteria: tuple[str, ...]
    variables: tuple[VariableRow, ...]
    concessions: tuple[ConcessionRow, ...]
    walk_away: str | None
    ours: AlternativeInfo | None
    theirs: AlternativeInfo | None
    signoffs: tuple[SignoffRow, ...]
    questions: tuple[str, ...]
    asks: tuple[AskRow, ...]
    findings: tuple[FindingRow, ...]
    economics: str | None = None
    last_time: "LastTime | None" = None


def build_brief(
    plan: "Plan",
    playbook: "Playbook",
    findings: list[Finding],
    *,
    playbook_name: str,
    today: date,
    redact: bool = False,
    economics: str | None = None,
    last_time: "LastTime | None" = None,
) -> Brief:
    """Collect what the brief prints from a validated plan, its playbook and its findings."""
    terms = playbook.term_map
    by_term = {v.term: v for v in plan.variables}
    title = playbook.brief.title if playbook.brief and playbook.brief.title else None
    return Brief(
        title=clean(title or f"{playbook.company} negotiation brief"),
        company=clean(playbook.company),
        playbook=clean(playbook_name),
        today=today.isoformat(),
        redacted=redact,
        deal=_deal(plan, playbook),
        readiness=_readiness(findings),
        goals=tuple(GoalRow(clean(g.goal), g.priority.value) for g in plan.goals),
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
        variables=tuple(_variable(v, terms.get(v.term), redact=redact) for v in plan.variables),
        concessions=tuple(
            ConcessionRow(
                n,
                _trade(c.give, terms, by_term, redact=redact),
                _trade(c.get, terms, by_term, redact=False) if c.get is not None else None,
                optional(c.condition),
            )
            for n, c in enumerate(plan.concessions, start=1)
        ),
        walk_away=None if redact else optional(plan.walk_away),
        ours=_alternative(plan, "ours"),
        theirs=_alternative(plan, "theirs"),
        signoffs=() if redact else _signoffs(plan, terms, today),
        questions=tuple(clean(q) for q in plan.questions),
        asks=tuple(AskRow(clean(a.ask), optional(a.response)) for a in plan.asks),
        findings=tuple(_finding(f, redact=redact) for f in findings),
        economics=economics,
        last_time=last_time,
    )


def _deal(plan: "Plan", playbook: "Playbook") -> DealInfo:
    deal = plan.deal
    currency = deal.currency or playbook.currency
    value = None
    if deal.list_value is not None:
        value = f"{format_value(deal.list_value, 'money')} {currency}"
    deciders = tuple(
        clean(c.name + (f" ({c.role})" if c.role else ""))
        for c in plan.counterparts
        if c.decision_maker
    )
    team = plan.team
    return DealInfo(
        title=clean(deal.title),
        customer=clean(deal.customer),
        owner=clean(deal.owner),
        region=optional(deal.region),
        segment=optional(deal.segment),
        currency=currency,
        list_value=value,
        meeting=deal.meeting.isoformat() if deal.meeting else None,
        close=deal.close.isoformat() if deal.close else None,
        lead=optional(team.lead) if team else None,
        approver=optional(team.decision_maker) if team else None,
        buyer_decision_makers=deciders,
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _readiness(findings: list[Finding]) -> Readiness:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    infos = sum(f.severity is Severity.INFO for f in findings)
    state = readiness(findings)
    counted: dict[str, int] = {}
    for finding in findings:
        if finding.severity in (Severity.ERROR, Severity.WARNING):
            key = f"{finding.code} {_rule_name(finding.code)}".strip()
            counted[key] = counted.get(key, 0) + 1
    rules = tuple(k if n == 1 else f"{k} ×{n}" for k, n in counted.items())
    summary = ", ".join(
        (_plural(errors, "error"), _plural(warnings, "warning"), _plural(infos, "note"))
    )
    ready = not state.fails()
    return Readiness(ready, state.value, errors, warnings, infos, summary, rules)


def _rule_name(code: str) -> str:
    rule = RULES.get(code)
    return rule.name if rule else ""


def _finding(finding: Finding, *, redact: bool) -> FindingRow:
    return FindingRow(
        line=finding.line,
        col=finding.col,
        severity=finding.severity.value,
        code=finding.code,
        name=_rule_name(finding.code),
        message=None if redact else clean(finding.message),
    )


def _show(term: "Term | None", value: object) -> str:
    if term is None:
        if value is None or isinstance(value, (bool, Decimal, str)):
            return clean(format_value(value))
        return clean(value)
    return clean(show(term, value))


def _variable(variable: "Variable", term: "Term | None", *, redact: bool) -> VariableRow:
    past = False
    signoff = None
    if term is not None:
        worst = None
        for name in POSITIONS:
            value = getattr(variable, name)
            if value is not None and term.within_limits(value) and term.past_authority(value):
                worst = value
        if worst is not None:
            past = True
            rung = term.approver_for(worst)
            signoff = clean(rung.approver) if rung else "beyond the approval ladder"
    authority = _show(term, term.authority) if term is not None else "—"
    return VariableRow(
        term=clean(variable.term),
        name=clean(term.name) if term else clean(variable.term),
        opening=_show(term, variable.opening),
        target=_show(term, variable.target),
        walk_away=None if redact else _show(term, variable.walk_away),
        authority=None if redact else authority,
        past_authority=False if redact else past,
        signoff=None if redact else signoff,
        buyer_value=variable.buyer_value.value if variable.buyer_value else None,
        notes=optional(variable.notes),
    )


def _trade(
    move: "Trade | Commitment",
    terms: "dict[str, Term]",
    variables: "dict[str, Variable]",
    *,
    redact: bool,
) -> str:
    if isinstance(move, Commitment):
        return clean(move.describe())
    term = terms.get(move.term)
    name = term.name if term else move.term
    variable = variables.get(move.term)
    if redact and variable is not None and _same(variable.walk_away, move.value):
        return clean(f"{name}: {WITHHELD}")
    return clean(f"{name}: {_show(term, move.value)}")


def _same(a: object, b: object) -> bool:
    return a is not None and type(a) is type(b) and a == b


def _alternative(plan: "Plan", side: str) -> AlternativeInfo | None:
    if plan.alternatives is None:
        return None
    alt = getattr(plan.alternatives, side)
    if alt is None:
        return None
    return AlternativeInfo(clean(alt.description), alt.status.value, optional(alt.evidence))


def _signoffs(plan: "Plan", terms: "dict[str, Term]", today: date) -> tuple[SignoffRow, ...]:
    rows: list[SignoffRow] = []
    seen: set[int] = set()
    for variable in plan.variables:
        term = terms.get(variable.term)
        worst = worst_past_authority(term, variable) if term is not None else None
        if term is None or worst is None:
            continue
        value = getattr(variable, worst)
        verdict = assess(plan, entries_for(plan, term.id), term_ladder(term), value, today)
        entry = plan.alignment[verdict.index] if verdict.index is not None else None
        if entry is not None:
            seen.add(id(entry))
        rung = term.approver_for(value)
        status = "not asked" if entry is None else entry.status.value
        if verdict.problem is not None:
            status = "does not cover"
        notes = verdict.problem[1] if verdict.problem else (entry.notes if entry else None)
        rows.append(
            SignoffRow(
                who=clean(rung.approver if rung else entry.with_ if entry else term.owner),
                what=clean(f"{term.name} to {show(term, value)}"),
                status=status,
                done=verdict.covered,
                date=entry.date.isoformat() if entry and entry.date else None,
                notes=optional(notes),
            )
        )
    for entry in plan.alignment:
        if id(entry) in seen:
            continue
        term = terms.get(entry.term) if entry.term else None
        about = term.name if term else entry.term or entry.topic or "general sign-off"
        rows.append(
            SignoffRow(
                who=clean(entry.with_),
                what=clean(about),
                status=entry.status.value,
                done=entry.status is AlignmentStatus.AGREED,
                date=entry.date.isoformat() if entry.date else None,
                notes=optional(entry.notes),
            )
        )
    return tuple(rows)
