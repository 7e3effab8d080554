"""The brief's positions, concessions and sign-offs, from one reading of the plan's alignment.

A position past the rep's authority needs the approver on the term's ladder. Whether that
sign-off is done is decided once, here, by the check's own reading (:mod:`negplan.signoffs`:
an agreed entry by that role or a higher one, for at least that position, dated no later than
today; see NP203 and NP601), and the positions table and the approvals section both print
that one answer, so they cannot contradict each other.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from negplan.brief.data import WITHHELD, SignoffRow, VariableRow
from negplan.brief.redact import hide
from negplan.brief.text import clean, optional
from negplan.domain import AlignmentStatus, format_value
from negplan.models.plan import Commitment
from negplan.rules._util import POSITIONS, show
from negplan.signoffs import assess, entries_for, term_ladder, worst_past_authority

if TYPE_CHECKING:
    from negplan.models.plan import Alignment, Plan, Trade, Variable
    from negplan.models.playbook import Term

#: What a position past authority without any alignment entry shows as its status.
NOT_ASKED = "not asked"
#: The status of an agreed sign-off that does not cover the position (role, reach or date).
DOES_NOT_COVER = "does not cover"


class Need(NamedTuple):
    """A sign-off a variable needs: the furthest position past authority, who must approve
    it, the alignment entry that speaks for it and whether it covers it (and if not, why)."""

    position: object
    approver: str
    entry: Alignment | None
    covered: bool = False
    problem: str | None = None

    @property
    def done(self) -> bool:
        """Whether an agreed sign-off covers it (role, reach and date, as the check reads it)."""
        return self.covered

    @property
    def status(self) -> str:
        """``agreed``, ``pending``, ``disputed``, ``does not cover`` or ``not asked``."""
        if self.problem is not None:
            return DOES_NOT_COVER
        return self.entry.status.value if self.entry is not None else NOT_ASKED


class Reading(NamedTuple):
    """What the sign-offs are read against: the plan's alignment entries, on a date."""

    plan: Plan
    today: date


def need(variable: Variable, term: Term, signoffs: Reading) -> Need | None:
    """The sign-off ``variable`` needs, or ``None`` when every position is within authority;
    covered or not as the check reads it (:func:`negplan.signoffs.assess`)."""
    worst = worst_past_authority(term, variable)
    if worst is None:
        return None
    value = getattr(variable, worst)
    plan = signoffs.plan
    verdict = assess(plan, entries_for(plan, term.id), term_ladder(term), value, signoffs.today)
    entry = plan.alignment[verdict.index] if verdict.index is not None else None
    rung = term.approver_for(value)
    who = rung.approver if rung else entry.with_ if entry else term.owner
    problem = verdict.problem[1] if verdict.problem is not None else None
    return Need(value, clean(who), entry, verdict.covered, problem)


def show_position(term: Term | None, value: object) -> str:
    """A position in its term's unit (as it is written when the term is unknown)."""
    if term is None:
        if value is None or isinstance(value, (bool, Decimal, str)):
            return clean(format_value(value))
        return clean(value)
    return clean(show(term, value))


def variable_row(
    variable: Variable, term: Term | None, signoffs: Reading, *, redact: bool
) -> VariableRow:
    """One row of the positions table."""
    name = clean(term.name) if term else clean(variable.term)
    row = VariableRow(
        term=clean(variable.term),
        name=name,
        opening=show_position(term, variable.opening),
        target=show_position(term, variable.target),
        walk_away=None,
        authority=None,
        past_authority=False,
        signoff=None,
        buyer_value=variable.buyer_value.value if variable.buyer_value else None,
        notes=optional(variable.notes),
    )
    if redact:
        return row._replace(
            opening=WITHHELD if _at_walk_away(variable, term, "opening") else row.opening,
            target=WITHHELD if _at_walk_away(variable, term, "target") else row.target,
        )
    outside = term is not None and any(
        getattr(variable, p) is not None and not term.within_limits(getattr(variable, p))
        for p in POSITIONS
    )
    wanted = need(variable, term, signoffs) if term is not None else None
    return row._replace(
        walk_away=show_position(term, variable.walk_away),
        authority=show_position(term, term.authority) if term is not None else "—",
        past_authority=wanted is not None,
        signoff=wanted.approver if wanted else None,
        signoff_status=wanted.status if wanted else None,
        signoff_done=wanted.done if wanted else False,
        signoff_date=_date(wanted.entry) if wanted and wanted.done else None,
        outside_limits=outside,
        attention=outside or (wanted is not None and not wanted.done),
    )


