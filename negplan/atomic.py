"""Write files atomically: a temporary file in the same folder, then a rename.

A reader never sees a half-written file, a failure leaves any earlier file untouched, and a
symbolic link at the destination is replaced itself: the file it points to is never written
through. Only a regular file or a link to one is ever replaced, never a device or a pipe
(``/dev/stdout``). Stopped by Ctrl-C, SIGTERM or SIGHUP, a write removes its temporary file.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile

from negplan.errors import NegplanError
from negplan.files import refuse_nul
from negplan.stopping import signals_raise

_EXISTS = "already exists; not overwriting it"
_FORCE = "add --force to replace it"


def check_target(path: str, *, overwrite: bool) -> None:
    """Fail early (``NegplanError``) if ``path`` cannot take a new file.

    A directory never can; a regular file or a symbolic link to one (or a broken link) only
    with ``overwrite``; anything else (a device, a pipe, a socket, a link to one) never.
    """
    refuse_nul(path)
    if os.path.isdir(path) and not os.path.islink(path):
        raise NegplanError("is a directory, not a file", path=path)
    if not overwrite and os.path.lexists(path):
        raise NegplanError(_EXISTS, path=path, hint=_FORCE)
    if os.path.lexists(path) and not _replaceable(path):
        raise NegplanError(
            "is not a regular file; not replacing it",
            path=path,
            hint="only a file, or a symbolic link to one, is replaced; `-` writes to stdout",
        )
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        raise NegplanError("folder does not exist", path=path)


def _replaceable(path: str) -> bool:
    """Whether ``path`` (which exists) is a regular file, or a link to one or to nothing; never
    a link that names an open file rather than a file (``/dev/stdout``)."""
    if _into_proc(path):
        return False
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # a broken or looping link: the link itself is replaced
        return os.path.islink(path)


def _into_proc(path: str) -> bool:
    """Whether ``path`` or a link on the way from it lies in ``/proc``, as ``/dev/stdout`` and
    ``/dev/fd/1`` lead to ``/proc/self/fd/1``: the open files of a process, whatever they
    are. (Replacing the link would replace ``/dev/stdout`` itself.)"""
    for _ in range(40):  # as many links as the kernel follows
        folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
        if folder == "/proc" or folder.startswith("/proc/"):
            return True
        try:
            path = os.path.join(folder, os.readlink(path))
        except OSError:  # not a link (or gone): the end of the way
            return False
    return False  # a loop: a broken link, which may be replaced


def write_atomic(path: str, data: str | bytes, *, overwrite: bool) -> None:
    """Write ``data`` (text is written as UTF-8 with ``\\n`` line ends) to ``path`` in one step.

    Without ``overwrite`` the write fails when anything exists at ``path``, even something
    that appears while writing (the final step is a hard link where the file system has
    them). With ``overwrite`` an existing file or symbolic link is replaced.
    """
    check_target(path, overwrite=overwrite)
    folder = os.path.dirname(os.path.abspath(path))
    # SIGTERM and SIGHUP raise SystemExit meanwhile, so that `finally` removes the temporary
    # file (Ctrl-C's KeyboardInterrupt does already).
    with signals_raise(signal.SIGTERM, signal.SIGHUP):
        try:
            fd, temp = tempfile.mkstemp(
                dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp"
            )
        except OSError as exc:
            raise NegplanError(f"cannot write: {exc.strerror or exc}", path=path) from None
        try:
            _fill(fd, temp, data)
            if overwrite:
                os.replace(temp, path)
            else:
                _place_new(temp, path)
        except OSError as exc:
            raise NegplanError(f"cannot write: {exc.strerror or exc}", path=path) from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)


def _fill(fd: int, temp: str, data: str | bytes) -> None:
    """Write ``data`` to the temporary file open on ``fd``, to disk, with the usual mode."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temp, 0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _place_new(temp: str, path: str) -> None:
    """Move ``temp`` to ``path`` only if nothing is there (a hard link: no race)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise NegplanError(_EXISTS, path=path, hint=_FORCE) from None
    except OSError:
        # No hard links here (some network or FAT file systems): check, then rename.
        if os.path.lexists(path):
            raise NegplanError(_EXISTS, path=path, hint=_FORCE) from None
        os.replace(temp, path)
