"""What each section shows, as blocks that every human format writes its own way: a line of
text, or a table (of at most :data:`ROWS` rows; the JSON and CSV have them all).

The values stay plain (text, numbers); :mod:`negplan.portfolio.markdown` escapes them for
Markdown, the HTML template's autoescaping for HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from negplan.economics import format_money, format_percent
from negplan.portfolio.actual import RESULTS
from negplan.portfolio.base import Data
from negplan.portfolio.facts import STATES

#: Rows shown of a long list.
ROWS = 25
#: Section titles, in order (the HTML uses the same).
TITLES = {
    "readiness": "Readiness board",
    "approvals": "Approval load",
    "consistency": "Consistency",
    "waterfall": "Portfolio waterfall",
    "patterns": "Concession patterns",
    "findings": "Findings by rule",
    "actual": "Planned vs actual",
    "signals": "Playbook signals",
}


class Table(NamedTuple):
    """A table: its head, its first :data:`ROWS` rows, and how many more there are."""

    head: tuple[str, ...]
    rows: list[tuple[str, ...]]
    more: int


Block = str | Table


def show(value: Any) -> str:
    """A value as text: numbers plainly, yes/no, nothing as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value) or "—"


def percent(value: Decimal | None) -> str:
    """A share (0.25) as a percentage (25%)."""
    return "—" if value is None else format_percent(value * 100)


