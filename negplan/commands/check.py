"""``negplan check``: check plans and playbooks, report the findings, say how it went."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from contextlib import closing
from typing import TextIO

from negplan.checking import CheckOptions, FileResult, NotChecked, check_items, expand
from negplan.commands import collecting_less, parse_today
from negplan.discovery import PlaybookCache
from negplan.errors import NegplanError
from negplan.escape import visible
from negplan.progress import progress_bar, wanted
from negplan.report import make_report, resolve_format
from negplan.report.base import Summary


@collecting_less()
def run(
    paths: Sequence[str] | None,
    *,
    playbook: str | None,
    output_format: str,
    strict: bool,
    skip_unknown: bool,
    today: str | None,
    jobs: int | None,
) -> int:
    """Check ``paths`` (default: the current folder), print the report, return the exit
    code. Raises :class:`~negplan.errors.NegplanError` when negplan cannot run."""
    options = CheckOptions(today=parse_today(today), playbook=playbook, skip_unknown=skip_unknown)
    if playbook is not None:
        PlaybookCache().usable(playbook)
    paths = paths or ["."]
    items = list(expand(paths))
    files = sum(1 for item in items if not isinstance(item, NegplanError))
    summary = Summary(strict=strict)
    lost: list[NotChecked] = []
    with progress_bar(files, show=wanted(files)) as ticker:
        report = make_report(resolve_format(output_format), ticker.above(sys.stdout))
        errors = ticker.above(sys.stderr)
        # closing: stopped by an exception (Ctrl-C, a closed pipe), the run stops its workers
        with closing(check_items(items, options, jobs=jobs)) as results:
            for result in results:
                summary.add(result)
                if isinstance(result.error, NotChecked):
                    lost.append(result.error)
                elif result.error is not None:
                    _write_error(errors, result)
                report.file(result)
                ticker.advance()
    report.finish(summary)
    sys.stdout.flush()
    if lost:
        sys.stderr.write(_not_checked_line(lost) + "\n")
    for folder in _without_plans(paths, summary.paths):
        sys.stderr.write(visible(_no_plans(folder)) + "\n")
    return summary.exit_code


def _write_error(errors: TextIO, result: FileResult) -> None:
    assert result.error is not None
    errors.write(result.error.render() + "\n")
    if result.error.hint:
        errors.write(f"hint: {result.error.hint}\n")


#: How many of the files a dead worker left unchecked are named.
_NAMED = 3


def _not_checked_line(lost: list[NotChecked]) -> str:
    """One line for the files that worker processes died on: how many, the first few."""
    why = lost[0].why
    names = ", ".join(error.path or "" for error in lost[:_NAMED])
    more = f" and {len(lost) - _NAMED} more" if len(lost) > _NAMED else ""
    count = f"{len(lost)} file{'s were' if len(lost) != 1 else ' was'} not checked"
    return f"negplan: error: a worker process stopped ({why}); {count}: {names}{more}"


def _without_plans(paths: Sequence[str], seen: list[str]) -> list[str]:
    """The folders among ``paths`` that hold no file that was checked or tried."""
    folders = [path for path in paths if os.path.isdir(path)]
    return [folder for folder in folders if not any(_inside(path, folder) for path in seen)]


def _inside(path: str, folder: str) -> bool:
    relative = os.path.relpath(path, folder)
    return relative != os.pardir and not relative.startswith(os.pardir + os.sep)


def _no_plans(folder: str) -> str:
    """What ``check`` says of a folder with nothing to check. The exit code stays 0, as with
    ruff: a repository, or a pre-commit run, with no plans yet is not a failure."""
    which = "(YAML files with `kind: plan` or `kind: playbook`)"
    if folder == ".":
        return f"warning: no plans or playbooks found in the current folder {which}"
    return f"{folder}: warning: no plans or playbooks found {which}"
