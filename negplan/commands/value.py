"""``negplan value``: what each position and the whole package are worth, in money."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.table import Table

    from negplan.economics import DealEconomics, Move, Scenario, Valuation
    from negplan.findings import Finding
    from negplan.models.plan import Plan
    from negplan.models.playbook import Playbook


class ValueFormat(str, enum.Enum):
    """The formats ``negplan value --format`` accepts."""

    TEXT = "text"
    JSON = "json"


def value(
    plan: Annotated[
        str, typer.Argument(metavar="PLAN", help="The plan to price.", show_default=False)
    ],
    playbook: Annotated[
        str | None,
        typer.Option(
            "--playbook",
            "-p",
            metavar="FILE",
            help="Price the plan with this playbook instead of discovering one.",
        ),
    ] = None,
    output_format: Annotated[
        ValueFormat,
        typer.Option("--format", "-f", help="text (tables) or json.", case_sensitive=False),
    ] = ValueFormat.TEXT,
    today: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="Date to check meeting dates against, YYYY-MM-DD (default: today)."
        ),
    ] = None,
) -> None:
    """Price a plan: net value at opening, target and walk-away, the running value through the
    concession plan, and the package against the playbook's floor and approval ladder."""
    from negplan.cli import guard
    from negplan.commands.check import parse_today

    with guard():
        day = parse_today(today)
        priced = _price(plan, playbook=playbook, today=day)
        if output_format is ValueFormat.JSON:
            import json

            json.dump(as_json(priced), sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            render_text(priced)


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
        """A position in its term's unit, e.g. ``10%`` or ``45 days``."""
        from negplan.rules._util import show

        term = self.playbook.term_map.get(term_id or "")
        return show(term, position) if term is not None else str(position)


def _price(path: str, *, playbook: str | None, today: date) -> Priced:
    from negplan.discovery import PlaybookCache, locate
    from negplan.engine import check_plan_document
    from negplan.errors import NegplanError
    from negplan.loader import load
    from negplan.report.parsable import format_finding
    from negplan.schema import document_kind, header_findings

    doc = load(path)
    problems = list(doc.findings) if not doc.ok else header_findings(doc)
    if not problems and document_kind(doc.data) != "plan":
        raise NegplanError(
            f"expected a plan, found kind '{doc.data.get('kind')}'",
            path=path,
            position=doc.index.locate(("kind",)),
            hint="`negplan value` prices plans (`kind: plan`)",
        )
    plan: Plan | None = None
    book: Playbook | None = None
    source = ""
    findings: list[Finding] = []
    if not problems:
        key = doc.data.get("playbook")
        source = locate(path, explicit=playbook, plan_key=key if isinstance(key, str) else None)
        book = PlaybookCache().usable(source).playbook
        assert book is not None
        plan, findings = check_plan_document(doc, book, today=today)
        if plan is None:
            problems = findings
    if problems or plan is None or book is None:
        for finding in problems:
            sys.stderr.write(format_finding(finding) + "\n")
        raise typer.Exit(1)
    from negplan.economics import analyse

    economics = analyse(plan, book)
    if economics is None:
        raise NegplanError(
            "deal.list_value is not set: there is nothing to price",
            path=path,
            position=doc.index.locate(("deal",), key=True),
            hint="add `list_value:` (the annual list value) under `deal:`",
        )
    package_findings = [f for f in findings if f.code.startswith("NP7")]
    return Priced(path, source, plan, book, economics, package_findings)


# ---- JSON ---------------------------------------------------------------------------------


def _money(amount: Decimal | None) -> str | None:
    from negplan.economics import cents

    return None if amount is None else str(cents(amount) + 0)


def _pct(amount: Decimal | None) -> str | None:
    from negplan.economics import percent

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
        "secured": _money(move.secured),
    }


