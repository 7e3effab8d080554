"""Limits on the time and memory of one step of making a brief: rendering its template, and
laying it out as a PDF.

Python code (the template) gets a hard address-space limit and a :class:`MemoryError`; C
libraries (WeasyPrint's Pango and GLib) crash instead when an allocation fails, so their memory
is watched from Python (:func:`resident_limit`) and the step stopped between two calls.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

if sys.platform != "win32":  # no address-space limit on Windows
    import resource


@contextmanager
def time_limit(seconds: float, error: Callable[[], BaseException]) -> Iterator[None]:
    """Raise ``error()`` in the block once it has run ``seconds`` of wall-clock time.

    Only on POSIX and in the main thread (it uses ``SIGALRM``); elsewhere the block runs
    unlimited.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise error()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _resident() -> int | None:
    """The process's resident memory in bytes (Linux), else ``None``."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def resident_limit(
    extra: int, error: Callable[[], BaseException], *, every: float = 0.1
) -> Iterator[None]:
    """Raise ``error()`` in the block once its resident memory has grown by ``extra`` bytes,
    checked after each ``every`` seconds of CPU time.

    Only on Linux (it reads ``/proc``) and in the main thread (``SIGVTALRM``); elsewhere the
    block runs unlimited.
    """
    start = _resident()
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if start is None or not usable:
        yield
        return

    def check(signum: int, frame: FrameType | None) -> None:
        now = _resident()
        if now is not None and now - start > extra:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            raise error()

    previous = signal.signal(signal.SIGVTALRM, check)
    signal.setitimer(signal.ITIMER_VIRTUAL, every, every)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


@contextmanager
def memory_limit(extra: int) -> Iterator[None]:
    """Cap the address space at its current size plus ``extra`` bytes in the block (Linux),
    so that running out raises :class:`MemoryError` instead of exhausting the machine."""
    if sys.platform == "win32":
        yield
        return
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
        current = pages * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (OSError, ValueError, IndexError):
        yield
        return
    wanted = current + extra
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
