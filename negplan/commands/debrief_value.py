"""``negplan value DEBRIEF``: what was agreed against what was planned, in money."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from typing import Any

from negplan import __version__
from negplan.checking import CheckOptions, check_file, check_plan, named_plan
from negplan.discovery import PlaybookCache
from negplan.economics import format_money, format_percent
from negplan.errors import NegplanError
from negplan.escape import json_text, markdown_cell, visible
from negplan.findings import Finding, Severity
from negplan.json_values import money as _money
from negplan.json_values import pct as _pct
from negplan.json_values import position as _position
from negplan.loader import load
from negplan.models.debrief import Debrief, Move
from negplan.models.plan import Commitment, Trade
from negplan.models.playbook import Playbook
from negplan.outcome import Outcome, assess_outcome
from negplan.report.json import finding_dict
from negplan.report.parsable import format_finding
from negplan.rules._util import show
from negplan.scalars import yaml_flow_text
from negplan.schema import validate


@dataclass(frozen=True)
class PricedDebrief:
    """A debrief with its plan, playbook, outcome and NP8xx findings."""

    path: str
    plan_path: str
    source: str
    debrief: Debrief
    playbook: Playbook
    outcome: Outcome
    findings: list[Finding]

    def show(self, term_id: str, position: object) -> str:
        term = self.playbook.term_map.get(term_id)
        if position is None:
            return "—"
        return visible(show(term, position) if term is not None else str(position))


def run(path: str, *, playbook: str | None, output_format: str, today: date) -> int:
    """Price the debrief at ``path`` and print it as text, md or json."""
    priced = price_debrief(path, playbook=playbook, today=today)
    if priced is None:
        return 1
    if output_format == "json":
        json.dump(as_json(priced), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(as_markdown(priced) if output_format == "md" else as_text(priced))
    return 0


def price_debrief(path: str, *, playbook: str | None, today: date) -> PricedDebrief | None:
    """Check and price a debrief; ``None`` (findings on stderr) when it cannot be priced."""
    cache = PlaybookCache()
    result = check_file(
        path, explicit=True, options=CheckOptions(today=today, playbook=playbook), cache=cache
    )
    if result.error is not None:
        raise result.error
    doc = load(path)
    debrief, _ = validate(doc, Debrief)
    target = named_plan(doc)
    if debrief is None or isinstance(target, Finding):
        for finding in result.findings:
            if finding.severity is Severity.ERROR:
                sys.stderr.write(format_finding(finding) + "\n")
        return None
    checked = check_plan(target[0], playbook=playbook, today=today, cache=cache)
    loaded = checked.playbook
    if checked.plan is None or loaded is None or loaded.playbook is None:
        raise NegplanError("the plan it names is not valid", path=path)
    if checked.plan.deal.list_value is None:
        raise NegplanError(
            "the plan has no deal.list_value: there is nothing to price",
            path=target[0],
            hint="add `list_value:` (the annual list value) under `deal:`",
        )
    outcome = assess_outcome(checked.plan, debrief, loaded.playbook)
    findings = [f for f in result.findings if f.code.startswith("NP8")]
    return PricedDebrief(
        path, target[0], loaded.source, debrief, loaded.playbook, outcome, findings
    )


# ---- JSON -----------------------------------------------------------------------------------


def as_json(priced: PricedDebrief) -> dict[str, Any]:
    """The JSON document of ``negplan value DEBRIEF`` (docs/debrief.md)."""
    out = priced.outcome
    target, agreed = out.target, out.agreed
    assert target is not None and agreed is not None
    return {
        "negplan": __version__,
        "debrief": json_text(priced.path),
        "plan": json_text(priced.plan_path),
        "playbook": json_text(priced.source),
        "currency": out.currency,
        "result": priced.debrief.result.value,
        "reason": priced.debrief.reason,
        "terms": [
            {
                "term": t.term,
                "opening": _position(t.opening),
                "target": _position(t.target),
                "walk_away": _position(t.walk_away),
                "agreed": _position(t.agreed),
                "fell": t.fell,
                "range_used": _pct(t.range_used),
            }
            for t in out.terms
        ],
        "package": {
            "years": str(agreed.years),
            "list_value": _money(agreed.list_total),
            "target_net_value": _money(target.net),
            "agreed_net_value": _money(agreed.net),
            "difference": _money(agreed.net - target.net),
            "agreed_share_of_list": _pct(agreed.share),
            "agreed_concession_share": _pct(agreed.concession_share),
        },
        "unplanned_moves": [_move_json(i, m) for i, m in out.unplanned],
        "asks": {
            "heard": [a.ask for a in out.heard],
            "not_heard": [a.ask for a in out.not_heard],
            "not_recorded": [a.ask for a in out.not_recorded],
            "unexpected": [{"ask": u.ask, "response": u.response} for u in out.unexpected],
        },
        "next_plan_asks": next_plan_asks(out),
        "findings": [finding_dict(f) for f in priced.findings],
    }


def _side(side: Trade | Commitment | None) -> dict[str, Any] | None:
    if side is None:
        return None
    if isinstance(side, Commitment):
        return {"commitment": side.describe()}
    return {"term": side.term, "value": _position(side.value)}


def _move_json(index: int, move: Move) -> dict[str, Any]:
    return {
        "move": index + 1,
        "give": _side(move.give),
        "get": _side(move.get),
        "planned": move.planned,
        "asked_by": move.asked_by,
    }


def next_plan_asks(out: Outcome) -> str:
    """The surprise asks as YAML lines to paste under the next plan's ``asks:``."""
    lines = []
    for ask in out.unexpected:
        lines.append(f"- ask: {yaml_flow_text(ask.ask)}")
        lines.append(f"  response: {yaml_flow_text(ask.response or 'TODO how we answer')}")
    return "\n".join(lines) + ("\n" if lines else "")