def as_json(priced: Priced) -> dict[str, Any]:
    """The JSON document of ``negplan value`` (fields documented in docs/economics.md)."""
    from negplan import __version__
    from negplan.report.json import finding_dict

    economics = priced.economics
    package = economics.package
    return {
        "negplan": __version__,
        "plan": priced.path,
        "playbook": priced.source,
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


# ---- text ---------------------------------------------------------------------------------


def render_text(priced: Priced) -> None:
    """Print the scenarios and the concession path as tables."""
    from rich.console import Console
    from rich.text import Text

    from negplan.economics import format_money, format_percent

    economics = priced.economics
    cur = economics.currency
    console = Console(highlight=False)
    deal = priced.plan.deal
    console.print(Text(f"{deal.title} — {deal.customer}", style="bold"))
    source_text = {
        "default": "1 year (default)",
        "deal.contract_years": "deal.contract_years",
    }.get(economics.contract_source, economics.contract_source)
    console.print(
        f"list value {format_money(economics.list_value, cur)} a year · contract years from "
        f"{source_text} · playbook {priced.source}",
        markup=False,
    )
    console.print()

    # Below 100 columns, each position sits above its value instead of beside it.
    narrow = console.width < _WIDE
    headers = [("term", "left", False)]
    for scenario in economics.scenarios:
        if narrow:
            headers.append((scenario.label, "right", False))
        else:
            headers += [(scenario.label, "right", False), ("value", "right", False)]
    rows: list[list[str] | None] = []
    unvalued: dict[str, str] = {}
    for items in zip(*(s.valuations for s in economics.scenarios), strict=True):
        cells = [items[0].term]
        for item in items:
            shown, amount = priced.show(item.term, item.position), _amount(item, cur)
            cells += [f"{shown}\n{amount}"] if narrow else [shown, amount]
            if item.amount is None and item.reason:
                unvalued.setdefault(item.term, item.reason)
        rows.append(cells)
    rows.append(None)
    totals = {
        s.name: [
            _years(s.years),
            format_money(s.list_total, cur),
            format_money(s.net, cur),
            format_percent(s.share),
            format_percent(s.concession_share),
        ]
        for s in economics.scenarios
    }
    labels = ("contract years", "list value", "net value", "% of list", "total concession")
    for n, label in enumerate(labels):
        cells = [label]
        for scenario in economics.scenarios:
            figure = totals[scenario.name][n]
            cells += [figure] if narrow else ["", figure]
        rows.append(cells)
    console.print(_table("Scenarios", headers, rows))
    if unvalued:
        console.print(
            "not valued: " + ", ".join(f"{t} ({why})" for t, why in unvalued.items()),
            markup=False,
        )
    console.print()

    headers = [
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
    rows = []
    for step in economics.path:
        if step.number == 0:
            moves = ["opening package", ""] if narrow else ["opening package", "", "", ""]
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
    console.print(_table("Concession path", headers, rows))
    console.print()
    console.print(package_line(economics), markup=False)
    for finding in priced.findings:
        console.print(f"{finding.code} {finding.severity.value}: {finding.message}", markup=False)


_WIDE = 100


def _table(title: str, headers: list[tuple[str, str, bool]], rows: list[list[str] | None]) -> Table:
    """A table whose figures never wrap or get cut; text columns fold instead."""
    from rich import box
    from rich.table import Table

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
            table.add_row(*row)
    return table


def package_line(economics: DealEconomics) -> str:
    """The walk-away package against the floor and ladder, in one line."""
    from negplan.economics import PackageStatus, format_money, format_percent

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
        line += f": needs {package.approver} (rep authority {authority})"
    elif status is PackageStatus.NO_APPROVER:
        line += f": past every approver on the package ladder (rep authority {authority})"
    elif status is PackageStatus.WITHIN_AUTHORITY:
        line += f": within the rep's authority ({authority})"
    else:
        line += ": the playbook sets no package authority"
    return f"{line}; floor {floor}" if package.floor is not None else line


def _amount(item: Valuation, currency: str) -> str:
    from negplan.economics import format_money

    return "—" if item.amount is None else format_money(item.amount, currency)


def _move_text(priced: Priced, move: Move | None) -> str:
    if move is None:
        return "—"
    if move.text is not None:
        return move.text
    return f"{move.term} {priced.show(move.term, move.position)}"


def _worth(move: Move | None, currency: str) -> str:
    from negplan.economics import format_money

    if move is None or move.worth is None:
        return "—"
    return format_money(move.worth, currency)
