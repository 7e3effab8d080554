"""Where a brief goes: a terminal, stdout, a PDF, or a file written atomically."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from negplan.brief.limits import resident_limit, time_limit
from negplan.errors import NegplanError

#: The one line printed when PDF output is asked for without WeasyPrint.
PDF_INSTALL = "pdf output needs WeasyPrint: pip install 'negplan[pdf]'"
#: Wall-clock limit for laying out one PDF, in seconds (POSIX, main thread only). A one-page
#: brief takes about a second; the HTML's long words are already breakable (see
#: :mod:`negplan.brief.text`), so only a brief of hundreds of pages comes near it.
PDF_TIME_LIMIT = 30.0
#: Resident memory the PDF layout may add to the process, in bytes (Linux only).
PDF_MEMORY = 1024 * 1024 * 1024


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


class _TooSlow(BaseException):
    """The PDF time limit ran out. Not an :class:`Exception`, so that no ``except Exception``
    inside WeasyPrint can swallow it."""


class _TooBig(BaseException):
    """The PDF memory limit ran out (a :class:`BaseException` for the same reason)."""


def html_to_pdf(html: str) -> bytes:
    """Render a brief's HTML as PDF with WeasyPrint, fetching nothing from anywhere, within
    :data:`PDF_TIME_LIMIT` seconds and :data:`PDF_MEMORY` bytes of added memory."""
    weasyprint = require_pdf()
    logging.getLogger("weasyprint").addHandler(logging.NullHandler())
    logging.getLogger("weasyprint").propagate = False
    try:
        with time_limit(PDF_TIME_LIMIT, _TooSlow), resident_limit(PDF_MEMORY, _TooBig):
            document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_NoFetch())
            pdf = document.write_pdf()
    except _TooSlow:
        raise NegplanError(
            f"cannot render the pdf: layout took longer than {PDF_TIME_LIMIT:g} seconds",
            hint="shorten the plan's text, or write the brief as html or md",
        ) from None
    except (_TooBig, MemoryError):
        raise NegplanError(
            f"cannot render the pdf: it needs more than {PDF_MEMORY // 2**20:,} MiB of memory",
            hint="shorten the plan's text, or write the brief as html or md",
        ) from None
    except Exception as exc:
        raise NegplanError(
            f"cannot render the pdf: {type(exc).__name__}: {exc}".splitlines()[0][:300]
        ) from None
    assert isinstance(pdf, bytes)
    return pdf


def show_markdown(text: str) -> None:
    """Print Markdown for a person at a terminal, rendered by rich."""
    # rich's Markdown renderer is loaded only for a brief shown on a terminal.
    from rich.console import Console
    from rich.markdown import Markdown

    Console(highlight=False, soft_wrap=False).print(Markdown(text, hyperlinks=False))
