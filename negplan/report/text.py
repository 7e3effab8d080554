"""``text``: the human format, grouped per file, coloured only on a terminal.

Each file with findings gets a header (its path and its counts), then one row per finding:
``line:col  CODE  severity  message``, the message wrapped at word boundaries to the width of
the terminal, and the hint on its own line under the message. A hint that several findings of
one rule share is shown once, with how many more it applies to. File names are printed
:func:`~negplan.escape.visible`; messages and hints already are.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.text import Text

from negplan.checking import FileResult
from negplan.escape import visible
from negplan.findings import Severity
from negplan.readiness import Readiness, readiness
from negplan.report.base import Summary

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_STATE_STYLE = {
    Readiness.DRAFT: "bold yellow",
    Readiness.NOT_READY: "bold red",
    Readiness.READY_WITH_WARNINGS: "yellow",
    Readiness.READY: "green",
}
_SEVERITY_WIDTH = max(len(s.value) for s in _STYLE)
#: Messages wrap at the terminal's width, but never into a column narrower than this.
_MIN_WIDTH = 30


def _shown(path: str) -> str:
    """A file's path as this format prints it: :func:`visible`."""
    return visible(path)


class TextReport:
    """Prints each file's findings as soon as the file is checked, then a summary line."""

    def __init__(self, out: TextIO, *, color: bool | None = None) -> None:
        self.console = Console(
            file=out,
            highlight=False,
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
        header = Text()
        header.append(_shown(result.path), style="bold underline")
        header.append(f" ({label})", style="bold")
        if result.kind == "plan":
            state = readiness(result.findings)
            header.append("  ")
            header.append(state.value, style=_STATE_STYLE[state])
        self.console.print(header)
        where = max(len(f"{f.line}:{f.col}") for f in result.findings)
        shared = Counter((f.code, f.hint) for f in result.findings if f.hint)
        for f in result.findings:
            row = Text("  ")
            row.append(f"{f.line}:{f.col}".ljust(where), style="bold")
            row.append("  ")
            row.append(f.code, style="magenta")
            row.append("  ")
            row.append(f.severity.value.ljust(_SEVERITY_WIDTH), style=_STYLE[f.severity])
            row.append("  ")
            self._hanging(row, Text(f.message))
            if f.source is not None:
                pad = " " * len(row)
                self.console.print(Text(pad + "| " + f.source, style="dim"), overflow="ellipsis")
                self.console.print(Text(pad + "| " + " " * (f.col - 1) + "^", style="bold red"))
            if f.hint and shared[(f.code, f.hint)]:
                more = shared[(f.code, f.hint)] - 1
                shared[(f.code, f.hint)] = 0  # shown: the others of the rule go without it
                hint = f"hint: {f.hint}" + (
                    f" (also for {more} more {f.code} below)" if more else ""
                )
                self._hanging(Text(" " * len(row)), Text(hint, style="dim"))
        self.console.print()

    def _hanging(self, prefix: Text, text: Text) -> None:
        """Print ``prefix`` then ``text``, wrapped at word boundaries, its further lines
        indented under its first."""
        width = max(self.console.width - len(prefix), _MIN_WIDTH)
        indent = " " * len(prefix)
        for n, line in enumerate(text.wrap(self.console, width, overflow="fold")):
            line.rstrip()
            self.console.print(Text(indent) + line if n else prefix + line)

    def finish(self, summary: Summary) -> None:
        """Print the summary line, and which plans fail when several were checked.

        Nothing when no file was checked: what went wrong is already on stderr."""
        if not summary.files:
            return
        style = (
            "bold red"
            if summary.exit_code
            else "yellow"
            if summary.counts[Severity.WARNING]
            else "bold green"
        )
        described = summary.describe()
        self.console.print(Text(described[:1].upper() + described[1:], style=style))
        failing = summary.which_fail(_shown)
        if failing is not None:
            count, names = failing.split(": ", 1)
            self._hanging(Text(f"{count}: ", style=style), Text(names, style=style))
