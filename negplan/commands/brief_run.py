"""The body of ``negplan brief``, shared by the typer command and the fast entry point
(:mod:`negplan.fastcli`); it imports neither typer nor, for a valid plan, pydantic."""

from __future__ import annotations

import sys

from negplan.commands.check_run import collecting_less

#: The values of ``--format``: ``auto`` picks from the ``-o`` file's suffix, else ``md``.
FORMATS = ("auto", "md", "html", "pdf")
#: The values of ``--paper``, the page size of the HTML and PDF brief.
PAPERS = ("a4", "letter")

_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def resolve_format(chosen: str, output: str | None) -> str:
    """The format to write: the one asked for, else the ``-o`` file's suffix, else ``md``."""
    if chosen != "auto":
        return chosen
    if output is not None:
        lowered = output.lower()
        for suffix, fmt in _SUFFIXES.items():
            if lowered.endswith(suffix):
                return fmt
    return "md"


@collecting_less()
def run_brief(
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
    is not valid or (with ``strict``) not ready. ``output_format`` is one of
    :data:`FORMATS`, ``paper`` one of :data:`PAPERS`. Raises
    :class:`~negplan.errors.NegplanError` when negplan cannot run."""
    from negplan.cli import err
    from negplan.commands.check_run import parse_today

    fmt = resolve_format(output_format, output)
    day = parse_today(today)
    if fmt == "pdf" and output is None:
        from negplan.errors import NegplanError

        raise NegplanError("pdf output needs a file", hint="add -o brief.pdf")
    if output is not None:
        from negplan.atomic import check_target

        check_target(output, overwrite=force)
    if fmt == "pdf":
        from negplan.brief.output import require_pdf

        require_pdf()
    from negplan.brief.make import CheckedPlan, check_plan, render_brief
    from negplan.findings import Severity

    checked = check_plan(plan, playbook=playbook, today=day)
    if not isinstance(checked, CheckedPlan):
        from negplan.report.parsable import format_finding

        for finding in checked.findings:
            err(format_finding(finding))
        err(f"{plan}: error: the plan is not valid, so no brief can be made")
        return 1
    failing = [f for f in checked.findings if f.fails(strict=strict)]
    if strict and failing:
        from negplan.report.parsable import format_finding

        for finding in failing:
            err(format_finding(finding))
        err(
            f"{plan}: error: not ready ({len(failing)} failing findings); --strict "
            "refuses to render the brief"
        )
        return 1
    text = render_brief(checked, fmt=fmt, today=day, redact=redact, paper=paper)
    _emit(text, fmt=fmt, output=output, force=force, explicit=output_format)
    errors = sum(f.severity is Severity.ERROR for f in checked.findings)
    if errors:
        err(
            f"{plan}: note: brief marked NOT READY ({errors} error"
            f"{'s' if errors != 1 else ''}; run `negplan check {plan}`)"
        )
    return 0


def _emit(text: str, *, fmt: str, output: str | None, force: bool, explicit: str) -> None:
    if output is not None:
        from negplan.atomic import write_atomic

        if fmt == "pdf":
            from negplan.brief.output import html_to_pdf

            data = html_to_pdf(text)
        else:
            data = text.encode("utf-8")
        write_atomic(output, data, overwrite=force)
        return
    if fmt == "md" and explicit == "auto" and _terminal():
        from negplan.brief.output import show_markdown

        show_markdown(text)
        return
    sys.stdout.write(text)
    sys.stdout.flush()


def _terminal() -> bool:
    import os

    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
