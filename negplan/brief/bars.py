"""Where a term's positions sit on its range: the geometry of the brief's range bar, and the
bar drawn as a line of text for Markdown and the terminal.

The bar runs from the best position for us (left) to the worst (right), whatever the term's
direction: the hard limits at its ends (when the term has them), the stretch within the rep's
authority, one zone per approver on the ladder beyond it, then what no approver may sign. The
opening, target and walk-away sit on it. :mod:`negplan.brief.svg` draws the same geometry.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from negplan.domain import Unit
from negplan.rules._util import POSITIONS

if TYPE_CHECKING:
    from negplan.models.plan import Variable
    from negplan.models.playbook import Term

#: Zone kinds, best first.
WITHIN, APPROVAL, BEYOND = "within", "approval", "beyond"
#: Marker states: plain, needs attention, covered by an agreed sign-off.
PLAIN, ATTENTION, COVERED = "plain", "attention", "covered"


class Zone(NamedTuple):
    """A stretch of the bar, from ``start`` to ``end`` (0 is the left end, 1 the right)."""

    start: float
    end: float
    kind: str
    rung: int = 0


class Marker(NamedTuple):
    """A position on the bar: ``opening``, ``target`` or ``walk_away``."""

    at: float
    kind: str
    state: str = PLAIN


class RangeBar(NamedTuple):
    """The picture of one term: its zones, the rep's limit and the three positions."""

    zones: tuple[Zone, ...]
    limit: float | None
    markers: tuple[Marker, ...]
    capped: bool


def range_bar(variable: Variable, term: Term, *, past_state: str) -> RangeBar | None:
    """The bar of ``variable`` on ``term``; ``past_state`` is the state of a position past
    the rep's authority (``attention`` or ``covered``). ``None`` when nothing can be placed."""
    values = [getattr(variable, p) for p in POSITIONS]
    points = [term.badness(v) for v in values if v is not None]
    bounds = _bounds(term, [p for p in points if p is not None])
    if bounds is None:
        return None
    low, high, capped = bounds
    span = high - low

    def at(badness: Decimal) -> float:
        return min(1.0, max(0.0, float((badness - low) / span)))

    zones = _zones(term, high, at)
    limit_bad = _edge(term, term.badness(term.authority))
    limit = at(limit_bad) if limit_bad is not None else None
    markers = []
    for name, value in zip(POSITIONS, values, strict=True):
        bad = term.badness(value) if value is not None else None
        if bad is None:
            continue
        state = PLAIN
        if not term.within_limits(value):
            state = ATTENTION
        elif term.past_authority(value):
            state = past_state
        markers.append(Marker(at(bad), name, state))
    return RangeBar(tuple(zones), limit, tuple(markers), capped)


def _discrete(term: Term) -> bool:
    return not term.unit.numeric


def _edge(term: Term, badness: Decimal | None) -> Decimal | None:
    """Where a zone that ends at ``badness`` ends on the bar (half-way to the next option on
    a choice or yes/no term)."""
    if badness is None:
        return None
    return badness + Decimal("0.5") if _discrete(term) else badness


def _bounds(term: Term, points: list[Decimal]) -> tuple[Decimal, Decimal, bool] | None:
    """The bar's ends in badness, and whether they are the term's hard limits."""
    if term.unit is Unit.CHOICE:
        if not term.options:
            return None
        return Decimal("-0.5"), Decimal(len(term.options)) - Decimal("0.5"), True
    if term.unit is Unit.YES_NO:
        both = [b for b in (term.badness(True), term.badness(False)) if b is not None]
        return min(both) - Decimal("0.5"), max(both) + Decimal("0.5"), True
    if term.limits is not None:
        ends = [term.badness(term.limits.min), term.badness(term.limits.max)]
        known = [end for end in ends if end is not None]
        if len(known) == 2 and max(known) > min(known):
            return min(known), max(known), True
    marks = list(points)
    for value in (term.authority, *(rung.up_to for rung in term.approvals)):
        bad = term.badness(value)
        if bad is not None:
            marks.append(bad)
    if not marks:
        return None
    low, high = min(marks), max(marks)
    pad = (high - low) / 10 if high > low else max(abs(high) / 10, Decimal(1))
    return low - pad, high + pad, False


def _zones(term: Term, high: Decimal, place: Callable[[Decimal], float]) -> list[Zone]:
    limit = _edge(term, term.badness(term.authority))
    if limit is None:
        return []
    zones = [Zone(0.0, place(limit), WITHIN)]
    start = limit
    for number, rung in enumerate(term.approvals, start=1):
        end = _edge(term, term.badness(rung.up_to))
        if end is None or end <= start:
            continue
        zones.append(Zone(place(start), place(end), APPROVAL, number))
        start = end
    if start < high:
        zones.append(Zone(place(start), 1.0, BEYOND))
    return [z for z in zones if z.end > z.start]


# ---- as text -----------------------------------------------------------------------------

#: The text bar's characters: track by zone kind, the rep's limit, the positions.
_TRACK = {WITHIN: "─", APPROVAL: "░", BEYOND: "▓"}
_LIMIT = "┆"
_LETTERS = {"opening": "O", "target": "T", "walk_away": "W"}
#: The legend printed under a table of text bars.
TEXT_LEGEND = (
    "O opening · T target · W walk-away · ┆ rep limit · ─ within authority · "
    "░ needs a sign-off · ▓ no approver"
)


def text_bar(bar: RangeBar, width: int = 21) -> str:
    """The bar as ``width`` characters, e.g. ``O────T───W┆░░░░░▓▓▓▓``."""
    cells = ["─"] * width if not bar.zones else [" "] * width
    for zone in bar.zones:
        for i in range(width):
            middle = (i + 0.5) / width
            if zone.start <= middle < zone.end or (zone.end == 1.0 and middle >= zone.start):
                cells[i] = _TRACK[zone.kind]
    cells = [c if c != " " else "─" for c in cells]
    taken: set[int] = set()
    for marker in bar.markers:
        spot = _free(_cell(marker.at, width), taken, width)
        cells[spot] = _LETTERS[marker.kind]
        taken.add(spot)
    if bar.limit is not None and 0.0 < bar.limit < 1.0:
        spot = min(width - 1, round(bar.limit * width))
        if spot in taken:
            spot = _free(spot, taken, width)
        cells[spot] = _LIMIT
    return "".join(cells)


def _cell(at: float, width: int) -> int:
    """The cell a point falls in; a point on a cell boundary belongs to the cell it ends."""
    return min(width - 1, max(0, math.ceil(at * width) - 1))


def _free(spot: int, taken: set[int], width: int) -> int:
    """The nearest cell to ``spot`` not yet taken, looking right (worse) first."""
    for step in range(width):
        for candidate in (spot + step, spot - step):
            if 0 <= candidate < width and candidate not in taken:
                return candidate
    return spot


_EIGHTHS = " ▏▎▍▌▋▊▉"


def size_bar(value: float, largest: float, width: int = 8) -> str:
    """``value`` as a bar of block characters, ``width`` cells for ``largest``."""
    eighths = round(max(value, 0.0) / largest * width * 8) if largest > 0 else 0
    eighths = max(eighths, 1) if value > 0 else 0
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")) or "▏"
