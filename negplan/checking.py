"""Check files: find them, load each once, check it by its kind against its playbook.

:func:`check_paths` is what ``negplan check`` runs; :func:`check_plan` is the same sequence for
the one plan that ``brief``, ``value`` and ``new`` work on. Many files are checked by worker
processes (:mod:`negplan.parallel`); results always come back in input order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from negplan.debriefs import file_hash, plan_path
from negplan.discovery import LoadedPlaybook, PlaybookCache
from negplan.engine import check_debrief_document, check_plan_document, check_playbook_document
from negplan.errors import InputError, NegplanError
from negplan.files import refuse_nul
from negplan.findings import FileProblem, Finding, Severity, sort_findings
from negplan.loader import Document, load
from negplan.models.plan import Plan
from negplan.schema import document_kind, header_findings

if TYPE_CHECKING:
    from negplan.models.debrief import Debrief

YAML_SUFFIXES = (".yaml", ".yml")
#: Below this many files a pool of workers costs more than it saves.
PARALLEL_MIN_FILES = 64
_KIND_LINE = re.compile(r"^kind:\s*['\"]?(plan|playbook|debrief)['\"]?\s*(#.*)?$", re.MULTILINE)


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
    #: A debrief that validated, and the plan it names, as checked (for ``report``).
    debrief: Debrief | None = None
    debriefed: Plan | None = None

    def counts(self) -> dict[Severity, int]:
        """Findings per severity."""
        result = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
        for finding in self.findings:
            result[finding.severity] += 1
        return result


class NotChecked(NegplanError):
    """A file the run could not check: the worker process checking it died (``why`` says
    how, e.g. ``killed by SIGKILL``)."""

    def __init__(self, path: str, why: str) -> None:
        super().__init__(f"not checked: its worker process stopped ({why})", path=path)
        self.why = why


@dataclass(frozen=True)
class CheckOptions:
    """Settings for one run of ``check``."""

    today: date
    playbook: str | None = None
    skip_unknown: bool = False


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
    if kind is None and (not explicit or options.skip_unknown):
        result.skipped = True
        return result
    result.kind = kind
    header = header_findings(doc)
    if header:
        result.findings = sort_findings([*doc.findings, *header])
    elif kind == "playbook":
        _, result.findings = check_playbook_document(doc)
    elif kind == "debrief":
        _check_debrief(doc, result, options=options, cache=cache)
    else:
        _check_plan(doc, result, options=options, cache=cache)
    return result


def _check_plan(
    doc: Document, result: FileResult, *, options: CheckOptions, cache: PlaybookCache
) -> None:
    key = doc.data.get("playbook")
    if isinstance(key, str) and "\0" in key:
        result.error = InputError(
            "the playbook path contains a NUL byte",
            path=doc.path,
            position=doc.index.locate(("playbook",)),
            hint="write the path of the playbook file, relative to the plan",
        )
        return
    source = cache.locate(
        doc.path, explicit=options.playbook, plan_key=key if isinstance(key, str) else None
    )
    result.playbook = source
    try:
        loaded = cache.usable(source)
    except NegplanError as exc:
        result.error = exc
        return
    assert loaded.playbook is not None
    result.plan, result.findings = check_plan_document(doc, loaded.playbook, today=options.today)


def _check_debrief(
    doc: Document, result: FileResult, *, options: CheckOptions, cache: PlaybookCache
) -> None:
    """Check a debrief against the plan it names and that plan's playbook."""
    target = named_plan(doc)
    if isinstance(target, Finding):
        result.findings = sort_findings([*doc.findings, target])
        return
    plan_file, plan_hash, plan_doc = target
    plan_result = check_document(plan_doc, explicit=True, options=options, cache=cache)
    if plan_result.error is not None:
        result.error = plan_result.error
        return
    result.playbook = plan_result.playbook
    if plan_result.plan is None or plan_result.playbook is None:
        result.findings = sort_findings([*doc.findings, _unreadable(doc, plan_file, None)])
        return
    loaded = cache.usable(plan_result.playbook)
    assert loaded.playbook is not None
    result.debrief, result.findings = check_debrief_document(
        doc, plan_result.plan, loaded.playbook, plan_hash=plan_hash, today=options.today
    )
    result.debriefed = plan_result.plan


def named_plan(doc: Document) -> tuple[str, str, Document] | Finding:
    """The plan a debrief document names: its path, content hash and loaded document; or the
    NP801 finding saying why it cannot be read."""
    ref = doc.data.get("plan")
    reference = ref.get("path") if isinstance(ref, dict) else None
    if not isinstance(reference, str) or "\0" in reference:
        return _unreadable(doc, None, "the debrief names no plan")
    plan_file = plan_path(doc.path, reference)
    try:
        plan_hash = file_hash(plan_file)
        plan_doc = load(plan_file)
    except InputError as exc:
        return _unreadable(doc, plan_file, exc.message)
    except FileProblem as problem:
        return _unreadable(doc, plan_file, problem.message)
    if not plan_doc.ok:
        return _unreadable(doc, plan_file, "it does not parse as YAML")
    if document_kind(plan_doc.data) != "plan":
        return _unreadable(doc, plan_file, "it is not a plan (`kind: plan`)")
    return plan_file, plan_hash, plan_doc


def _unreadable(doc: Document, plan_file: str | None, why: str | None) -> Finding:
    pos = doc.index.locate(("plan", "path") if plan_file else ("plan",))
    if plan_file is None:
        message = why or "the debrief names no plan"
        hint = "add `plan: {path: PLAN, hash: HASH}`; `negplan debrief PLAN` writes both"
    elif why is None:
        message = f"the plan {plan_file} is not valid"
        hint = f"run `negplan check {plan_file}` and fix it first"
    else:
        message = f"cannot read the plan {plan_file}: {why}"
        hint = "`plan.path` is relative to the debrief file"
    return Finding(doc.path, pos.line, pos.col, "NP801", Severity.ERROR, message, hint)


