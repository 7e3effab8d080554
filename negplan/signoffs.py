"""Whether the plan's sign-offs cover what it needs approved: by role, value and date.

A position past the rep's authority (or a package past the package authority) needs the
approver of the rung it falls on. An ``alignment:`` entry covers it only when it is agreed,
signed by that role or one higher on the same ladder, for at least that value, and dated no
later than today. The rules (NP203, NP601, NP702) and the brief read the same verdict from here.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from negplan.domain import AlignmentStatus, format_value
from negplan.economics import PACKAGE_TOPIC
from negplan.models.plan import Alignment, Plan, Variable
from negplan.models.playbook import EconomicsSettings, Term
from negplan.scalars import yaml_flow_text


@dataclass(frozen=True)
class Ladder:
    """An approval ladder: who may sign off how far, nearest approver first."""

    what: str
    approvers: tuple[str, ...]
    limits: tuple[Decimal | None, ...]
    badness: Callable[[object], Decimal | None]
    show: Callable[[object], str]
    shown_limits: tuple[str, ...]

    def rank(self, role: str) -> int | None:
        """The rung of ``role`` on this ladder (0 is the nearest approver), or None."""
        wanted = _normal(role)
        for i, approver in enumerate(self.approvers):
            if _normal(approver) == wanted:
                return i
        return None

    def needed(self, value: object) -> int | None:
        """The rung a value needs, or None when no rung reaches it."""
        bad = self.badness(value)
        if bad is None:
            return None
        for i, limit in enumerate(self.limits):
            if limit is not None and bad <= limit:
                return i
        return None

    def describe(self) -> str:
        """The ladder in words: 'Regional sales director up to 20%, VP Sales up to 30%'."""
        return ", ".join(
            f"{a} up to {s}" for a, s in zip(self.approvers, self.shown_limits, strict=True)
        )


@dataclass(frozen=True)
class Verdict:
    """What the sign-offs say about one value that needs approval."""

    covered: bool
    #: The entry the verdict is about (the covering one, or the closest that fails), or None.
    index: int | None = None
    #: Why that agreed entry does not cover the value: (field, message, hint).
    problem: tuple[str, str, str] | None = None

    @property
    def entry_missing(self) -> bool:
        """No entry at all concerns the value."""
        return self.index is None


def worst_past_authority(term: Term, variable: Variable) -> str | None:
    """The furthest position of a variable that goes past authority (within limits), or None."""
    worst = None
    for name in ("opening", "target", "walk_away"):
        value = getattr(variable, name)
        if value is not None and term.within_limits(value) and term.past_authority(value):
            worst = name  # positions are listed best-first, so keep the last
    return worst


def term_ladder(term: Term) -> Ladder:
    """The approval ladder of a term."""

    def show(value: object) -> str:
        if value is None or isinstance(value, (bool, str, Decimal)):
            return format_value(value, term.unit.value)
        return str(value)

    return Ladder(
        term.id,
        tuple(r.approver for r in term.approvals),
        tuple(term.badness(r.up_to) for r in term.approvals),
        term.badness,
        show,
        tuple(show(r.up_to) for r in term.approvals),
    )


def package_ladder(settings: EconomicsSettings) -> Ladder:
    """The package approval ladder (total concession, percent of list value)."""

    def badness(value: object) -> Decimal | None:
        return value if isinstance(value, Decimal) and not isinstance(value, bool) else None

    def show(value: object) -> str:
        if isinstance(value, Decimal) and not isinstance(value, bool):
            return f"{format_value(value)}% of list value"
        return str(value)

    return Ladder(
        "the package",
        tuple(r.approver for r in settings.approvals),
        tuple(r.up_to for r in settings.approvals),
        badness,
        show,
        tuple(show(r.up_to) for r in settings.approvals),
    )


def role_of(entry: Alignment, plan: Plan) -> str:
    """The approver role an entry names: its ``with:``, or the role of that team member."""
    if plan.team is not None:
        for member in plan.team.members:
            if member.role and _normal(member.name) == _normal(entry.with_):
                return member.role
    return entry.with_


def entries_for(plan: Plan, term_id: str | None) -> list[tuple[int, Alignment]]:
    """The alignment entries on a term (or, with None, on the package), with their index."""
    if term_id is None:
        return [
            (i, e)
            for i, e in enumerate(plan.alignment)
            if _normal(e.topic or "") == PACKAGE_TOPIC and not e.term
        ]
    return [(i, e) for i, e in enumerate(plan.alignment) if e.term == term_id]


def assess(
    plan: Plan,
    entries: Sequence[tuple[int, Alignment]],
    ladder: Ladder,
    value: object,
    today: dt.date,
) -> Verdict:
    """Whether one of ``entries`` covers ``value`` on ``ladder``, and if not, why."""
    needed = ladder.needed(value)
    first_problem: Verdict | None = None
    fallback: Verdict | None = None
    for index, entry in entries:
        if entry.status is not AlignmentStatus.AGREED:
            fallback = fallback or Verdict(False, index)
            continue
        problem = _problem(plan, entry, ladder, value, needed, today)
        if problem is None:
            return Verdict(True, index)
        first_problem = first_problem or Verdict(False, index, problem)
    return first_problem or fallback or Verdict(False)


def date_problem(entry: Alignment, today: dt.date) -> tuple[str, str, str] | None:
    """Why an agreed entry's date cannot stand (missing, or after today), or None."""
    if entry.status is not AlignmentStatus.AGREED:
        return None
    if entry.date is None:
        return (
            "status",
            f"the sign-off with {entry.with_} is agreed but has no date",
            f"add `date:` (the day it was agreed, no later than {today.isoformat()})",
        )
    if entry.date > today:
        return (
            "date",
            f"the sign-off with {entry.with_} is dated {entry.date.isoformat()}, after today "
            f"({today.isoformat()}): a sign-off counts once it is given",
            "record it as `status: pending` until it is agreed, then date it",
        )
    return None


