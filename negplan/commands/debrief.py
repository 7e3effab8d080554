"""``negplan debrief``: write a debrief of a plan, prefilled from it, ready to fill in."""

from __future__ import annotations

import os
import sys
from datetime import date

import typer

from negplan.atomic import check_target, write_atomic
from negplan.checking import CheckOptions, check_file, check_plan
from negplan.commands import parse_today
from negplan.debriefs import default_path, file_hash, reference
from negplan.discovery import BUNDLED, PlaybookCache
from negplan.errors import NegplanError
from negplan.escape import visible
from negplan.findings import Severity
from negplan.report.parsable import format_finding
from negplan.scaffold.debrief import DebriefSource, render_debrief

_SUFFIXES = (".yaml", ".yml")


def run(
    plan: str, *, output: str | None, force: bool, playbook: str | None, today: str | None
) -> int:
    """Write the debrief of ``plan`` to ``output`` (default: ``<plan>.debrief.yaml`` beside
    it; ``-`` for stdout). Never overwrites a file unless ``force``. Returns 1 (with the
    findings on stderr) when the plan is not valid."""
    when = parse_today(today)
    target = output or default_path(plan)
    to_stdout = target == "-"
    if not to_stdout:
        if not target.endswith(_SUFFIXES):
            raise NegplanError(
                "a debrief file name ends in .yaml or .yml",
                path=target,
                hint="`negplan check` reads *.yaml and *.yml files in a folder",
            )
        check_target(target, overwrite=force)
    checked = check_plan(plan, playbook=playbook, today=when)
    loaded = checked.playbook
    if checked.plan is None or loaded is None or loaded.playbook is None:
        for finding in checked.findings:
            sys.stderr.write(format_finding(finding) + "\n")
        sys.stderr.write(
            visible(f"{plan}: the plan is not valid; fix it, then write its debrief\n")
        )
        return 1
    where = os.path.join(os.getcwd(), "debrief.yaml") if to_stdout else target
    source = DebriefSource(
        checked.plan,
        loaded.playbook,
        reference(plan, where),
        file_hash(plan),
        "the bundled default playbook" if loaded.source == BUNDLED else loaded.source,
    )
    text = render_debrief(source)
    if to_stdout:
        sys.stdout.write(text)
        return 0
    write_atomic(target, text, overwrite=force)
    _summary(target, when, playbook)
    return 0


def _summary(target: str, today: date, playbook: str | None) -> None:
    options = CheckOptions(today=today, playbook=playbook)
    result = check_file(target, explicit=True, options=options, cache=PlaybookCache())
    todo = sum(1 for f in result.findings if f.code == "NP509")
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    typer.echo(
        visible(
            f"created {target}: fill in {todo} TODO placeholder{'s' if todo != 1 else ''}, "
            f"then run `negplan check {target}` and `negplan value {target}`"
        )
    )
    if errors or result.error is not None:
        sys.stderr.write(
            visible(f"{target}: warning: the new debrief has errors; run `negplan check`") + "\n"
        )
