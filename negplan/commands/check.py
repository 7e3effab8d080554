"""``negplan check``: check plans and playbooks."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from negplan.report import OutputFormat, Report


def parse_today(value: str | None) -> date:
    """``--today`` as a date (default: the real today)."""
    if value is None:
        return date.today()
    from negplan.errors import NegplanError

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise NegplanError(
            f"--today: '{value}' is not a date", hint="write the date as YYYY-MM-DD"
        ) from None


def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Plan or playbook files, or folders to search for *.yaml / *.yml.",
            show_default=False,
        ),
    ] = None,
    playbook: Annotated[
        str | None,
        typer.Option(
            "--playbook",
            "-p",
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
        typer.Option(help="Date to check meeting dates against, YYYY-MM-DD (default: today)."),
    ] = None,
) -> None:
    """Check plans and playbooks; exit 0 when clean, 1 on failing findings, 2 when negplan
    cannot run (missing file, invalid playbook, bad option)."""
    from negplan.cli import err, guard
    from negplan.engine import CheckOptions, check_paths
    from negplan.report import Summary, resolve_format

    with guard():
        options = CheckOptions(
            today=parse_today(today), playbook=playbook, skip_unknown=skip_unknown
        )
        if playbook is not None:
            from negplan.discovery import PlaybookCache

            PlaybookCache().usable(playbook)
        chosen = resolve_format(output_format)
        report = _report(chosen)
        summary = Summary(strict=strict)
        for result in check_paths(paths or ["."], options):
            summary.add(result)
            if result.error is not None:
                err(result.error.render())
                if result.error.hint:
                    err(f"hint: {result.error.hint}")
            report.file(result)
        report.finish(summary)
        sys.stdout.flush()
        raise typer.Exit(summary.exit_code)


def _report(chosen: OutputFormat) -> Report:
    if chosen is OutputFormat.JSON:
        from negplan.report.json import JsonReport

        return JsonReport(sys.stdout)
    if chosen is OutputFormat.PARSABLE:
        from negplan.report.parsable import ParsableReport

        return ParsableReport(sys.stdout)
    if chosen is OutputFormat.GITHUB:
        from negplan.report.github import GithubReport

        return GithubReport(sys.stdout)
    if chosen is OutputFormat.SARIF:
        from negplan.report.sarif import SarifReport

        return SarifReport(sys.stdout)
    from negplan.report.text import TextReport

    return TextReport(sys.stdout)
