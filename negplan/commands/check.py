"""``negplan check``: check plans and playbooks, report the findings, say how it went."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from negplan.checking import CheckOptions, check_items, expand
from negplan.commands import collecting_less, parse_today
from negplan.discovery import PlaybookCache
from negplan.errors import NegplanError
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
    with progress_bar(files, show=wanted(files)) as ticker:
        report = make_report(resolve_format(output_format), ticker.above(sys.stdout))
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
    for folder in _without_plans(paths, summary.paths):
        sys.stderr.write(_no_plans(folder) + "\n")
    return summary.exit_code


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
