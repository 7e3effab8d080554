"""Check many files with worker processes, streaming results in input order.

The parent checks the first file itself before it starts the workers: that imports the parser
and the validation code and loads the playbook once, and forked workers inherit all of it
instead of each doing it again. The parent then hands out the other files in chunks, two
chunks ahead per worker, and yields results in the order of the input whatever order the
workers finish in, so output is the same for any number of workers.

Workers send back plain results (findings and errors, never the validated plan), one pickled
message per chunk over their own pipe. The parent waits on those pipes directly, without the
helper threads of :class:`multiprocessing.pool.Pool`: on a machine with as many workers as
cores, every moment the parent spends is taken from a worker.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import pickle
import signal
from collections.abc import Generator, Iterator
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, cast

from negplan.errors import NegplanError

if TYPE_CHECKING:
    from negplan.discovery import PlaybookCache
    from negplan.engine import CheckOptions, FileResult, Item

Task = tuple[str, bool]

#: Chunks a worker holds at once: one it works on, one waiting, so it never idles.
AHEAD = 2

_OPTIONS: CheckOptions | None = None
_CACHE: PlaybookCache | None = None


class WorkerError(RuntimeError):
    """A worker process failed or stopped before sending all its results."""


def _check(task: Task) -> FileResult:
    from negplan import engine

    assert _OPTIONS is not None and _CACHE is not None
    path, explicit = task
    result = engine.check_file(path, explicit=explicit, options=_OPTIONS, cache=_CACHE)
    result.plan = None
    return result


def _serve(conn: Connection, options: CheckOptions) -> None:
    """A worker: check each chunk the parent sends, answer ``(index, results)``."""
    global _OPTIONS, _CACHE
    from negplan.discovery import PlaybookCache

    # Ctrl-C reaches the whole process group: the parent stops the workers, they stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _CACHE is None or options != _OPTIONS:  # not inherited from the parent (no fork)
        _OPTIONS = options
        _CACHE = PlaybookCache(fast=options.fast)
    while True:
        message = conn.recv()
        if message is None:
            break
        index, tasks = message
        try:
            answer: Any = (index, [_check(task) for task in tasks])
        except BaseException as exc:  # a bug: report it rather than vanish
            answer = (index, WorkerError(f"{type(exc).__name__}: {exc}"))
        conn.send_bytes(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    conn.close()


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

    tasks: list[Task] = [item for item in items if not isinstance(item, NegplanError)]
    _OPTIONS, _CACHE = options, PlaybookCache(fast=options.fast)
    first = [_check(tasks[0])] if tasks else []
    size = max(1, min(16, len(tasks) // (jobs * 8)))
    chunks = [tasks[i : i + size] for i in range(1, len(tasks), size)]
    # Objects that exist now live as long as the workers: keep the collector off them, so
    # that the forked workers share those pages instead of copying them.
    gc.freeze()
    results = _results(chunks, options, jobs=jobs)
    try:
        for item in items:
            if isinstance(item, NegplanError):
                yield FileResult(item.path or "", error=item)
            elif first:
                yield first.pop()
            else:
                yield next(results)
    finally:
        results.close()  # stops the workers, also when the caller stops early
        gc.unfreeze()
        _OPTIONS = _CACHE = None


def _results(
    chunks: list[list[Task]], options: CheckOptions, *, jobs: int
) -> Generator[FileResult, None, None]:
    """The results of every chunk, in order, from ``jobs`` workers."""
    if not chunks:
        return
    context = _context()
    # Each worker's pipe, with how many chunks it holds that have not come back yet.
    workers: dict[Connection, Any] = {}
    holding: dict[Connection, int] = {}
    queue = iter(range(len(chunks)))
    done: dict[int, list[FileResult]] = {}
    finished = False
    try:
        for _ in range(min(jobs, len(chunks))):
            parent_end, child_end = context.Pipe()
            process = context.Process(target=_serve, args=(child_end, options), daemon=True)
            process.start()
            child_end.close()
            workers[parent_end] = process
            holding[parent_end] = 0
        for conn in workers:
            for _ in range(AHEAD):
                _hand_out(conn, queue, chunks, holding)
        for wanted in range(len(chunks)):
            while wanted not in done:
                for ready in wait([c for c, n in holding.items() if n]):
                    conn = cast(Connection, ready)
                    index, answer = _receive(conn)
                    if isinstance(answer, WorkerError):
                        raise answer
                    done[index] = answer
                    holding[conn] -= 1
                    _hand_out(conn, queue, chunks, holding)
            yield from done.pop(wanted)
        finished = True
    finally:
        _stop(workers, gently=finished)


def _hand_out(
    conn: Connection, queue: Iterator[int], chunks: list[list[Task]], holding: dict[Connection, int]
) -> None:
    """Send the next chunk to a worker, if any is left."""
    index = next(queue, None)
    if index is not None:
        try:
            conn.send((index, chunks[index]))
        except OSError:  # BrokenPipeError and the like: the worker has died
            raise WorkerError("a worker process stopped unexpectedly") from None
        holding[conn] += 1


def _receive(conn: Connection) -> tuple[int, Any]:
    try:
        data = conn.recv_bytes()
    except (EOFError, OSError):
        raise WorkerError("a worker process stopped unexpectedly") from None
    answer: tuple[int, Any] = pickle.loads(data)
    return answer


def _stop(workers: dict[Connection, Any], *, gently: bool) -> None:
    """Let idle workers exit; stop them at once when the run was cut short."""
    for conn, process in workers.items():
        if gently:
            with contextlib.suppress(OSError):  # the worker is gone already
                conn.send(None)
            process.join(timeout=5)
        if process.is_alive():
            process.terminate()
            process.join()
        conn.close()
