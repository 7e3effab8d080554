"""``sarif``: one SARIF 2.1.0 log per run, for GitHub code scanning and other SARIF viewers.

Every rule in the catalogue is listed in ``tool.driver.rules`` with its documentation, so
viewers can show why a finding matters and how to fix it. Paths are relative to the
repository root (``GITHUB_WORKSPACE``, else the current folder) through the ``%SRCROOT%``
base; files that could not be checked become tool execution notifications. URIs are
percent-encoded from the file name's bytes; messages are one visible line each
(:mod:`negplan.escape`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from negplan import __version__
from negplan.checking import FileResult
from negplan.findings import Finding, Severity
from negplan.report.base import Summary
from negplan.rules import RULES
from negplan.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
#: SARIF level per severity.
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_markdown(rule: Rule) -> str:
    """A rule's documentation as Markdown: summary, why it matters, examples, options."""
    parts = [rule.summary + "."]
    why = rule.section("Why it matters:")
    if why:
        parts += ["**Why it matters**", " ".join(why.split())]
    for heading, label in (("Fails:", "Fails"), ("Passes:", "Passes")):
        example = rule.section(heading)
        if example:
            parts += [f"**{label}**", f"```yaml\n{example}\n```"]
    options = rule.section("Options:")
    if options:
        parts += [f"**Options:** {' '.join(options.split())}"]
    return "\n\n".join(parts)


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """The ``reportingDescriptor`` for one rule."""
    why = " ".join(rule.section("Why it matters:").split())
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary}. {why}".strip()},
        "help": {"text": rule.doc, "markdown": rule_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "none")},
        "properties": {"tags": ["negplan"], "configurable": rule.configurable},
    }


def base_directory(environ: Mapping[str, str] | None = None) -> str:
    """The folder ``%SRCROOT%`` stands for: ``GITHUB_WORKSPACE``, else the current folder."""
    env = os.environ if environ is None else environ
    return os.path.abspath(env.get("GITHUB_WORKSPACE") or os.getcwd())


def artifact_location(path: str, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A relative URI under ``%SRCROOT%``, or an absolute ``file:`` URI outside it."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, base_directory(environ))
    except ValueError:  # another drive on Windows
        return {"uri": Path(absolute).as_uri()}
    if relative == ".." or relative.startswith(".." + os.sep):
        return {"uri": Path(absolute).as_uri()}
    # The URI names the file's bytes, so a name that is not UTF-8 is still the right file.
    uri = quote(os.fsencode(relative.replace(os.sep, "/")), safe="/")
    return {"uri": uri, "uriBaseId": SRCROOT}


def result_object(
    finding: Finding, index: Mapping[str, int], environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The SARIF ``result`` for one finding."""
    text = finding.message if not finding.hint else f"{finding.message}\nhint: {finding.hint}"
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    result["level"] = LEVELS[finding.severity]
    result["message"] = {"text": text}
    result["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": artifact_location(finding.path, environ),
                "region": {"startLine": finding.line, "startColumn": finding.col},
            }
        }
    ]
    return result


def notification(result: FileResult, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A ``toolExecutionNotification`` for a file that could not be checked."""
    error = result.error
    assert error is not None
    text = error.render() + (f"\nhint: {error.hint}" if error.hint else "")
    note: dict[str, Any] = {
        "level": "error",
        "message": {"text": text},
        "descriptor": {"id": "not-checked"},
    }
    where = error.path or result.path
    if where and not where.startswith("<"):
        physical: dict[str, Any] = {"artifactLocation": artifact_location(where, environ)}
        if error.position is not None and error.path:
            physical["region"] = {
                "startLine": error.position.line,
                "startColumn": error.position.col,
            }
        note["locations"] = [{"physicalLocation": physical}]
    return note


class SarifReport:
    """Collects every file's results and writes one SARIF log at the end."""

    def __init__(self, out: TextIO, environ: Mapping[str, str] | None = None) -> None:
        self.out = out
        self.environ = os.environ if environ is None else environ
        self.results: list[FileResult] = []

    def file(self, result: FileResult) -> None:
        """Add one file."""
        if not result.skipped:
            self.results.append(result)

    def document(self, summary: Summary) -> dict[str, Any]:
        """The SARIF log as a JSON-ready dict."""
        rules = list(RULES.values())
        index = {rule.code: i for i, rule in enumerate(rules)}
        results = [
            result_object(finding, index, self.environ)
            for file_result in self.results
            for finding in file_result.findings
        ]
        notifications = [notification(r, self.environ) for r in self.results if r.error]
        base = Path(base_directory(self.environ)).as_uri().rstrip("/") + "/"
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "negplan",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "rules": [rule_descriptor(rule) for rule in rules],
                }
            },
            "invocations": [
                {
                    "executionSuccessful": summary.problems == 0,
                    "exitCode": summary.exit_code,
                    "toolExecutionNotifications": notifications,
                }
            ],
            "originalUriBaseIds": {SRCROOT: {"uri": base}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}

    def finish(self, summary: Summary) -> None:
        """Write the SARIF log."""
        json.dump(self.document(summary), self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")
