"""The report as one self-contained HTML page with inline SVG charts (also the PDF's source).

Rendered by the brief's sandboxed jinja2 environment (:func:`negplan.brief.render.
make_environment`: autoescaping, the brief's Content-Security-Policy), from the same blocks as
the Markdown (:mod:`negplan.portfolio.views`) plus the charts (:mod:`negplan.portfolio.charts`,
each taken from the report's cache when it kept the chart of the same data).
"""

from __future__ import annotations

import pkgutil
from collections.abc import Callable
from functools import partial
from typing import Any

from markupsafe import Markup

from negplan.brief.render import make_environment
from negplan.portfolio import charts
from negplan.portfolio.base import Data
from negplan.portfolio.views import SECTIONS, TITLES

_TEMPLATE = "report.html.j2"
#: Most terms whose spread is drawn (the tables list them all).
SPREAD_TERMS = 8

#: ``draw(chart, *args, **kwargs)``: a chart's SVG (:func:`negplan.portfolio.charts.drawn`).
Draw = Callable[..., str]


def _consistency(data: Data, report: Data, draw: Draw) -> list[str]:
    key = "target" if report["redacted"] else "walk_away"
    terms = [t for t in data["terms"] if t["numeric"] and t["org"].get(key)]
    return [draw(charts.spread, t, key=key) for t in terms[:SPREAD_TERMS]]


def _waterfall(data: Data, report: Data, draw: Draw) -> list[str]:
    out = []
    for block in data["currencies"]:
        for name in ("target", "walk_away"):
            if name in block:
                title = f"{block['currency']} at {name.replace('_', '-')}"
                salt = f"waterfall-{block['currency']}-{name}"
                out.append(draw(charts.waterfall, block[name], title=title, salt=salt))
    return out


def _patterns(data: Data, report: Data, draw: Draw) -> list[str]:
    first = [(r["term"], r["plans"]) for r in data["first_give"]]
    most = [(r["term"], r["gives"]) for r in data["most_conceded"]]
    return [
        draw(charts.bars, "first-give", "First give (plans)", first),
        draw(charts.bars, "most-conceded", "Most conceded (gives)", most),
    ]


def _actual(data: Data, report: Data, draw: Draw) -> list[str]:
    if not data["debriefs"]:
        return []
    return [
        draw(charts.results, data),
        draw(charts.attainment, data, redacted=report["redacted"]),
    ]


#: The charts of each section, by its key in the report.
CHARTS: dict[str, Callable[[Data, Data, Draw], list[str]]] = {
    "readiness": lambda data, report, draw: [draw(charts.readiness, data)],
    "approvals": lambda data, report, draw: [draw(charts.approvals, data)] if data["load"] else [],
    "consistency": _consistency,
    "waterfall": _waterfall,
    "patterns": _patterns,
    "findings": lambda data, report, draw: [draw(charts.findings, data)] if data["counts"] else [],
    "actual": _actual,
}


def to_html(report: Data, *, pdf: bool = False, store: charts.Drawn | None = None) -> str:
    """The report as HTML (``pdf``: the same page, laid out for WeasyPrint); its charts come
    from ``store`` when it kept them, and the others are kept there."""
    draw: Draw = partial(charts.drawn, store)
    source = pkgutil.get_data("negplan.portfolio", f"templates/{_TEMPLATE}")
    assert source is not None
    env = make_environment("html", {_TEMPLATE: source.decode("utf-8")})
    sections: list[dict[str, Any]] = []
    for key, blocks in SECTIONS.items():
        if key not in report:
            continue
        section = CHARTS.get(key)
        drawn = section(report[key], report, draw) if section is not None else []
        sections.append(
            {
                "key": key,
                "title": TITLES[key],
                "charts": [Markup(svg) for svg in drawn],
                "blocks": blocks(report[key], report),
            }
        )
    return env.get_template(_TEMPLATE).render(
        today=report["today"],
        plans=f"{report['plans']:,}",
        group_by=report["group_by"],
        redacted=report["redacted"],
        version=report["negplan"],
        flags=[flag["text"] for flag in report["flags"]],
        sections=sections,
        pdf=pdf,
    )