def table(head: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[Block]:
    """A table of at most :data:`ROWS` rows, every value shown as text ("None." for no
    rows)."""
    if not rows:
        return ["None."]
    shown = [tuple(show(v) for v in row) for row in rows[:ROWS]]
    return [Table(tuple(head), shown, max(0, len(rows) - ROWS))]


def _readiness(data: Data, report: Data) -> list[Block]:
    states = " · ".join(f"{s}: {data['states'][s]}" for s in STATES)
    upcoming = [
        (r["meeting"], r["days"], r["customer"], r["owner"], r["readiness"])
        for r in data["upcoming"]
    ]
    lines: list[Block] = [states, f"Meetings in the next {data['window_days']} days:"]
    lines += table(("meeting", "days", "customer", "owner", "readiness"), upcoming)
    lines += ["Plans not ready:"]
    lines += table(
        ("plan", "customer", "meeting", "readiness", "errors"),
        [
            (r["path"], r["customer"], r["meeting"], r["readiness"], r["errors"])
            for r in data["not_ready"]
        ],
    )
    lines += ["Sign-offs pending close to the meeting:"]
    lines += table(
        ("meeting", "customer", "approver", "on", "status"),
        [
            (r["meeting"], r["customer"], r["approver"], r["about"], r["status"])
            for r in data["pending_signoffs"]
        ],
    )
    lines += ["Debriefs overdue:"]
    return lines + table(
        ("plan", "customer", "owner", "meeting"),
        [(r["path"], r["customer"], r["owner"], r["meeting"]) for r in data["debriefs_overdue"]],
    )


def _approvals(data: Data, report: Data) -> list[Block]:
    lines: list[Block] = ["Sign-offs waiting, by approver and week of the meeting:"]
    lines += table(
        ("approver", "week", "waiting"),
        [(r["approver"], r["week"], r["count"]) for r in data["load"]],
    )
    lines += ["Walk-aways within the rep's authority, and the rungs the others need:"]
    return lines + table(
        ("term", "plans", "within authority", "rungs needed"),
        [
            (
                r["term"],
                r["plans"],
                f"{r['within_authority']} ({percent(r['share_within'])})",
                ", ".join(f"{x['approver']}: {x['plans']}" for x in r["rungs"]),
            )
            for r in data["terms"]
        ],
    )


def _consistency(data: Data, report: Data) -> list[Block]:
    by = report["group_by"]
    lines: list[Block] = [
        f"Medians by {by}; a group strays when its median is more than "
        f"{percent(data['outlier_share'])} of the term's range from the organisation's.",
    ]
    rows = []
    for term in data["terms"]:
        for row in [{"group": "(all)", "strays": [], **term["org"]}, *term["by_group"]]:
            target, walk = row.get("target"), row.get("walk_away")
            rows.append(
                (
                    term["term"],
                    row["group"],
                    row["plans"],
                    target["median"] if target else None,
                    walk["median"] if walk else None,
                    percent(row.get("at_authority_share")),
                    ", ".join(row["strays"]),
                )
            )
    head = ("term", by, "plans", "median target", "median walk-away", "at authority", "strays")
    return lines + table(head, rows)


def _money(amount: Decimal, currency: str) -> str:
    return format_money(amount, currency)


def _waterfall(data: Data, report: Data) -> list[Block]:
    lines: list[Block] = []
    for block in data["currencies"]:
        cur = block["currency"]
        for name in ("target", "walk_away"):
            if name not in block:
                continue
            scenario = block[name]
            rows = [("list value", _money(scenario["list_total"], cur))]
            rows += [(t["term"], _money(t["amount"], cur)) for t in scenario["terms"]]
            rows.append(("net", _money(scenario["net"], cur)))
            lines += [f"{cur}, {block['plans']} plans, at {name.replace('_', '-')}:"]
            lines += table(("step", "amount"), rows)
    return lines or ["No plan has a list value."]


def _patterns(data: Data, report: Data) -> list[Block]:
    led = data["leads_with_avoided"]
    lines: list[Block] = [
        f"Plans leading with a term not to lead with: {led['plans']} of "
        f"{data['plans_with_concessions']} ({percent(led['share'])}).",
    ]
    lines += table(("first give", "plans"), [(r["term"], r["plans"]) for r in data["first_give"]])
    lines += table(
        ("most conceded", "gives", "plans"),
        [(r["term"], r["gives"], r["plans"]) for r in data["most_conceded"]],
    )
    return lines + table(
        ("currency", "gives worth", "gets worth", "balance"),
        [
            (
                r["currency"],
                _money(r["give_worth"], r["currency"]),
                _money(r["get_worth"], r["currency"]),
                _money(r["net"], r["currency"]),
            )
            for r in data["balance"]
        ],
    )


def _findings(data: Data, report: Data) -> list[Block]:
    counts = {(r["rule"], r["group"]): r["count"] for r in data["counts"]}
    groups = data["groups"]
    rows = [(rule, *(counts.get((rule, g), 0) for g in groups)) for rule in data["rules"]]
    return table(("rule", *groups), rows)


def _reached(row: Data) -> list[Any]:
    """Agreed terms: how many, at the target or better, at and past the walk-away (when the
    report is not redacted)."""
    cells = [row["agreed"], f"{row['attained']} ({percent(row['attained_share'])})"]
    if "at_walk_away" in row:
        cells += [row["at_walk_away"], row["past_walk_away"]]
    return cells


def _quarter_row(q: Data) -> list[Any]:
    return [q["quarter"], q["debriefs"], *q["results"].values(), *_reached(q), q["improvised"]]


def _term_row(t: Data) -> list[Any]:
    used = [percent_of(t["median_range_used"])] if "median_range_used" in t else []
    return [t["term"], *_reached(t), *used, t["improvised"]]


def _money_row(m: Data) -> list[Any]:
    cur = m["currency"]
    at_target, agreed = _money(m["net_target"], cur), _money(m["net_agreed"], cur)
    return [m["quarter"], cur, m["debriefs"], at_target, agreed, percent(m["attainment"])]


def _actual(data: Data, report: Data) -> list[Block]:
    if not data["debriefs"]:
        return [f"No debrief found ({data['unreadable']} could not be read)."]
    walk = [] if report["redacted"] else ["at walk-away", "past walk-away"]
    reached = ["terms agreed", "at target or better", *walk]
    results = [r.replace("_", " ") for r in RESULTS]
    lines: list[Block] = [
        f"{data['debriefs']} debriefs ({data['unreadable']} could not be read). By quarter of "
        "the meeting:"
    ]
    lines += table(
        ["quarter", "debriefs", *results, *reached, "improvised moves"],
        [_quarter_row(q) for q in data["quarters"]],
    )
    used = [] if report["redacted"] else ["median range used"]
    lines += ["Per term:"]
    lines += table(
        ["term", *reached, *used, "improvised gives"], [_term_row(t) for t in data["terms"]]
    )
    return lines + _actual_more(data)


def percent_of(value: Decimal | None) -> str:
    """A percentage (25.5) as text (25.5%)."""
    return "—" if value is None else format_percent(value)


def _results_rows(results: list[Data], quarters: list[str]) -> list[list[Any]]:
    """One row per result and reason, one column per quarter."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for r in results:
        counts.setdefault((r["result"], r["reason"]), {})[r["quarter"]] = r["debriefs"]
    order = {result: i for i, result in enumerate(RESULTS)}
    return [
        [result.replace("_", " "), reason, *(n.get(q, 0) for q in quarters), sum(n.values())]
        for (result, reason), n in sorted(
            counts.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])
        )
    ]


def _actual_more(data: Data) -> list[Block]:
    lines: list[Block] = ["Net value as agreed against the plans' net value at target:"]
    lines += table(
        ["quarter", "currency", "debriefs", "at target", "as agreed", "attainment"],
        [_money_row(m) for m in data["money"]],
    )
    quarters = [q["quarter"] for q in data["quarters"]]
    lines += ["Results and reasons, by quarter:"]
    lines += table(["result", "reason", *quarters, "all"], _results_rows(data["results"], quarters))
    lines += ["The most frequent surprise asks:"]
    return lines + table(
        ["ask", "times", "quarters"],
        [[a["ask"], a["times"], ", ".join(a["quarters"])] for a in data["surprise_asks"]],
    )


def _signals(data: Data, report: Data) -> list[Block]:
    items = data["items"]
    if not items:
        return ["No signal for the playbook."]
    return [str(item["text"]) for item in items]


#: What each section shows, by its key in the report.
SECTIONS: dict[str, Callable[[Data, Data], list[Block]]] = {
    "readiness": _readiness,
    "approvals": _approvals,
    "consistency": _consistency,
    "waterfall": _waterfall,
    "patterns": _patterns,
    "findings": _findings,
    "actual": _actual,
    "signals": _signals,
}
