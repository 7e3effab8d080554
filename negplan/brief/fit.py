"""Keep the HTML and PDF brief to one page: estimate its height, and shorten it when a plan
is too full, saying what was left out.

The estimate counts lines the way the shipped HTML template sets them (its type sizes,
column widths and spacing), with the widest font the page may fall back to, in millimetres;
sections never split, so a two-column region is as tall as its best split. When the page
would run over, the brief first uses smaller type, then shortens it as
:mod:`negplan.brief.shorten` says, one step at a time, until the estimate fits; the page
names what it left out (``Brief.shortened``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from negplan.brief.data import Brief
from negplan.brief.shorten import CUTS, left_out

#: Printable height and width of a page (mm) with the template's margins, by paper.
PAGES = {"a4": (283.0, 194.0), "letter": (265.4, 199.9)}
#: The share of the page the estimate may fill: room for what it cannot know (fonts).
BUDGET = 1.0
_PT = 0.3528  # mm per point
#: Average advance of a character, in ems, of the widest font the page may fall back to
#: (DejaVu Sans); Helvetica and Liberation Sans are about a tenth narrower.
WIDE, WIDE_BOLD = 0.50, 0.56
_GAP = 6.0  # between columns
_CHART = 58.0  # the ladder chart's width


class Type(NamedTuple):
    """Type sizes (pt) and the line height they give (mm)."""

    body: float
    line: float


_NORMAL = Type(7.5, 7.5 * 1.18 * _PT)
_DENSE = Type(6.9, 6.9 * 1.18 * _PT)
_TIGHT = Type(6.4, 6.4 * 1.18 * _PT)
_TYPES = (_NORMAL, _DENSE, _TIGHT)


def _lines(text: str, width: float, size: float, *, bold: bool = False) -> int:
    """Lines ``text`` takes in a box ``width`` mm wide at ``size`` pt (wide font, word wrap)."""
    per_char = size * _PT * (WIDE_BOLD if bold else WIDE)
    per_line = max(1, int(width / per_char * 0.94))
    return max(1, math.ceil(len(text) / per_line))


class _Page:
    """Heights (mm) of the brief's parts for one paper and type size."""

    def __init__(self, paper: str, kind: Type) -> None:
        self.height, self.width = PAGES.get(paper.lower(), PAGES["a4"])
        self.col = (self.width - _GAP) / 2
        self.t = kind
        self.splits: list[int] = []

    def text(self, text: str, width: float, *, bold: bool = False, size: float = 0.0) -> float:
        size = size or self.t.body
        line = self.t.line * size / self.t.body
        return _lines(text, width, size, bold=bold) * line

    def items(self, texts: Sequence[str], width: float, indent: float = 4.0) -> float:
        return sum(self.text(t, width - indent) + 0.2 for t in texts)

    def section(self, body: float) -> float:
        return self.t.line * 0.95 + 1.3 + body + 1.4  # heading, body, margin

    def columns(self, heights: Sequence[float]) -> float:
        """The height of two columns of unbreakable sections, in order, split where the
        taller column is shortest (the split is kept in :attr:`splits`)."""
        best, where = sum(heights), len(heights)
        for split in range(1, len(heights)):
            tallest = max(sum(heights[:split]), sum(heights[split:]))
            if tallest < best:
                best, where = tallest, split
        self.splits.append(where)
        return best + 1.4


def layout(brief: Brief, paper: str) -> tuple[float, tuple[int, ...]]:
    """How tall the brief is on ``paper``, in millimetres (see the module docstring), and
    where each two-column region starts its second column (a section's place in it)."""
    page = _Page(paper, _TYPES[brief.density])
    height = sum(part(brief, page) for part in _PARTS)
    return height, tuple(page.splits)


def estimate(brief: Brief, paper: str) -> float:
    """How tall the brief is on ``paper``, in millimetres."""
    return layout(brief, paper)[0]


def _header(brief: Brief, page: _Page) -> float:
    deal = brief.deal
    facts = deal.customer + " ".join(f"  ·  {a} {b}" for a, b in deal.facts)
    people = " · ".join(
        " ".join(x for x in (p.name, p.role or "", p.stance or "", "decides") if x)
        for p in deal.buyer_side
    )
    people += f" · Our lead {deal.lead} · Our approver {deal.approver}"
    title = page.text(deal.title, page.width - 64, bold=True, size=page.t.body * 1.7)
    top = max(page.t.line + title + 0.8, 11.0)
    return top + page.text(facts, page.width) + page.text(people, page.width) + 2.4


def _meeting(brief: Brief, page: _Page) -> float:
    half = (page.width - 6.6 - 5) / 2
    parts = [f"OBJECTIVE {brief.objective.outcome or 'not set in the plan'}"]
    parts.append(f"NEXT STEP WE ASK FOR {brief.objective.next_step or 'not set in the plan'}")
    height = max(page.text(p, half) for p in parts) + 2.4
    if brief.situation:
        height += page.text(f"THEIR SITUATION {brief.situation}", page.width - 5) + 0.5
    return page.section(height)


