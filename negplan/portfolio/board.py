"""The readiness board and the approval load."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence

from negplan.portfolio.base import BOARD_DAYS, Context, Data, share
from negplan.portfolio.facts import NOT_READY_STATES, STATES, PlanFacts

#: The week label of sign-offs for plans with no meeting date.
NO_DATE = "no date"
#: The rule that says a plan's debrief is overdue.
DEBRIEF_OVERDUE = "NP809"


def _row(facts: PlanFacts, ctx: Context) -> Data:
    return {
        "path": facts.path,
        "customer": facts.customer,
        "owner": facts.owner,
        "group": facts.group(ctx.group_by),
        "meeting": facts.meeting.isoformat() if facts.meeting else None,
        "readiness": facts.readiness,
    }


def _by_meeting(facts: PlanFacts) -> tuple[str, str]:
    return (facts.meeting.isoformat() if facts.meeting else "9999", facts.path)


def readiness(facts: Sequence[PlanFacts], ctx: Context) -> Data:
    """Plan counts by readiness state; the meetings of the next :data:`BOARD_DAYS` days;
    the plans not ready; the sign-offs still pending close to their meeting; the plans whose
    debrief is overdue (:data:`DEBRIEF_OVERDUE`)."""
    counts = Counter(f.readiness for f in facts)
    horizon = ctx.today + dt.timedelta(days=BOARD_DAYS)
    upcoming = [f for f in facts if f.meeting is not None and ctx.today <= f.meeting <= horizon]
    not_ready = [f for f in facts if f.readiness in NOT_READY_STATES]
    pending = [
        {**_row(f, ctx), "approver": p.approver, "about": p.about, "status": p.status}
        for f in sorted(facts, key=_by_meeting)
        for p in f.pending
    ]
    return {
        "states": {state: counts.get(state, 0) for state in STATES},
        "window_days": BOARD_DAYS,
        "upcoming": [
            {**_row(f, ctx), "days": (f.meeting - ctx.today).days if f.meeting else None}
            for f in sorted(upcoming, key=_by_meeting)
        ],
        "not_ready": [
            {**_row(f, ctx), "errors": f.errors} for f in sorted(not_ready, key=_by_meeting)
        ],
        "pending_signoffs": pending,
        "debriefs_overdue": [
            _row(f, ctx) for f in sorted(facts, key=_by_meeting) if DEBRIEF_OVERDUE in f.codes
        ],
    }


def week_of(day: dt.date | None) -> str:
    """The ISO week of a day, ``2027-W05`` (or :data:`NO_DATE`)."""
    if day is None:
        return NO_DATE
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def approvals(facts: Sequence[PlanFacts], ctx: Context) -> Data:
    """What waits for each approver, by the week of the meeting it is needed for (meetings
    from today on, and undated ones), and per term how many plans stay within the rep's
    authority and which rung the others' walk-aways need."""
    waiting: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in facts:
        if f.meeting is not None and f.meeting < ctx.today:
            continue
        for t in f.terms:
            if t.waiting:
                waiting[(t.rung or "no approver", week_of(f.meeting))].append(f.path)
    load = [
        {"approver": approver, "week": week, "count": len(paths), "plans": sorted(paths)}
        for (approver, week), paths in sorted(waiting.items())
    ]
    return {
        "approvers": sorted({row["approver"] for row in load}),
        "weeks": sorted({row["week"] for row in load}),
        "load": load,
        "terms": _term_authority(facts),
    }


def _term_authority(facts: Sequence[PlanFacts]) -> list[Data]:
    per_term: dict[str, list[tuple[bool, str | None]]] = defaultdict(list)
    for f in facts:
        for t in f.terms:
            if t.has_walk_away:
                per_term[t.term].append((t.past_authority, t.rung))
    out = []
    for term, rows in sorted(per_term.items()):
        within = sum(not past for past, _ in rows)
        rungs = Counter(rung or "beyond the ladder" for past, rung in rows if past)
        out.append(
            {
                "term": term,
                "plans": len(rows),
                "within_authority": within,
                "share_within": share(within, len(rows)),
                "rungs": [{"approver": a, "plans": n} for a, n in sorted(rungs.items())],
            }
        )
    return out
