"""Run the checks: load each file, validate it, apply the playbook's rule settings, run rules.

Files are checked one after the other, or, for many files, by a pool of worker processes
(:mod:`negplan.parallel`); results always come back in input order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, cast

from negplan.discovery import PlaybookCache, validate_playbook
from negplan.errors import InputError, NegplanError
from negplan.findings import Finding, Severity, sort_findings
from negplan.loader import Document, load
from negplan.rules import RULES
from negplan.rules.base import Check, Issue, PlanContext, PlaybookContext, Rule
from negplan.schema import document_kind, header_findings, unknown_key_findings, validate

if TYPE_CHECKING:
    from negplan.models.plan import Plan
    from negplan.models.playbook import Playbook

YAML_SUFFIXES = (".yaml", ".yml")
_KIND_LINE = re.compile(r"^kind:\s*['\"]?(plan|playbook)['\"]?\s*(#.*)?$", re.MULTILINE)


@dataclass
class FileResult:
    """The outcome of checking one file."""

    path: str
    kind: str | None = None
    findings: list[Finding] = field(default_factory=list)
    playbook: str | None = None
    error: NegplanError | None = None
    plan: Plan | None = None
    skipped: bool = False

    def counts(self) -> dict[Severity, int]:
        """Findings per severity."""
        result = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
        for finding in self.findings:
            result[finding.severity] += 1
        return result


@dataclass(frozen=True)
class CheckOptions:
    """Settings for one run of ``check``."""

    today: date
    playbook: str | None = None
    skip_unknown: bool = False
    #: Validate with records (:mod:`negplan.records`) where they can decide, as ``check``
    #: does; the findings are the same, only faster to reach. ``FileResult.plan`` is then a
    #: record rather than a model.
    fast: bool = False


def severity_for(rule: Rule, playbook: Playbook | None) -> Severity:
    """The rule's severity after the playbook's overrides."""
    if playbook is not None and rule.configurable:
        return playbook.rules.get(rule.code, rule.severity)
    return rule.severity


def _run(target: str, context: object, doc: Document, playbook: Playbook | None) -> list[Finding]:
    findings: list[Finding] = []
    issue: Issue
    for rule, check, severity in _active(target, playbook):
        for issue in check(context):
            pos = doc.index.locate(issue.path, key=issue.key)
            findings.append(
                Finding(doc.path, pos.line, pos.col, rule.code, severity, issue.message, issue.hint)
            )
    return findings


def _rules_for(target: str) -> list[Rule]:
    found = _BY_TARGET.get(target)
    if found is None:
        found = _BY_TARGET[target] = [r for r in RULES.values() if r.target == target]
    return found


_BY_TARGET: dict[str, list[Rule]] = {}
Active = list[tuple[Rule, Check, Severity]]


def _active(target: str, playbook: Playbook | None) -> Active:
    """The rules to run on ``target`` under ``playbook``, with their severities; worked out
    once per playbook (a run checks many plans against the same one)."""
    key = (target, id(playbook))
    cached = _ACTIVE.get(key)
    if cached is not None and cached[0] is playbook:
        return cached[1]
    active: Active = []
    for rule in _rules_for(target):
        severity = severity_for(rule, playbook)
        if severity is not Severity.OFF and rule.check is not None:
            active.append((rule, rule.check, severity))
    if len(_ACTIVE) >= 64:
        _ACTIVE.clear()
    _ACTIVE[key] = (playbook, active)
    return active


# Keyed by the playbook's identity, holding the playbook so that the identity stays its own.
_ACTIVE: dict[tuple[str, int], tuple[Playbook | None, Active]] = {}


def check_playbook_document(
    doc: Document, *, fast: bool = False
) -> tuple[Playbook | None, list[Finding]]:
    """Validate a playbook and run the NP9xx rules on it."""
    playbook, findings = validate_playbook(doc, fast=fast)
    if playbook is not None:
        findings += _run("playbook", PlaybookContext(playbook), doc, playbook)
    return playbook, sort_findings(findings)


def validate_plan(doc: Document, *, fast: bool = False) -> tuple[Plan | None, list[Finding]]:
    """Validate a plan document: the plan (or None) and the schema findings."""
    if fast:
        from negplan import records

        record = records.validate(doc.data, "Plan")
        if record is not None:
            return cast("Plan", record), []
        unknown = records.extra_keys(doc.data, "Plan")
        if unknown is not None:
            return None, unknown_key_findings(doc, "Plan", unknown)
    from negplan.models.plan import Plan

    plan: Plan | None
    plan, findings = validate(doc, Plan)
    return plan, findings


def check_plan_document(
    doc: Document, playbook: Playbook, *, today: date, fast: bool = False
) -> tuple[Plan | None, list[Finding]]:
    """Validate a plan and run the plan rules against ``playbook``."""
    plan, findings = validate_plan(doc, fast=fast)
    findings = [*doc.findings, *findings]
    if plan is not None:
        # Rules may take shortcuts from the text on the fast path only, so that the
        # straightforward path stays a full reference for it.
        context = PlanContext(plan, playbook, today, doc.text if fast else None)
        findings += _run("plan", context, doc, playbook)
    return plan, sort_findings(findings)


def check_document(
    doc: Document, *, explicit: bool, options: CheckOptions, cache: PlaybookCache
) -> FileResult:
    """Check one loaded document by its kind."""
    result = FileResult(doc.path)
    if not doc.ok:
        # The file did not parse: report it if it was named, or if it looks like ours.
        if explicit and not options.skip_unknown:
            result.findings = list(doc.findings) or header_findings(doc)
        elif doc.text is not None and _KIND_LINE.search(doc.text):
            result.findings = list(doc.findings)
        else:
            result.skipped = True
        return result
    kind = document_kind(doc.data)
    if kind is None:
        if not explicit or options.skip_unknown:
            result.skipped = True
            return result
        result.findings = sort_findings([*doc.findings, *header_findings(doc)])
        return result
    result.kind = kind
    header = header_findings(doc)
    if header:
        result.findings = sort_findings([*doc.findings, *header])
        return result
    if kind == "playbook":
        _, result.findings = check_playbook_document(doc, fast=options.fast)
        return result
    key = doc.data.get("playbook")
    source = cache.locate(
        doc.path, explicit=options.playbook, plan_key=key if isinstance(key, str) else None
    )
    result.playbook = source
    try:
        loaded = cache.usable(source)
    except NegplanError as exc:
        result.error = exc
        return result
    assert loaded.playbook is not None
    result.plan, result.findings = check_plan_document(
        doc, loaded.playbook, today=options.today, fast=options.fast
    )
    return result


def check_file(
    path: str, *, explicit: bool, options: CheckOptions, cache: PlaybookCache
) -> FileResult:
    """Load and check one file. Problems reading it become ``FileResult.error``."""
    try:
        doc = load(path)
    except InputError as exc:
        return FileResult(path, error=exc)
    return check_document(doc, explicit=explicit, options=options, cache=cache)


def expand(paths: Iterable[str]) -> Iterator[tuple[str, bool] | NegplanError]:
    """Yield ``(file, named_explicitly)`` for each path, recursing into directories.

    Directories are walked in sorted order, skipping hidden folders; only ``*.yaml`` and
    ``*.yml`` files are yielded from them. A missing path yields an :class:`InputError`.
    """
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(YAML_SUFFIXES):
                        yield os.path.normpath(os.path.join(root, name)), False
        elif os.path.lexists(path) and not os.path.exists(path):
            yield InputError("broken or looping symbolic link", path=path)
        elif not os.path.exists(path):
            yield InputError("no such file or directory", path=path)
        else:
            yield path, True


#: Below this many files a pool of workers costs more than it saves.
PARALLEL_MIN_FILES = 64

Item = tuple[str, bool] | NegplanError


def default_jobs() -> int:
    """How many worker processes to use: one per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def check_paths(
    paths: Iterable[str], options: CheckOptions, *, jobs: int | None = 1
) -> Iterator[FileResult]:
    """Check every file under ``paths``, in order, one result per file.

    ``jobs`` is the number of worker processes (``None``: one per core); workers are only
    used for :data:`PARALLEL_MIN_FILES` files or more.
    """
    return check_items(list(expand(paths)), options, jobs=jobs)


def check_items(
    items: list[Item], options: CheckOptions, *, jobs: int | None = 1
) -> Iterator[FileResult]:
    """Check the files :func:`expand` listed, in order, one result per item."""
    workers = default_jobs() if jobs is None else jobs
    files = sum(1 for item in items if not isinstance(item, NegplanError))
    if workers > 1 and files >= PARALLEL_MIN_FILES:
        from negplan.parallel import check_in_workers

        return check_in_workers(items, options, jobs=min(workers, files))
    return _check_in_order(items, options)


def _check_in_order(items: list[Item], options: CheckOptions) -> Iterator[FileResult]:
    cache = PlaybookCache(fast=options.fast)
    for item in items:
        if isinstance(item, NegplanError):
            yield FileResult(item.path or "", error=item)
            continue
        path, explicit = item
        yield check_file(path, explicit=explicit, options=options, cache=cache)
