"""NP6xx: internal alignment and dates (idea 12)."""

from __future__ import annotations

from collections.abc import Iterator

from negplan.domain import AlignmentStatus
from negplan.findings import Severity
from negplan.models.plan import Commitment
from negplan.rules.base import Issue, PlanContext, rule
from negplan.signoffs import assess, date_problem, entries_for, term_ladder, worst_past_authority


@rule("NP601", "signoff-does-not-cover", Severity.WARNING, target="plan", ideas=(12,))
def signoff_does_not_cover(ctx: PlanContext) -> Iterator[Issue]:
    """An agreed sign-off does not cover the position it is recorded for.

    Why it matters:
        A sign-off counts only from the approver the position needs: a deal-desk analyst
        cannot approve a discount that needs the regional director, a director whose rung
        ends at 20% cannot approve 25%, and a sign-off dated after today has not been given.
        Each entry under `alignment:` names the approver role (as on the playbook's ladder,
        or a team member with that role), how far it goes (`up_to`) and when it was agreed.

    Fails:
        variables:
          - {term: discount, opening: 0, target: 8, walk_away: 14}   # needs the director
        alignment:
          - {with: Deal desk analyst, term: discount, up_to: 14, status: agreed,
             date: 2026-11-20}

    Passes:
        alignment:
          - {with: Regional sales director, term: discount, up_to: 14, status: agreed,
             date: 2026-11-20}

    Options:
        none. The package's sign-off is checked the same way by NP702.
    """
    reported: set[int] = set()
    for variable in ctx.plan.variables:
        term = ctx.term(variable.term)
        worst = worst_past_authority(term, variable) if term is not None else None
        if term is None or worst is None:
            continue
        entries = entries_for(ctx.plan, term.id)
        value = getattr(variable, worst)
        verdict = assess(ctx.plan, entries, term_ladder(term), value, ctx.today)
        if verdict.problem is not None and verdict.index is not None:
            reported.add(verdict.index)
            field, message, hint = verdict.problem
            yield Issue(("alignment", verdict.index, field), message, hint)
    for i, entry in enumerate(ctx.plan.alignment):
        problem = date_problem(entry, ctx.today)
        if problem is not None and i not in reported:
            field, message, hint = problem
            yield Issue(("alignment", i, field), message, hint)


@rule("NP602", "alignment-unresolved", Severity.WARNING, target="plan", ideas=(12,))
def alignment_unresolved(ctx: PlanContext) -> Iterator[Issue]:
    """An internal sign-off is disputed, or still pending close to the meeting.

    Why it matters:
        A disputed or pending sign-off means the rep walks in without knowing whether the
        company will stand behind their walk-away. Resolve it before the meeting.

    Fails:
        deal: {meeting: 2026-12-03}
        alignment:
          - {with: CFO, term: payment_terms, up_to: 75, status: pending}   # on 2026-12-01

    Passes:
        alignment:
          - {with: CFO, term: payment_terms, up_to: 75, status: agreed, date: 2026-11-28}

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
    """The plan's dates do not make sense: close before the meeting, meeting in the past, or a
    commitment asked for by a date already past.

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
    for i, concession in enumerate(ctx.plan.concessions):
        get = concession.get
        if isinstance(get, Commitment) and get.by < ctx.today:
            yield Issue(
                ("concessions", i, "get", "by"),
                f"concession {i + 1} gets a commitment due {get.by}, which is already past",
                "set the date the buyer will commit by, after the meeting",
            )
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


RULES = [signoff_does_not_cover, alignment_unresolved, dates_incoherent]
