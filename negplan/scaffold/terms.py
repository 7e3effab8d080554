"""What a new plan starts from for each term: starting positions and the guiding comment."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from negplan.domain import format_value
from negplan.models.playbook import Direction, Playbook, Term, Unit

Position = bool | Decimal | str


def positions(term: Term) -> tuple[Position, Position, Position]:
    """Sensible starting positions ``(opening, target, walk_away)`` for a term.

    The opening is the best end of the limits (or the best option), the walk-away is the rep's
    authority, and the target lies between them, rounded towards the opening. With no
    authority in the playbook the walk-away stays at the opening: no room until agreed.
    """
    if term.unit is Unit.CHOICE:
        options = term.options
        option = term.authority if isinstance(term.authority, str) else None
        worst = options.index(option) if option in options else 0
        return options[0], options[worst // 2], options[worst]
    if term.unit is Unit.YES_NO:
        best = term.direction is Direction.HIGHER
        walk = term.authority if isinstance(term.authority, bool) else best
        return best, best, walk
    lower = term.direction is not Direction.HIGHER
    authority = term.authority if isinstance(term.authority, Decimal) else None
    if term.limits is not None:
        opening = term.limits.min if lower else term.limits.max
    else:
        opening = authority if authority is not None else Decimal(0)
    walk_away = authority if authority is not None else opening
    middle = (opening + walk_away) / 2
    if opening == opening.to_integral_value() and walk_away == walk_away.to_integral_value():
        middle = middle.to_integral_value(ROUND_FLOOR if lower else ROUND_CEILING)
    return opening, middle, walk_away


def opening_note(term: Term) -> str:
    """Where a term's opening comes from, for the comment beside it."""
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
