"""The brief's "last time with this customer" box: how the last negotiation with the same
customer ended, from a debrief of an earlier plan beside this one (see
:func:`negplan.history.find_previous`).

Every string is cleaned here, as in :mod:`negplan.brief.data`; templates only print them.
"""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from negplan.brief.text import WITHHELD, clean
from negplan.debriefs import agreed_positions
from negplan.domain import format_value
from negplan.history import Previous, find_previous
from negplan.rules._util import show
from negplan.rules.debrief import PLACEHOLDER

if TYPE_CHECKING:
    from negplan.models.plan import Plan
    from negplan.models.playbook import Playbook

#: At most this many agreed terms in the box: it is one line of a one-page brief.
MAX_TERMS = 8
#: At most this many surprise asks in the box.
MAX_ASKS = 3


class LastTime(NamedTuple):
    """Last time with this customer: the deal, how and when it ended, the agreed positions
    of the key terms (``"Discount: 5%"``) and the asks nobody expected."""

    deal: str
    result: str
    date: str | None
    agreed: tuple[str, ...]
    asks: tuple[str, ...]


def last_time(
    plan_file: str, plan: "Plan", playbook: "Playbook", *, today: date, redact: bool
) -> LastTime | None:
    """The box for the brief of the plan at ``plan_file``, or ``None`` when no debrief of an
    earlier plan of the same customer lies beside it. In a redacted brief the agreed
    position of every term whose walk-away the brief withholds is left out."""
    previous = find_previous(plan_file, plan, today=today)
    if previous is None:
        return None
    debrief = previous.debrief
    result = debrief.result.value.replace("_", " ")
    if debrief.reason and not debrief.reason.startswith(PLACEHOLDER):
        result += f" ({debrief.reason})"
    when = previous.when
    withheld = {v.term for v in plan.variables if v.walk_away is not None} if redact else set()
    asks = [a.ask for a in debrief.unexpected if not a.ask.startswith(PLACEHOLDER)]
    return LastTime(
        deal=clean(previous.plan.deal.title),
        result=clean(result),
        date=when.isoformat() if when else None,
        agreed=tuple(_agreed(previous, plan, playbook, withheld)),
        asks=tuple(clean(ask) for ask in asks[:MAX_ASKS]),
    )


def _agreed(
    previous: Previous, plan: "Plan", playbook: "Playbook", withheld: set[str]
) -> list[str]:
    """``"Name: value"`` per term agreed last time: this plan's terms first, in its order."""
    agreed = agreed_positions(previous.debrief)
    order = [v.term for v in plan.variables if v.term in agreed]
    order += [term for term in agreed if term not in order]
    rows = []
    for term_id in order[:MAX_TERMS]:
        term = playbook.term_map.get(term_id)
        name = term.name if term is not None else term_id
        value = agreed[term_id]
        if term_id in withheld:
            shown = WITHHELD
        elif term is not None:
            shown = show(term, value)
        else:
            shown = format_value(value) if isinstance(value, (bool, Decimal, str)) else str(value)
        rows.append(clean(f"{name}: {shown}"))
    return rows
