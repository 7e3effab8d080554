"""``negplan rules`` and ``negplan explain``: the rule catalogue."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from negplan.rules import RULES, get_rule
from negplan.rules.base import DOC_HEADINGS


def list_rules() -> None:
    """Print every rule: code, name, default severity and what it checks."""
    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("code", style="magenta", no_wrap=True)
    table.add_column("name", no_wrap=True)
    table.add_column("default", no_wrap=True)
    table.add_column("checks")
    for rule in RULES.values():
        table.add_row(rule.code, rule.name, rule.severity.value, rule.summary)
    Console(highlight=False).print(table)


def explain(code: str) -> None:
    """Print one rule's documentation. Raises :class:`~negplan.errors.NegplanError` for an
    unknown code or name."""
    rule = get_rule(code)
    console = Console(highlight=False, soft_wrap=True)
    console.print(f"[bold]{rule.code} {rule.name}[/bold]  (default: {rule.severity.value})")
    console.print()
    console.print(escape(rule.summary + "."))
    for heading in DOC_HEADINGS:
        body = rule.section(heading)
        if body:
            console.print()
            console.print(f"[bold]{heading[:-1]}[/bold]")
            for line in body.splitlines():
                console.print("    " + escape(line))
    if rule.ideas:
        console.print()
        console.print(
            f"Negotiation idea{'s' if len(rule.ideas) > 1 else ''}: "
            + ", ".join(str(i) for i in rule.ideas)
            + " (see the README)"
        )
