"""``negplan diff`` and ``negplan whatif``: what a playbook change does to every plan.

Both build the two playbooks, then run the same code: :func:`compare` lists the changes,
checks and prices every plan under the paths against both, and prints the result.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date

from negplan.checking import CheckOptions, Task, expand
from negplan.commands import collecting_less, parse_today
from negplan.diffing import edits, source
from negplan.diffing.changes import playbook_changes, variant
from negplan.diffing.impact import Setup, measure
from negplan.diffing.output import Diff, write_json
from negplan.discovery import LoadedPlaybook, PlaybookCache, locate
from negplan.errors import NegplanError
from negplan.files import read_text
from negplan.findings import FileProblem
from negplan.models.playbook import Playbook


@collecting_less()
def run_diff(
    playbook: str,
    *,
    against: str | None,
    old: str | None,
    paths: Sequence[str] | None,
    output_format: str,
    strict: bool,
    brief: bool,
    today: str | None,
    jobs: int | None,
) -> int:
    """Compare ``playbook`` with its version at git revision ``against`` or the file
    ``old``; print the changes and their impact on the plans under ``paths``."""
    when = parse_today(today)
    new = source.current(playbook)
    before = source.older(playbook, old=old, against=against)
    diff = compare(playbook, before, new, paths, today=when, strict=strict, jobs=jobs)
    return _write(diff, output_format, brief=brief)


@collecting_less()
def run_whatif(
    settings: Sequence[str],
    *,
    playbook: str | None,
    paths: Sequence[str] | None,
    output_format: str,
    strict: bool,
    brief: bool,
    today: str | None,
    jobs: int | None,
) -> int:
    """Apply ``settings`` (``PATH=VALUE``) to the playbook without touching the file and
    print what ``diff`` would print after that edit."""
    if not settings:
        raise NegplanError(
            "nothing to try: give at least one --set PATH=VALUE",
            hint="e.g. negplan whatif --set discount.authority=8",
        )
    when = parse_today(today)
    path = playbook or _nearest(paths)
    before = PlaybookCache().usable(path)
    after = edits.edited(before, list(settings))
    diff = compare(path, before, after, paths, today=when, strict=strict, jobs=jobs)
    return _write(diff, output_format, brief=brief)


def summarize_changes(
    playbooks: Sequence[str],
    *,
    against: str,
    paths: Sequence[str],
    options: CheckOptions,
    strict: bool,
    jobs: int | None,
) -> None:
    """For ``check --diff-against REV``: the summary of the diff of each of ``playbooks`` that
    changed since ``against``, on stderr. A playbook that is new, invalid now or then, or
    not in git is left out quietly: ``check`` reports what is wrong with it."""
    from negplan.diffing import pages

    for path in playbooks:
        try:
            shown, text = source.git_show(path, against)
            if text == read_text(path):
                continue
            new = source.current(path)
            old = source.usable(source.loaded(shown, text))
        except (NegplanError, FileProblem):
            continue
        diff = compare(path, old, new, paths, today=options.today, strict=strict, jobs=jobs)
        pages.write_text(diff, sys.stderr, brief=True)


def _nearest(paths: Sequence[str] | None) -> str:
    """The playbook plans in the first path would find when they name none."""
    first = (paths or ["."])[0]
    reference = os.path.join(first, "plan.yaml") if os.path.isdir(first) else first
    return locate(reference, explicit=None, plan_key=None)


def compare(
    path: str,
    old: LoadedPlaybook,
    new: LoadedPlaybook,
    paths: Sequence[str] | None,
    *,
    today: date,
    strict: bool,
    jobs: int | None,
) -> Diff:
    """The changes from ``old`` to ``new`` (the playbook at ``path``) and their impact on
    every plan under ``paths`` that uses it (default: the current folder)."""
    assert old.playbook is not None and new.playbook is not None
    changes = playbook_changes(old.playbook, new.playbook, new.document)
    variants: tuple[Playbook, ...] = ()
    if len(changes) > 1:
        variants = tuple(variant(old.playbook, new.playbook, c) for c in changes)
    setup = Setup(
        path, old, new, tuple(c.name for c in changes), variants, today=today, strict=strict
    )
    impact = measure(_tasks(paths), setup, jobs=jobs)
    lost = impact.count("lost")
    if lost:
        raise NegplanError(f"a worker process stopped: {lost} plans were not compared")
    return Diff(path, changes, impact)


def _tasks(paths: Sequence[str] | None) -> list[Task]:
    tasks: list[Task] = []
    for item in expand(paths or ["."]):
        if isinstance(item, NegplanError):
            raise item
        tasks.append(item)
    return tasks


def _write(diff: Diff, output_format: str, *, brief: bool) -> int:
    out = sys.stdout
    if output_format == "json":
        write_json(diff, out)
    elif output_format == "github":
        from negplan.diffing.github import write_github

        write_github(diff, out)
    else:
        from negplan.diffing import pages

        if output_format == "md":
            pages.write_markdown(diff, out, brief=brief)
        else:
            pages.write_text(diff, out, brief=brief)
    out.flush()
    return diff.exit_code
