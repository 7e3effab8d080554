"""Write files atomically: a temporary file in the same folder, then a rename.

A reader never sees a half-written file, and a symbolic link at the destination is replaced
itself: the file it points to is never written through.
"""

from __future__ import annotations

import contextlib
import os
import tempfile

from negplan.errors import NegplanError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str, text: str, *, overwrite: bool) -> None:
    """Write ``text`` to ``path`` in one step.

    With ``overwrite=False`` the write fails (``NegplanError``) when anything already exists at
    ``path`` (a file, a folder, a symbolic link, even a broken one); the check and the write are
    one operation where the file system allows hard links. With ``overwrite=True`` an existing
    file or symbolic link is replaced, never written through.
    """
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise NegplanError("folder does not exist", path=os.path.dirname(path) or ".")
    if os.path.isdir(path) and not os.path.islink(path):
        raise NegplanError("is a folder, not a file", path=path)
    if not overwrite and os.path.lexists(path):
        raise NegplanError("already exists", path=path, hint="use --force to overwrite it")
    try:
        fd, temp = tempfile.mkstemp(
            dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp"
        )
    except OSError as exc:
        raise NegplanError(f"cannot write: {exc.strerror or exc}", path=path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        if overwrite:
            os.replace(temp, path)
        else:
            _place_new(temp, path)
    except NegplanError:
        raise
    except OSError as exc:
        raise NegplanError(f"cannot write: {exc.strerror or exc}", path=path) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _place_new(temp: str, path: str) -> None:
    """Move ``temp`` to ``path`` only if nothing is there (hard link: no race)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise NegplanError(
            "already exists", path=path, hint="use --force to overwrite it"
        ) from None
    except OSError:
        # No hard links here (some network or FAT file systems): check, then rename.
        if os.path.lexists(path):
            raise NegplanError(
                "already exists", path=path, hint="use --force to overwrite it"
            ) from None
        os.replace(temp, path)
