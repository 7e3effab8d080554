"""Findings: what negplan reports about a plan or playbook, and their severities."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from negplan.escape import visible
from negplan.positions import Pair, Position


class Severity(str, enum.Enum):
    """How serious a finding is. ``OFF`` only appears in settings, never on a finding."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"

    @property
    def rank(self) -> int:
        """Sort rank: errors first."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2, Severity.OFF: 3}


@dataclass(frozen=True)
class Finding:
    """One problem found in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    hint: str | None = None
    #: The offending source line, for problems a caret under it explains (NP100).
    source: str | None = None

    def __post_init__(self) -> None:
        # Messages quote text from the file; keep them on one line and free of terminal
        # control sequences whatever that text holds.
        object.__setattr__(self, "message", visible(self.message))
        if self.hint is not None:
            object.__setattr__(self, "hint", visible(self.hint))
        if self.source is not None:
            object.__setattr__(self, "source", visible(self.source.expandtabs(1)))

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Stable order: file, line, column, rule code."""
        return (self.path, self.line, self.col, self.code)

    def fails(self, *, strict: bool) -> bool:
        """Whether this finding makes ``check`` exit 1."""
        if self.severity is Severity.ERROR:
            return True
        return strict and self.severity is Severity.WARNING


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Return findings in the stable report order."""
    return sorted(findings, key=lambda f: f.sort_key)


class FileProblem(Exception):
    """A problem that stops reading a file; reported as one finding at its position."""

    def __init__(self, code: str, message: str, position: Pair, hint: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.position = Position(*position)  # readers pass plain (line, col) pairs
        self.hint = hint
        #: The source line the problem is on, when there is one (shown with a caret).
        self.source: str | None = None
        #: A lossy reading of an undecodable file, so a folder walk can still tell that it
        #: claims to be a plan or playbook.
        self.text: str | None = None

    def finding(self, path: str) -> Finding:
        """The finding this problem is reported as, in file ``path``."""
        line, col = self.position
        return Finding(
            path, line, col, self.code, Severity.ERROR, self.message, self.hint, self.source
        )