def _upper(brief: Brief, page: _Page) -> float:
    col = page.col
    value = brief.value
    heights = [
        page.section(page.items([g.goal for g in brief.goals] or ["none"], col, 14)),
        page.section(
            page.text(value.statement or "none", col) + page.items(value.proof_points, col)
        ),
    ]
    interests = [
        " · ".join(x for x in (i.priority, i.interest, i.holder, i.status, i.evidence) if x)
        for i in brief.interests
    ]
    heights.append(page.section(page.items(interests or ["none"], col, 14)))
    ours = [f"{i.priority or ''} {i.interest}" for i in brief.our_interests]
    heights.append(page.section(page.items(ours, col, 14)) if ours else 0.0)
    return page.columns(heights)


def _positions(brief: Brief, page: _Page) -> float:
    rows = sum(max(3.9, page.text(v.name, 40) + 0.8) for v in brief.variables)
    notes = "  ·  ".join(f"{v.name}: {v.notes}" for v in brief.variables if v.notes)
    body = 3.8 + rows + (0.0 if brief.redacted else 3.4)
    return page.section(body + (page.text(notes, page.width) if notes else 0.0))


def _concessions(brief: Brief, page: _Page) -> float:
    if not brief.concessions:
        return page.section(page.t.line)
    chart = brief.ladder is not None and brief.ladder.chart is not None
    width = page.width - (_CHART + 4 if chart else 0)
    rows = 3.8
    for c in brief.concessions:
        cells: tuple[tuple[str, float], ...] = ((c.give, 0.45), (c.get or "nothing", 0.5))
        if any(x.condition for x in brief.concessions):
            cells = ((c.give, 0.30), (c.get or "nothing", 0.30), (c.condition or "—", 0.36))
        rows += max(page.text(text, width * share - 2) for text, share in cells) + 0.8
    figure = 0.0
    if chart and brief.ladder is not None:
        caption = "Bars: what each give costs us. Line: value kept, in % of list. "
        note = caption + (brief.ladder.note or "")
        figure = 25.3 + page.text(note, _CHART, size=page.t.body * 0.85)
    return page.section(max(rows, figure))


def _lower(brief: Brief, page: _Page) -> float:
    col = page.col
    heights = [page.section(page.text(brief.walk_away or "left out", col - 6, bold=True) + 2.4)]
    money = brief.economics
    economics = 0.0
    if money is not None:
        package = (
            f"{money.floor or ''} {money.package} {money.signoff.status if money.signoff else ''}"
        )
        economics = page.section(3.6 + 3.3 * len(money.rows) + page.text(package, col) + 0.7)
    heights.append(economics)
    alternatives = [
        f"Ours {a.status}: {a.description} · {a.evidence or ''}" if a else "Ours: not recorded"
        for a in (brief.ours, brief.theirs)
    ]
    heights.append(page.section(page.items(alternatives, col)))
    heights.append(page.section(page.items(brief.criteria or ("none",), col)))
    signoffs = [
        f"{s.who}: {s.what} · {s.status} {s.date or ''} · {s.notes or ''}" for s in brief.signoffs
    ]
    listed = page.items(signoffs or ["none needed: every position"], col)
    heights.append(0.0 if brief.redacted else page.section(listed))
    heights.append(page.section(page.items(brief.questions or ("none",), col, 5)))
    asks = [f"{a.ask} → {a.response or 'no response planned'}" for a in brief.asks]
    heights.append(page.section(page.items(asks or ["none"], col)))
    return page.columns(heights)


def _findings(brief: Brief, page: _Page) -> float:
    body = 0.0 if brief.finding_groups else page.t.line
    for group in brief.finding_groups:
        body += 0.8 + page.t.line
        for item in group.items:
            text = f"{item.plain} {'; '.join(item.details)} {item.code} {item.name}, lines"
            body += page.text(text + " 000" * len(item.lines), page.width - 4) + 0.2
    note = page.text("Shortened to fit one page: " + "; ".join(brief.shortened), page.width)
    return page.section(body) + (note + 1.0 if brief.shortened else 0.0)


_PARTS: tuple[Callable[[Brief, _Page], float], ...] = (
    _header,
    _meeting,
    _upper,
    _positions,
    _concessions,
    _lower,
    _findings,
)


def fit(brief: Brief, paper: str) -> Brief:
    """``brief`` as it fits one page of ``paper``, its columns split where they balance:
    unchanged when it fits, else in smaller type and then shortened step by step
    (:data:`~negplan.brief.shorten.CUTS`), with what was left out named."""
    budget = PAGES.get(paper.lower(), PAGES["a4"])[0] * BUDGET
    height, splits = layout(brief, paper)
    if height <= budget:
        return brief._replace(splits=splits)
    shorter = brief._replace(density=1)
    for cut in CUTS:
        if estimate(shorter._replace(shortened=left_out(brief, shorter)), paper) <= budget:
            break
        shorter = cut(shorter) or shorter
    shorter = shorter._replace(shortened=left_out(brief, shorter))
    return shorter._replace(splits=layout(shorter, paper)[1])
