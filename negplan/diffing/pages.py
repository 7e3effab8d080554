"""The human formats of ``diff`` and ``whatif``: ``text`` (rich, colour only on a terminal)
and ``md`` (a pull-request comment). Both show the changes, then each plan the change
affects, the approval load and the totals; ``brief`` leaves out the plans."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from negplan.diffing.impact import PlanImpact
from negplan.diffing.output import Diff, others_line, plural, signed_money, summary
from negplan.economics import format_money
from negplan.escape import markdown_cell, markdown_text, visible
from negplan.findings import Finding

_SIGN_STYLE = {"+": "red", "-": "green"}


def status(plan: PlanImpact) -> str:
    """What happened to the plan in a few words."""
    if plan.newly_failing:
        return "newly fails"
    if plan.newly_passing:
        return "newly passes"
    return "still fails" if plan.fails_after else "still passes"


def approver_lines(plan: PlanImpact) -> list[str]:
    """``discount: Regional sales director (was: none)`` for each sign-off that changed."""
    before, after = dict(plan.approvers[0]), dict(plan.approvers[1])
    lines = []
    for what in sorted(set(before) | set(after)):
        if before.get(what) != after.get(what):
            now = after.get(what, "none")
            lines.append(f"{what}: {now} (was: {before.get(what, 'none')})")
    return lines


def money_line(plan: PlanImpact) -> str | None:
    """Net value at target and walk-away, before and after, when either moved."""
    money = plan.money
    if money is None or not money.changed:
        return None
    cur = money.currency
    parts = []
    for label, (was, now) in (("target", money.target), ("walk-away", money.walk_away)):
        change = signed_money(now - was, cur)
        parts.append(f"at {label} {format_money(was, cur)} → {format_money(now, cur)} ({change})")
    return "net value " + "; ".join(parts)


def _finding(sign: str, finding: Finding) -> str:
    return (
        f"{sign} {finding.line}:{finding.col}  {finding.code}  {finding.severity.value}  "
        f"{finding.message}"
    )


# ---- text ----------------------------------------------------------------------------------


def write_text(diff: Diff, out: TextIO, *, brief: bool = False) -> None:
    """Print the diff for people."""
    console = Console(file=out, highlight=False)
    head = f"{visible(diff.playbook)}: {plural(len(diff.changes), 'change')}"
    console.print(Text(head, style="bold underline"))
    for change in diff.changes:
        row = Text(f"  line {change.line}  ")
        row.append(change.name, style="magenta")
        row.append(f"  {change.old} → {change.new}")
        broken = diff.breaks(change)
        if broken:
            row.append(f"  breaks {plural(len(broken), 'plan')}", style="bold red")
        console.print(row)
    console.print()
    if not brief:
        for plan in diff.changed_plans:
            _text_plan(console, plan)
        _text_load(console, diff)
    others = others_line(diff.impact)
    if others:
        console.print(others)
    style = "bold red" if diff.exit_code else "bold green"
    console.print(Text(summary(diff), style=style))


def _text_plan(console: Console, plan: PlanImpact) -> None:
    header = Text(visible(plan.path), style="bold")
    header.append(f"  {status(plan)}", style="bold red" if plan.newly_failing else "")
    console.print(header)
    for sign, findings in (("+", plan.appeared), ("-", plan.disappeared)):
        for finding in findings:
            console.print(Text("  " + _finding(sign, finding), style=_SIGN_STYLE[sign]))
    for line in approver_lines(plan):
        console.print(Text(f"  approver {visible(line)}"))
    money = money_line(plan)
    if money:
        console.print(Text(f"  {money}"))
    console.print()


def _text_load(console: Console, diff: Diff) -> None:
    load = diff.impact.approval_load()
    if not load:
        return
    console.print(Text("Approval load (plans per approver)", style="bold"))
    for who, was, now in load:
        console.print(Text(f"  {visible(who)}: {was} → {now} ({now - was:+d})"))
    console.print()


# ---- md ------------------------------------------------------------------------------------


def markdown(diff: Diff, *, brief: bool = False) -> str:
    """The diff as Markdown, for a pull-request comment or a job summary."""
    lines = [f"### negplan diff: {markdown_text(diff.playbook)}", "", markdown_text(summary(diff))]
    lines.append("")
    if diff.changes:
        lines += [
            "| line | change | before | after | breaks |",
            "| ---: | --- | --- | --- | ---: |",
        ]
        for change in diff.changes:
            cells = (
                str(change.line),
                change.words,
                change.old,
                change.new,
                plural(len(diff.breaks(change)), "plan"),
            )
            lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
        lines.append("")
    if not brief:
        lines += _md_plans(diff) + _md_load(diff)
    others = others_line(diff.impact)
    if others:
        lines += [markdown_text(others), ""]
    return "\n".join(lines)


def _md_plans(diff: Diff) -> list[str]:
    lines: list[str] = []
    for plan in diff.changed_plans:
        lines.append(f"- **{markdown_text(plan.path)}**: {status(plan)}")
        for sign, findings in (("+", plan.appeared), ("-", plan.disappeared)):
            lines += [f"  - `{sign}` {markdown_text(_finding('', f).strip())}" for f in findings]
        lines += [f"  - approver {markdown_text(line)}" for line in approver_lines(plan)]
        money = money_line(plan)
        if money:
            lines.append(f"  - {markdown_text(money)}")
    return [*lines, ""] if lines else []


def _md_load(diff: Diff) -> list[str]:
    load = diff.impact.approval_load()
    if not load:
        return []
    lines = ["| approver | plans before | plans after | change |", "| --- | ---: | ---: | ---: |"]
    for who, was, now in load:
        lines.append(f"| {markdown_cell(who)} | {was} | {now} | {now - was:+d} |")
    return [*lines, ""]


def write_markdown(diff: Diff, out: TextIO, *, brief: bool = False) -> None:
    """Write the Markdown."""
    out.write(markdown(diff, brief=brief))
