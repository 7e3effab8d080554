"""The rule registry: every rule by code, listed explicitly."""

from __future__ import annotations

from negplan.errors import NegplanError
from negplan.rules import (
    alignment,
    completeness,
    concessions,
    debrief,
    economics,
    ladder,
    playbook,
    positions,
    preparation,
    steps,
    structure,
    terms,
    value_models,
)
from negplan.rules.base import Rule
from negplan.schema import suggest

_ALL: list[Rule] = [
    *structure.RULES,
    *terms.RULES,
    *positions.RULES,
    *concessions.RULES,
    *steps.RULES,
    *preparation.RULES,
    *completeness.RULES,
    *alignment.RULES,
    *economics.RULES,
    *debrief.RULES,
    *value_models.RULES,
    *playbook.RULES,
    *ladder.RULES,
]

#: Every rule, by code, in code order.
RULES: dict[str, Rule] = {r.code: r for r in sorted(_ALL, key=lambda r: r.code)}

if len(RULES) != len(_ALL):  # pragma: no cover - a programming error caught by the tests too
    raise RuntimeError("duplicate rule code in the registry")


def get_rule(code: str) -> Rule:
    """Look a rule up by code (``NP401``) or name (``give-without-get``)."""
    wanted = code.strip()
    found = RULES.get(wanted.upper())
    if found is None:
        found = next((r for r in RULES.values() if r.name == wanted.lower()), None)
    if found is None:
        digits = "NP" + wanted.upper()[2:].replace("O", "0")  # NP4O1: a letter O for a zero
        hint = (
            (f"did you mean '{digits}'?" if digits in RULES else None)
            or suggest(wanted.upper(), list(RULES))
            or suggest(wanted.lower(), [r.name for r in RULES.values()])
        )
        raise NegplanError(
            f"unknown rule '{code}'", hint=hint or "run `negplan rules` to list every rule"
        )
    return found
