"""Small helpers shared by rule families."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from negplan.domain import format_value
from negplan.models.playbook import Limits, Term
from negplan.schema import closest

if TYPE_CHECKING:
    from negplan.rules.base import PlanContext

POSITIONS = ("opening", "target", "walk_away")
LABELS = {"opening": "opening", "target": "target", "walk_away": "walk-away"}


def show(term: Term, value: object) -> str:
    """A position formatted in the term's unit, e.g. ``12%`` or ``60 days``."""
    if value is None or isinstance(value, (bool, str, Decimal)):
        return format_value(value, term.unit.value)
    return str(value)


def slip_for(ctx: PlanContext, unknown: Iterable[str], term_id: str) -> bool:
    """Whether one of the ``unknown`` term ids is a slip for ``term_id``: the term NP201
    suggests for it (the plan's own variables first), so no other rule reports it again."""
    planned = [v.term for v in ctx.plan.variables if ctx.term(v.term) is not None]
    known = list(ctx.playbook.term_map)
    return any((closest(u, planned) or closest(u, known)) == term_id for u in unknown)


def show_limits(term: Term, limits: Limits) -> str:
    """Hard limits in words, e.g. ``0%–30%``."""
    return f"{show(term, limits.min)}–{show(term, limits.max)}"
