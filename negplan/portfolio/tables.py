"""The report as data files: JSON (every aggregate) and CSV (one row per plan and term, then
one row per debrief and term)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from negplan.escape import json_text
from negplan.portfolio.base import Data
from negplan.portfolio.debrief_facts import AgreedTerm, DebriefFacts
from negplan.portfolio.facts import PlanFacts, TermFacts

#: The plan's columns of a CSV row, then the term's.
PLAN_COLUMNS = (
    "path",
    "owner",
    "region",
    "segment",
    "customer",
    "currency",
    "meeting",
    "readiness",
    "findings",
    "first_give",
    "leads_with_avoided",
    "list_total_target",
    "list_total_walk_away",
    "net_target",
    "net_walk_away",
    "pending_signoffs",
)
TERM_COLUMNS = (
    "term",
    "opening",
    "target",
    "walk_away",
    "authority",
    "range_min",
    "range_max",
    "past_authority",
    "at_authority",
    "rung",
    "covered",
    "moves",
    "value_target",
    "value_walk_away",
    "gives",
    "give_worth",
    "gets",
    "get_worth",
)
#: The columns of debrief rows (empty on plan rows but ``record``). A debrief row fills the
#: plan columns it can (``path`` is the debrief's; owner, region, segment, customer and
#: currency are its plan's; ``meeting`` is the debrief's, else the plan's; ``findings`` are
#: the debrief's; ``net_target`` is its plan's), and ``term``, ``opening``, ``target`` and
#: ``walk_away`` from the plan. ``improvised`` (the term each improvised move gave on, ``""``
#: for none) and ``unexpected`` (the surprise asks) are JSON lists, the same on every row of
#: one debrief. A debrief that could not be read has no ``result``.
DEBRIEF_COLUMNS = (
    "record",
    "plan",
    "quarter",
    "result",
    "reason",
    "agreed",
    "fell",
    "attained",
    "at_walk_away",
    "past_walk_away",
    "range_used",
    "improvised",
    "unexpected",
    "net_agreed",
)
COLUMNS = PLAN_COLUMNS + TERM_COLUMNS + DEBRIEF_COLUMNS


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json_text(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json(report: Data) -> str:
    """The report as one JSON document: exact decimals as strings, keys in report order."""
    return json.dumps(_plain(report), indent=2, ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = json_text(str(value))
    # A cell a spreadsheet would take for a formula starts with a quote instead.
    return (
        "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(text) else text
    )


def _number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def _plan_cells(f: PlanFacts) -> list[Any]:
    return [
        f.path,
        f.owner,
        f.region,
        f.segment,
        f.customer,
        f.currency,
        f.meeting,
        f.readiness,
        " ".join(f.codes),
        f.first_give,
        f.leads_with_avoided,
        f.list_total_target,
        f.list_total_walk_away,
        f.net_target,
        f.net_walk_away,
        len(f.pending),
    ]


def _term_cells(t: TermFacts | None) -> list[Any]:
    if t is None:
        return [None] * len(TERM_COLUMNS)
    return [getattr(t, name) for name in TERM_COLUMNS]


def _debrief_rows(d: DebriefFacts) -> list[list[Any]]:
    """One row per term of a debrief (one row with no term cells when it has none)."""
    plan: list[Any] = [None] * len(PLAN_COLUMNS)
    for name, value in (
        ("path", d.path),
        ("owner", d.owner),
        ("region", d.region),
        ("segment", d.segment),
        ("customer", d.customer),
        ("currency", d.currency),
        ("meeting", d.meeting),
        ("findings", " ".join(d.codes)),
        ("net_target", d.net_target),
    ):
        plan[PLAN_COLUMNS.index(name)] = value
    rows = []
    for t in d.terms or (None,):
        term: list[Any] = [None] * len(TERM_COLUMNS)
        if t is not None:
            term[:4] = [t.term, t.opening, t.target, t.walk_away]
        rows.append(plan + term + _debrief_cells(d, t))
    return rows


def _debrief_cells(d: DebriefFacts, t: AgreedTerm | None) -> list[Any]:
    head = ["debrief", d.plan, d.quarter, d.result, d.reason]
    term: list[Any] = [None] * 6
    if t is not None:
        term = [t.agreed, t.fell, t.attained, t.at_walk_away, t.past_walk_away, t.range_used]
    lists = [json.dumps(list(items), ensure_ascii=False) for items in (d.improvised, d.unexpected)]
    return [*head, *term, *lists, d.net_agreed]


def to_csv(facts: Sequence[PlanFacts], debriefs: Sequence[DebriefFacts] = ()) -> str:
    """One row per plan and term (a plan with no terms: one row, its term cells empty), then
    one row per debrief and term (``record`` says which)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    tail = ["plan"] + [None] * (len(DEBRIEF_COLUMNS) - 1)
    for f in facts:
        plan = _plan_cells(f)
        for t in f.terms or (None,):
            writer.writerow([_cell(v) for v in plan + _term_cells(t) + tail])
    for d in debriefs:
        for row in _debrief_rows(d):
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()
