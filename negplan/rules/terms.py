"""NP2xx: the plan's terms against the playbook's term library (idea 10)."""

from __future__ import annotations

from collections.abc import Iterator

from negplan.domain import Unit
from negplan.findings import Severity
from negplan.models.plan import Trade
from negplan.models.playbook import Term
from negplan.rules._util import LABELS, POSITIONS, show, show_limits, slip_for
from negplan.rules.base import Issue, PlanContext, rule
from negplan.schema import suggest
from negplan.signoffs import (
    assess,
    entries_for,
    snippet,
    term_ladder,
    unresolved,
    worst_past_authority,
)


@rule("NP201", "unknown-term", Severity.ERROR, target="plan", ideas=(10,))
def unknown_term(ctx: PlanContext) -> Iterator[Issue]:
    """A variable, a concession's give or get, or a sign-off names a term not in the playbook.

    Why it matters:
        The playbook's term library is the company's shared list of what can be traded, with
        its limits and approvers. A term outside it has no limits, no owner and no approver,
        so nobody has agreed it can be traded at all.

    Fails:
        variables:
          - term: discont           # did you mean 'discount'?

    Passes:
        variables:
          - term: discount

    Options:
        none.
    """
    known = list(ctx.playbook.term_map)
    for i, variable in enumerate(ctx.plan.variables):
        if ctx.term(variable.term) is None:
            yield Issue(
                ("variables", i, "term"),
                f"term '{variable.term}' is not in the playbook",
                suggest(variable.term, known) or "terms: " + ", ".join(known),
            )
    planned = [v.term for v in ctx.plan.variables if ctx.term(v.term) is not None]
    for i, entry in enumerate(ctx.plan.alignment):
        if entry.term is not None and ctx.term(entry.term) is None:
            yield Issue(
                ("alignment", i, "term"),
                f"sign-off with {entry.with_} is on term '{entry.term}', which is not in the "
                "playbook",
                suggest(entry.term, planned)
                or suggest(entry.term, known)
                or "terms: " + ", ".join(known),
            )
    for i, concession in enumerate(ctx.plan.concessions):
        for side, verb in (("give", "gives"), ("get", "gets")):
            trade = getattr(concession, side)
            if isinstance(trade, Trade) and ctx.term(trade.term) is None:
                # the plan's own variables first: that is what a slip usually meant
                hint = suggest(trade.term, planned) or suggest(trade.term, known)
                yield Issue(
                    ("concessions", i, side, "term"),
                    f"concession {i + 1} {verb} on term '{trade.term}', which is not in the "
                    "playbook",
                    hint
                    or (
                        "use a playbook term, or for a get a commitment: "
                        "`{commitment: ..., by: YYYY-MM-DD}`"
                        if side == "get"
                        else "use one of the plan's variables: " + ", ".join(planned)
                    ),
                )


@rule("NP202", "position-outside-limits", Severity.ERROR, target="plan", ideas=(10,))
def outside_limits(ctx: PlanContext) -> Iterator[Issue]:
    """A position is outside the term's hard limits, or not one of a choice term's options.

    Why it matters:
        Hard limits are the company's absolute boundaries (no approver can go past them). A
        position outside them cannot be agreed by anyone, so planning for it wastes the
        meeting or, worse, promises something the company will not sign.

    Fails:
        - term: discount            # playbook limits 0–30%
          walk_away: 45

    Passes:
        - term: discount
          walk_away: 12

    Options:
        none.
    """
    for i, variable in enumerate(ctx.plan.variables):
        term = ctx.term(variable.term)
        if term is None:
            continue
        # a firm term's one position stands for all three: report it once
        for name in ("target",) if variable.firm else POSITIONS:
            value = getattr(variable, name)
            if value is not None and not term.within_limits(value):
                yield Issue(("variables", i, name), *_why(term, LABELS[name], value))
    for i, concession in enumerate(ctx.plan.concessions):
        for side in ("give", "get"):
            trade = getattr(concession, side)
            if not isinstance(trade, Trade):
                continue
            term = ctx.term(trade.term)
            if term is not None and not term.within_limits(trade.value):
                label = f"concession {i + 1} {side}"
                yield Issue(("concessions", i, side, "value"), *_why(term, label, trade.value))


def _why(term: Term, label: str, value: object) -> tuple[str, str]:
    if term.unit is Unit.CHOICE:
        return (
            f"{label} '{value}' is not an option of {term.id}",
            "options: " + ", ".join(term.options),
        )
    if term.unit is Unit.YES_NO:
        return f"{label} for {term.id} must be true or false, not '{value}'", "write true or false"
    if term.badness(value) is None:
        return (
            f"{label} for {term.id} must be a number ({term.unit.value}), not '{value}'",
            f"write a number in {term.unit.value}",
        )
    limits = term.limits
    assert limits is not None
    return (
        f"{label} {show(term, value)} is outside the hard limits of {term.id} "
        f"({show_limits(term, limits)})",
        "no approver can go past hard limits: choose a position inside them",
    )


