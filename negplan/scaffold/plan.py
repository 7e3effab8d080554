"""``negplan new``: build a starter plan from the playbook, with guiding comments.

The plan is built as ruamel.yaml round-trip nodes (``CommentedMap``/``CommentedSeq``) so the
comments are part of the document, not pasted-in text. Every value the rep still has to write
is a text starting with :data:`PLACEHOLDER`; rule NP509 reports each one until it is replaced.
Positions are pre-filled from the term library (:mod:`negplan.scaffold.terms`).
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from negplan.domain import format_value
from negplan.models.plan import Deal, Plan
from negplan.models.playbook import Playbook, TradeLevel
from negplan.scaffold.answers import Answers
from negplan.scaffold.previous import agreed_note, header_lines, surprise_asks, term_lines
from negplan.scaffold.terms import Position, opening_note, positions, term_notes

if TYPE_CHECKING:
    from negplan.history import Previous

#: Every text the scaffold leaves for the rep starts with this marker (see rule NP509).
PLACEHOLDER = "TODO"
_WIDTH = 100


@dataclass(frozen=True)
class Scaffold:
    """Everything :func:`build_plan` needs besides the answers."""

    playbook: Playbook
    source: str
    playbook_key: str | None = None
    schema_ref: str | None = None
    #: The debrief the plan starts from (``negplan new --from``), and how to name it.
    previous: Previous | None = None
    previous_shown: str = ""


def render_plan(scaffold: Scaffold, answers: Answers) -> str:
    """The starter plan as YAML text, comments included."""
    return dump(build_plan(scaffold, answers))


def dump(root: Any) -> str:
    """A document built of ruamel nodes as YAML text, the way every scaffold writes it."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = _WIDTH - 4
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()


def build_plan(scaffold: Scaffold, answers: Answers) -> Any:
    """The starter plan as a ruamel ``CommentedMap`` (every section of the plan format)."""
    builder = _Builder(scaffold, answers)
    root = CommentedMap()
    root["kind"] = "plan"
    root["version"] = 1
    for name, info in Plan.model_fields.items():
        key = info.alias or name
        if key in ("kind", "version"):
            continue
        if key == "playbook" and scaffold.playbook_key is None:
            continue
        make = getattr(builder, f"_{name}", None)
        root[key] = make() if make is not None else _empty(info.annotation)
        note = builder.section_note(name) or info.description
        if note:
            root.yaml_set_comment_before_after_key(
                key, before="\n" + _wrap(note.splitlines(), indent=0), indent=0
            )
    root.yaml_set_start_comment(_wrap(builder.header(), indent=0))
    return root


def _empty(annotation: Any) -> Any:
    return CommentedSeq() if getattr(annotation, "__origin__", None) is list else None


def _wrap(lines: list[str], *, indent: int) -> str:
    """Comment lines wrapped to fit the file's width (the ``# `` and indent included)."""
    width = _WIDTH - indent - 2
    out: list[str] = []
    for line in lines:
        out += textwrap.wrap(line, width, break_on_hyphens=False) or [""]
    return "\n".join(out)


def _eol(mapping: Any, notes: dict[str, str], *, indent: int) -> None:
    """End-of-line comments on ``mapping``'s keys, aligned in one column."""

    def width(key: str) -> int:
        value = mapping[key]
        shown = "" if value is None else " " + _plain(value)
        return indent + len(key) + 1 + len(shown)

    column = max(width(key) for key in notes) + 2
    for key, note in notes.items():
        mapping.yaml_add_eol_comment(note, key, column=column)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _yaml_value(value: Position | None) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _todo(text: str) -> str:
    return f"{PLACEHOLDER} {text}"


