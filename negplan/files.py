"""Read a plan or playbook file as text: a small regular file, in UTF-8 (or with a BOM, UTF-16
or UTF-32). Anything else is refused before a parser sees it."""

from __future__ import annotations

import codecs
import errno
import os
import stat

from negplan.errors import InputError
from negplan.findings import FileProblem
from negplan.positions import Position

#: The largest file negplan reads.
MAX_BYTES = 1024 * 1024


def read_text(path: str) -> str:
    """Read a file as text, refusing anything that is not a small regular file.

    Raises :class:`~negplan.errors.InputError` for a missing, unreadable or special file, and
    :class:`~negplan.findings.FileProblem` (which the loader reports as a finding) for bad
    encodings and oversize files.
    """
    fd = _open(path)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory, not a file", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (device, pipe or socket)", path=path)
        if info.st_size > MAX_BYTES:
            raise FileProblem(
                "NP105",
                f"file is {info.st_size:,} bytes, over the {MAX_BYTES:,}-byte limit",
                Position(1, 1),
                "a plan or playbook is a few kilobytes; split or trim this file",
            )
        raw = _read_all(fd, MAX_BYTES + 1, expected=info.st_size)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(raw) > MAX_BYTES:
        raise FileProblem("NP105", f"file is over the {MAX_BYTES:,}-byte limit", Position(1, 1))
    return _decode(raw)


def refuse_nul(path: str) -> None:
    """Raise :class:`~negplan.errors.InputError` if ``path`` holds a NUL byte: no file can
    have such a name, and the operating system's calls refuse it."""
    if "\0" in path:
        raise InputError("file name contains a NUL byte", path=path)


def _open(path: str) -> int:
    """A read-only descriptor of ``path`` that never blocks on a pipe or takes a terminal."""
    refuse_nul(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        return os.open(path, flags)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise InputError("broken or looping symbolic link", path=path) from None
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=path) from None
    except PermissionError:
        raise InputError("permission denied", path=path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("broken or looping symbolic link", path=path) from None
        raise InputError(f"cannot open: {exc.strerror or exc}", path=path) from None


def _read_all(fd: int, limit: int, *, expected: int) -> bytes:
    """Up to ``limit`` bytes from ``fd``, to the end of the file (``expected`` bytes long,
    as far as ``fstat`` knows: a file that grows meanwhile is read on to the limit)."""
    chunks: list[bytes] = []
    size = 0
    want = min(limit, expected + 1)
    while size < limit:
        chunk = os.read(fd, want)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        want = min(limit - size, 64 * 1024)
    return b"".join(chunks)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode(raw: bytes) -> str:
    body, encoding = raw, "utf-8"
    for bom, name in _BOMS:
        if raw.startswith(bom):
            body, encoding = raw[len(bom) :], name
            break
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        stop = FileProblem(
            "NP100",
            f"file is not valid {encoding.upper()} (byte 0x{body[exc.start]:02x})",
            Position(line, col),
            "save the file as UTF-8",
        )
        stop.text = body.decode(encoding, errors="replace")
        raise stop from None