@rule("NP203", "past-authority", Severity.WARNING, target="plan", ideas=(10,))
def past_authority(ctx: PlanContext) -> Iterator[Issue]:
    """A position goes past the rep's authority and no sign-off covers it; names the approver.

    Why it matters:
        Centralised strategy, decentralised execution: the rep may move alone up to their
        authority; beyond it, the approver on the playbook's ladder must agree *before* the
        meeting, or the rep ends up promising what they cannot sign.

    Fails:
        - term: discount            # rep authority 10%, ladder: 20% director, 30% VP Sales
          walk_away: 18

    Passes:
        - term: discount
          walk_away: 10
        or, past authority with the sign-off of the rung it needs, for at least that value:
        alignment:
          - {with: Regional sales director, term: discount, up_to: 18, status: agreed,
             date: 2026-11-20}

    Options:
        none. A sign-off that does not cover the position is reported at the sign-off
        (NP601); a disputed one, or one still pending close to the meeting, by NP602.
    """
    meeting, window = ctx.plan.deal.meeting, ctx.playbook.requirements.pending_alignment_days
    for i, variable in enumerate(ctx.plan.variables):
        term = ctx.term(variable.term)
        if term is None:
            continue
        worst = worst_past_authority(term, variable)
        if worst is None:
            continue
        value = getattr(variable, worst)
        entries = entries_for(ctx.plan, term.id)
        verdict = assess(ctx.plan, entries, term_ladder(term), value, ctx.today)
        misspelt = [e.term for e in ctx.plan.alignment if e.term and ctx.term(e.term) is None]
        if verdict.covered or verdict.problem is not None or slip_for(ctx, misspelt, term.id):
            continue  # the sign-off's own finding (NP601, or NP201 for its term) says why
        entry = ctx.plan.alignment[verdict.index] if verdict.index is not None else None
        if entry is not None and unresolved(entry, meeting, ctx.today, window):
            continue
        rung = term.approver_for(value)
        who = rung.approver if rung else term.owner
        message = (
            f"{LABELS[worst]} {show(term, value)} on {term.id} goes past your authority "
            f"({show(term, term.authority)}): {needs(term, value)}"
        )
        if entry is not None:
            yield Issue(
                ("variables", i, worst),
                f"{message}; the sign-off with {entry.with_} is still {entry.status.value}",
                "get the answer before the meeting, and record it as agreed with its date",
            )
        else:
            yield Issue(
                ("variables", i, worst),
                message,
                "get the sign-off before the meeting and record it under `alignment:`: "
                f"`{snippet(who, term.id, value)}`",
            )


def needs(term: Term, value: object) -> str:
    """'needs <approver>' for a position past authority, or why no one can approve it."""
    rung = term.approver_for(value)
    if rung is not None:
        return f"needs {rung.approver}"
    if term.approvals:
        top = term.approvals[-1]
        return f"beyond the approval ladder (top: {top.approver} up to {show(term, top.up_to)})"
    return "the playbook names no approver for it"


@rule("NP204", "required-term-missing", Severity.ERROR, target="plan", ideas=(10,))
def required_term_missing(ctx: PlanContext) -> Iterator[Issue]:
    """A term the playbook marks `required` is missing from the plan's variables.

    Why it matters:
        Some terms matter in every deal (price, payment terms, contract length). The leader
        team marks them required so that no rep walks in without a position on them.

    Fails:
        variables: []               # the playbook requires discount and payment_terms

    Passes:
        variables:
          - {term: discount, opening: 0, target: 5, walk_away: 10}
          - {term: payment_terms, opening: 30, target: 30, walk_away: 45}

    Options:
        mark terms with `required: true` in the playbook.
    """
    present = {variable.term for variable in ctx.plan.variables}
    for term in ctx.playbook.terms:
        if term.required and term.id not in present:
            yield Issue(
                ("variables",),
                f"required term '{term.id}' ({term.name}) is missing",
                f"add a variable: - term: {term.id} with opening, target and walk_away",
                key=True,
            )


@rule("NP205", "duplicate-term", Severity.ERROR, target="plan", ideas=(3,))
def duplicate_term(ctx: PlanContext) -> Iterator[Issue]:
    """The same term appears twice in the plan's variables.

    Why it matters:
        Each term has one opening, one target and one walk-away. Two entries for the same
        term contradict each other, and the brief could show either.

    Fails:
        - term: discount
          walk_away: 10
        - term: discount
          walk_away: 15

    Passes:
        - term: discount
          walk_away: 10

    Options:
        none.
    """
    first: dict[str, int] = {}
    for i, variable in enumerate(ctx.plan.variables):
        if variable.term in first:
            yield Issue(
                ("variables", i, "term"),
                f"term '{variable.term}' appears twice "
                f"(first as variable {first[variable.term] + 1})",
                "merge the two entries into one",
            )
        else:
            first[variable.term] = i


RULES = [unknown_term, outside_limits, past_authority, required_term_missing, duplicate_term]
