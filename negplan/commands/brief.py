"""``negplan brief``: the one-page prep brief of a plan, as Markdown, HTML or PDF."""

from __future__ import annotations

import os
import sys

from negplan.atomic import check_target, write_atomic
from negplan.brief import resolve_format
from negplan.brief.make import render_brief
from negplan.brief.output import html_to_pdf, require_pdf, show_markdown
from negplan.checking import check_plan
from negplan.commands import collecting_less, parse_today
from negplan.errors import NegplanError
from negplan.escape import visible
from negplan.findings import Finding, Severity
from negplan.readiness import DRAFT_CODES, Readiness, readiness
from negplan.report.parsable import format_finding


@collecting_less()
def run(
    plan: str,
    *,
    output_format: str,
    output: str | None,
    force: bool,
    redact: bool,
    strict: bool,
    playbook: str | None,
    today: str | None,
    paper: str,
) -> int:
    """Write the brief of ``plan`` and return the exit code: 0 when written, 1 when the plan
    is not valid or (with ``strict``) not ready. Raises :class:`NegplanError` when negplan
    cannot run."""
    to_stdout = output == "-"  # as for `new -` and `schema -o -`
    if to_stdout:
        output = None
    fmt = resolve_format(output_format, output)
    day = parse_today(today)
    if fmt == "pdf" and output is None and (not to_stdout or _on_terminal()):
        raise NegplanError(
            "pdf output needs a file" + (", not a terminal" if to_stdout else ""),
            hint="add -o brief.pdf",
        )
    if output is not None:
        check_target(output, overwrite=force)
    if fmt == "pdf":
        require_pdf()
    checked = check_plan(plan, playbook=playbook, today=day)
    if checked.plan is None:
        _refuse(checked.findings, f"{plan}: error: the plan is not valid, so no brief can be made")
        return 1
    state = readiness(checked.findings)
    if strict and state.fails(strict=True):
        failing = [f for f in checked.findings if f.fails(strict=True) or f.code in DRAFT_CODES]
        _refuse(
            failing,
            f"{plan}: error: {state.value} ({len(failing)} failing findings); --strict refuses "
            "to render the brief",
        )
        return 1
    text = render_brief(checked, fmt=fmt, today=day, redact=redact, paper=paper)
    _emit(text, fmt=fmt, output=output, force=force, explicit=output_format)
    if state.fails():
        errors = sum(f.severity is Severity.ERROR for f in checked.findings)
        why = (
            "placeholders or required sections left"
            if state is Readiness.DRAFT
            else f"{errors} error{'s' if errors != 1 else ''}"
        )
        _say(f"{plan}: note: brief marked {state.value} ({why}; run `negplan check {plan}`)")
    return 0


def _refuse(findings: list[Finding], why: str) -> None:
    for finding in findings:
        _say(format_finding(finding))
    _say(why)


def _say(line: str) -> None:
    sys.stderr.write(visible(line) + "\n")


def _emit(text: str, *, fmt: str, output: str | None, force: bool, explicit: str) -> None:
    if output is not None:
        data = html_to_pdf(text) if fmt == "pdf" else text.encode("utf-8")
        write_atomic(output, data, overwrite=force)
    elif fmt == "pdf":
        sys.stdout.flush()
        sys.stdout.buffer.write(html_to_pdf(text))
        sys.stdout.buffer.flush()
    elif fmt == "md" and explicit == "auto" and _terminal():
        show_markdown(text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _terminal() -> bool:
    return _on_terminal() and os.environ.get("TERM") != "dumb"


def _on_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed
        return False
