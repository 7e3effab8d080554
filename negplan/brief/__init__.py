"""The one-page prep brief: build its data from a checked plan and render it.

Importing this package is cheap (the command line reads the formats from it); jinja2 comes with
:mod:`negplan.brief.render`, WeasyPrint with :mod:`negplan.brief.output` and only for PDF.
"""

from __future__ import annotations

#: The formats of a brief; ``auto`` (on the command line) picks one from the ``-o`` file's
#: suffix, else Markdown.
FORMATS = ("md", "html", "pdf")
#: What ``--format`` accepts.
CHOICES = ("auto", *FORMATS)
#: File suffixes that choose a format under ``auto``.
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
#: The page sizes of the HTML and PDF brief.
PAPERS = ("a4", "letter")


def resolve_format(chosen: str, output: str | None, suffixes: dict[str, str] | None = None) -> str:
    """The format to write: the one asked for, else the ``-o`` file's suffix (by
    ``suffixes``, the brief's by default; the report passes its own), else ``md``."""
    if chosen != "auto":
        return chosen
    if output is not None:
        lowered = output.lower()
        for suffix, fmt in (SUFFIXES if suffixes is None else suffixes).items():
            if lowered.endswith(suffix):
                return fmt
    return "md"