# ---- text and Markdown ----------------------------------------------------------------------


def _rows(priced: PricedDebrief) -> list[list[str]]:
    return [
        [
            visible(t.term),
            priced.show(t.term, t.opening),
            priced.show(t.term, t.target),
            priced.show(t.term, t.walk_away),
            priced.show(t.term, t.agreed),
            t.fell,
        ]
        for t in priced.outcome.terms
    ]


_HEAD = ["term", "opening", "target", "walk-away", "agreed", "where it fell"]


def _package_lines(priced: PricedDebrief) -> list[str]:
    out = priced.outcome
    assert out.target is not None and out.agreed is not None and out.currency is not None
    cur = out.currency
    diff = out.agreed.net - out.target.net
    return [
        f"net value at target: {format_money(out.target.net, cur)} "
        f"({format_percent(out.target.share)} of list)",
        f"net value as agreed: {format_money(out.agreed.net, cur)} "
        f"({format_percent(out.agreed.share)} of list)",
        f"agreed against target: {'+' if diff >= 0 else ''}{format_money(diff, cur)}",
    ]


def _move_text(priced: PricedDebrief, move: Move) -> str:
    parts = []
    for label, side in (("give", move.give), ("get", move.get)):
        if isinstance(side, Trade):
            parts.append(f"{label} {visible(side.term)} {priced.show(side.term, side.value)}")
        elif isinstance(side, Commitment):
            parts.append(f"{label} {visible(side.describe())}")
    who = f" (asked by {visible(move.asked_by)})" if move.asked_by else ""
    return ", ".join(parts) + who


def _asks_lines(priced: PricedDebrief, bullet: str) -> list[str]:
    out = priced.outcome
    lines = []
    for label, asks in (
        ("heard", out.heard),
        ("not heard", out.not_heard),
        ("not recorded", out.not_recorded),
    ):
        lines += [f"{bullet}{label}: {visible(a.ask)}" for a in asks]
    lines += [f"{bullet}unexpected: {visible(u.ask)}" for u in out.unexpected]
    return lines


def as_text(priced: PricedDebrief) -> str:
    """The plain-text report."""
    widths = [max(len(r[i]) for r in [_HEAD, *_rows(priced)]) for i in range(len(_HEAD))]
    lines = [f"{visible(priced.path)}: {priced.debrief.result.value}", ""]
    for row in [_HEAD, *_rows(priced)]:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    lines += ["", *_package_lines(priced), "", "unplanned moves:"]
    lines += [f"  {i + 1}. {_move_text(priced, m)}" for i, m in priced.outcome.unplanned] or [
        "  none"
    ]
    lines += ["", "asks:", *_asks_lines(priced, "  ")]
    paste = next_plan_asks(priced.outcome)
    if paste:
        lines += ["", "for the next plan's asks:", *("  " + line for line in paste.splitlines())]
    lines += [f"{f.code} {f.severity.value}: {f.message}" for f in priced.findings]
    return "\n".join(lines) + "\n"


def as_markdown(priced: PricedDebrief) -> str:
    """The Markdown report."""
    cells = [[markdown_cell(c) for c in r] for r in _rows(priced)]
    lines = [
        f"# Debrief: {markdown_cell(priced.path)} ({priced.debrief.result.value})",
        "",
        "| " + " | ".join(_HEAD) + " |",
        "|" + "---|" * len(_HEAD),
        *("| " + " | ".join(r) + " |" for r in cells),
        "",
        *(f"- {line}" for line in _package_lines(priced)),
        "",
        "## Unplanned moves",
        "",
    ]
    lines += [
        f"{i + 1}. {markdown_cell(_move_text(priced, m))}" for i, m in priced.outcome.unplanned
    ] or ["none"]
    lines += ["", "## Asks", "", *_asks_lines(priced, "- ")]
    paste = next_plan_asks(priced.outcome)
    if paste:
        lines += ["", "For the next plan's `asks:`:", "", "```yaml", paste.rstrip("\n"), "```"]
    return "\n".join(lines) + "\n"
