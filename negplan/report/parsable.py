"""``parsable``: one finding per line, ``path:line:col: severity: message [CODE]``."""

from __future__ import annotations

from typing import TextIO

from negplan.checking import FileResult
from negplan.escape import visible
from negplan.findings import Finding


def format_finding(finding: Finding) -> str:
    """The parsable line for one finding. The path is :func:`visible` (messages already are),
    so a line break or control character in a file name can never start another line."""
    message = " ".join(finding.message.split())
    return (
        f"{visible(finding.path)}:{finding.line}:{finding.col}: {finding.severity.value}: "
        f"{message} [{finding.code}]"
    )


class ParsableReport:
    """Writes each file's findings as soon as the file is checked."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def file(self, result: FileResult) -> None:
        """Write one file's findings."""
        for finding in result.findings:
            self.out.write(format_finding(finding) + "\n")

    def finish(self, summary: object) -> None:
        """Nothing to add: parsable output is the findings only."""
