"""What every section of the report shares: the context, the thresholds and the statistics."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from negplan.portfolio.debrief_facts import DebriefFacts
from negplan.portfolio.facts import PlanFacts

Data = dict[str, Any]

#: Share of a term's range (its hard limits) by which a group's median may stray from the
#: organisation's before it is flagged.
OUTLIER_SHARE = Decimal("0.25")
#: Share of a group's walk-aways on a term sitting exactly at the rep's authority that is
#: flagged ("most of them").
AT_AUTHORITY_SHARE = Decimal("0.5")
#: Share of an owner's plans leading with a term the strategy says not to lead with that is
#: flagged ("always", give or take a plan).
LEADS_SHARE = Decimal("0.8")
#: Sign-offs waiting for one approver in one week that are flagged.
APPROVAL_PEAK = 10
#: Fewest plans a group, owner or term needs before it is flagged or signalled.
MIN_PLANS = 5
#: Days ahead the readiness board looks for meetings.
BOARD_DAYS = 14
#: Share of a term's agreements (in debriefs) at or past the walk-away above which they
#: cluster there: a playbook signal.
AT_WALK_AWAY_SHARE = Decimal("0.5")


@dataclass(frozen=True)
class Context:
    """What a report is computed for: the day, the grouping, whether it is redacted, and
    the debriefs found with the plans (for planned versus actual)."""

    today: dt.date
    group_by: str = "region"
    redact: bool = False
    debriefs: tuple[DebriefFacts, ...] = ()


Aggregate = Callable[[Sequence[PlanFacts], Context], Data]


def median(values: Iterable[Decimal]) -> Decimal | None:
    """The median (the mean of the middle two for an even count), or None for no values."""
    found = sorted(values)
    return statistics.median(found) if found else None


def stats(values: Iterable[Decimal]) -> Data | None:
    """Count, minimum, quartiles and maximum (None for no values). Quartiles are the medians
    of the lower and upper halves (the middle value left out of both for an odd count)."""
    found = sorted(values)
    if not found:
        return None
    half = len(found) // 2
    lower, upper = found[:half] or found, found[-half:] if half else found
    return {
        "n": len(found),
        "min": found[0],
        "q1": statistics.median(lower),
        "median": statistics.median(found),
        "q3": statistics.median(upper),
        "max": found[-1],
    }


def share(part: int, whole: int) -> Decimal | None:
    """``part / whole`` to four places (None when ``whole`` is 0)."""
    return None if whole == 0 else (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


def groups_of(facts: Sequence[PlanFacts], ctx: Context) -> list[str]:
    """The groups present, sorted."""
    return sorted({f.group(ctx.group_by) for f in facts})
