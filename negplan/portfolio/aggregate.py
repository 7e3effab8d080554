"""From the facts of many plans to the report: one function per section, then the flags.

Every section is a plain function ``(facts, context) -> dict`` listed in :data:`AGGREGATES`;
the report is the dict of their results, in order, plus the flags drawn from them. Every
output format writes that one dict. A new section is one more function and one more entry
here, and one more entry in each output's table of sections (as planned versus actual, from
the debriefs in the context, was added).
"""

from __future__ import annotations

from collections.abc import Sequence

from negplan import __version__
from negplan.portfolio import actual, board, coaching, consistency, money
from negplan.portfolio.base import Aggregate, Context, Data
from negplan.portfolio.facts import PlanFacts
from negplan.portfolio.flags import flags

#: The sections, in the report's order: (key in the report, function).
AGGREGATES: tuple[tuple[str, Aggregate], ...] = (
    ("readiness", board.readiness),
    ("approvals", board.approvals),
    ("consistency", consistency.consistency),
    ("waterfall", money.waterfall),
    ("patterns", money.patterns),
    ("findings", coaching.findings),
    ("actual", actual.actual),
    ("signals", coaching.signals),
)


def build_report(facts: Sequence[PlanFacts], ctx: Context, *, unread: int = 0) -> Data:
    """The whole report: header, every section in :data:`AGGREGATES` order, and the flags."""
    report: Data = {
        "negplan": __version__,
        "today": ctx.today.isoformat(),
        "group_by": ctx.group_by,
        "redacted": ctx.redact,
        "plans": len(facts),
        "debriefs": len(ctx.debriefs),
        "unread": unread,
    }
    for name, aggregate in AGGREGATES:
        report[name] = aggregate(facts, ctx)
    report["flags"] = flags(report)
    return report
