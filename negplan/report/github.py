"""``github``: GitHub Actions workflow-command annotations, plus a step summary.

Each finding becomes one ``::error``/``::warning``/``::notice`` line, which GitHub shows on the
file in the pull request. GitHub shows only the first 10 annotations of each kind per step, so
when ``GITHUB_STEP_SUMMARY`` is set the full list is also appended there as a Markdown table.
Text is escaped for each (:mod:`negplan.escape`): no file name or plan text can start another
command, and none becomes a live link or image in the summary.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TextIO

from negplan.checking import FileResult
from negplan.escape import annotation_data, annotation_property, markdown_cell, visible
from negplan.findings import Finding, Severity
from negplan.report.base import Summary
from negplan.rules import RULES

#: Annotation command per severity.
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
#: Rows written to the step summary at most (GitHub caps a summary at 1 MiB).
MAX_SUMMARY_ROWS = 1000


def repo_path(path: str, environ: Mapping[str, str] | None = None) -> str:
    """``path`` relative to the repository root (``GITHUB_WORKSPACE``, else the current folder).

    Paths outside it are returned as given. Separators are always ``/``.
    """
    env = os.environ if environ is None else environ
    if path.startswith("<"):  # the bundled playbook, not a file in the repository
        return path
    base = env.get("GITHUB_WORKSPACE") or os.getcwd()
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    except ValueError:  # another drive on Windows
        return path.replace(os.sep, "/")
    if relative == ".." or relative.startswith(".." + os.sep):
        return path.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def rule_title(code: str) -> str:
    """``NP302 no-walk-away``: the annotation title for a rule code."""
    rule = RULES.get(code)
    return f"{code} {rule.name}" if rule is not None else code


def annotation(finding: Finding, environ: Mapping[str, str] | None = None) -> str:
    """The workflow command for one finding; the hint goes on a second line of the message."""
    message = finding.message if not finding.hint else f"{finding.message}\nhint: {finding.hint}"
    properties = ",".join(
        f"{name}={annotation_property(value)}"
        for name, value in (
            ("file", repo_path(finding.path, environ)),
            ("line", str(finding.line)),
            ("col", str(finding.col)),
            ("title", rule_title(finding.code)),
        )
    )
    return f"::{COMMANDS[finding.severity]} {properties}::{annotation_data(message)}"


def error_annotation(result: FileResult, environ: Mapping[str, str] | None = None) -> str:
    """The ``::error`` command for a file that could not be checked."""
    assert result.error is not None
    message = result.error.render()
    if result.error.hint:
        message += f"\nhint: {result.error.hint}"
    properties = f"title={annotation_property('negplan: not checked')}"
    if result.path:
        properties = f"file={annotation_property(repo_path(result.path, environ))},{properties}"
    return f"::error {properties}::{annotation_data(message)}"


def step_summary(
    results: list[FileResult], summary: Summary, environ: Mapping[str, str] | None = None
) -> str:
    """The Markdown appended to ``$GITHUB_STEP_SUMMARY``: a headline and every finding."""
    lines = ["### negplan check", "", markdown_cell(_sentence(summary.describe())), ""]
    findings = [f for r in results for f in r.findings]
    if findings:
        lines += ["| Severity | Location | Rule | Message |", "| --- | --- | --- | --- |"]
        for finding in findings[:MAX_SUMMARY_ROWS]:
            where = f"{visible(repo_path(finding.path, environ))}:{finding.line}:{finding.col}"
            text = finding.message + (f"\nhint: {finding.hint}" if finding.hint else "")
            cells = (finding.severity.value, where, rule_title(finding.code), text)
            lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
        if len(findings) > MAX_SUMMARY_ROWS:
            more = len(findings) - MAX_SUMMARY_ROWS
            lines += ["", f"…and {more} more; run `negplan check` locally to see them all."]
        lines.append("")
    failed = [r for r in results if r.error is not None]
    if failed:
        lines += ["**Not checked:**", ""]
        for result in failed:
            assert result.error is not None
            lines.append(f"- {markdown_cell(result.error.render())}")
        lines.append("")
    return "\n".join(lines) + "\n"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


class GithubReport:
    """Writes an annotation per finding as each file is checked, then the step summary."""

    def __init__(self, out: TextIO, environ: Mapping[str, str] | None = None) -> None:
        self.out = out
        self.environ = os.environ if environ is None else environ
        self.results: list[FileResult] = []

    def file(self, result: FileResult) -> None:
        """Write one file's annotations."""
        if result.skipped:
            return
        self.results.append(result)
        if result.error is not None:
            self.out.write(error_annotation(result, self.environ) + "\n")
        for finding in result.findings:
            self.out.write(annotation(finding, self.environ) + "\n")

    def finish(self, summary: Summary) -> None:
        """Write the summary line, and the full table to ``$GITHUB_STEP_SUMMARY`` if set."""
        self.out.write(f"negplan: {summary.describe()}\n")
        target = self.environ.get("GITHUB_STEP_SUMMARY")
        if not target:
            return
        try:
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(step_summary(self.results, summary, self.environ))
        except OSError as exc:
            sys.stderr.write(
                f"{visible(target)}: error: cannot write the step summary: "
                f"{visible(exc.strerror or str(exc))}\n"
            )
