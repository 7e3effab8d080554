"""What every output format of ``check`` shares: the report protocol and the run's summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from negplan.checking import FileResult
from negplan.findings import Severity
from negplan.readiness import Readiness, readiness


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
    debriefs: int = 0
    skipped: int = 0
    counts: dict[Severity, int] = field(
        default_factory=lambda: {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
    )
    failing: int = 0
    problems: int = 0
    #: Every file that was not skipped, checked or not, in input order.
    paths: list[str] = field(default_factory=list)
    #: The files with failing findings, in input order, and how many of them are plans.
    failed: list[str] = field(default_factory=list)
    failed_plans: int = 0
    #: The plans that are drafts, in input order.
    drafts: list[str] = field(default_factory=list)
    #: How many plans are in each readiness state.
    states: dict[Readiness, int] = field(default_factory=lambda: dict.fromkeys(Readiness, 0))

    def add(self, result: FileResult) -> None:
        """Count one file's result. A file that could not be checked counts as a problem,
        never as a checked file."""
        if result.skipped:
            self.skipped += 1
            return
        self.paths.append(result.path)
        if result.error is not None:
            self.problems += 1
            return
        self.files += 1
        if result.kind == "plan":
            self.plans += 1
        elif result.kind == "playbook":
            self.playbooks += 1
        elif result.kind == "debrief":
            self.debriefs += 1
        failing = 0
        for finding in result.findings:
            self.counts[finding.severity] += 1
            failing += finding.fails(strict=self.strict)
        self.failing += failing
        state = readiness(result.findings)
        if result.kind == "plan":
            self.states[state] += 1
            if state is Readiness.DRAFT:
                self.drafts.append(result.path)
        if state.fails(strict=self.strict):
            self.failed.append(result.path)
            self.failed_plans += result.kind == "plan"

    @property
    def exit_code(self) -> int:
        """2 if negplan could not run on something, 1 when a file fails (errors, a draft
        plan, or warnings with ``--strict``), else 0."""
        if self.problems:
            return 2
        return 1 if self.failed else 0

    def describe(self) -> str:
        """One line: what was checked, what was found, and what could not be checked."""
        not_checked = _count(self.problems, "file") + " could not be checked"
        if not self.files:
            return not_checked if self.problems else "no plans or playbooks checked"
        checked = _count(self.files, "file")
        kinds = [
            _count(n, word)
            for n, word in (
                (self.plans, "plan"),
                (self.playbooks, "playbook"),
                (self.debriefs, "debrief"),
            )
            if n
        ]
        if kinds:
            checked += " (" + ", ".join(kinds) + ")"
        parts = [
            _count(n, label) if label != "info" else f"{n} info"
            for label, n in (
                ("error", self.counts[Severity.ERROR]),
                ("warning", self.counts[Severity.WARNING]),
                ("info", self.counts[Severity.INFO]),
            )
            if n
        ]
        states = self.describe_states()
        if states:
            checked += f" [{states}]"
        if self.problems:
            return f"checked {checked}: {', '.join(parts) or 'no findings'}; {not_checked}"
        return f"checked {checked}: {', '.join(parts) or 'no problems found'}"

    def describe_states(self) -> str:
        """The plans' readiness states: ``1 DRAFT, 2 READY``; one plan: its state alone."""
        if self.plans == 1:
            return next(state.value for state, n in self.states.items() if n)
        return ", ".join(f"{n} {state.value}" for state, n in self.states.items() if n)

    def which_fail(self, shown: Callable[[str], str]) -> str | None:
        """``2 of 4 plans fail: a.yaml, b.yaml`` when several files were checked and some
        fail (``files`` when not all of those are plans), else ``None``; ``shown`` writes a
        path as the format needs it."""
        if self.files < 2 or not self.failed:
            return None
        of, word = self.files, "files"
        if self.failed_plans == len(self.failed) and self.plans > 1:
            of, word = self.plans, "plans"
        verb = "fails" if len(self.failed) == 1 else "fail"
        names = ", ".join(shown(path) for path in self.failed)
        return f"{len(self.failed)} of {of} {word} {verb}: {names}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"
