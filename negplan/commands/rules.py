"""``negplan rules`` and ``negplan explain``: the rule catalogue."""

from __future__ import annotations

from typing import Annotated

import typer


def rules() -> None:
    """List every rule: code, name, default severity and what it checks."""
    from rich.console import Console
    from rich.table import Table

    from negplan.cli import guard
    from negplan.rules import RULES

    with guard():
        table = Table(box=None, pad_edge=False, show_edge=False)
        table.add_column("code", style="magenta", no_wrap=True)
        table.add_column("name", no_wrap=True)
        table.add_column("default", no_wrap=True)
        table.add_column("checks")
        for rule in RULES.values():
            table.add_row(rule.code, rule.name, rule.severity.value, rule.summary)
        Console(highlight=False).print(table)


def explain(
    code: Annotated[
        str, typer.Argument(metavar="CODE", help="A rule code (NP401) or name (give-without-get).")
    ],
) -> None:
    """Explain one rule: what it checks, why it matters, a failing and a passing example."""
    from rich.console import Console
    from rich.markup import escape

    from negplan.cli import guard
    from negplan.rules import get_rule
    from negplan.rules.base import DOC_HEADINGS

    with guard():
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
