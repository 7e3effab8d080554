"""``parsable``: one finding per line, ``path:line:col: severity: message [CODE]``.

The hint, when there is one, follows on the same line (`` hint: ...``), so that every line is
one whole finding for editors, grep and problem matchers. Which plans fail, when several were
checked, goes to stderr: stdout holds findings only.
"""

from __future__ import annotations

import sys
from typing import TextIO

from negplan.checking import FileResult
from negplan.escape import visible
from negplan.findings import Finding
from negplan.report.base import Summary


def _shown(path: str) -> str:
    """A file's path as this format prints it: :func:`visible`, so that a line break or a
    control character in a file name can never start another line."""
    return visible(path)


def format_finding(finding: Finding) -> str:
    """The parsable line for one finding, with its hint at the end (newlines flattened;
    messages and hints are already :func:`visible`)."""
    message = " ".join(finding.message.split())
    line = (
        f"{_shown(finding.path)}:{finding.line}:{finding.col}: {finding.severity.value}: "
        f"{message} [{finding.code}]"
    )
    if finding.hint:
        line += " hint: " + " ".join(finding.hint.split())
    return line


class ParsableReport:
    """Writes each file's findings as soon as the file is checked."""

    def __init__(self, out: TextIO, err: TextIO | None = None) -> None:
        self.out = out
        self.err = err

    def file(self, result: FileResult) -> None:
        """Write one file's findings."""
        for finding in result.findings:
            self.out.write(format_finding(finding) + "\n")

    def finish(self, summary: Summary) -> None:
        """Say on stderr which plans are drafts, and which fail when several were checked
        and some fail."""
        lines = []
        if summary.drafts:
            names = ", ".join(_shown(path) for path in summary.drafts)
            lines.append(f"negplan: DRAFT, placeholders or required sections left: {names}")
        failing = summary.which_fail(_shown)
        if failing is not None:
            lines.append(f"negplan: {failing}")
        if lines:
            self.out.flush()  # the findings first, where stdout and stderr share one pipe
            (self.err or sys.stderr).write("".join(line + "\n" for line in lines))
