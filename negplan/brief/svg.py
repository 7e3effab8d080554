"""The brief's two pictures as inline SVG: a range bar per term and the concession ladder.

They are written as text, here, from the geometry :mod:`negplan.brief.bars` and
:mod:`negplan.brief.money` compute: a few hundred bytes per picture, no drawing library, no
script, no external resource (fonts come from the page). Coordinates are rounded to one
decimal, there are no ids, dates or random numbers, so the same plan gives the same bytes.
Only the HTML and PDF brief draw them; Markdown gets text bars (:mod:`negplan.brief.bars`).
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from negplan.brief.bars import APPROVAL, ATTENTION, BEYOND, COVERED, RangeBar
from negplan.brief.money import Ladder

# Colours: neutral greys and the brief's blue; red and green only for a state that needs
# attention or is covered by a sign-off.
INK = "#1d232b"
BLUE = "#2a5d8f"
RED = "#b3261e"
GREEN = "#1e7a3d"
MUTED = "#5b6b7c"
WITHIN_FILL = "#e2e8ef"
APPROVAL_FILLS = ("#cdd5de", "#b8c2cd")  # alternating, one per approver
BEYOND_FILL = "#8f9bab"
_STATE = {ATTENTION: RED, COVERED: GREEN}
_FONT = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"

#: The range bar's size on the page, and its drawing units (0.1 mm).
BAR_SIZE = ("42mm", "3.2mm")
_BAR_W, _BAR_H, _PAD = 420, 32, 8


def _n(value: float) -> str:
    """A coordinate with one decimal, without a trailing ``.0``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _svg(width: str, height: str, box: tuple[int, int], label: str, body: list[str]) -> Markup:
    head = (
        f'<svg width="{width}" height="{height}" '
        f'viewBox="0 0 {box[0]} {box[1]}" role="img" aria-label="{escape(label)}">'
    )
    return Markup(head + "".join(body) + "</svg>")


def range_svg(bar: RangeBar, label: str) -> Markup:
    """One term's range bar: zones, the rep's limit and the positions."""
    span = _BAR_W - 2 * _PAD

    def x(at: float) -> float:
        return _PAD + at * span

    body = []
    top, bottom = 11, 21
    if not bar.zones:
        body.append(_rect(x(0), top, span, bottom - top, WITHIN_FILL))
    for zone in bar.zones:
        fill = WITHIN_FILL
        if zone.kind == APPROVAL:
            fill = APPROVAL_FILLS[(zone.rung - 1) % 2]
        elif zone.kind == BEYOND:
            fill = BEYOND_FILL
        body.append(_rect(x(zone.start), top, (zone.end - zone.start) * span, bottom - top, fill))
    if bar.capped:
        for end in (0.0, 1.0):
            body.append(_line(x(end), top - 3, x(end), bottom + 3, MUTED, 1.2))
    if bar.limit is not None:
        body.append(_line(x(bar.limit), 3, x(bar.limit), 29, INK, 2.2))
    for marker in bar.markers:
        body.append(_marker(x(marker.at), 16, marker.kind, _STATE.get(marker.state)))
    return _svg(*BAR_SIZE, (_BAR_W, _BAR_H), label, body)


def _rect(x: float, y: float, w: float, h: float, fill: str, extra: str = "") -> str:
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, 0.0))}" height="{_n(max(h, 0.0))}" '
        f'fill="{fill}"{extra}/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{colour}" '
        f'stroke-width="{_n(width)}"/>'
    )


def _marker(x: float, y: float, kind: str, colour: str | None) -> str:
    if kind == "opening":
        return (
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="6" fill="#fff" stroke="{colour or BLUE}" '
            'stroke-width="2.6"/>'
        )
    if kind == "target":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="6.5" fill="{colour or BLUE}"/>'
    d = 8.5
    points = f"{_n(x)},{_n(y - d)} {_n(x + d)},{_n(y)} {_n(x)},{_n(y + d)} {_n(x - d)},{_n(y)}"
    return f'<polygon points="{points}" fill="{colour or INK}"/>'


def legend() -> Markup:
    """The range bar's key, as small inline pictures with words."""
    items = [
        ("opening", _marker(9, 9, "opening", None)),
        ("target", _marker(9, 9, "target", None)),
        ("walk-away", _marker(9, 9, "walk_away", None)),
        ("rep limit", _line(9, 1, 9, 17, INK, 2.2)),
        ("within authority", _rect(1, 4, 16, 10, WITHIN_FILL)),
        ("needs a sign-off", _rect(1, 4, 16, 10, APPROVAL_FILLS[0])),
        ("no approver", _rect(1, 4, 16, 10, BEYOND_FILL)),
    ]
    parts = []
    for words, shape in items:
        icon = _svg("1.8mm", "1.8mm", (18, 18), "", [shape]).replace(
            ' role="img" aria-label=""', ' aria-hidden="true"'
        )
        parts.append(f'<span class="key">{icon} {escape(words)}</span>')
    return Markup("".join(parts))


# ---- the concession ladder ---------------------------------------------------------------

#: The ladder chart's size on the page, and its drawing units (0.1 mm).
LADDER_SIZE = ("58mm", "25mm")
_L_W, _L_H = 580, 250
_L_LEFT, _L_RIGHT, _L_TOP, _L_BOTTOM = 6, 112, 30, 56


