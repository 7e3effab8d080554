"""The report's charts: matplotlib's object API and SVG backend (``negplan[report]``), drawn
from the report's aggregates only.

Each chart is inline SVG with no script and no image: text stays text (``svg.fonttype:
none``, escaped by matplotlib), maths in labels is off, the ids come from a fixed salt per
chart, and no date is written, so the same report gives the same bytes.

So a chart drawn once need not be drawn again: :func:`drawn` keeps each chart's SVG text in
the report's cache (:class:`negplan.portfolio.cache.FactCache`) by a hash of the chart's name,
the data it draws and the negplan and matplotlib versions. matplotlib is imported only when a
chart is drawn, not when every chart comes from the cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any, Protocol

from negplan import __version__
from negplan.portfolio.base import Data

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": "DejaVu Sans",
    "font.size": 7,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 8,
}
_BLUE, _GREY, _RED, _GREEN = "#2a5d8f", "#9aa7b4", "#a12a1a", "#1e6b3a"
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
#: Longest label drawn; longer ones are cut with an ellipsis.
LABEL = 28
#: Most weeks, approvers, groups or rules drawn in one chart.
MOST = 24


def label(text: object, *, most: int = LABEL) -> str:
    """A label short enough for a chart (at most ``most`` characters)."""
    value = " ".join(str(text).split())
    return value if len(value) <= most else value[: most - 1] + "…"


class Drawn(Protocol):
    """Where drawn charts are kept: :class:`negplan.portfolio.cache.FactCache`."""

    def chart(self, key: str) -> str | None:
        """The SVG text kept under ``key``, or None."""

    def put_chart(self, key: str, svg: str) -> None:
        """Keep ``svg`` under ``key``."""


#: The values a chart's data is made of; other values are not hashed, and the chart is drawn.
_PLAIN = (str, int, float, Decimal, dt.date, type(None))


def _canonical(value: Any) -> str:
    """``value`` as text that differs whenever the value (types, order included) differs;
    TypeError for a value that is not plain data."""
    if isinstance(value, _PLAIN):  # bool is an int: repr tells True from 1
        return repr(value)
    if isinstance(value, dict):
        items = ",".join(f"{_canonical(k)}:{_canonical(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        inner = ",".join(_canonical(v) for v in value)
        return ("[" if isinstance(value, list) else "(") + inner + ")"
    raise TypeError(type(value).__name__)


@cache
def _matplotlib_version() -> str:
    try:
        return version("matplotlib")
    except PackageNotFoundError:
        return "-"


def chart_key(chart: Callable[..., str], *args: Any, **kwargs: Any) -> str | None:
    """The hash a chart is kept under: its name, the data it draws (its arguments), and the
    negplan and matplotlib versions; None when the arguments are not plain data."""
    try:
        data = _canonical([list(args), sorted(kwargs.items())])
    except TypeError:
        return None
    text = "\n".join((chart.__name__, __version__, _matplotlib_version(), data))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def drawn(store: Drawn | None, chart: Callable[..., str], *args: Any, **kwargs: Any) -> str:
    """``chart(*args, **kwargs)``: from ``store`` when it kept the chart of the same data,
    else drawn (and kept)."""
    key = chart_key(chart, *args, **kwargs) if store is not None else None
    if store is None or key is None:
        return chart(*args, **kwargs)
    svg = store.chart(key)
    if svg is None:
        svg = chart(*args, **kwargs)
        store.put_chart(key, svg)
    return svg


def _svg(salt: str, width: float, height: float, draw: Callable[[Figure], None]) -> str:
    # matplotlib is slow to import, and not needed when every chart comes from the cache.
    from matplotlib import figure as mpl_figure
    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    with rc_context({**_RC, "svg.hashsalt": f"negplan-{salt}"}):  # type: ignore[dict-item]
        figure = mpl_figure.Figure(figsize=(width, height), layout="constrained")
        FigureCanvasSVG(figure)
        draw(figure)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    text = out.getvalue()
    return _METADATA.sub("", text[text.index("<svg") :])


def _number(value: Any) -> float:
    return float(Decimal(str(value)))


def readiness(data: Data) -> str:
    """Plans by readiness state, as bars."""
    states = list(data["states"])
    counts = [data["states"][s] for s in states]

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        ax.barh(states[::-1], counts[::-1], color=[_GREEN, "#c9a227", _RED, _GREY])
        ax.set_title("Plans by readiness")
        ax.set_xlabel("plans")

    return _svg("readiness", 3.6, 1.6, draw)


def heatmap(
    salt: str, title: str, rows: Sequence[str], cols: Sequence[str], counts: dict[Any, int]
) -> str:
    """A grid of counts (rows × columns) as coloured cells with their numbers."""
    rows, cols = list(rows)[:MOST], list(cols)[:MOST]

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        grid = [[counts.get((r, c), 0) for c in cols] for r in rows]
        ax.pcolormesh(grid, cmap="Blues", vmin=0, edgecolors="white", linewidth=0.5)
        for i, row in enumerate(grid):
            for j, n in enumerate(row):
                if n:
                    peak = max(map(max, grid)) or 1
                    ax.text(
                        j + 0.5,
                        i + 0.5,
                        str(n),
                        ha="center",
                        va="center",
                        color="white" if n > peak / 2 else "black",
                        fontsize=6,
                    )
        ax.set_xticks(
            [j + 0.5 for j in range(len(cols))], [label(c) for c in cols], rotation=60, ha="right"
        )
        ax.set_yticks([i + 0.5 for i in range(len(rows))], [label(r) for r in rows])
        ax.invert_yaxis()
        ax.set_title(title)

    return _svg(salt, min(10.5, 2.5 + 0.35 * len(cols)), 1.2 + 0.22 * len(rows), draw)


def approvals(data: Data) -> str:
    """Sign-offs waiting: approver × week of the meeting."""
    counts = {(r["approver"], r["week"]): r["count"] for r in data["load"]}
    return heatmap(
        "approvals",
        "Sign-offs waiting, by week of the meeting",
        data["approvers"],
        data["weeks"],
        counts,
    )


def _lines(ax: Axes, term: Data) -> None:
    authority = term.get("authority")
    try:
        ax.axhline(_number(authority), color=_RED, linewidth=1)
        ax.annotate(
            "authority",
            (1, _number(authority)),
            xycoords=("axes fraction", "data"),
            color=_RED,
            fontsize=6,
            ha="right",
            va="bottom",
        )
    except (ArithmeticError, ValueError, TypeError):
        pass
    for rung in term.get("rungs", []):
        ax.axhline(_number(rung["up_to"]), color=_GREY, linewidth=0.8, linestyle="--")
        ax.annotate(
            label(rung["approver"]),
            (1, _number(rung["up_to"])),
            xycoords=("axes fraction", "data"),
            color="#5b6b7c",
            fontsize=5.5,
            ha="right",
            va="bottom",
        )


def spread(term: Data, *, key: str) -> str:
    """One term's spread (``target`` or ``walk_away``) by group, as box plots, with the
    rep's authority and the ladder's rungs drawn in."""
    rows = [r for r in term["by_group"] if r.get(key)][:MOST]
    boxes = [
        {
            "label": label(r["group"]),
            "whislo": _number(r[key]["min"]),
            "q1": _number(r[key]["q1"]),
            "med": _number(r[key]["median"]),
            "q3": _number(r[key]["q3"]),
            "whishi": _number(r[key]["max"]),
            "fliers": [],
        }
        for r in rows
    ]

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        if boxes:
            ax.bxp(
                boxes,
                showfliers=False,
                patch_artist=True,
                boxprops={"facecolor": "#dbe6f1", "edgecolor": _BLUE},
                medianprops={"color": _BLUE, "linewidth": 1.5},
            )
        _lines(ax, term)
        ax.set_title(label(f"{term['term']}: {key.replace('_', '-')} by group", most=2 * LABEL))
        ax.tick_params(axis="x", rotation=30)

    return _svg(f"spread-{term['term']}-{key}", 3.4, 2.2, draw)


def waterfall(scenario: Data, *, title: str, salt: str) -> str:
    """List value, each term's value at the scenario, and the net, as floating bars."""
    steps = [(label(t["term"]), _number(t["amount"])) for t in scenario["terms"]]
    start, net = _number(scenario["list_total"]), _number(scenario["net"])

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        names, bottoms, heights, colors = ["list value"], [0.0], [start], [_BLUE]
        level = start
        for name, amount in steps:
            names.append(name)
            bottoms.append(level if amount >= 0 else level + amount)
            heights.append(abs(amount))
            colors.append(_GREEN if amount >= 0 else _RED)
            level += amount
        names.append("net")
        bottoms.append(0.0)
        heights.append(net)
        colors.append(_BLUE)
        ax.bar(names, heights, bottom=bottoms, color=colors)
        ax.set_title(title)
        ax.tick_params(axis="x", rotation=45)
        low = min(b for b in bottoms[1:-1]) if steps else 0
        ax.set_ylim(bottom=max(0.0, min(low, net) * 0.9))

    return _svg(salt, 4.2, 2.4, draw)