def _at_walk_away(variable: Variable, term: Term | None, name: str) -> bool:
    """Whether a position is at or past the walk-away (so showing it would show the walk-away,
    or bound it); with no term to judge by, any position equal to the walk-away."""
    value, walk = getattr(variable, name), variable.walk_away
    if value is None or walk is None:
        return False
    if term is None:
        return bool(value == walk)
    here, limit = term.badness(value), term.badness(walk)
    return here is not None and limit is not None and here >= limit


def _shown_bound(variable: Variable, term: Term) -> object:
    """The furthest position a redacted brief shows for ``variable`` (target, else opening)."""
    for name in ("target", "opening"):
        if getattr(variable, name) is not None and not _at_walk_away(variable, term, name):
            return getattr(variable, name)
    return None


def _date(entry: Alignment | None) -> str | None:
    return entry.date.isoformat() if entry is not None and entry.date else None


def trade_text(
    move: Trade | Commitment,
    terms: dict[str, Term],
    variables: dict[str, Variable],
    *,
    redact: bool,
    give: bool,
    hidden: tuple[str, ...] = (),
) -> str:
    """A give or get in words (``Payment terms: 45 days``).

    In a redacted brief a value past the furthest position the brief shows (the target, or
    the opening) is withheld, as is a give on a term the plan has no positions for: it lies
    towards the walk-away, so it would tell the reader how far we can go; a commitment loses
    the ``hidden`` figures.
    """
    if isinstance(move, Commitment):
        words = clean(move.describe())
        return hide(words, hidden) if redact else words
    term = terms.get(move.term)
    name = term.name if term else move.term
    if redact and _reveals(move, term, variables.get(move.term), give=give):
        return clean(f"{name}: {WITHHELD}")
    return clean(f"{name}: {show_position(term, move.value)}")


def _reveals(move: Trade, term: Term | None, variable: Variable | None, *, give: bool) -> bool:
    if variable is None or term is None:
        return give
    shown = _shown_bound(variable, term)
    here, limit = term.badness(move.value), term.badness(shown)
    if here is None or limit is None:
        return True
    return here > limit


def signoff_rows(
    signoffs: Reading,
    terms: dict[str, Term],
    *,
    package: SignoffRow | None = None,
    package_topic: str = "package",
) -> tuple[SignoffRow, ...]:
    """The approvals section: each sign-off a position needs (with where it stands), the
    package's, then every other alignment entry."""
    plan = signoffs.plan
    rows: list[SignoffRow] = []
    used: set[int] = set()
    for variable in plan.variables:
        term = terms.get(variable.term)
        wanted = need(variable, term, signoffs) if term is not None else None
        if term is None or wanted is None:
            continue
        if wanted.entry is not None:
            used.add(id(wanted.entry))
        rows.append(_need_row(wanted, f"{term.name} to {show(term, wanted.position)}"))
    if package is not None:
        rows.append(package)
        used.update(id(e) for e in plan.alignment if _is_topic(e, package_topic))
    for entry in plan.alignment:
        if id(entry) in used:
            continue
        term = terms.get(entry.term) if entry.term else None
        about = term.name if term else entry.term or entry.topic or "general sign-off"
        rows.append(entry_row(entry, about))
    return tuple(rows)


def _need_row(wanted: Need, what: str) -> SignoffRow:
    entry = wanted.entry
    return SignoffRow(
        who=wanted.approver,
        what=clean(what),
        status=wanted.status,
        done=wanted.done,
        date=_date(entry),
        notes=optional(wanted.problem or (entry.notes if entry else None)),
        attention=not wanted.done,
    )


def entry_row(entry: Alignment, about: str, *, needed: bool = False) -> SignoffRow:
    """An alignment entry as a row of the approvals section."""
    done = entry.status is AlignmentStatus.AGREED
    return SignoffRow(
        who=clean(entry.with_),
        what=clean(about),
        status=entry.status.value,
        done=done,
        date=_date(entry),
        notes=optional(entry.notes),
        attention=entry.status is AlignmentStatus.DISPUTED or (needed and not done),
    )


def _is_topic(entry: Alignment, topic: str) -> bool:
    return (entry.topic or "").strip().lower() == topic