class _Builder:
    """One method per plan section, named after the model field."""

    def __init__(self, scaffold: Scaffold, answers: Answers) -> None:
        self.pb = scaffold.playbook
        self.scaffold = scaffold
        self.answers = answers
        self.currency = answers.currency or self.pb.currency
        required = [t for t in self.pb.term_map.values() if t.required]
        extra = [self.pb.term_map[t] for t in answers.terms if t in self.pb.term_map]
        self.terms = required + [t for t in extra if not t.required]
        previous = scaffold.previous
        self.surprises = surprise_asks(previous) if previous is not None else []

    def header(self) -> list[str]:
        lines = []
        if self.scaffold.schema_ref:
            lines.append(f"yaml-language-server: $schema={self.scaffold.schema_ref}")
        customer = self.answers.customer or "customer"
        title = self.answers.title or "deal"
        strategy = self.pb.strategy
        lines += [
            f"Negotiation plan: {customer}, {title}.",
            f"Playbook: {self.pb.company} ({self.scaffold.source}); positioning: "
            f"{strategy.positioning.value}.",
        ]
        if strategy.dont_lead_with:
            lines.append("Don't lead with: " + ", ".join(strategy.dont_lead_with) + ".")
        if self.scaffold.previous is not None:
            lines += header_lines(self.scaffold.previous, self.scaffold.previous_shown)
        lines.append(f"Replace every {PLACEHOLDER} text, then run `negplan check` on this file.")
        return lines

    def section_note(self, name: str) -> str | None:
        req = self.pb.requirements
        notes = {
            "deal": "The deal: who, what, when.",
            "playbook": "The playbook this plan is checked against, relative to this file.",
            "team": "Our side: who leads, who decides, who else is involved.",
            "counterparts": "Buyer side: who is in the room, and who decides "
            "(mark them `decision_maker: true`).",
            "objective": "This meeting: the outcome we want from it, and the commitment or next "
            "step we ask for at the end (who does what, by when).",
            "goals": "What a great deal looks like; priority: must, should or nice.",
            "situation": "The buyer's situation in a few sentences, in their words: a summary "
            'they would answer "that\'s right" to.',
            "value": "Value before price: how we meet their needs better, and with less risk, "
            "than their alternatives.",
            "interests": "The needs behind the buyer's positions, who holds them and where we "
            f"learned them (the playbook asks for at least {req.min_interests}).",
            "our_interests": "Our own interests: what we need from this deal, behind our "
            "positions (priority: low, medium or high).",
            "alternatives": "What each side does if there is no deal; estimated until validated.",
            "criteria": "Objective standards that make the opening defensible: benchmarks, "
            "published prices, precedent deals.",
            "variables": "One entry per term we trade: opening (the anchor), target (a great "
            "deal),\nwalk-away (the worst we accept). Past your authority needs sign-off "
            "before the meeting.",
            "walk_away": "Where we decline the deal, in one line.",
            "concessions": self._concessions_note(),
            "asks": "What the buyer will ask or object, and how we answer."
            + (" The first are the asks nobody expected last time." if self.surprises else ""),
            "questions": "Questions that uncover interests and the buyer's alternatives "
            f"(at least {req.min_questions}).",
            "alignment": "Internal sign-offs for anything past your authority: with (the "
            "approver role on the\nplaybook's ladder), term (or topic: package), up_to (how "
            "far it goes), status\n(agreed, pending or disputed) and date (when agreed).",
        }
        return notes.get(name)

    def _concessions_note(self) -> str:
        lines = [
            "Trade, never give: each give gets something back; list them in the order "
            "you plan to make them.",
            "give: a term and the position we move to. get: a term and value, or a "
            "commitment with a date.",
        ]
        if self.pb.strategy.dont_lead_with:
            lines.append(
                "Don't lead with: "
                + ", ".join(self.pb.strategy.dont_lead_with)
                + f" (strategy: {self.pb.strategy.positioning.value})."
            )
        cheap = [
            t.id
            for t in sorted(self.pb.term_map.values(), key=lambda t: -t.priority)
            if t.cost.rank == 0
        ]
        if cheap:
            lines.append("Cheap for us to give: " + ", ".join(cheap[:5]) + ".")
        return "\n".join(lines)

    # -- sections ------------------------------------------------------------------------------

    def _playbook(self) -> str | None:
        return self.scaffold.playbook_key

    def _deal(self) -> Any:
        a = self.answers
        deal = CommentedMap()
        known: dict[str, Any] = {
            "title": a.title or _todo("deal title"),
            "customer": a.customer or _todo("customer name"),
            "owner": a.owner or _todo("your name"),
            "currency": self.currency,
            "list_value": _yaml_value(a.list_value),
            "meeting": a.meeting,
            "region": a.region,
            "segment": a.segment,
        }
        for name, info in Deal.model_fields.items():
            deal[info.alias or name] = known.get(name)
        notes = {
            "region": "sales region, e.g. EMEA",
            "segment": "customer segment, e.g. enterprise",
            "currency": f"the playbook's currency is {self.pb.currency}",
            "list_value": f"annual list value, in {self.currency}" + self._last_value(),
            "meeting": "date of the negotiation meeting, YYYY-MM-DD",
            "close": "expected close date, YYYY-MM-DD",
        }
        _eol(deal, {k: v for k, v in notes.items() if k in deal}, indent=2)
        return deal

    def _last_value(self) -> str:
        """`` (last time: 240,000 EUR)`` after the list value's comment, or nothing."""
        deal = self.scaffold.previous.plan.deal if self.scaffold.previous else None
        if deal is None or deal.list_value is None:
            return ""
        return (
            f" (last time: {format_value(deal.list_value, 'money')} "
            f"{deal.currency or self.pb.currency})"
        )

    def _team(self) -> Any:
        team = CommentedMap()
        team["lead"] = self.answers.owner or _todo("who leads for us")
        team["decision_maker"] = _todo("who decides on our side")
        team["members"] = CommentedSeq()
        return team

    def _counterparts(self) -> Any:
        return _seq(
            [
                _map(
                    name=_todo("a buyer-side contact"),
                    role=_todo("their role"),
                    decision_maker=False,
                )
            ]
        )

    def _objective(self) -> Any:
        return _map(
            outcome=_todo("what you want out of this meeting"),
            next_step=_todo("the commitment you ask for at the end: who does what, by when"),
        )

    def _goals(self) -> Any:
        return _seq([_map(goal=_todo("what a great deal looks like"), priority="must")])

    def _situation(self) -> str:
        return _todo("the buyer's situation as they would put it, in a few sentences")

    def _value(self) -> Any:
        return _map(
            statement=_todo("how we meet their needs better than their alternatives"),
            proof_points=_seq([_todo("a result, reference or benchmark that proves it")]),
        )

    def _interests(self) -> Any:
        count = max(self.pb.requirements.min_interests, 1)
        return _seq(
            [
                _map(
                    interest=_todo("a need behind their position"),
                    holder=_todo("who holds it"),
                    evidence=None,
                    status="estimated",
                )
                for _ in range(count)
            ]
        )

    def _our_interests(self) -> Any:
        return _seq(
            [
                _map(
                    interest=_todo("what we need from this deal, behind our positions"),
                    priority=None,
                )
            ]
        )

    def _alternatives(self) -> Any:
        return _map(
            ours=_map(description=_todo("what we do if there is no deal"), status="estimated"),
            theirs=_map(description=_todo("what they do if there is no deal"), status="estimated"),
        )

    def _criteria(self) -> Any:
        count = max(self.pb.requirements.min_criteria, 1)
        return _seq(
            [
                _map(
                    standard=_todo("a benchmark, published price or precedent deal"),
                    source=_todo("where it comes from"),
                )
                for _ in range(count)
            ]
        )

    def _variables(self) -> Any:
        seq = _seq([])
        for i, term in enumerate(self.terms):
            opening, target, walk_away = positions(term)
            entry = _map(
                term=term.id,
                opening=_yaml_value(opening),
                target=_yaml_value(target),
                walk_away=_yaml_value(walk_away),
                buyer_value=None,
            )
            walk_note = (
                "at your authority"
                if term.authority is not None
                else "no authority set: agree it before the meeting"
            )
            notes = {"opening": opening_note(term), "walk_away": walk_note}
            lines = term_notes(term, self.pb)
            previous = self.scaffold.previous
            if previous is not None:
                agreed = agreed_note(previous, term)
                notes.update({"target": agreed} if agreed else {})
                lines += term_lines(previous, term)
            notes["buyer_value"] = "how much the buyer values it: low, medium or high"
            _eol(entry, notes, indent=4)
            seq.append(entry)
            seq.yaml_set_comment_before_after_key(i, before=_wrap(lines, indent=2), indent=2)
        return seq

    def _walk_away(self) -> str:
        return _todo("the point where we decline the deal, in one line")

    def _concessions(self) -> Any:
        return _seq([self._concession(give) for give in self._first_gives()])

    def _concession(self, give: Any) -> Any:
        return _map(
            give=give,
            get=_map(
                commitment=_todo("what the buyer commits to in return"),
                by=self.answers.meeting or date.today() + timedelta(days=30),
            ),
            condition=_todo("if you ..., we can ..."),
        )

    def _first_gives(self) -> list[Any]:
        """The first gives to plan: the cheapest term (never one the strategy says not to lead
        with), moved to its target; and when that is a price term, a terms or creative give
        after it, so that the plan does not trade price alone."""
        avoid = set(self.pb.strategy.dont_lead_with)
        moves = [
            (term, target)
            for term in self.terms
            for opening, target, _ in [positions(term)]
            if target is not None and target != opening
        ]
        moves.sort(
            key=lambda m: (
                m[0].id in avoid,
                m[0].level is TradeLevel.PRICE,
                m[0].cost.rank,
                -m[0].priority,
            )
        )
        if not moves:
            return [_map(term=_todo("a term of the variables above"), value=None)]
        chosen = moves[:1]
        if chosen[0][0].level is TradeLevel.PRICE:
            chosen += [m for m in moves if m[0].level is not TradeLevel.PRICE][:1]
        gives = []
        for term, target in chosen:
            give = _map(term=term.id, value=_yaml_value(target))
            give.fa.set_flow_style()
            gives.append(give)
        return gives

    def _asks(self) -> Any:
        asks = [
            _map(
                ask=ask,
                response=_todo("how we answer" + (f" (last time: {said})" if said else "")),
            )
            for ask, said in self.surprises
        ]
        count = max(self.pb.requirements.min_asks, 1) - len(asks)
        asks += [
            _map(ask=_todo("what they will ask or object"), response=_todo("how we answer"))
            for _ in range(count)
        ]
        return _seq(asks)

    def _questions(self) -> Any:
        count = max(self.pb.requirements.min_questions, 1)
        return _seq([_todo("an open question to ask") for _ in range(count)])


def _map(**items: Any) -> Any:
    result = CommentedMap()
    for key, value in items.items():
        result[key] = value
    return result


def _seq(items: list[Any]) -> Any:
    return CommentedSeq(items)
