"""``negplan value``: what each position and the whole package are worth, in money."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from negplan import __version__
from negplan.checking import check_plan
from negplan.commands import parse_today
from negplan.economics import (
    DealEconomics,
    Move,
    PackageStatus,
    Scenario,
    Valuation,
    cents,
    format_money,
    format_percent,
    percent,
)
from negplan.errors import NegplanError
from negplan.escape import json_text, visible
from negplan.findings import Finding
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook
from negplan.pricing import analyse
from negplan.report.json import finding_dict
from negplan.report.parsable import format_finding
from negplan.rules._util import show


def run(plan: str, *, playbook: str | None, output_format: str, today: str | None) -> int:
    """Price ``plan`` and print it as ``output_format`` (``text`` or ``json``); return the
    exit code (1 when the plan is not valid). Raises :class:`NegplanError` when negplan cannot
    run or the plan has nothing to price."""
    priced = price(plan, playbook=playbook, today=parse_today(today))
    if priced is None:
        return 1
    if output_format == "json":
        json.dump(as_json(priced), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        render_text(priced)
    return 0


@dataclass(frozen=True)
class Priced:
    """A priced plan: where it came from, its economics and its NP7xx findings."""

    path: str
    source: str
    plan: Plan
    playbook: Playbook
    economics: DealEconomics
    findings: list[Finding]

    def show(self, term_id: str | None, position: object) -> str:
        """A position in its term's unit, e.g. ``10%`` or ``45 days``, :func:`visible`."""
        term = self.playbook.term_map.get(term_id or "")
        return visible(show(term, position) if term is not None else str(position))


def price(path: str, *, playbook: str | None, today: date) -> Priced | None:
    """Check and price the plan at ``path``; ``None`` (with the findings on stderr) when it is
    not valid."""
    checked = check_plan(path, playbook=playbook, today=today)
    loaded = checked.playbook
    if checked.plan is None or loaded is None or loaded.playbook is None:
        for finding in checked.findings:
            sys.stderr.write(format_finding(finding) + "\n")
        return None
    economics = analyse(checked.plan, loaded.playbook)
    if economics is None:
        raise NegplanError(
            "deal.list_value is not set: there is nothing to price",
            path=path,
            position=checked.document.index.locate(("deal",), key=True),
            hint="add `list_value:` (the annual list value) under `deal:`",
        )
    package_findings = [f for f in checked.findings if f.code.startswith("NP7")]
    return Priced(path, loaded.source, checked.plan, loaded.playbook, economics, package_findings)


# ---- JSON ---------------------------------------------------------------------------------


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else str(cents(amount) + 0)


def _pct(amount: Decimal | None) -> str | None:
    return None if amount is None else str(percent(amount) + 0)


def _position(position: object) -> object:
    if isinstance(position, Decimal):
        return format(position.normalize(), "f")
    return position


def _years(years: Decimal) -> str:
    return format(years.quantize(Decimal("0.01")).normalize(), "f")


def _valuation(item: Valuation) -> dict[str, Any]:
    return {
        "term": item.term,
        "position": _position(item.position),
        "value": _money(item.amount),
        "not_valued": item.reason,
    }


def _scenario(item: Scenario) -> dict[str, Any]:
    return {
        "years": _years(item.years),
        "list_value": _money(item.list_total),
        "net_value": _money(item.net),
        "share_of_list": _pct(item.share),
        "concession": _money(item.concession),
        "concession_share": _pct(item.concession_share),
        "terms": [_valuation(v) for v in item.valuations],
    }


def _move(move: Move | None) -> dict[str, Any] | None:
    if move is None:
        return None
    return {
        "term": move.term,
        "position": _position(move.position),
        "text": move.text,
        "worth": _money(move.worth),
    }


def as_json(priced: Priced) -> dict[str, Any]:
    """The JSON document of ``negplan value`` (fields documented in docs/economics.md)."""
    economics = priced.economics
    package = economics.package
    return {
        "negplan": __version__,
        "plan": json_text(priced.path),
        "playbook": json_text(priced.source),
        "currency": economics.currency,
        "list_value": _money(economics.list_value),
        "contract_years_from": economics.contract_source,
        "scenarios": {s.name: _scenario(s) for s in economics.scenarios},
        "path": [
            {
                "step": step.number,
                "give": _move(step.give),
                "get": _move(step.get),
                "years": _years(step.years),
                "net_value": _money(step.net),
                "share_of_list": _pct(step.share),
            }
            for step in economics.path
        ],
        "package": {
            "status": package.status.value,
            "concession": _money(package.concession),
            "concession_share": _pct(package.share),
            "authority": _pct(package.authority),
            "floor": _pct(package.floor),
            "approver": package.approver,
        },
        "findings": [finding_dict(f) for f in priced.findings],
    }


# ---- text: plan text and paths printed visible(), table cells as Text (no markup read) ------

#: Below this many columns, each position sits above its value instead of beside it.
_WIDE = 100
Header = tuple[str, str, bool]
Rows = list[list[str] | None]


def render_text(priced: Priced) -> None:
    """Print the scenarios and the concession path as tables."""
    economics = priced.economics
    console = Console(highlight=False)
    deal = priced.plan.deal
    console.print(Text(visible(f"{deal.title} — {deal.customer}"), style="bold"))
    source_text = {
        "default": "1 year (default)",
        "deal.contract_years": "deal.contract_years",
    }.get(economics.contract_source, economics.contract_source)
    console.print(
        f"list value {format_money(economics.list_value, economics.currency)} a year · contract "
        f"years from {source_text} · playbook {visible(priced.source)}",
        markup=False,
    )
    console.print()
    narrow = console.width < _WIDE
    _print_scenarios(console, priced, narrow=narrow)
    console.print()
    console.print(_path_table(priced, narrow=narrow))
    console.print()
    console.print(package_line(economics), markup=False)
    for finding in priced.findings:
        console.print(f"{finding.code} {finding.severity.value}: {finding.message}", markup=False)