def bars(salt: str, title: str, pairs: Sequence[tuple[str, int]]) -> str:
    """Horizontal bars of counts, largest first."""
    pairs = list(pairs)[:MOST]

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        ax.barh([label(p[0]) for p in pairs][::-1], [p[1] for p in pairs][::-1], color=_BLUE)
        ax.set_title(title)

    return _svg(salt, 3.4, 0.8 + 0.2 * len(pairs), draw)


def findings(data: Data) -> str:
    """Findings: rule × group."""
    counts = {(r["rule"], r["group"]): r["count"] for r in data["counts"]}
    return heatmap("findings", "Findings by rule and group", data["rules"], data["groups"], counts)


def results(data: Data) -> str:
    """Debriefs by quarter of the meeting, stacked by result."""
    quarters = data["quarters"][-MOST:]
    names = [q["quarter"] for q in quarters]
    colours = [_GREEN, _RED, _GREY, "#c9a227", "#dbe6f1"]

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        bottom = [0] * len(quarters)
        for result, colour in zip(quarters[0]["results"], colours, strict=False):
            counts = [q["results"][result] for q in quarters]
            ax.bar(names, counts, bottom=bottom, color=colour, label=result.replace("_", " "))
            bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
        ax.set_title("Debriefs by quarter and result")
        ax.legend(fontsize=5.5, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
        ax.tick_params(axis="x", rotation=30)

    return _svg("results", 3.8, 2.2, draw)


def attainment(data: Data, *, redacted: bool) -> str:
    """Per term, how the agreements fell: at target or better, short of it, at the walk-away
    and past it (redacted: at target or better, and not)."""
    terms = [t for t in data["terms"] if t["agreed"]][:MOST]

    def parts(t: Data) -> list[tuple[str, int, str]]:
        if redacted:
            return [
                ("at target or better", t["attained"], _GREEN),
                ("short of target", t["agreed"] - t["attained"], _GREY),
            ]
        short = t["agreed"] - t["attained"] - t["at_walk_away"] - t["past_walk_away"]
        return [
            ("at target or better", t["attained"], _GREEN),
            ("short of target", max(short, 0), _GREY),
            ("at walk-away", t["at_walk_away"], "#c9a227"),
            ("past walk-away", t["past_walk_away"], _RED),
        ]

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        names = [label(t["term"]) for t in terms][::-1]
        left = [0] * len(terms)
        for i, (name, _, colour) in enumerate(parts(terms[0]) if terms else []):
            counts = [parts(t)[i][1] for t in terms][::-1]
            ax.barh(names, counts, left=left, color=colour, label=name)
            left = [a + b for a, b in zip(left, counts, strict=True)]
        ax.set_title("Agreements against the plan, per term")
        ax.set_xlabel("agreements")
        ax.legend(fontsize=5.5, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))

    return _svg("attainment", 4.4, 0.9 + 0.22 * len(terms), draw)
