"""The one-page prep brief: build its data from a checked plan and render it.

Importing this package is cheap: jinja2 is imported by :mod:`negplan.brief.render` only when
a brief is rendered, and WeasyPrint by :mod:`negplan.brief.output` only for PDF.
"""

from __future__ import annotations

from negplan.brief.data import Brief, build_brief

__all__ = ["Brief", "build_brief"]
