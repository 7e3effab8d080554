"""Small helpers shared by rule families."""

from __future__ import annotations

from decimal import Decimal

from negplan.domain import format_value
from negplan.models.playbook import Limits, Term

POSITIONS = ("opening", "target", "walk_away")
LABELS = {"opening": "opening", "target": "target", "walk_away": "walk-away"}


def show(term: Term, value: object) -> str:
    """A position formatted in the term's unit, e.g. ``12%`` or ``60 days``."""
    if value is None or isinstance(value, (bool, str, Decimal)):
        return format_value(value, term.unit.value)
    return str(value)


def show_limits(term: Term, limits: Limits) -> str:
    """Hard limits in words, e.g. ``0%–30%``."""
    return f"{show(term, limits.min)}–{show(term, limits.max)}"
