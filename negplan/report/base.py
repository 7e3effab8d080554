"""What every output format of ``check`` shares: the report protocol and the run's summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from negplan.checking import FileResult
from negplan.findings import Severity


class Report(Protocol):
    """What every output format does: take each file's result, then finish the run."""

    def file(self, result: FileResult) -> None:
        """Report one checked file."""

    def finish(self, summary: Summary) -> None:
        """Report the end of the run."""


@dataclass
class Summary:
    """Totals over a run, and the exit code they imply."""

    strict: bool = False
    files: int = 0
    plans: int = 0
    playbooks: int = 0
    skipped: int = 0
    counts: dict[Severity, int] = field(
        default_factory=lambda: {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
    )
    failing: int = 0
    problems: int = 0

    def add(self, result: FileResult) -> None:
        """Count one file's result."""
        if result.skipped:
            self.skipped += 1
            return
        self.files += 1
        if result.kind == "plan":
            self.plans += 1
        elif result.kind == "playbook":
            self.playbooks += 1
        if result.error is not None:
            self.problems += 1
        for finding in result.findings:
            self.counts[finding.severity] += 1
            if finding.fails(strict=self.strict):
                self.failing += 1

    @property
    def exit_code(self) -> int:
        """2 if negplan could not run on something, 1 on failing findings, else 0."""
        if self.problems:
            return 2
        return 1 if self.failing else 0

    def describe(self) -> str:
        """One line: what was checked and what was found."""
        checked = f"{self.files} file{'s' if self.files != 1 else ''}"
        kinds = [
            f"{n} {word}{'s' if n != 1 else ''}"
            for n, word in ((self.plans, "plan"), (self.playbooks, "playbook"))
            if n
        ]
        if kinds:
            checked += " (" + ", ".join(kinds) + ")"
        parts = [
            f"{n} {label}{'s' if n != 1 and label != 'info' else ''}"
            for label, n in (
                ("error", self.counts[Severity.ERROR]),
                ("warning", self.counts[Severity.WARNING]),
                ("info", self.counts[Severity.INFO]),
            )
            if n
        ]
        found = ", ".join(parts) if parts else "no problems found"
        if self.problems:
            found += f"; {self.problems} could not be checked"
        return f"checked {checked}: {found}"
