"""Check many files with a pool of worker processes, streaming results in input order.

The parent checks the first file itself before it starts the workers: that imports the parser
and the validation code and loads the playbook once, and forked workers inherit all of it
instead of each doing it again. Workers send back plain results: findings and errors, never the
validated plan. The parent hands files out in chunks and yields results in the order of the
input, whatever order the workers finish in, so output is the same for any number of workers.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from negplan.errors import NegplanError

if TYPE_CHECKING:
    from negplan.discovery import PlaybookCache
    from negplan.engine import CheckOptions, FileResult, Item

_OPTIONS: CheckOptions | None = None
_CACHE: PlaybookCache | None = None


def _start(options: CheckOptions) -> None:
    global _OPTIONS, _CACHE
    from negplan.discovery import PlaybookCache

    # Ctrl-C reaches the whole process group: the parent stops the pool, workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _CACHE is None or options != _OPTIONS:  # not inherited from the parent (no fork)
        _OPTIONS = options
        _CACHE = PlaybookCache(fast=options.fast)


def _check(task: tuple[str, bool]) -> FileResult:
    from negplan import engine

    assert _OPTIONS is not None and _CACHE is not None
    path, explicit = task
    result = engine.check_file(path, explicit=explicit, options=_OPTIONS, cache=_CACHE)
    result.plan = None
    return result


def _context() -> Any:
    # fork starts workers with everything already imported; elsewhere use the default.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()  # pragma: no cover - not on Linux


def check_in_workers(
    items: list[Item], options: CheckOptions, *, jobs: int
) -> Iterator[FileResult]:
    """Check ``items`` with ``jobs`` worker processes; yield one result per item, in order."""
    global _OPTIONS, _CACHE
    from negplan.discovery import PlaybookCache
    from negplan.engine import FileResult

    tasks = [item for item in items if not isinstance(item, NegplanError)]
    chunk = max(1, min(16, len(tasks) // (jobs * 8)))
    _OPTIONS, _CACHE = options, PlaybookCache(fast=options.fast)
    first = _check(tasks[0]) if tasks else None
    # Objects that exist now live as long as the workers: keep the collector off them, so
    # that the forked workers share those pages instead of copying them.
    gc.freeze()
    try:
        with _context().Pool(jobs, initializer=_start, initargs=(options,)) as pool:
            results = pool.imap(_check, tasks[1:], chunksize=chunk)
            for item in items:
                if isinstance(item, NegplanError):
                    yield FileResult(item.path or "", error=item)
                elif first is not None:
                    yield first
                    first = None
                else:
                    yield next(results)
    finally:
        gc.unfreeze()
        _OPTIONS = _CACHE = None
