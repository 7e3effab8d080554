"""The output formats of ``negplan check``: one registry, one module per format.

The command line lists the choices from :data:`FORMATS` (without importing any format's module,
so that ``--help`` stays fast); :func:`make_report` loads the chosen one.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:
    from negplan.report.base import Report


class Format(NamedTuple):
    """One output format: its name, the module under :mod:`negplan.report` that writes it and
    the class there, and a line of help."""

    name: str
    report: str
    help: str


#: Every output format, by name.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", "TextReport", "grouped per file, for people (colour on a terminal)"),
        Format("parsable", "ParsableReport", "one line per finding: path:line:col: severity"),
        Format("json", "JsonReport", "one JSON document for the run"),
        Format("github", "GithubReport", "GitHub Actions annotations and a step summary"),
        Format("sarif", "SarifReport", "SARIF 2.1.0 for code-scanning tools"),
    )
}
#: The format that picks one of :data:`FORMATS` from where the output goes.
AUTO = "auto"
#: What ``--format`` accepts.
CHOICES = (AUTO, *FORMATS)


def resolve_format(
    chosen: str,
    stream: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """Turn ``auto`` into a format name.

    ``github`` under GitHub Actions (``GITHUB_ACTIONS=true``), ``text`` on a terminal,
    ``parsable`` otherwise (pipes, files, editors).
    """
    if chosen != AUTO:
        return chosen
    env = os.environ if environ is None else environ
    if env.get("GITHUB_ACTIONS") == "true":
        return "github"
    out = stream or sys.stdout
    if out.isatty() and env.get("TERM") != "dumb":
        return "text"
    return "parsable"


def make_report(name: str, out: TextIO) -> Report:
    """The report that writes format ``name`` to ``out``."""
    chosen = FORMATS[name]
    module = importlib.import_module(f"{__name__}.{chosen.name}")
    report: Report = getattr(module, chosen.report)(out)
    return report