def _problem(
    plan: Plan,
    entry: Alignment,
    ladder: Ladder,
    value: object,
    needed: int | None,
    today: dt.date,
) -> tuple[str, str, str] | None:
    role = role_of(entry, plan)
    rank = ladder.rank(role)
    who = entry.with_ if role == entry.with_ else f"{entry.with_} ({role})"
    if rank is None:
        return (
            "with",
            f"{who} is not on the approval ladder of {ladder.what} ({ladder.describe()})",
            _suggest_role(role, ladder, needed),
        )
    if needed is None or rank < needed:
        return (
            "with",
            f"{who} signs off {ladder.what} only up to {ladder.shown_limits[rank]}; "
            f"{ladder.show(value)} needs "
            + (
                ladder.approvers[needed]
                if needed is not None
                else "more than anyone on the ladder can sign"
            ),
            f"get the sign-off from {ladder.approvers[needed]}"
            if needed is not None
            else "plan inside the approval ladder",
        )
    if entry.up_to is None:
        return (
            "with",
            f"the sign-off with {entry.with_} does not say how far it goes",
            f"add `up_to: {_plain(value)}` (the furthest position agreed)",
        )
    signed, wanted = ladder.badness(entry.up_to), ladder.badness(value)
    if signed is None:
        return (
            "up_to",
            f"up_to {entry.up_to} is not a position of {ladder.what}",
            f"write the furthest position agreed, e.g. `up_to: {_plain(value)}`",
        )
    if wanted is not None and signed < wanted:
        return (
            "up_to",
            f"the sign-off covers {ladder.what} up to {ladder.show(entry.up_to)}, and the plan "
            f"goes to {ladder.show(value)}",
            f"get the sign-off extended to {ladder.show(value)}, or plan within "
            f"{ladder.show(entry.up_to)}",
        )
    return date_problem(entry, today)


def _suggest_role(role: str, ladder: Ladder, needed: int | None) -> str:
    match = difflib.get_close_matches(role, list(ladder.approvers), n=1, cutoff=0.6)
    if match:
        return f"did you mean '{match[0]}'?"
    if needed is not None:
        return (
            f"get the sign-off from {ladder.approvers[needed]} (or a role above it on the "
            "ladder), or name a team member with that role"
        )
    return "name the approver role as the playbook's ladder does, or a team member with that role"


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal) and value.as_tuple().exponent < -2:  # type: ignore[operator]
        # a computed share: rounded up, so that a sign-off up to it covers it
        value = value.quantize(Decimal("0.01"), rounding="ROUND_CEILING")
    return str(value)


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def unresolved(entry: Alignment, meeting: dt.date | None, today: dt.date, window: int) -> bool:
    """Whether NP602 reports the entry: disputed, or pending with the meeting close."""
    if entry.status is AlignmentStatus.DISPUTED:
        return True
    return (
        entry.status is AlignmentStatus.PENDING
        and meeting is not None
        and (meeting - today).days <= window
    )


def snippet(role: str, term_id: str | None, value: object) -> str:
    """A pending alignment entry as one line of YAML that can be pasted under `alignment:`."""
    about = f"term: {term_id}" if term_id else f"topic: {PACKAGE_TOPIC}"
    return f"- {{with: {yaml_flow_text(role)}, {about}, up_to: {_plain(value)}, status: pending}}"
