"""The report as Markdown: tables for a pull-request comment or the GitHub step summary.

Every value from a plan goes through :func:`negplan.escape.markdown_cell` (or
:func:`~negplan.escape.markdown_text`); the sections come from :mod:`negplan.portfolio.views`.
"""

from __future__ import annotations

from negplan.escape import markdown_cell, markdown_text
from negplan.portfolio.base import Data
from negplan.portfolio.views import SECTIONS, TITLES, Block


def _block(block: Block) -> list[str]:
    if isinstance(block, str):
        return [markdown_text(block), ""]
    out = [
        "| " + " | ".join(markdown_cell(h) for h in block.head) + " |",
        "|" + "---|" * len(block.head),
    ]
    out += ["| " + " | ".join(markdown_cell(v) or "—" for v in row) + " |" for row in block.rows]
    if block.more:
        out += ["", f"…and {block.more:,} more (all of them in the JSON and CSV output)"]
    return [*out, ""]


def to_markdown(report: Data) -> str:
    """The report as GitHub-flavoured Markdown."""
    redacted = " (redacted)" if report["redacted"] else ""
    lines = [
        f"# Portfolio report{redacted}",
        "",
        f"{report['plans']:,} plans · checked {report['today']} · grouped by "
        f"{report['group_by']} · negplan {report['negplan']}",
        "",
        "## Flags",
        "",
    ]
    lines += [f"- {markdown_text(flag['text'])}" for flag in report["flags"]] or ["None."]
    lines.append("")
    for key, blocks in SECTIONS.items():
        if key in report:
            lines += [f"## {TITLES[key]}", ""]
            for block in blocks(report[key], report):
                lines += _block(block)
    return "\n".join(lines).rstrip("\n") + "\n"
