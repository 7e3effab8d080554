"""``negplan report``: the portfolio view of many plans, for sales leadership and the deal desk.

The data flow, one plain call per arrow:

    paths -> :mod:`~negplan.portfolio.collect` (check each plan as ``check`` does, in worker
    processes; keep the per-plan :mod:`~negplan.portfolio.facts`, through the
    :mod:`~negplan.portfolio.cache`) -> :mod:`~negplan.portfolio.aggregate` (one function per
    section, listed in :data:`~negplan.portfolio.aggregate.AGGREGATES`) -> an output format
    (:mod:`~negplan.portfolio.jsonout`, :mod:`~negplan.portfolio.csvout`,
    :mod:`~negplan.portfolio.markdown`, :mod:`~negplan.portfolio.html` with
    :mod:`~negplan.portfolio.charts`).

Importing this package is cheap: the command line reads the choices from it.
"""

from __future__ import annotations

#: The formats of a report.
FORMATS = ("md", "json", "csv", "html", "pdf")
#: What ``--format`` accepts (``auto``: from the ``-o`` file's suffix, else Markdown).
CHOICES = ("auto", *FORMATS)
#: What ``--group-by`` accepts: the deal field plans are grouped by.
GROUPS = ("region", "segment", "owner")
#: File suffixes that choose a format under ``auto``.
SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
#: The one line printed when charts are asked for without matplotlib.
REPORT_INSTALL = "html and pdf reports need matplotlib: pip install 'negplan[report]'"
