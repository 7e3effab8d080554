"""NP8xx: debriefs — what was agreed against the plan and the playbook that governed it.

NP801 is raised while checking (the plan a debrief names cannot be read); the others run on a
:class:`~negplan.rules.base.DebriefContext`, except NP809, which runs on plans.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING

from negplan.debriefs import (
    agreed_plan,
    has_debrief,
    improvised,
    planned_reach,
    with_signoffs,
)
from negplan.domain import Result
from negplan.findings import Severity
from negplan.models.plan import Plan
from negplan.positions import Path
from negplan.pricing import analyse
from negplan.rules._util import show
from negplan.rules.base import DebriefContext, Issue, PlanContext, documented, rule
from negplan.schema import suggest
from negplan.signoffs import Verdict, assess, entries_for, package_ladder, term_ladder

if TYPE_CHECKING:
    from negplan.models.debrief import Move

#: The text `negplan debrief` starts each value still to write with (NP509 reports them).
PLACEHOLDER = "TODO"

PLAN_MISSING = documented(
    "NP801",
    "debrief-plan-unreadable",
    Severity.ERROR,
    """The plan a debrief names cannot be read, or is not a valid plan.

    Why it matters:
        A debrief is checked against its plan and the plan's playbook: the walk-away, the
        concessions and the approval ladders all come from there. Without the plan nothing
        in the debrief can be checked.

    Fails:
        plan: {path: ../plans/acme-renewl.yaml, hash: 3b18e512dba79e4c8300dd08aeb37f8e728b8dad}

    Passes:
        plan: {path: ../plans/acme-renewal.yaml, hash: 3b18e512dba79e4c8300dd08aeb37f8e728b8dad}

    Options:
        none; `plan.path` is relative to the debrief file.
    """,
)


@rule("NP802", "plan-changed-after-debrief", Severity.WARNING, target="debrief", ideas=(14,))
def plan_changed(ctx: DebriefContext) -> Iterator[Issue]:
    """The plan changed after the debrief was written.

    Why it matters:
        A debrief compares what was agreed with what was planned. When the plan is edited
        afterwards (a walk-away moved, a concession added), the comparison no longer says
        what the rep walked in with, and the record the organisation learns from is
        rewritten.

    Fails:
        plan: {path: acme.yaml, hash: 3b18e512dba79e4c8300dd08aeb37f8e728b8dad}
        (`git hash-object acme.yaml` now prints another hash)

    Passes:
        plan: {path: acme.yaml, hash: 9f2c41d0a7be6a55d1c7e3f04b8a2e61c0d95a13}
        (the hash `git hash-object acme.yaml` prints)

    Options:
        none. If the plan's change was only a correction, review the debrief and write the
        new hash.
    """
    if ctx.plan_hash != ctx.debrief.plan.hash:
        yield Issue(
            ("plan", "hash"),
            f"the plan changed after this debrief was written (it now hashes to "
            f"{ctx.plan_hash[:12]})",
            f"review the debrief against the plan, then set `hash: {ctx.plan_hash}`; or "
            "restore the plan from version control",
        )


@rule("NP803", "agreed-past-walk-away", Severity.ERROR, target="debrief", ideas=(2,))
def agreed_past_walk_away(ctx: DebriefContext) -> Iterator[Issue]:
    """A term was agreed past the plan's walk-away.

    Why it matters:
        The walk-away was set in advance so that the rep could decline a bad deal. A deal
        closed past it is the deal the plan said not to take; the deal desk needs to see it,
        and the next plan for this customer starts from it.

    Fails:
        variables: [{term: discount, opening: 0, target: 5, walk_away: 10}]   # in the plan
        agreed: [{term: discount, value: 12}]

    Passes:
        agreed: [{term: discount, value: 8}]

    Options:
        none.
    """
    variables = {v.term: v for v in ctx.plan.variables}
    for i, entry in enumerate(ctx.debrief.agreed):
        term, variable = ctx.term(entry.term), variables.get(entry.term)
        if term is None or variable is None or variable.walk_away is None:
            continue
        if term.worse(entry.value, variable.walk_away):
            yield Issue(
                ("agreed", i, "value"),
                f"{entry.term} agreed at {show(term, entry.value)}, past the plan's walk-away "
                f"of {show(term, variable.walk_away)}",
                "record why under `notes:`, and add a lesson for the next plan",
            )


@rule("NP804", "agreed-past-authority", Severity.ERROR, target="debrief", ideas=(10, 12))
def agreed_past_authority(ctx: DebriefContext) -> Iterator[Issue]:
    """A position was agreed past the rep's authority with no sign-off that covers it.

    Why it matters:
        Past the rep's authority the company speaks through its approval ladder. A term (or
        the whole package) agreed there without an agreed sign-off from the rung it needs
        commits the company to something nobody entitled to agreed to. The sign-offs are
        judged exactly as a plan's (NP601, NP702): role, reach and date.

    Fails:
        agreed: [{term: discount, value: 15}]          # authority 10, director up to 20
        alignment: []

    Passes:
        agreed: [{term: discount, value: 15}]
        alignment:
          - {with: Regional sales director, term: discount, up_to: 15, status: agreed,
             date: 2027-02-09, requested: 2027-02-05, decided: 2027-02-09}

    Options:
        the playbook's term `authority` and `approvals`, and `economics.authority` and
        `economics.approvals` for the package.
    """
    signed = with_signoffs(ctx.plan, ctx.debrief)
    for i, entry in enumerate(ctx.debrief.agreed):
        term = ctx.term(entry.term)
        if term is None or not term.within_limits(entry.value):
            continue
        if not term.past_authority(entry.value):
            continue
        verdict = assess(
            signed, entries_for(signed, term.id), term_ladder(term), entry.value, ctx.today
        )
        if not verdict.covered:
            yield _uncovered(("agreed", i, "value"), entry.term, show(term, entry.value), verdict)
    yield from _package(ctx, signed)


def _uncovered(path: Path, what: str, shown: str, verdict: Verdict, *, key: bool = False) -> Issue:
    problem = verdict.problem
    why = f": {problem[1]}" if problem else ""
    return Issue(
        path,
        f"{what} agreed at {shown}, past the rep's authority, with no sign-off that covers it{why}",
        problem[2]
        if problem
        else "record the sign-off under `alignment:` (with, term, up_to, status: agreed, decided)",
        key=key,
    )


def _package(ctx: DebriefContext, signed: Plan) -> Iterator[Issue]:
    settings = ctx.playbook.economics
    if settings is None or settings.authority is None or not ctx.debrief.agreed:
        return
    economics = analyse(agreed_plan(ctx.plan, ctx.debrief), ctx.playbook, scenarios=("target",))
    share = economics.scenario("target").concession_share if economics else None
    if share is None or share <= settings.authority:
        return
    ladder = package_ladder(settings)
    verdict = assess(signed, entries_for(signed, None), ladder, share, ctx.today)
    if not verdict.covered:
        yield _uncovered(("agreed",), "the package", ladder.show(share), verdict, key=True)


def _draft(move: Move) -> bool:
    """A move as `negplan debrief` wrote it, not yet confirmed (``asked_by`` still a
    placeholder): NP509 reports it until the rep records what happened."""
    return move.asked_by is not None and move.asked_by.startswith(PLACEHOLDER)


@rule("NP805", "improvised-give", Severity.WARNING, target="debrief", ideas=(5, 6))
def improvised_give(ctx: DebriefContext) -> Iterator[Issue]:
    """A give in the meeting was not in the concession plan, or went further than planned.

    Why it matters:
        Reps who concede from prepared variables hold their value; improvised gives are
        where margin leaks. Each one is worth a look: was the plan wrong, or the moment?

    Fails:
        concessions: [{give: {term: training_seats, value: 10}, ...}]   # in the plan
        moves:
          - {give: {term: discount, value: 5}, get: {term: case_study, value: true},
             planned: false, asked_by: Lee Park}

    Passes:
        moves:
          - {give: {term: training_seats, value: 10}, get: {term: case_study, value: true},
             planned: true, asked_by: us}

    Options:
        none.
    """
    reach = planned_reach(ctx.plan, ctx.playbook)
    for i, move in enumerate(ctx.debrief.moves):
        if _draft(move) or move.give is None or not improvised(move, reach, ctx.playbook):
            continue
        term = ctx.term(move.give.term)
        shown = show(term, move.give.value) if term is not None else str(move.give.value)
        planned = move.give.term in reach
        yield Issue(
            ("moves", i, "give"),
            f"gave {move.give.term} {shown}, "
            + (
                "further than the plan's concessions go"
                if planned
                else "which the plan never gives"
            )
            + (" (marked planned)" if move.planned else ""),
            "add a lesson: should the next plan prepare this give, or hold it?",
        )


@rule("NP806", "move-gives-without-getting", Severity.WARNING, target="debrief", ideas=(5,))
def move_gives_without_getting(ctx: DebriefContext) -> Iterator[Issue]:
    """A give in the meeting got nothing in return.

    Why it matters:
        Unreciprocated concessions train the buyer to push. The plan paired every give with
        a get; the debrief shows whether the meeting did.

    Fails:
        moves:
          - {give: {term: payment_terms, value: 45}, planned: true, asked_by: Lee Park}

    Passes:
        moves:
          - give: {term: payment_terms, value: 45}
            get: {commitment: signed order form, by: 2027-03-31}
            planned: true
            asked_by: Lee Park

    Options:
        none.
    """
    for i, move in enumerate(ctx.debrief.moves):
        if move.give is not None and move.get is None and not _draft(move):
            yield Issue(
                ("moves", i, "give"),
                f"gave {move.give.term} and got nothing in return",
                "record what we got under `get:`, or add a lesson on holding this give",
            )


@rule("NP807", "result-without-reason", Severity.WARNING, target="debrief", ideas=(14,))
def result_without_reason(ctx: DebriefContext) -> Iterator[Issue]:
    """A lost or undecided deal has no reason, or a reason the playbook does not list.

    Why it matters:
        The organisation learns only from what it records: why deals are lost, or stall,
        is the question the leader team asks first. A playbook may list reason codes
        (`requirements.debrief_reasons`) so that reasons can be counted across deals.

    Fails:
        result: lost

    Passes:
        result: lost
        reason: price            # one of the playbook's debrief_reasons

    Options:
        `requirements.debrief_reasons` in the playbook: the reason codes allowed.
    """
    debrief, reasons = ctx.debrief, ctx.playbook.requirements.debrief_reasons
    if debrief.result in (Result.LOST, Result.NO_DECISION) and not debrief.reason:
        yield Issue(
            ("result",),
            f"result is {debrief.result.value} but no reason is given",
            "add `reason:`"
            + (f" (one of: {', '.join(reasons)})" if reasons else " (why, in a few words)"),
        )
    elif debrief.reason and reasons and debrief.reason not in reasons:
        if debrief.reason.startswith(PLACEHOLDER):
            return  # a placeholder: NP509 reports it
        yield Issue(
            ("reason",),
            f"reason '{debrief.reason}' is not one of the playbook's debrief reasons",
            suggest(debrief.reason, reasons) or f"use one of: {', '.join(reasons)}",
        )


@rule("NP808", "lesson-missing", Severity.WARNING, target="debrief", ideas=(14,))
def lesson_missing(ctx: DebriefContext) -> Iterator[Issue]:
    """The debrief records no lesson, or a lesson nobody owns.

    Why it matters:
        A lesson without an owner is a complaint; the next plan improves only when someone
        carries the lesson into the playbook or the team's habits.

    Fails:
        lessons:
          - lesson: Ask for the case study before the training seats

    Passes:
        lessons:
          - lesson: Ask for the case study before the training seats
            owner: Dana Reyes
            term: case_study

    Options:
        none.
    """
    if not ctx.debrief.lessons:
        yield Issue(
            ("lessons",),
            "no lessons recorded",
            "add at least one lesson under `lessons:`, with an `owner:`",
            key=True,
        )
    for i, lesson in enumerate(ctx.debrief.lessons):
        if not lesson.owner:
            yield Issue(
                ("lessons", i),
                "lesson has no owner",
                "add `owner:` (who makes sure it happens)",
            )
        elif lesson.term is not None and ctx.term(lesson.term) is None:
            yield Issue(
                ("lessons", i, "term"),
                f"lesson names term '{lesson.term}', which is not in the playbook",
                suggest(lesson.term, ctx.playbook.term_map) or "use a term id of the playbook",
            )


@rule("NP809", "debrief-overdue", Severity.WARNING, target="plan", ideas=(14,))
def debrief_overdue(ctx: PlanContext) -> Iterator[Issue]:
    """The plan's meeting is past and no debrief of it exists beside the plan.

    Why it matters:
        Preparation pays only when it is followed through. A debrief records what was
        agreed against what was planned while the meeting is fresh; a week later the moves
        and the surprise asks are forgotten. `negplan debrief PLAN` writes one.

    Fails:
        deal: {meeting: 2026-11-02}          # checked on 2026-11-23
        (no debrief beside the plan)

    Passes:
        a file such as `acme.debrief.yaml` (in the plan's folder or its `debriefs/` folder)
        with `kind: debrief` and `plan: {path: acme.yaml, ...}`

    Options:
        `requirements.debrief_days` in the playbook (default 7): how many days after the
        meeting the debrief is due.
    """
    meeting = ctx.plan.deal.meeting
    if meeting is None or ctx.path is None:
        return
    days = ctx.playbook.requirements.debrief_days
    if meeting + timedelta(days=days) >= ctx.today or has_debrief(ctx.path):
        return
    yield Issue(
        ("deal", "meeting"),
        f"the meeting on {meeting.isoformat()} is over {days} day{'s' if days != 1 else ''} "
        "past and no debrief of this plan exists",
        f"run `negplan debrief {ctx.path}`",
    )


RULES = [
    PLAN_MISSING,
    plan_changed,
    agreed_past_walk_away,
    agreed_past_authority,
    improvised_give,
    move_gives_without_getting,
    result_without_reason,
    lesson_missing,
    debrief_overdue,
]
