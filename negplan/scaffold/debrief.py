"""``negplan debrief``: a debrief prefilled from its plan, with guiding comments.

Built the way :mod:`negplan.scaffold.plan` builds a starter plan: ruamel nodes with the comments
attached, every value the rep still has to write a ``TODO`` text (rule NP509 reports each one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap

from negplan.models.debrief import Debrief, Result
from negplan.models.plan import Alignment, Commitment, Plan, Trade
from negplan.models.playbook import Playbook
from negplan.rules._util import show
from negplan.scaffold.plan import PLACEHOLDER, _eol, _map, _seq, _todo, _wrap, _yaml_value, dump


@dataclass(frozen=True)
class DebriefSource:
    """What a debrief is written from: the plan, its playbook, and how the debrief names it."""

    plan: Plan
    playbook: Playbook
    reference: str
    plan_hash: str
    playbook_shown: str


def render_debrief(source: DebriefSource) -> str:
    """The prefilled debrief as YAML text, comments included."""
    return dump(build_debrief(source))


_NOTES = {
    "plan": "The plan as it was when this debrief was written: its path (relative to this file) "
    "and content hash (`git hash-object`). If the plan changes afterwards, check says so.",
    "meeting": "When the negotiation took place.",
    "result": "How it ended: " + ", ".join(r.value for r in Result) + ".",
    "agreed": "Where each term ended up: the agreed position in the term's unit (leave `value` "
    "empty if it was not settled; add terms that came up unplanned).",
    "moves": "The gives and gets as they happened, in order. The plan's concessions are listed: "
    "delete those that did not happen, correct the values, add improvised moves with "
    "`planned: false`. asked_by: who asked (a buyer-side name, or `us`).",
    "asks": "The asks the plan anticipated: `heard: true` or `false`.",
    "unexpected": "Asks nobody expected: they go into the next plan's `asks:`. Delete the "
    "entry if there were none.",
    "alignment": "The internal sign-offs actually used: requested and decided dates, and how "
    "far each went (`up_to`).",
    "relationship": "The relationship after the meeting: trend better, same or worse.",
    "lessons": "What to do differently, each with an owner, and the playbook term it concerns "
    "where it applies.",
    "notes": "Anything else.",
}


def build_debrief(source: DebriefSource) -> Any:
    """The debrief as a ruamel ``CommentedMap`` (every section of the debrief format)."""
    builder = _Builder(source)
    root = CommentedMap()
    for name, info in Debrief.model_fields.items():
        key = info.alias or name
        root[key] = getattr(builder, f"_{name}")()
        note = _NOTES.get(name)
        if note:
            root.yaml_set_comment_before_after_key(
                key, before="\n" + _wrap([note], indent=0), indent=0
            )
    if builder.reason_note:
        _eol(root, {"reason": builder.reason_note}, indent=0)
    root.yaml_set_start_comment(_wrap(builder.header(), indent=0))
    return root


class _Builder:
    """One method per debrief section, named after the model field."""

    def __init__(self, source: DebriefSource) -> None:
        self.source = source
        self.plan = source.plan
        self.pb = source.playbook
        reasons = self.pb.requirements.debrief_reasons
        self.reason_note = "one of: " + ", ".join(reasons) if reasons else None

    def header(self) -> list[str]:
        deal = self.plan.deal
        return [
            f"Debrief: {deal.customer}, {deal.title}.",
            f"Playbook: {self.pb.company} ({self.source.playbook_shown}).",
            f"What was agreed against what was planned. Replace every {PLACEHOLDER} text, "
            "delete what does not apply, then run `negplan check` and `negplan value` on this "
            "file.",
        ]

    def _kind(self) -> str:
        return "debrief"

    def _version(self) -> int:
        return 1

    def _plan(self) -> Any:
        return _map(path=self.source.reference, hash=self.source.plan_hash)

    def _meeting(self) -> Any:
        return self.plan.deal.meeting

    def _result(self) -> str:
        return Result.OPEN.value

    def _reason(self) -> str:
        return _todo("why it ended this way (needed when lost or no_decision)")

    def _agreed(self) -> Any:
        seq = _seq([])
        for variable in self.plan.variables:
            term = self.pb.term_map.get(variable.term)
            entry = _map(term=variable.term, value=_todo(f"agreed {variable.term}"))
            if term is not None:
                planned = " → ".join(
                    show(term, getattr(variable, name))
                    for name in ("opening", "target", "walk_away")
                )
                _eol(entry, {"value": f"planned {planned}"}, indent=4)
            seq.append(entry)
        return seq

    def _moves(self) -> Any:
        seq = _seq([])
        for concession in self.plan.concessions:
            move = _map(give=_side(concession.give))
            if concession.get is not None:
                move["get"] = _side(concession.get)
            move["planned"] = True
            move["asked_by"] = _todo("who asked (a buyer-side name, or us)")
            seq.append(move)
        return seq

    def _asks(self) -> Any:
        return _seq([_map(ask=ask.ask, heard=None) for ask in self.plan.asks])

    def _unexpected(self) -> Any:
        return _seq([_map(ask=_todo("an ask nobody expected"), response=_todo("how we answered"))])

    def _alignment(self) -> Any:
        return _seq([_signoff(entry) for entry in self.plan.alignment])

    def _relationship(self) -> Any:
        return _map(trend=None, notes=_todo("how the buyer left the table"))

    def _lessons(self) -> Any:
        return _seq(
            [
                _map(
                    lesson=_todo("what to do differently next time"),
                    owner=_todo("who acts on it"),
                    term=None,
                )
            ]
        )

    def _notes(self) -> None:
        return None


def _side(side: Trade | Commitment) -> Any:
    if isinstance(side, Trade):
        node = _map(term=side.term, value=_yaml_value(side.value))
    else:
        node = _map(commitment=side.commitment, by=side.by)
        if side.who:
            node["who"] = side.who
    node.fa.set_flow_style()
    return node


def _signoff(entry: Alignment) -> Any:
    node = _map(**{"with": entry.with_})
    for key in ("person", "term", "topic"):
        if getattr(entry, key) is not None:
            node[key] = getattr(entry, key)
    if entry.up_to is not None:
        node["up_to"] = _yaml_value(entry.up_to)
    node["status"] = entry.status.value
    node["requested"] = None
    node["decided"] = entry.date
    return node
