"""What a new plan starts from for each term: starting positions and the guiding comment."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from negplan.domain import format_value
from negplan.models.playbook import Direction, Playbook, Term, Unit

Position = bool | Decimal | str


def positions(term: Term) -> tuple[Position, Position, Position]:
    """Realistic starting positions ``(opening, target, walk_away)`` for a term.

    The opening is the playbook's standard position (what a deal gets with no negotiation).
    When the rep's authority stops at the standard, so that nothing could be conceded, the
    opening goes beyond the standard by as much as the first approver may go past it (else
    halfway to the best end, rounded towards it), within the limits. The walk-away is the
    rep's authority, and the target lies halfway between, rounded towards the opening. A term
    with no standard opens at the best end of its limits (or its best option). With no
    authority in the playbook the walk-away stays at the standard (else the opening): no room
    until agreed. docs/new.md explains the choice.
    """
    best = _best(term)
    standard = term.badness(term.standard)
    authority = term.badness(term.authority)
    if standard is None:
        opening = best
    elif authority is not None and standard < authority:
        opening = standard
    else:
        opening = max(best, _beyond(term, standard, best))
    walk_away = authority if authority is not None else standard
    if walk_away is None:
        walk_away = opening
    target = _toward(opening, walk_away)
    return _position(term, opening), _position(term, target), _position(term, walk_away)


def _best(term: Term) -> Decimal:
    """The badness of the best position the term allows."""
    if term.unit is Unit.CHOICE:
        return Decimal(0)
    if term.unit is Unit.YES_NO:
        return min(Decimal(0), -Decimal(1) if term.direction is Direction.HIGHER else Decimal(1))
    if term.limits is None:
        return term.badness(term.authority) or Decimal(0)
    ends = [term.badness(term.limits.min), term.badness(term.limits.max)]
    return min(end for end in ends if end is not None)


def _beyond(term: Term, standard: Decimal, best: Decimal) -> Decimal:
    """An opening past a standard that leaves no room: mirror the first approval step."""
    for rung in term.approvals:
        step = term.badness(rung.up_to)
        if step is not None and step > standard:
            return standard - (step - standard)
    return _toward(best, standard)


def _toward(start: Decimal, end: Decimal) -> Decimal:
    """Halfway from ``start`` to ``end``, rounded towards ``start`` when both are whole."""
    middle = (start + end) / 2
    if start == start.to_integral_value() and end == end.to_integral_value():
        middle = middle.to_integral_value(ROUND_FLOOR if start <= end else ROUND_CEILING)
    return middle


def _position(term: Term, badness: Decimal) -> Position:
    """The position whose badness is ``badness`` (the inverse of :meth:`Term.badness`)."""
    if term.unit is Unit.CHOICE:
        return term.options[int(badness)]
    if term.unit is Unit.YES_NO:
        return badness != 0
    value = -badness if term.direction is Direction.HIGHER else badness
    return value + 0  # no negative zero


def opening_note(term: Term) -> str:
    """Where a term's opening comes from, for the comment beside it."""
    if term.standard is not None:
        opening = positions(term)[0]
        if opening == term.standard and type(opening) is type(term.standard):
            return "the playbook's standard"
        return f"the standard ({_show(term, term.standard)}) leaves no room: open beyond it"
    if term.unit is Unit.CHOICE:
        return "the best option for us"
    if term.unit is Unit.YES_NO:
        return "the better answer for us"
    return "the best end of the limits" if term.limits is not None else "no limits set"


def _show(term: Term, value: object) -> str:
    if value is None or isinstance(value, (bool, str, Decimal)):
        return format_value(value, term.unit.value)
    return str(value)


def term_notes(term: Term, playbook: Playbook) -> list[str]:
    """The guiding comment above a variable: name, unit, direction, limits, authority,
    approvers, owner, and the strategy's "don't lead with"."""
    if term.unit is Unit.CHOICE:
        kind = "one of " + ", ".join(term.options) + " (best for us first)"
    else:
        unit = {"yes_no": "yes/no", "money": f"money ({playbook.currency})"}.get(
            term.unit.value, term.unit.value
        )
        kind = f"{unit}, {term.better}"
    lines = [f"{term.name} ({term.id}): {kind}."]
    limits = ""
    if term.unit.numeric and term.limits is not None:
        limits = f"Limits {_show(term, term.limits.min)} to {_show(term, term.limits.max)}; "
    if term.authority is None:
        authority = f"no rep authority in the playbook: agree positions with {term.owner}."
    else:
        authority = f"your authority: {_show(term, term.authority)}."
    lines.append(limits + authority if limits else authority[:1].upper() + authority[1:])
    if term.authority is not None:
        if term.approvals:
            ladder = ", ".join(f"{r.approver} to {_show(term, r.up_to)}" for r in term.approvals)
            lines.append(f"Beyond it: {ladder}.")
        else:
            lines.append("Beyond it: no approver; stay within your authority.")
    owner = f"Owner: {term.owner}; cost to us: {term.cost.value}"
    if term.required:
        owner += "; required in every plan"
    lines.append(owner + ".")
    if term.id in playbook.strategy.dont_lead_with:
        lines.append("Strategy: don't lead with this term; trade it late, in shrinking steps.")
    return lines
