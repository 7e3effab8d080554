"""The playbook's term library in the plan schema, for editors (``negplan schema plan
--playbook FILE``, and the schema ``negplan new`` writes).

Where a plan names a term (``variables[].term``, a concession's ``give.term`` and
``get.term``), the schema offers the playbook's term ids, each as a ``const`` with the term's
name and unit as its ``description``: the YAML language server lists them as completions with
that text, and flags an id the playbook does not have, as ``negplan check`` does (NP201).
Once a term is named, ``if``/``then`` offers its positions: a choice term's options, true or
false for a yes/no term, a number inside the hard limits for a numeric one (NP202). An
alignment entry's ``term`` only offers the ids: negplan accepts any text there.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from negplan.domain import Unit, format_value
from negplan.models.playbook import Playbook, Term

#: The name of the term-id definition added to the plan schema's ``$defs``.
TERM_ID = "PlaybookTermId"
_POSITIONS = ("opening", "target", "walk_away")


def add_terms(schema: dict[str, Any], playbook: Playbook) -> None:
    """Offer ``playbook``'s terms and their positions in a plan ``schema`` (changed in place)."""
    defs = schema["$defs"]
    defs[TERM_ID] = {
        "description": f"A term of the {playbook.company} playbook.",
        "oneOf": [
            {"const": term.id, "description": describe(term, playbook)}
            for term in playbook.term_map.values()
        ],
    }
    ref = {"$ref": f"#/$defs/{TERM_ID}"}
    variable, trade = defs["Variable"], defs["Trade"]
    for model in (variable, trade):
        term = model["properties"]["term"]
        model["properties"]["term"] = {"description": term["description"], "allOf": [ref]}
    alignment = defs["Alignment"]["properties"]["term"]
    alignment["anyOf"] = [ref, *alignment["anyOf"]]
    terms = list(playbook.term_map.values())
    variable["allOf"] = [
        _when(term, {name: _position(term, optional=True) for name in _POSITIONS}) for term in terms
    ]
    trade["allOf"] = [_when(term, {"value": _position(term, optional=False)}) for term in terms]


def describe(term: Term, playbook: Playbook) -> str:
    """A term in one line: name, unit, which way is better, limits and the rep's authority."""
    if term.unit is Unit.CHOICE:
        text = f"{term.name}: one of {', '.join(term.options)} (best for us first)"
    else:
        unit = {"yes_no": "yes/no", "money": f"money ({playbook.currency})"}.get(
            term.unit.value, term.unit.value
        )
        text = f"{term.name}: {unit}, {term.better}"
        if term.unit.numeric and term.limits is not None:
            text += f"; limits {_show(term, term.limits.min)} to {_show(term, term.limits.max)}"
    if term.standard is not None:
        text += f"; standard {_show(term, term.standard)}"
    if term.authority is not None:
        text += f"; your authority {_show(term, term.authority)}"
    return text + "."


def _show(term: Term, value: bool | Decimal | str) -> str:
    return format_value(value, term.unit.value)


def _when(term: Term, properties: dict[str, Any]) -> dict[str, Any]:
    """``if`` the entry names ``term``, ``then`` its positions must fit the term."""
    return {
        "if": {"properties": {"term": {"const": term.id}}, "required": ["term"]},
        "then": {"properties": properties},
    }


def _position(term: Term, *, optional: bool) -> dict[str, Any]:
    """The positions a term allows, as negplan judges them (rule NP202)."""
    if term.unit is Unit.CHOICE:
        allowed: dict[str, Any] = {"enum": list(term.options)}
    elif term.unit is Unit.YES_NO:
        allowed = {"type": "boolean"}
    else:
        allowed = {"type": "number"}
        if term.limits is not None:
            allowed["minimum"] = _number(term.limits.min)
            allowed["maximum"] = _number(term.limits.max)
    return {"anyOf": [allowed, {"type": "null"}]} if optional else allowed


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
