"""``json``: one JSON document per run (see docs/commands.md for the field list).

Paths are written as they are, except the bytes of a name that are not UTF-8, written ``\\xNN``
(:func:`~negplan.escape.json_text`); messages are already one visible line.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from negplan import __version__
from negplan.checking import FileResult
from negplan.escape import json_text
from negplan.findings import Finding, Severity
from negplan.readiness import readiness
from negplan.report.base import Summary
from negplan.rules import RULES


def finding_dict(finding: Finding) -> dict[str, Any]:
    """The JSON object for one finding."""
    return {
        "path": json_text(finding.path),
        "line": finding.line,
        "column": finding.col,
        "code": finding.code,
        "name": RULES[finding.code].name if finding.code in RULES else None,
        "severity": finding.severity.value,
        "message": finding.message,
        "hint": finding.hint,
        "source": finding.source,
    }


def result_dict(result: FileResult) -> dict[str, Any]:
    """The JSON object for one checked file."""
    error = None
    if result.error is not None:
        pos = result.error.position
        error = {
            "path": None if result.error.path is None else json_text(result.error.path),
            "line": pos.line if pos else None,
            "column": pos.col if pos else None,
            "message": result.error.message,
            "hint": result.error.hint,
        }
    return {
        "path": json_text(result.path),
        "kind": result.kind,
        "playbook": None if result.playbook is None else json_text(result.playbook),
        "readiness": readiness(result.findings).value if result.kind == "plan" else None,
        "findings": [finding_dict(f) for f in result.findings],
        "error": error,
    }


class JsonReport:
    """Collects files and writes one JSON document at the end."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.files: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        """Add one file."""
        self.files.append(result_dict(result))

    def finish(self, summary: Summary) -> None:
        """Write the document."""
        document = {
            "negplan": __version__,
            "files": self.files,
            "summary": {
                "files": summary.files,
                "plans": summary.plans,
                "playbooks": summary.playbooks,
                "skipped": summary.skipped,
                "errors": summary.counts[Severity.ERROR],
                "warnings": summary.counts[Severity.WARNING],
                "info": summary.counts[Severity.INFO],
                "failing": summary.failing,
                "readiness": {state.value: n for state, n in summary.states.items()},
                "failed": [json_text(path) for path in summary.failed],
                "not_checked": summary.problems,
                "exit_code": summary.exit_code,
            },
        }
        json.dump(document, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")
