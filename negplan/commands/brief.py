"""``negplan brief``: the one-page prep brief of a plan, as Markdown, HTML or PDF.

This module declares the typer command; :func:`~negplan.commands.brief_run.run_brief`, which
the fast entry point (:mod:`negplan.fastcli`) calls as well, does the work.
"""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from negplan.commands.brief_run import run_brief

__all__ = ["BriefFormat", "Paper", "brief"]


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
    from negplan.cli import guard

    with guard():
        code = run_brief(
            plan,
            output_format=output_format.value,
            output=output,
            force=force,
            redact=redact,
            strict=strict,
            playbook=playbook,
            today=today,
            paper=paper.value,
        )
    raise typer.Exit(code)
