"""``github``: a workflow annotation on each changed line of the playbook, an error where the
change breaks plans ("tightening discount authority to 8% breaks 12 plans: ..."), a notice
elsewhere; then the summary line, and the Markdown report in ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TextIO

from negplan.diffing.changes import Change
from negplan.diffing.output import Diff, plural, summary
from negplan.diffing.pages import markdown
from negplan.escape import annotation_data, annotation_property, visible
from negplan.report.github import repo_path

#: Plans named in one annotation at most.
_NAMED = 5


def annotation(diff: Diff, change: Change, environ: Mapping[str, str] | None = None) -> str:
    """The workflow command for one change: an error on its line when it breaks plans
    (``tightening discount authority to 8% breaks 12 plans: ...``), else a notice."""
    broken = diff.breaks(change)
    if broken:
        names = ", ".join(visible(repo_path(p, environ)) for p in broken[:_NAMED])
        more = f" and {len(broken) - _NAMED} more" if len(broken) > _NAMED else ""
        command, message = "error", f"{change.words} breaks {plural(len(broken), 'plan')}: "
        message += names + more
    else:
        command, message = "notice", f"{change.words} (was {change.old}); breaks no plan"
    properties = ",".join(
        f"{name}={annotation_property(value)}"
        for name, value in (
            ("file", repo_path(diff.playbook, environ)),
            ("line", str(change.line)),
            ("title", "negplan diff"),
        )
    )
    return f"::{command} {properties}::{annotation_data(message)}"


def write_github(diff: Diff, out: TextIO, environ: Mapping[str, str] | None = None) -> None:
    """An annotation per change on the playbook's lines, the summary line, and the
    Markdown report appended to ``$GITHUB_STEP_SUMMARY`` when it is set."""
    env = os.environ if environ is None else environ
    for change in diff.changes:
        out.write(annotation(diff, change, env) + "\n")
    out.write(f"negplan: {summary(diff)}\n")
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(markdown(diff, brief=False))
    except OSError as exc:
        sys.stderr.write(
            f"{visible(target)}: error: cannot write the step summary: "
            f"{visible(exc.strerror or str(exc))}\n"
        )
