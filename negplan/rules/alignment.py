"""NP6xx: internal alignment and dates (idea 12)."""

from __future__ import annotations

from collections.abc import Iterator

from negplan.domain import AlignmentStatus
from negplan.findings import Severity
from negplan.rules._util import LABELS, POSITIONS, show
from negplan.rules.base import Issue, PlanContext, rule
from negplan.rules.terms import needs


@rule("NP601", "approval-not-aligned", Severity.WARNING, target="plan", ideas=(12,))
def approval_not_aligned(ctx: PlanContext) -> Iterator[Issue]:
    """A position past the rep's authority has no internal alignment entry.

    Why it matters:
        Many deals are lost inside the company. Going past authority needs the approver's or
        owner's sign-off *before* the meeting; the plan records it under `alignment:` (agreed
        or pending) so the deal desk can see it.

    Fails:
        variables:
          - {term: discount, opening: 0, target: 8, walk_away: 18}   # authority 10%
        alignment: []

    Passes:
        alignment:
          - with: Regional sales director
            term: discount
            status: agreed
            date: 2026-11-20

    Options:
        none.
    """
    covered = {entry.term for entry in ctx.plan.alignment if entry.term}
    for i, variable in enumerate(ctx.plan.variables):
        term = ctx.term(variable.term)
        if term is None or variable.term in covered:
            continue
        past = [
            name
            for name in POSITIONS
            if getattr(variable, name) is not None
            and term.within_limits(getattr(variable, name))
            and term.past_authority(getattr(variable, name))
        ]
        if not past:
            continue
        name = past[-1]
        value = getattr(variable, name)
        rung = term.approver_for(value)
        who = rung.approver if rung else term.owner
        yield Issue(
            ("variables", i, name),
            f"{LABELS[name]} {show(term, value)} on {term.id} {needs(term, value)} and has no "
            "alignment entry",
            f"add under `alignment:` - with: {who}, term: {term.id}, status: pending",
        )


@rule("NP602", "alignment-unresolved", Severity.WARNING, target="plan", ideas=(12,))
def alignment_unresolved(ctx: PlanContext) -> Iterator[Issue]:
    """An internal sign-off is disputed, or still pending close to the meeting.

    Why it matters:
        A disputed or pending sign-off means the rep walks in without knowing whether the
        company will stand behind their walk-away. Resolve it before the meeting.

    Fails:
        deal: {meeting: 2026-12-03}
        alignment:
          - {with: CFO, term: payment_terms, status: pending}   # checked on 2026-12-01

    Passes:
        alignment:
          - {with: CFO, term: payment_terms, status: agreed, date: 2026-11-28}

    Options:
        `requirements.pending_alignment_days` in the playbook (default 3).
    """
    meeting = ctx.plan.deal.meeting
    window = ctx.playbook.requirements.pending_alignment_days
    for i, entry in enumerate(ctx.plan.alignment):
        about = entry.term or entry.topic or "this"
        if entry.status is AlignmentStatus.DISPUTED:
            yield Issue(
                ("alignment", i, "status"),
                f"sign-off with {entry.with_} on {about} is disputed",
                "resolve it before the meeting, or plan without it",
            )
        elif entry.status is AlignmentStatus.PENDING and meeting is not None:
            days = (meeting - ctx.today).days
            if days <= window:
                when = (
                    "today"
                    if days == 0
                    else (
                        f"in {days} day{'s' if days != 1 else ''}" if days > 0 else "already past"
                    )
                )
                yield Issue(
                    ("alignment", i, "status"),
                    f"sign-off with {entry.with_} on {about} is still pending and the meeting "
                    f"is {when}",
                    f"get an answer from {entry.with_} before the meeting",
                )


@rule("NP603", "dates-incoherent", Severity.WARNING, target="plan")
def dates_incoherent(ctx: PlanContext) -> Iterator[Issue]:
    """The deal's dates do not make sense: close before the meeting, or meeting in the past.

    Why it matters:
        A plan for a meeting that already happened, or a close date before the negotiation,
        is stale: the brief would send the rep in with the wrong timeline.

    Fails:
        deal:
          meeting: 2026-12-10
          close: 2026-12-01

    Passes:
        deal:
          meeting: 2026-12-03
          close: 2026-12-20

    Options:
        `negplan check --today DATE` sets the date to compare with (default: today).
    """
    deal = ctx.plan.deal
    if deal.meeting is not None and deal.close is not None and deal.close < deal.meeting:
        yield Issue(
            ("deal", "close"),
            f"close date {deal.close} is before the meeting on {deal.meeting}",
            "move the close date after the meeting",
        )
    if deal.meeting is not None and deal.meeting < ctx.today:
        yield Issue(
            ("deal", "meeting"),
            f"meeting date {deal.meeting} is in the past",
            "update the meeting date, or archive the plan",
        )


RULES = [approval_not_aligned, alignment_unresolved, dates_incoherent]