def check_file(
    path: str, *, explicit: bool, options: CheckOptions, cache: PlaybookCache
) -> FileResult:
    """Load and check one file. Problems reading it become ``FileResult.error``."""
    try:
        doc = load(path)
    except InputError as exc:
        return FileResult(path, error=exc)
    return check_document(doc, explicit=explicit, options=options, cache=cache)


class CheckedPlan(NamedTuple):
    """One plan checked as ``negplan check`` checks it: the plan (``None`` when it did not
    validate), the playbook it was checked against, the findings and the loaded document."""

    path: str
    plan: Plan | None
    playbook: LoadedPlaybook | None
    findings: list[Finding]
    document: Document


def check_plan(
    path: str, *, playbook: str | None, today: date, cache: PlaybookCache | None = None
) -> CheckedPlan:
    """Check the plan at ``path``, as ``negplan check`` would.

    Raises :class:`NegplanError` when negplan cannot run: the file cannot be read, its playbook
    is invalid, or it is a playbook rather than a plan.
    """
    cache = cache or PlaybookCache()
    if playbook is not None:
        cache.usable(playbook)
    options = CheckOptions(today=today, playbook=playbook)
    doc = load(path)
    result = check_document(doc, explicit=True, options=options, cache=cache)
    if result.error is not None:
        raise result.error
    if result.kind == "playbook":
        raise NegplanError(
            "is a playbook, not a plan", path=path, hint="give a plan file (`kind: plan`)"
        )
    loaded = cache.get(result.playbook) if result.playbook is not None else None
    return CheckedPlan(path, result.plan, loaded, result.findings, doc)


def expand(paths: Iterable[str]) -> Iterator[Item]:
    """Yield ``(file, named_explicitly)`` for each path, recursing into directories.

    A path named here is read even through a symbolic link. Folders are walked in sorted
    order, skipping hidden folders and every symbolic link, to a file or a folder (pre-commit
    hands the hook no links either); only ``*.yaml`` and ``*.yml`` files are yielded from
    them. A missing path, or a folder that cannot be listed, yields an :class:`InputError`.
    """
    for path in paths:
        try:
            refuse_nul(path)
        except InputError as exc:
            yield exc
            continue
        if os.path.isdir(path):
            yield from _walk(path)
        elif os.path.lexists(path) and not os.path.exists(path):
            yield InputError("broken or looping symbolic link", path=path)
        elif not os.path.exists(path):
            yield InputError("no such file or directory", path=path)
        else:
            yield path, True


def _walk(top: str) -> Iterator[Item]:
    """The YAML files in ``top`` and its folders, in the order of ``os.walk``: a folder's
    files, then each of its folders in turn."""
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
            yield InputError(f"cannot list folder: {reason or exc}", path=os.path.normpath(folder))
            continue
        folders = []
        for entry in entries:
            kind = _kind(entry)
            if kind == "folder" and not entry.name.startswith("."):
                folders.append(entry.path)
            elif kind == "file" and entry.name.endswith(YAML_SUFFIXES):
                yield os.path.normpath(entry.path), False
        pending.extend(reversed(folders))


def _kind(entry: os.DirEntry[str]) -> str:
    """``link``, ``folder`` or ``file`` (anything else: reading it says what it is)."""
    try:
        if entry.is_symlink():
            return "link"
        return "folder" if entry.is_dir(follow_symlinks=False) else "file"
    except OSError:  # gone meanwhile: reading it reports that
        return "file"


Task = tuple[str, bool]
Item = Task | NegplanError


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
) -> Generator[FileResult, None, None]:
    """Check the files :func:`expand` listed, in order, one result per item."""
    tasks = [item for item in items if not isinstance(item, NegplanError)]
    workers = min(default_jobs() if jobs is None else jobs, len(tasks))
    results: Iterator[FileResult]
    if workers > 1 and len(tasks) >= PARALLEL_MIN_FILES:
        from negplan.parallel import ordered_map  # worker processes only for many files

        results = ordered_map(
            _check_in_worker,
            tasks,
            jobs=workers,
            initializer=_start_worker,
            initargs=(options,),
            lost=_not_checked,
        )
    else:
        _start_worker(options)
        results = map(_check_task, tasks)
    try:
        for item in items:
            if isinstance(item, NegplanError):
                yield FileResult(item.path or "", error=item)
            else:
                yield next(results)
    finally:
        if isinstance(results, Generator):
            results.close()  # a run stopped early stops its workers now, not at exit


# What each process checks with: the options of the run and its own playbook cache (set in
# the parent, which forked workers inherit; set again in workers that are not forked).
_WORKER: tuple[CheckOptions, PlaybookCache] | None = None


def _start_worker(options: CheckOptions) -> None:
    global _WORKER
    _WORKER = (options, PlaybookCache())


def _check_task(task: Task) -> FileResult:
    assert _WORKER is not None
    options, cache = _WORKER
    path, explicit = task
    return check_file(path, explicit=explicit, options=options, cache=cache)


def _not_checked(task: Task, why: str) -> FileResult:
    path = task[0]
    return FileResult(path, error=NotChecked(path, why))


def _check_in_worker(task: Task) -> FileResult:
    result = _check_task(task)
    # Reports never read them, and they would cost pickling between processes.
    result.plan = result.debrief = result.debriefed = None
    return result
