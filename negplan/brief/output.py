"""Where a brief goes: a terminal, stdout, a PDF, or a file written atomically."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from negplan.errors import NegplanError

#: The one line printed when PDF output is asked for without WeasyPrint.
PDF_INSTALL = "pdf output needs WeasyPrint: pip install 'negplan[pdf]'"


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
    # rich's Markdown renderer is loaded only for a brief shown on a terminal.
    from rich.console import Console
    from rich.markdown import Markdown

    Console(highlight=False, soft_wrap=False).print(Markdown(text, hyperlinks=False))
