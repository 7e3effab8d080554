"""The body of ``negplan check``, shared by the typer command and the fast entry point
(:mod:`negplan.fastcli`); it imports neither typer nor pydantic."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # imported when checking: ``brief`` needs this module, not the reports
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


@contextmanager
def collecting_less() -> Iterator[None]:
    """Run the garbage collector less often than every 700 allocations: checking (and
    importing what it needs) allocates many short-lived objects and next to no cycles."""
    thresholds = gc.get_threshold()
    gc.set_threshold(20_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@collecting_less()
def run_check(
    paths: Sequence[str] | None,
    *,
    playbook: str | None,
    output_format: OutputFormat,
    strict: bool,
    skip_unknown: bool,
    today: str | None,
    jobs: int | None,
) -> int:
    """Check ``paths`` (default: the current folder), print the report, return the exit
    code. Raises :class:`~negplan.errors.NegplanError` when negplan cannot run."""
    from negplan.discovery import PlaybookCache
    from negplan.engine import CheckOptions, check_items, expand
    from negplan.errors import NegplanError
    from negplan.progress import progress_bar, wanted
    from negplan.report import Summary, resolve_format

    options = CheckOptions(
        today=parse_today(today), playbook=playbook, skip_unknown=skip_unknown, fast=True
    )
    if playbook is not None:
        PlaybookCache(fast=True).usable(playbook)
    chosen = resolve_format(output_format)
    items = list(expand(paths or ["."]))
    files = sum(1 for item in items if not isinstance(item, NegplanError))
    summary = Summary(strict=strict)
    with progress_bar(files, show=wanted(files)) as ticker:
        report = _report(chosen, ticker.above(sys.stdout))
        errors = ticker.above(sys.stderr)
        for result in check_items(items, options, jobs=jobs):
            summary.add(result)
            if result.error is not None:
                errors.write(result.error.render() + "\n")
                if result.error.hint:
                    errors.write(f"hint: {result.error.hint}\n")
            report.file(result)
            ticker.advance()
    report.finish(summary)
    sys.stdout.flush()
    return summary.exit_code


def _report(chosen: OutputFormat, out: TextIO) -> Report:
    from negplan.report import OutputFormat

    if chosen is OutputFormat.JSON:
        from negplan.report.json import JsonReport

        return JsonReport(out)
    if chosen is OutputFormat.PARSABLE:
        from negplan.report.parsable import ParsableReport

        return ParsableReport(out)
    if chosen is OutputFormat.GITHUB:
        from negplan.report.github import GithubReport

        return GithubReport(out)
    if chosen is OutputFormat.SARIF:
        from negplan.report.sarif import SarifReport

        return SarifReport(out)
    from negplan.report.text import TextReport

    return TextReport(out)
