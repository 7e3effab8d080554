"""Where a brief goes: a terminal, stdout, a PDF, or a file written atomically."""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import tempfile
from typing import Any

from negplan.errors import NegplanError

#: The one line printed when PDF output is asked for without WeasyPrint.
PDF_INSTALL = "pdf output needs WeasyPrint: pip install 'negplan[pdf]'"


def check_target(path: str, *, force: bool) -> None:
    """Fail early if a brief cannot be written to ``path``.

    An existing file (or symbolic link) is only replaced with ``force``; a directory never.
    """
    if os.path.isdir(path):
        raise NegplanError("is a directory, not a file", path=path)
    if os.path.lexists(path) and not force:
        raise NegplanError(
            "already exists; not overwriting it", path=path, hint="add --force to replace it"
        )
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise NegplanError("folder does not exist", path=path)


def write_atomic(path: str, data: bytes, *, force: bool) -> None:
    """Write ``data`` to ``path`` all at once: into a temporary file in the same folder, then
    renamed over ``path``. A failure leaves any earlier file untouched and no partial file.

    A symbolic link at ``path`` is replaced by the new file (with ``force``); the file it
    points to is never written. Without ``force`` an existing path is never replaced, even
    one that appears while the brief is being written.
    """
    check_target(path, force=force)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder
        )
    except OSError as exc:
        raise NegplanError(f"cannot write: {exc.strerror or exc}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        if force:
            os.replace(temporary, path)
        else:
            _place_new(temporary, path)
    except OSError as exc:
        _remove(temporary)
        raise NegplanError(f"cannot write: {exc.strerror or exc}", path=path) from None
    except BaseException:
        _remove(temporary)
        raise


def _place_new(temporary: str, path: str) -> None:
    # A hard link fails if the path exists, so a file created meanwhile is never replaced.
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise NegplanError(
            "already exists; not overwriting it", path=path, hint="add --force to replace it"
        ) from None
    except OSError:
        if os.path.lexists(path):
            raise
        os.replace(temporary, path)  # the file system has no hard links
        return
    _remove(temporary)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def require_pdf() -> Any:
    """Import WeasyPrint, or fail with the one line that says how to install it."""
    try:
        weasyprint = importlib.import_module("weasyprint")
    except ImportError:
        raise NegplanError(PDF_INSTALL) from None
    except OSError as exc:  # WeasyPrint is installed but its system libraries are not
        raise NegplanError(
            f"pdf output needs WeasyPrint's system libraries (pango): {exc}".splitlines()[0],
            hint="see https://doc.courtbouillon.org/weasyprint/stable/first_steps.html",
        ) from None
    return weasyprint


class _NoFetch:
    """A WeasyPrint URL fetcher that fetches nothing: a brief is self-contained."""

    _fail_on_errors = False

    def fetch(self, url: str, headers: object = None) -> None:
        """Refuse every URL."""
        raise ValueError(f"negplan does not fetch {url[:80]}")

    def __call__(self, url: str, *args: object, **kwargs: object) -> None:
        self.fetch(url)


def html_to_pdf(html: str) -> bytes:
    """Render a brief's HTML as PDF with WeasyPrint, fetching nothing from anywhere."""
    weasyprint = require_pdf()
    logging.getLogger("weasyprint").addHandler(logging.NullHandler())
    logging.getLogger("weasyprint").propagate = False
    try:
        pdf = weasyprint.HTML(string=html, base_url=None, url_fetcher=_NoFetch()).write_pdf()
    except Exception as exc:
        raise NegplanError(
            f"cannot render the pdf: {type(exc).__name__}: {exc}".splitlines()[0][:300]
        ) from None
    assert isinstance(pdf, bytes)
    return pdf


def show_markdown(text: str) -> None:
    """Print Markdown for a person at a terminal, rendered by rich."""
    from rich.console import Console
    from rich.markdown import Markdown

    Console(highlight=False, soft_wrap=False).print(Markdown(text, hyperlinks=False))
