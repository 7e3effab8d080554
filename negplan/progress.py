"""A progress bar on stderr while ``check`` works through many files on a terminal."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO, cast

#: Fewer files than this finish before a bar would be worth drawing.
PROGRESS_MIN_FILES = 64
_REFRESH_SECONDS = 0.1


def wanted(
    files: int,
    *,
    environ: Mapping[str, str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> bool:
    """Whether to draw the bar: many files, both streams on a terminal, and not under CI
    (``CI`` set) or pre-commit (``PRE_COMMIT`` set)."""
    env = os.environ if environ is None else environ
    if files < PROGRESS_MIN_FILES or "CI" in env or "PRE_COMMIT" in env:
        return False
    if env.get("TERM") == "dumb":
        return False
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    return _tty(out) and _tty(err)


def _tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class Ticker:
    """What the checking loop sees of the bar: count a file, and write above the bar."""

    def __init__(self, advance: Callable[[], None] | None = None) -> None:
        self._advance = advance

    def advance(self) -> None:
        """Count one checked file."""
        if self._advance is not None:
            self._advance()

    def above(self, stream: TextIO) -> TextIO:
        """``stream``, or while the bar is drawn a stream whose lines appear above it."""
        if self._advance is None:
            return stream
        return cast(TextIO, _AboveBar(stream))


class _AboveBar:
    """Writes to a stream after clearing the bar's line on the terminal; the next refresh
    draws the bar again below what was written. The bar is one line, so clearing that line
    is all it takes, and output is never wrapped or moved to another stream."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()
        written = self._stream.write(text)
        self._stream.flush()
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def progress_bar(total: int, *, show: bool) -> Iterator[Ticker]:
    """Yield a :class:`Ticker`; draws a transient bar on stderr when ``show``."""
    if not show:
        yield Ticker()
        return
    # rich's progress bar is imported only when one is drawn.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    # auto_refresh=False: no refresh thread, so worker processes can be forked safely.
    bar = Progress(
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    task = bar.add_task("checking", total=total)
    last = 0.0

    def advance() -> None:
        nonlocal last
        now = time.monotonic()
        due = now - last >= _REFRESH_SECONDS
        bar.update(task, advance=1, refresh=due)
        if due:
            last = now

    with bar:
        yield Ticker(advance)
