"""``text``: the human format, grouped per file, coloured only on a terminal."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from negplan.checking import FileResult
from negplan.findings import Severity
from negplan.report.base import Summary

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class TextReport:
    """Prints each file's findings as soon as the file is checked, then a summary line."""

    def __init__(self, out: TextIO, *, color: bool | None = None) -> None:
        self.console = Console(
            file=out,
            highlight=False,
            soft_wrap=True,
            no_color=None if color is None else not color,
            force_terminal=color,
        )

    def file(self, result: FileResult) -> None:
        """Print one file's findings."""
        if not result.findings:
            return
        counts = result.counts()
        label = ", ".join(
            f"{n} {s.value}{'s' if n != 1 and s is not Severity.INFO else ''}"
            for s, n in counts.items()
            if n
        )
        header = Text(result.path, style="bold underline")
        header.append(f" ({label})", style="not underline")
        self.console.print(header)
        for f in result.findings:
            line = Text("  ")
            line.append(f"{f.path}:{f.line}:{f.col}", style="bold")
            line.append("  ")
            line.append(f.code, style="magenta")
            line.append("  ")
            line.append(f"{f.severity.value:<7}", style=_STYLE[f.severity])
            line.append("  ")
            line.append(f.message)
            self.console.print(line)
            if f.hint:
                self.console.print(f"      [dim]hint: {escape(f.hint)}[/dim]")
        self.console.print()

    def finish(self, summary: Summary) -> None:
        """Print the summary line; nothing when no file was checked (what went wrong is
        already on stderr)."""
        if not summary.files:
            return
        style = "bold red" if summary.exit_code else "bold green"
        self.console.print(
            Text(summary.describe()[:1].upper() + summary.describe()[1:], style=style)
        )
