"""How ready a plan is for the meeting: one verdict for `check`, its JSON, `--strict` and the brief.

In order of precedence:

- **DRAFT**: placeholders (`TODO ...`, NP509) or required sections left empty (NP510).
- **NOT READY**: errors.
- **READY WITH WARNINGS**: warnings, no errors.
- **READY**: nothing but notes (info).

A draft and a plan that is not ready fail `check` (exit 1); a plan ready with warnings fails
only with `--strict`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from negplan.findings import Finding, Severity

#: The rules whose findings mean the plan is still being written.
DRAFT_CODES = frozenset({"NP509", "NP510"})


class Readiness(str, enum.Enum):
    """The readiness state of a plan."""

    DRAFT = "DRAFT"
    NOT_READY = "NOT READY"
    READY_WITH_WARNINGS = "READY WITH WARNINGS"
    READY = "READY"

    def fails(self, *, strict: bool = False) -> bool:
        """Whether `check` fails on a plan in this state."""
        if self is Readiness.READY_WITH_WARNINGS:
            return strict
        return self is not Readiness.READY


def readiness(findings: Iterable[Finding]) -> Readiness:
    """The readiness state the findings on one plan imply."""
    errors = warnings = False
    for finding in findings:
        if finding.code in DRAFT_CODES and finding.severity is not Severity.INFO:
            return Readiness.DRAFT
        errors = errors or finding.severity is Severity.ERROR
        warnings = warnings or finding.severity is Severity.WARNING
    if errors:
        return Readiness.NOT_READY
    return Readiness.READY_WITH_WARNINGS if warnings else Readiness.READY
