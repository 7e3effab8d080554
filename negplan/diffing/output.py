"""What ``diff`` and ``whatif`` print: the diff, its summary line and its JSON document
(the text and Markdown formats are in :mod:`negplan.diffing.pages`, the annotations in
:mod:`negplan.diffing.github`).

Nothing here names the old version of the playbook, so ``whatif`` prints exactly what
editing the file and running ``diff`` prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TextIO

from negplan import __version__
from negplan.diffing.changes import Change
from negplan.diffing.impact import Impact, PlanImpact
from negplan.economics import format_money
from negplan.escape import json_text, visible
from negplan.report.json import finding_dict


@dataclass(frozen=True)
class Diff:
    """Everything a diff found: the playbook, its changes and their impact."""

    playbook: str
    changes: list[Change]
    impact: Impact

    def breaks(self, change: Change) -> list[str]:
        """The plans that ``change`` makes fail."""
        return [p.path for p in self.impact.compared if change.name in p.broken_by]

    @property
    def newly_failing(self) -> list[PlanImpact]:
        """The plans that pass with the old playbook and fail with the new one."""
        return [p for p in self.impact.compared if p.newly_failing]

    @property
    def newly_passing(self) -> list[PlanImpact]:
        """The plans that fail with the old playbook and pass with the new one."""
        return [p for p in self.impact.compared if p.newly_passing]

    @property
    def changed_plans(self) -> list[PlanImpact]:
        """The plans on which the change has any effect."""
        return [p for p in self.impact.compared if p.changed]

    @property
    def exit_code(self) -> int:
        """1 when the change makes a plan fail, else 0."""
        return 1 if self.newly_failing else 0


def plural(count: int, word: str) -> str:
    """``1 plan``, ``3 plans``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def signed_money(amount: Decimal, currency: str) -> str:
    """A change of money with its sign: ``EUR +6,000``, ``EUR -1,250.50``."""
    text = format_money(amount, currency)
    return text.replace(" ", " +", 1) if amount > 0 else text


def summary(diff: Diff) -> str:
    """The whole diff in one line."""
    impact = diff.impact
    compared = impact.compared
    head = plural(len(diff.changes), "change") + " to " + visible(diff.playbook)
    if not compared:
        return f"{head}; no plan uses this playbook"
    parts = [
        f"{len(diff.newly_failing)} newly fail",
        f"{len(diff.newly_passing)} newly pass",
        f"{sum(len(p.appeared) for p in compared)} findings appear",
        f"{sum(len(p.disappeared) for p in compared)} disappear",
        f"{sum(1 for p in compared if p.approvers[0] != p.approvers[1])} need other approvers",
    ]
    line = f"{head}; {plural(len(compared), 'plan')} compared: {', '.join(parts)}"
    for currency, (target, walk) in sorted(impact.money_totals().items()):
        if not (target or walk):
            continue
        line += (
            f"; net value at target {signed_money(target, currency)}, "
            f"at walk-away {signed_money(walk, currency)}"
        )
    return line


def others_line(impact: Impact) -> str | None:
    """How many plans under the paths use another playbook, if any."""
    others = impact.count("other")
    if not others:
        return None
    return f"{plural(others, 'plan')} use another playbook (or could not be read) and were left out"


# ---- json ----------------------------------------------------------------------------------


def _money(amount: Decimal) -> str:
    return str(amount + 0)


def _pair(before: Decimal, after: Decimal) -> dict[str, str]:
    return {"before": _money(before), "after": _money(after), "change": _money(after - before)}


def plan_dict(plan: PlanImpact) -> dict[str, Any]:
    """The JSON object of one plan the change affects."""
    money = None
    if plan.money is not None:
        money = {
            "currency": plan.money.currency,
            "target": _pair(*plan.money.target),
            "walk_away": _pair(*plan.money.walk_away),
        }
    return {
        "path": json_text(plan.path),
        "failing": {"before": plan.failed_before, "after": plan.fails_after},
        "appeared": [finding_dict(f) for f in plan.appeared],
        "disappeared": [finding_dict(f) for f in plan.disappeared],
        "approvers": {"before": dict(plan.approvers[0]), "after": dict(plan.approvers[1])},
        "net_value": money,
        "broken_by": list(plan.broken_by),
    }


def as_json(diff: Diff) -> dict[str, Any]:
    """The JSON document of a diff (fields documented in docs/diff.md)."""
    impact = diff.impact
    compared = impact.compared
    return {
        "negplan": __version__,
        "playbook": json_text(diff.playbook),
        "changes": [
            {
                "path": c.name,
                "kind": c.kind,
                "before": c.old,
                "after": c.new,
                "summary": c.words,
                "line": c.line,
                "breaks": [json_text(p) for p in diff.breaks(c)],
            }
            for c in diff.changes
        ],
        "plans": [plan_dict(p) for p in diff.changed_plans],
        "approval_load": [
            {"approver": who, "before": was, "after": now, "change": now - was}
            for who, was, now in impact.approval_load()
        ],
        "summary": {
            "plans": len(compared),
            "changed": len(diff.changed_plans),
            "newly_failing": [json_text(p.path) for p in diff.newly_failing],
            "newly_passing": [json_text(p.path) for p in diff.newly_passing],
            "findings_appeared": sum(len(p.appeared) for p in compared),
            "findings_disappeared": sum(len(p.disappeared) for p in compared),
            "approvers_changed": sum(1 for p in compared if p.approvers[0] != p.approvers[1]),
            "net_value_change": {
                currency: {"target": _money(target), "walk_away": _money(walk)}
                for currency, (target, walk) in sorted(impact.money_totals().items())
            },
            "other_plans": impact.count("other"),
            "exit_code": diff.exit_code,
        },
    }


def write_json(diff: Diff, out: TextIO) -> None:
    """Write the JSON document."""
    json.dump(as_json(diff), out, indent=2, ensure_ascii=False)
    out.write("\n")
