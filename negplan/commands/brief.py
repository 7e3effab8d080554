"""``negplan brief``: the one-page prep brief of a plan, as Markdown, HTML or PDF."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer


class BriefFormat(str, enum.Enum):
    """The formats ``negplan brief --format`` accepts."""

    AUTO = "auto"
    MD = "md"
    HTML = "html"
    PDF = "pdf"


class Paper(str, enum.Enum):
    """Page sizes for the HTML and PDF brief."""

    A4 = "a4"
    LETTER = "letter"


_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def _resolve(chosen: BriefFormat, output: str | None) -> str:
    if chosen is not BriefFormat.AUTO:
        return str(chosen.value)
    if output is not None:
        lowered = output.lower()
        for suffix, fmt in _SUFFIXES.items():
            if lowered.endswith(suffix):
                return fmt
    return "md"


def brief(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="The plan file.", show_default=False)],
    output_format: Annotated[
        BriefFormat,
        typer.Option(
            "--format",
            "-f",
            help="md, html or pdf. auto: from the -o file's suffix, else Markdown (shown "
            "formatted on a terminal, raw when piped).",
            case_sensitive=False,
        ),
    ] = BriefFormat.AUTO,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the brief to this file (atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the -o file if it already exists.")
    ] = False,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Leave out walk-away numbers, rep authority and approvals, for a brief "
            "shared beyond the deal team.",
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Refuse to render (exit 1) when `check --strict` would fail: any error or "
            "warning.",
        ),
    ] = False,
    playbook: Annotated[
        str | None,
        typer.Option(
            "--playbook", "-p", metavar="FILE", help="Use this playbook instead of discovering one."
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="Date to check the plan against, YYYY-MM-DD (default: today)."
        ),
    ] = None,
    paper: Annotated[
        Paper,
        typer.Option(help="Page size of the HTML and PDF brief.", case_sensitive=False),
    ] = Paper.A4,
) -> None:
    """Write the one-page prep brief of a plan: readiness, goals, value, positions, trades,
    walk-away, alternatives, approvals, questions and asks."""
    from negplan.cli import err, guard
    from negplan.commands.check import parse_today

    with guard():
        fmt = _resolve(output_format, output)
        day = parse_today(today)
        if fmt == "pdf" and output is None:
            from negplan.errors import NegplanError

            raise NegplanError("pdf output needs a file", hint="add -o brief.pdf")
        from negplan.atomic import check_target
        from negplan.brief.output import require_pdf

        if output is not None:
            check_target(output, overwrite=force)
        if fmt == "pdf":
            require_pdf()
        from negplan.brief.make import CheckedPlan, check_plan, render_brief
        from negplan.findings import Severity
        from negplan.report.parsable import format_finding

        checked = check_plan(plan, playbook=playbook, today=day)
        if not isinstance(checked, CheckedPlan):
            for finding in checked.findings:
                err(format_finding(finding))
            err(f"{plan}: error: the plan is not valid, so no brief can be made")
            raise typer.Exit(1)
        failing = [f for f in checked.findings if f.fails(strict=strict)]
        if strict and failing:
            for finding in failing:
                err(format_finding(finding))
            err(
                f"{plan}: error: not ready ({len(failing)} failing findings); --strict "
                "refuses to render the brief"
            )
            raise typer.Exit(1)
        text = render_brief(checked, fmt=fmt, today=day, redact=redact, paper=paper.value)
        _emit(text, fmt=fmt, output=output, force=force, explicit=output_format)
        errors = sum(f.severity is Severity.ERROR for f in checked.findings)
        if errors:
            err(
                f"{plan}: note: brief marked NOT READY ({errors} error"
                f"{'s' if errors != 1 else ''}; run `negplan check {plan}`)"
            )


def _emit(text: str, *, fmt: str, output: str | None, force: bool, explicit: BriefFormat) -> None:
    from negplan.atomic import write_atomic
    from negplan.brief.output import html_to_pdf, show_markdown

    if output is not None:
        data = html_to_pdf(text) if fmt == "pdf" else text.encode("utf-8")
        write_atomic(output, data, overwrite=force)
        return
    if fmt == "md" and explicit is BriefFormat.AUTO and _terminal():
        show_markdown(text)
        return
    sys.stdout.write(text)
    sys.stdout.flush()


def _terminal() -> bool:
    import os

    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
