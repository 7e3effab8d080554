"""An ordered map over worker processes, on the standard library's process pool.

:func:`ordered_map` yields ``func(item)`` for every item, in input order, as the results
come in: output is the same for any number of workers. It knows nothing of negplan.

- The parent runs the initializer and computes the first item itself before any worker
  starts: that imports and loads whatever ``func`` needs once. Where ``fork`` exists the
  workers are forked from that warm parent and inherit it all (the collector is kept off
  those objects so that the pages stay shared); elsewhere each worker runs the initializer.
- The other items go out in chunks, so that the cost of a task is not paid per item.
- ``func`` raising ends the run with :class:`WorkerError`. So does a worker dying (a signal
  from outside such as the OOM killer's, ``os._exit``), unless the caller passes ``lost``:
  then every item whose result died with the pool comes back as ``lost(item, why)`` in its
  place, and every result the workers had returned is still yielded.
- Stopping early (closing the generator), Ctrl-C, SIGTERM and SIGHUP to the parent stop and
  reap every worker before the exception goes on; on Linux a worker also dies with its parent.

It uses :class:`concurrent.futures.ProcessPoolExecutor` rather than
:class:`multiprocessing.pool.Pool` because the executor notices a worker that dies and fails
the run (``BrokenProcessPool``), where ``Pool`` quietly replaces the worker and waits forever
for the task it held.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from negplan.stopping import signals_raise

T = TypeVar("T")
R = TypeVar("R")

#: Largest number of items sent to a worker as one task.
MAX_CHUNK = 16
#: From ``<linux/prctl.h>``: the signal a process gets when its parent dies.
PR_SET_PDEATHSIG = 1
#: The signals that stop a run from outside: Ctrl-C, SIGTERM and SIGHUP.
_STOPPING = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


class WorkerError(RuntimeError):
    """``func`` raised, or a worker process stopped before returning all its results."""


def ordered_map(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    chunksize: int | None = None,
    lost: Callable[[T, str], R] | None = None,
) -> Iterator[R]:
    """Yield ``func(item)`` for each of ``items`` in order, computed by ``jobs`` workers.

    ``func`` and ``initializer`` must be module-level functions (they are sent to the
    workers by name). ``initializer(*initargs)`` runs in the parent before the first item,
    and in each worker only where workers are not forked. ``chunksize`` defaults to about
    an eighth of each worker's share, at most :data:`MAX_CHUNK`. When a worker process dies,
    each item it took down with the pool is yielded as ``lost(item, why)`` (``why`` says how
    the worker ended); without ``lost`` that raises :class:`WorkerError`.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if initializer is not None:
        initializer(*initargs)
    if not items:
        return
    first = _apply(func, items[0])
    rest = items[1:]
    if not rest:
        yield first
        return
    size = chunksize or max(1, min(MAX_CHUNK, len(rest) // (jobs * 8)))
    chunks = [rest[i : i + size] for i in range(0, len(rest), size)]
    yield from _in_workers(
        func, first, chunks, lost, jobs=jobs, initializer=initializer, initargs=initargs
    )


def _apply(func: Callable[[T], R], item: T) -> R:
    """``func(item)`` in the parent, failing the way a worker's failure does."""
    try:
        return func(item)
    except Exception as exc:
        raise WorkerError(f"{type(exc).__name__}: {exc}") from exc


def _in_workers(
    func: Callable[[T], R],
    first: R,
    chunks: list[Sequence[T]],
    lost: Callable[[T, str], R] | None,
    *,
    jobs: int,
    initializer: Callable[..., object] | None,
    initargs: tuple[Any, ...],
) -> Iterator[R]:
    """``first``, then the results of ``chunks`` from a pool of ``jobs`` workers."""
    context = _context()
    rebuild = context.get_start_method() != "fork"
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(), rebuild, initializer, initargs),
    )
    before = set(multiprocessing.active_children())
    workers: list[BaseProcess] | None = None
    finished = False
    # From the first worker on, SIGTERM and SIGHUP stop the parent through `finally` below.
    with signals_raise(signal.SIGTERM, signal.SIGHUP):
        try:
            # Everything alive now lives on in the workers: keep the collector off it, so that
            # the collector in the workers does not copy the pages the parent shares with them.
            gc.freeze()
            try:
                with _signals_held():  # submitting starts the workers
                    tasks = deque((c, executor.submit(_run_chunk, func, c)) for c in chunks)
            finally:
                gc.unfreeze()
            workers = _started_since(before)
            yield first
            yield from _collected(tasks, executor, workers, lost)
            finished = True
        finally:
            if not finished:  # stopped early or failed: the rest is not wanted, stop at once
                for process in _started_since(before) if workers is None else workers:
                    process.kill()
            executor.shutdown(wait=True, cancel_futures=True)  # joins every worker


