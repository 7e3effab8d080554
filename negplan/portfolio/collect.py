"""Collect the facts of every plan under some paths: from the cache where it has them, else
by checking the plan as ``negplan check`` does (:func:`negplan.checking.check_document`), in
worker processes for many files (:func:`negplan.parallel.ordered_map`). Facts come back in the
order :func:`negplan.checking.expand` lists the files, whatever the number of workers.

A worker sends each file's facts back as a compact row (:mod:`negplan.portfolio.rows`), the
same the cache keeps; the main process reads each row once, as it arrives, into facts that
share their common values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from negplan.checking import (
    PARALLEL_MIN_FILES,
    CheckOptions,
    FileResult,
    Item,
    check_document,
    default_jobs,
)
from negplan.debriefs import has_debrief, plan_path, remember_names
from negplan.discovery import PlaybookCache
from negplan.errors import InputError, NegplanError
from negplan.loader import Document, load
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook
from negplan.portfolio.cache import NO_FILE, Entry, FactCache, playbook_digest
from negplan.portfolio.debrief_facts import DebriefFacts, debrief_facts, invalid_debrief_facts
from negplan.portfolio.facts import PlanFacts, invalid_facts, plan_facts
from negplan.portfolio.rows import Facts, Reader, encode


@dataclass
class Collected:
    """The facts of every plan and debrief found, and the files that could not be read."""

    facts: list[PlanFacts] = field(default_factory=list)
    debriefs: list[DebriefFacts] = field(default_factory=list)
    unread: list[NegplanError] = field(default_factory=list)
    #: Files taken from the cache without being read.
    cached: int = 0


class _Task(NamedTuple):
    path: str
    explicit: bool
    sha: str | None


class _Done(NamedTuple):
    entry: Entry | None
    error: NegplanError | None = None


def collect(
    items: list[Item],
    *,
    options: CheckOptions,
    jobs: int | None,
    cache: FactCache | None,
    advance: Callable[[], None] = lambda: None,
) -> Collected:
    """The facts of every plan and debrief among ``items`` (what
    :func:`~negplan.checking.expand` listed), in their order."""
    out = Collected()
    locator = PlaybookCache()
    reader = Reader()
    if cache is not None:  # looking beside a plan for its debrief: those cached are not parsed
        remember_names(cache.debrief_names())
    slots: list[Facts | NegplanError | _Task | None] = []
    for item in items:
        if isinstance(item, NegplanError):
            slots.append(item)
            continue
        path, explicit = item
        sha = _digest(cache, path)
        hit = _lookup(cache, sha, path, options, locator, reader) if sha is not None else None
        slots.append(hit.facts if hit is not None else _Task(path, explicit, sha))
        if hit is not None:
            out.cached += 1
            advance()
    tasks = [slot for slot in slots if isinstance(slot, _Task)]
    done = _check(tasks, options=options, jobs=jobs)
    learnt: list[tuple[str, Entry]] = []
    for slot in slots:
        if isinstance(slot, _Task):
            task, result = slot, next(done)
            advance()
            if result.entry is not None and task.sha is not None:
                learnt.append((task.sha, _with_plan_sha(cache, task.path, result.entry)))
            _keep(out, result.error or _read(reader, result.entry))
        else:
            _keep(out, slot)
    if cache is not None:
        cache.save(learnt)
    return out


def _read(reader: Reader, entry: Entry | None) -> Facts | None:
    """The facts of a checked file (None for a file that is neither a plan nor a debrief)."""
    if entry is None or entry.row is None:
        return None
    return reader.decode(entry.row)


def _keep(out: Collected, found: Facts | NegplanError | None) -> None:
    """File a checked or cached file's facts, or its error, where they belong."""
    if isinstance(found, NegplanError):
        out.unread.append(found)
    elif isinstance(found, DebriefFacts):
        out.debriefs.append(found)
    elif found is not None:
        out.facts.append(found)


def _digest(cache: FactCache | None, path: str) -> str | None:
    if cache is None:
        return None
    try:
        return cache.digest(path)
    except OSError:
        return None  # reading it reports the problem


def _plan_digest(cache: FactCache | None, path: str, reference: str) -> str:
    """The content hash of the plan a debrief at ``path`` names (:data:`NO_FILE` when it
    cannot be read)."""
    return _digest(cache, plan_path(path, reference)) or NO_FILE


def _with_plan_sha(cache: FactCache | None, path: str, entry: Entry) -> Entry:
    """A debrief's entry with the content hash of its plan, for the cache."""
    if entry.reference is None:
        return entry
    return Entry(
        entry.row,
        entry.plan_key,
        entry.playbook,
        entry.reference,
        _plan_digest(cache, path, entry.reference),
    )


class _Hit(NamedTuple):
    facts: Facts | None


