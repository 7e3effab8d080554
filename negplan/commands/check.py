"""``negplan check``: check plans and playbooks."""

from __future__ import annotations

from typing import Annotated

import typer

from negplan.commands.check_run import parse_today, run_check
from negplan.report import OutputFormat

__all__ = ["check", "parse_today"]


def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH...",
            help="Plan or playbook files, or folders to search for *.yaml / *.yml.",
            show_default=False,
        ),
    ] = None,
    playbook: Annotated[
        str | None,
        typer.Option(
            "--playbook",
            "-p",
            metavar="FILE",
            help="Check plans against this playbook instead of discovering one.",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="auto: github under GitHub Actions, text on a terminal, parsable otherwise.",
            case_sensitive=False,
        ),
    ] = OutputFormat.AUTO,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    skip_unknown: Annotated[
        bool,
        typer.Option(
            "--skip-unknown",
            help="Skip named files that are not plans or playbooks instead of reporting "
            "them (for pre-commit, which passes every YAML file).",
        ),
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="Date to check meeting dates against, YYYY-MM-DD (default: today)."
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Worker processes for many files (default: one per core; 1 checks in this "
            "process).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check plans and playbooks; exit 0 when clean, 1 on failing findings, 2 when negplan
    cannot run (missing file, invalid playbook, bad option)."""
    from negplan.cli import guard

    with guard():
        code = run_check(
            paths,
            playbook=playbook,
            output_format=output_format,
            strict=strict,
            skip_unknown=skip_unknown,
            today=today,
            jobs=jobs,
        )
    raise typer.Exit(code)
