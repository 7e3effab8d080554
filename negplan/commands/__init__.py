"""The work of each ``negplan`` command, one module per command.

:mod:`negplan.cli` declares the commands and their options and calls into these modules;
they never import the command line back.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from negplan.errors import NegplanError


def parse_today(value: str | None) -> date:
    """``--today`` as a date (default: the real today)."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise NegplanError(
            f"--today: '{value}' is not a date", hint="write the date as YYYY-MM-DD"
        ) from None


@contextmanager
def collecting_less() -> Iterator[None]:
    """Run the garbage collector less often than every 700 allocations: checking allocates
    many short-lived objects and next to no cycles."""
    thresholds = gc.get_threshold()
    gc.set_threshold(20_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