def _lookup(
    cache: FactCache | None,
    sha: str,
    path: str,
    options: CheckOptions,
    locator: PlaybookCache,
    reader: Reader,
) -> _Hit | None:
    """The cached facts for this content, day and version whose playbook is still the one
    the file would be checked with, whose debrief's plan is unchanged, and whose plan still
    has (or lacks) a debrief beside it (None when there are none: the file is checked)."""
    assert cache is not None
    for entry in cache.candidates(sha):
        where = path if entry.reference is None else plan_path(path, entry.reference)
        if entry.playbook != playbook_digest(None):
            source = locator.locate(where, explicit=options.playbook, plan_key=entry.plan_key)
            if playbook_digest(source) != entry.playbook:
                continue
        if entry.reference is not None and (
            _plan_digest(cache, path, entry.reference) != entry.plan_sha
        ):
            continue
        if entry.beside is not None and has_debrief(path) != entry.beside:
            continue
        try:
            facts = _read(reader, entry)
        except ValueError:
            continue  # a damaged entry: the file is checked again and its entry replaced
        return _Hit(_relocated(facts, path))
    return None


def _relocated(facts: Facts | None, path: str) -> Facts | None:
    if isinstance(facts, DebriefFacts):
        return facts.at(path, plan_path(path, facts.reference))
    return facts.at(path) if facts is not None else None


def _check(tasks: list[_Task], *, options: CheckOptions, jobs: int | None) -> Iterator[_Done]:
    workers = min(default_jobs() if jobs is None else jobs, len(tasks))
    if workers > 1 and len(tasks) >= PARALLEL_MIN_FILES:
        from negplan.parallel import ordered_map  # worker processes only for many files

        return ordered_map(
            _facts_of,
            tasks,
            jobs=workers,
            initializer=_start_worker,
            initargs=(options,),
            lost=_lost,
        )
    _start_worker(options)
    return map(_facts_of, tasks)


# What each process checks with (set in the parent, inherited by forked workers).
_WORKER: tuple[CheckOptions, PlaybookCache] | None = None


def _start_worker(options: CheckOptions) -> None:
    global _WORKER
    _WORKER = (options, PlaybookCache())


def _lost(task: _Task, why: str) -> _Done:
    return _Done(
        None, NegplanError(f"not read: its worker process stopped ({why})", path=task.path)
    )


def _facts_of(task: _Task) -> _Done:
    """Check one file and keep its facts (None when it is neither a plan nor a debrief)."""
    assert _WORKER is not None
    options, playbooks = _WORKER
    try:
        doc = load(task.path)
    except InputError as exc:
        return _Done(None, exc)
    result = check_document(doc, explicit=task.explicit, options=options, cache=playbooks)
    if result.error is not None:
        return _Done(None, result.error)
    if result.kind == "debrief" and not result.skipped:
        return _Done(_debrief_entry(task.path, doc, result, playbooks))
    plan_key = _key(doc)
    is_plan = result.kind == "plan" or (not doc.ok and bool(result.findings))
    if result.skipped or not is_plan:
        return _Done(Entry(None, plan_key, playbook_digest(None)))
    if result.plan is None or result.playbook is None:
        facts = invalid_facts(task.path, result.findings)
        return _Done(Entry(encode(facts), plan_key, playbook_digest(result.playbook)))
    loaded = playbooks.get(result.playbook)
    assert loaded.playbook is not None
    facts = plan_facts(
        task.path, result.plan, loaded.playbook, result.findings, today=options.today
    )
    beside = _beside(task.path, result.plan, loaded.playbook, today=options.today)
    row = encode(facts)
    return _Done(Entry(row, plan_key, playbook_digest(result.playbook), beside=beside))


def _key(doc: Document) -> str | None:
    """The document's ``playbook:`` key, when it is a text."""
    data = doc.data if isinstance(doc.data, dict) else {}
    key = data.get("playbook")
    return key if isinstance(key, str) else None


def _beside(path: str, plan: Plan, playbook: Playbook, *, today: dt.date) -> bool | None:
    """Whether a debrief of the plan lies beside it, for a plan whose meeting is past due
    (what NP809 asked); None for the others, which did not ask."""
    meeting = plan.deal.meeting
    due = playbook.requirements.debrief_days
    if meeting is None or meeting + dt.timedelta(days=due) >= today:
        return None
    return has_debrief(path)


def _debrief_entry(path: str, doc: Document, result: FileResult, playbooks: PlaybookCache) -> Entry:
    """The entry of a debrief: its facts against the plan it names, that plan's
    ``playbook:`` key and playbook."""
    data = doc.data if isinstance(doc.data, dict) else {}
    ref = data.get("plan")
    reference = ref.get("path") if isinstance(ref, dict) else None
    reference = reference if isinstance(reference, str) and "\0" not in reference else ""
    plan_file = plan_path(path, reference) if reference else ""
    digest = playbook_digest(result.playbook)
    plan, debrief = result.debriefed, result.debrief
    if debrief is None or plan is None or result.playbook is None:
        facts = invalid_debrief_facts(path, result.findings, reference=reference)
        return Entry(encode(facts), plan.playbook if plan else None, digest, reference or None)
    loaded = playbooks.get(result.playbook)
    assert loaded.playbook is not None
    facts = debrief_facts(
        path, debrief, plan, loaded.playbook, result.findings, plan_file=plan_file
    )
    return Entry(encode(facts), plan.playbook, digest, reference)
