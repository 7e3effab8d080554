"""Figures as JSON text, the same way in every JSON document negplan writes: money to the cent,
percentages to two places, positions as plain numbers."""

from __future__ import annotations

from decimal import Decimal

from negplan.economics import cents, percent


def money(amount: Decimal | None) -> str | None:
    """An amount to the cent, e.g. ``"679232.88"``."""
    return None if amount is None else str(cents(amount) + 0)


def pct(amount: Decimal | None) -> str | None:
    """A percentage to two places, e.g. ``"94.34"``."""
    return None if amount is None else str(percent(amount) + 0)


def position(position: object) -> object:
    """A position: a number as plain text, anything else as it is."""
    if isinstance(position, Decimal):
        return format(position.normalize(), "f")
    return position