def _run_chunk(func: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    """In a worker: ``func`` over one chunk of items."""
    return [func(item) for item in chunk]


def _collected(
    tasks: deque[tuple[Sequence[T], Future[list[R]]]],
    executor: ProcessPoolExecutor,
    workers: list[BaseProcess],
    lost: Callable[[T, str], R] | None,
) -> Iterator[R]:
    """The results of each task in turn. After a worker died, the chunks that died with the
    pool come back through ``lost``; the results already returned still come back."""
    why: str | None = None
    while tasks:
        chunk, future = tasks.popleft()  # let go of each result once it is yielded
        try:
            results = future.result()
        except BrokenProcessPool:
            if why is None:
                executor.shutdown(wait=True)  # every worker has ended: how is now known
                why = _how_it_ended(workers)
            if lost is None:
                raise WorkerError(f"a worker process stopped unexpectedly ({why})") from None
            yield from (lost(item, why) for item in chunk)
        except Exception as exc:
            raise WorkerError(f"{type(exc).__name__}: {exc}") from exc
        else:
            yield from results


def _how_it_ended(workers: list[BaseProcess]) -> str:
    """How the worker that broke the pool ended, from the exit codes of all of them (the
    pool stops the others with SIGTERM once one is gone)."""
    codes = [p.exitcode for p in workers if p.exitcode not in (None, 0)]
    code = next((c for c in codes if c != -signal.SIGTERM), codes[0] if codes else None)
    if code is None:
        return "cause unknown"
    if code >= 0:
        return f"exit code {code}"
    try:
        return f"killed by {signal.Signals(-code).name}"
    except ValueError:  # a signal the enum has no name for
        return f"killed by signal {-code}"


def _context() -> BaseContext:
    # fork starts workers with everything the parent loaded; elsewhere use the default.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()  # pragma: no cover - not on Linux


def _started_since(before: set[BaseProcess]) -> list[BaseProcess]:
    """The child processes started since ``before`` was taken: the workers of this map.
    (The executor's own table of its processes is private; this list is documented.)"""
    return [p for p in multiprocessing.active_children() if p not in before]


def _start_worker(
    parent: int,
    rebuild: bool,
    initializer: Callable[..., object] | None,
    initargs: tuple[Any, ...],
) -> None:
    """Prepare a worker process: signals, death with the parent, the caller's state."""
    # Ctrl-C reaches the whole process group: the parent stops the workers, they stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A handler forked from the parent must not keep a worker alive when it is stopped.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    _die_with_parent(parent)
    if hasattr(signal, "pthread_sigmask"):  # now a signal held since the fork can come
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
    if rebuild and initializer is not None:
        initializer(*initargs)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP while workers are forked. A worker starts with them
    held and takes them once it has set how it answers them (:func:`_start_worker`): before
    that, Ctrl-C would end it with a traceback instead of leaving the run to the parent. The
    parent takes any that came meanwhile afterwards."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on POSIX
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _die_with_parent(parent: int) -> None:
    """On Linux, have the kernel send this worker SIGTERM when its parent dies, even by
    SIGKILL. (The kernel means the parent's thread that forked: the one that ran the map.)"""
    if not sys.platform.startswith("linux"):
        return  # pragma: no cover - not on Linux
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        return
    if prctl(PR_SET_PDEATHSIG, signal.SIGTERM) != 0:
        return  # pragma: no cover - refused: the parent still stops workers on the way out
    if os.getppid() != parent:  # the parent died before the request was in place
        os._exit(1)
