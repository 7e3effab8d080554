"""What ``negplan new --from DEBRIEF`` puts in view from last time: the comments beside each
term (the agreed position, the planned range, the lessons on it) and the asks nobody expected.

Only text is made here; :mod:`negplan.scaffold.plan` places it, as for every other comment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from negplan.debriefs import agreed_positions
from negplan.rules._util import show
from negplan.rules.debrief import PLACEHOLDER

if TYPE_CHECKING:
    from negplan.history import Previous
    from negplan.models.playbook import Term


def _filled(text: str | None) -> bool:
    return bool(text) and not (text or "").startswith(PLACEHOLDER)


def header_lines(previous: Previous, shown: str) -> list[str]:
    """The header lines about last time: the debrief, its result, and the lessons that
    concern no single term."""
    debrief = previous.debrief
    result = debrief.result.value.replace("_", " ")
    if _filled(debrief.reason):
        result += f" ({debrief.reason})"
    when = previous.when
    lines = [
        f"Last time with this customer ({shown}): {previous.plan.deal.title}, "
        + (f"{when.isoformat()}, " if when else "")
        + f"{result}. The agreed positions are noted beside each term, and the asks nobody "
        "expected are under `asks:`."
    ]
    for lesson in debrief.lessons:
        if lesson.term is None and _filled(lesson.lesson):
            lines.append(f"Lesson{_owner(lesson.owner)}: {lesson.lesson}")
    return lines


def _owner(owner: str | None) -> str:
    return f" ({owner})" if owner and _filled(owner) else ""


def agreed_note(previous: Previous, term: Term) -> str | None:
    """The comment beside a variable's target: ``last time agreed: 5%``."""
    value = agreed_positions(previous.debrief).get(term.id)
    return None if value is None else f"last time agreed: {show(term, value)}"


def term_lines(previous: Previous, term: Term) -> list[str]:
    """The lines added above a variable: last time's planned range and agreed position, and
    the lessons on the term."""
    lines = []
    value = agreed_positions(previous.debrief).get(term.id)
    planned = next((v for v in previous.plan.variables if v.term == term.id), None)
    if value is not None or planned is not None:
        text = "Last time: agreed " + (show(term, value) if value is not None else "nothing")
        if planned is not None:
            shown = " → ".join(
                show(term, getattr(planned, name)) for name in ("opening", "target", "walk_away")
            )
            text += f" (planned {shown})"
        lines.append(text + ".")
    for lesson in previous.debrief.lessons:
        if lesson.term == term.id and _filled(lesson.lesson):
            lines.append(f"Lesson{_owner(lesson.owner)}: {lesson.lesson}")
    return lines


def surprise_asks(previous: Previous) -> list[tuple[str, str | None]]:
    """The asks nobody expected last time, with how we answered (``None`` if not recorded)."""
    return [
        (ask.ask, ask.response if _filled(ask.response) else None)
        for ask in previous.debrief.unexpected
        if _filled(ask.ask)
    ]