def _print_scenarios(console: Console, priced: Priced, *, narrow: bool) -> None:
    """The table of positions and values per scenario, with the totals below."""
    economics = priced.economics
    cur = economics.currency
    headers: list[Header] = [("term", "left", False)]
    for scenario in economics.scenarios:
        headers.append((scenario.label, "right", False))
        if not narrow:
            headers.append(("value", "right", False))
    rows: Rows = []
    unvalued: dict[str, str] = {}
    for items in zip(*(s.valuations for s in economics.scenarios), strict=True):
        cells = [visible(items[0].term)]
        for item in items:
            shown, amount = priced.show(item.term, item.position), _amount(item, cur)
            cells += [f"{shown}\n{amount}"] if narrow else [shown, amount]
            if item.amount is None and item.reason:
                unvalued.setdefault(visible(item.term), visible(item.reason))
        rows.append(cells)
    rows.append(None)
    rows += _totals(economics.scenarios, cur, narrow=narrow)
    console.print(_table("Scenarios", headers, rows))
    if unvalued:
        console.print(
            "not valued: " + ", ".join(f"{t} ({why})" for t, why in unvalued.items()),
            markup=False,
        )


def _totals(scenarios: tuple[Scenario, ...], cur: str, *, narrow: bool) -> Rows:
    """Contract years, list value, net value and concession of each scenario."""
    figures = {
        "contract years": [_years(s.years) for s in scenarios],
        "list value": [format_money(s.list_total, cur) for s in scenarios],
        "net value": [format_money(s.net, cur) for s in scenarios],
        "% of list": [format_percent(s.share) for s in scenarios],
        "total concession": [format_percent(s.concession_share) for s in scenarios],
    }
    rows: Rows = []
    for label, values in figures.items():
        cells = [label]
        for figure in values:
            cells += [figure] if narrow else ["", figure]
        rows.append(cells)
    return rows


def _path_table(priced: Priced, *, narrow: bool) -> Table:
    """The concession path: each step's give and get, and the net value after it."""
    cur = priced.economics.currency
    headers: list[Header] = [
        ("#", "right", False),
        ("give", "left", True),
        ("worth", "right", False),
        ("get", "left", True),
        ("worth", "right", False),
        ("net value", "right", False),
        ("% of list", "right", False),
    ]
    if narrow:
        headers = [h for h in headers if h[0] != "worth"]
    rows: Rows = []
    for step in priced.economics.path:
        if step.number == 0:
            moves = ["standard deal", ""] if narrow else ["standard deal", "", "", ""]
        elif narrow:
            moves = [f"{_move_text(priced, m)}\n{_worth(m, cur)}" for m in (step.give, step.get)]
        else:
            moves = [
                _move_text(priced, step.give),
                _worth(step.give, cur),
                _move_text(priced, step.get),
                _worth(step.get, cur),
            ]
        rows.append(
            [str(step.number), *moves, format_money(step.net, cur), format_percent(step.share)]
        )
    return _table("Concession path", headers, rows)


def _table(title: str, headers: list[Header], rows: Rows) -> Table:
    """A table whose figures never wrap or get cut; text columns fold instead."""
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for i, (name, justify, wraps) in enumerate(headers):
        widest = max(
            [len(name)] + [len(line) for r in rows if r is not None for line in r[i].split("\n")]
        )
        table.add_column(
            name,
            justify="right" if justify == "right" else "left",
            no_wrap=not wraps,
            min_width=None if wraps else widest,
            overflow="fold",
        )
    for row in rows:
        if row is None:
            table.add_section()
        else:
            table.add_row(*(Text(cell) for cell in row))
    return table


def package_line(economics: DealEconomics) -> str:
    """The walk-away package against the floor and ladder, in one line."""
    package = economics.package
    if package.share is None:
        return "walk-away package: the list value is zero, nothing to compare"
    line = (
        f"walk-away package: concedes {format_percent(package.share)} of list value "
        f"({format_money(package.concession, economics.currency)})"
    )
    authority = format_percent(package.authority)
    floor = format_percent(package.floor)
    walk = economics.scenario("walk_away")
    status = package.status
    if status is PackageStatus.BELOW_FLOOR:
        return f"{line}, netting {format_percent(walk.share)}: below the {floor} floor"
    if status is PackageStatus.NEEDS_APPROVAL:
        line += f": needs {visible(str(package.approver))} (rep authority {authority})"
    elif status is PackageStatus.NO_APPROVER:
        line += f": past every approver on the package ladder (rep authority {authority})"
    elif status is PackageStatus.WITHIN_AUTHORITY:
        line += f": within the rep's authority ({authority})"
    else:
        line += ": the playbook sets no package authority"
    return f"{line}; floor {floor}" if package.floor is not None else line


def _amount(item: Valuation, currency: str) -> str:
    return "—" if item.amount is None else format_money(item.amount, currency)


def _move_text(priced: Priced, move: Move | None) -> str:
    if move is None:
        return "—"
    if move.text is not None:
        return visible(move.text)
    return f"{visible(str(move.term))} {priced.show(move.term, move.position)}"


def _worth(move: Move | None, currency: str) -> str:
    if move is None or move.worth is None:
        return "—"
    return format_money(move.worth, currency)