def ladder_svg(ladder: Ladder, *, start_label: str, end_label: str | None) -> Markup | None:
    """The ladder: each step's give as a bar hanging from the value kept before it, the value
    kept after each step as a line, and the floor. ``None`` when there is nothing to draw."""
    if ladder.start is None or not ladder.steps:
        return None
    levels = [ladder.start] + [s.kept for s in ladder.steps if s.kept is not None]
    bottoms = _bottoms(ladder)
    data_low, data_high = min(levels + bottoms), max([*levels, 100.0])
    span = (data_high - data_low) or 1.0
    floor_in = ladder.floor is not None and ladder.floor >= data_low - span
    low = min(data_low, ladder.floor) if floor_in and ladder.floor is not None else data_low
    low, high = low - span * 0.08, data_high + span * 0.08
    plot_w = _L_W - _L_LEFT - _L_RIGHT
    plot_h = _L_H - _L_TOP - _L_BOTTOM
    slot = plot_w / (len(ladder.steps) + 1)

    def y(value: float) -> float:
        return _L_TOP + (high - value) / (high - low) * plot_h

    def cx(index: int) -> float:
        return _L_LEFT + slot * (index + 0.5)

    body = [_line(_L_LEFT, y(100.0), _L_W - _L_RIGHT, y(100.0), "#c9d3dd", 1.4)]
    end = next((s.kept for s in reversed(ladder.steps) if s.kept is not None), None)
    lift = 14 if end is not None and abs(y(end) - y(100.0)) < 22 else 0
    body.append(_text(_L_W - _L_RIGHT + 6, y(100.0) + 7 - lift, "list 100%", MUTED, "start"))
    body += _floor(ladder, y, floor_in, low)
    body += _bars(ladder, y, cx, slot)
    body += _kept(ladder, y, cx, start_label, end_label)
    body.append(_text(cx(0), _L_H - 28, "step", MUTED))
    body.append(_text(cx(0), _L_H - 6, "cost", MUTED))
    for index, step in enumerate(ladder.steps, start=1):
        body.append(_text(cx(index), _L_H - 28, str(step.number), MUTED))
    label = f"Concession ladder: {len(ladder.steps)} steps, from {start_label} of list"
    if end_label:
        label += f" to {end_label} kept"
    return _svg(*LADDER_SIZE, (_L_W, _L_H), label, body)


def _bottoms(ladder: Ladder) -> list[float]:
    out = []
    level = ladder.start or 0.0
    for step in ladder.steps:
        if step.given is not None:
            out.append(level - step.given)
        if step.kept is not None:
            level = step.kept
    return out


def _text(
    x: float, y: float, words: str, colour: str, anchor: str = "middle", size: int = 21
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family="{_FONT}" font-size="{size}" '
        f'fill="{colour}" text-anchor="{anchor}">{escape(words)}</text>'
    )


def _floor(ladder: Ladder, y: Callable[[float], float], shown: bool, low: float) -> list[str]:
    if ladder.floor is None:
        return []
    kept = [s.kept for s in ladder.steps if s.kept is not None]
    colour = RED if any(k < ladder.floor for k in kept) else MUTED
    words = f"floor {_pct(ladder.floor)}"
    if not shown:
        return [
            _text(_L_W - _L_RIGHT + 6, _L_H - 28, words, colour, "start"),
            _text(_L_W - _L_RIGHT + 6, _L_H - 6, "(lower)", colour, "start"),
        ]
    at = y(ladder.floor)
    return [
        _line(_L_LEFT, at, _L_W - _L_RIGHT, at, colour, 1.6).replace(
            "/>", ' stroke-dasharray="7 5"/>'
        ),
        _text(_L_W - _L_RIGHT + 6, at + 7, words, colour, "start"),
    ]


def _pct(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def _bars(
    ladder: Ladder, y: Callable[[float], float], cx: Callable[[int], float], slot: float
) -> list[str]:
    out = []
    level = ladder.start or 0.0
    width = slot * 0.56
    size = 21 if len(ladder.steps) <= 6 else 17
    for index, step in enumerate(ladder.steps, start=1):
        left = cx(index) - width / 2
        if step.given is not None:
            top, bottom = y(level), y(level - step.given)
            if bottom < top:  # a give that gains us value rises instead
                top, bottom = bottom, top
            out.append(_rect(left, top, width, max(bottom - top, 1.5), "#8ea7c1"))
            out.append(_text(cx(index), _L_H - 6, step.given_label or "", INK, size=size))
        else:
            dashed = f' stroke="{MUTED}" stroke-width="1.4" stroke-dasharray="4 3"'
            out.append(_rect(left, y(level), width, 14, "none", dashed))
            out.append(_text(cx(index), _L_H - 6, "?", MUTED, size=size))
        if step.kept is not None:
            level = step.kept
    return out


def _kept(
    ladder: Ladder,
    y: Callable[[float], float],
    cx: Callable[[int], float],
    start_label: str,
    end_label: str | None,
) -> list[str]:
    points = [(cx(0), y(ladder.start or 0.0))]
    for index, step in enumerate(ladder.steps, start=1):
        if step.kept is not None:
            points.append((cx(index), y(step.kept)))
    path = " ".join(f"{_n(px)},{_n(py)}" for px, py in points)
    out = [f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="2.4"/>']
    out += [f'<circle cx="{_n(px)}" cy="{_n(py)}" r="4.5" fill="{INK}"/>' for px, py in points]
    out.append(_text(_L_LEFT, points[0][1] - 9, start_label, INK, "start"))
    if end_label and len(points) > 1:
        last_y = points[-1][1]
        out.append(_text(_L_W - _L_RIGHT + 6, last_y + 7, end_label, INK, "start"))
    return out
