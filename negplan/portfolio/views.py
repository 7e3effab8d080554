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
    """A table of at most :data:`ROWS` rows, every value shown as text."""
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
    return lines + table(
        ("meeting", "customer", "approver", "on", "status"),
        [
            (r["meeting"], r["customer"], r["approver"], r["about"], r["status"])
            for r in data["pending_signoffs"]
        ],
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
    "signals": _signals,
}
