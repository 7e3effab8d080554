"""Signals that stop negplan from outside, turned into an exception so that clean-up runs.

SIGTERM (a supervisor, ``timeout``, ``kill``) and SIGHUP (a closed terminal) end a process at
once by default: a ``finally`` never runs, so a temporary file stays behind and worker
processes are not stopped. Inside :func:`signals_raise` they raise ``SystemExit`` with the
shell's code for a death by that signal (143 for SIGTERM, 129 for SIGHUP) instead.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def signals_raise(*signums: signal.Signals) -> Iterator[None]:
    """While the block runs, have each of ``signums`` raise ``SystemExit(128 + signum)``; the
    handlers it replaces come back afterwards. A handler of the program's own, or SIG_IGN,
    is left in charge, and so is every signal outside the main thread (only that thread can
    set handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {
        signum: signal.signal(signum, _exit_on_signal)
        for signum in signums
        if signal.getsignal(signum) == signal.SIG_DFL
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    signal.signal(signum, signal.SIG_IGN)  # one is enough: the process is stopping
    raise SystemExit(128 + signum)
