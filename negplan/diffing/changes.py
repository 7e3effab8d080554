"""What changed between two playbooks, term by term, read from the models.

Each difference is a :class:`Change` at the position of the changed line in the new playbook
(its nearest parent when the key is gone). Sections that are optional compare against their
defaults, so ``required: false`` written out is no change. :func:`variant` builds the old
playbook with one change applied: what that change alone does to a plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from negplan.domain import format_value
from negplan.loader import Document
from negplan.models.playbook import (
    BriefSettings,
    EconomicsSettings,
    Playbook,
    Requirements,
    Strategy,
    Term,
)
from negplan.rules import RULES
from negplan.rules._util import show, show_limits

#: Sections compared field by field, with the settings an absent section means.
SECTIONS: dict[str, type[BaseModel]] = {
    "strategy": Strategy,
    "requirements": Requirements,
    "economics": EconomicsSettings,
    "brief": BriefSettings,
}
#: Top-level fields compared as one value.
HEADER = ("company", "currency", "updated")
#: Term fields whose values are positions on the term.
_POSITION_FIELDS = ("authority", "standard")
#: Section fields that are percentages.
_PERCENT_FIELDS = {
    ("economics", "floor"),
    ("economics", "authority"),
    ("economics", "cost_of_capital"),
}


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new playbook."""

    #: Where, e.g. ``("terms", "discount", "authority")``, ``("economics", "floor")``,
    #: ``("rules", "NP406")`` or ``("terms", "free_months")`` for a whole term.
    path: tuple[str, ...]
    kind: str  # added, removed or changed
    old: str
    new: str
    #: The change in words, e.g. ``tightening discount authority to 8%``.
    words: str
    #: The line in the new playbook (a change is placed on a line only, so that a key
    #: added inside a flow mapping, ``rules: {NP406: error}``, sits where ``whatif`` puts it).
    line: int

    @property
    def name(self) -> str:
        """The path as ``--set`` writes it: ``discount.authority``, ``economics.floor``."""
        parts = self.path[1:] if self.path[0] == "terms" else self.path
        return ".".join(parts)


def playbook_changes(old: Playbook, new: Playbook, new_doc: Document) -> list[Change]:
    """Every difference between ``old`` and ``new``, in the new playbook's order."""
    found: list[Change] = []
    at = _Locator(new, new_doc)
    for name in HEADER:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            found.append(_change((name,), None, before, after, at((name,))))
    found += _term_changes(old, new, at)
    for section in SECTIONS:
        found += _section_changes(section, old, new, at)
    found += _rule_changes(old, new, at)
    return sorted(found, key=lambda c: c.line)


class _Locator:
    """Positions in the new playbook, by the model path of a change."""

    def __init__(self, new: Playbook, doc: Document) -> None:
        self.doc = doc
        self.term_index = {term.id: i for i, term in reversed(list(enumerate(new.terms)))}

    def __call__(self, path: tuple[str, ...]) -> int:
        parts: list[str | int] = list(path)
        if path[0] == "terms":
            index = self.term_index.get(path[1])
            parts = ["terms"] if index is None else ["terms", index, *path[2:]]
        position = self.doc.index.locate(parts, key=True)
        return position.line


def _term_changes(old: Playbook, new: Playbook, at: _Locator) -> list[Change]:
    found: list[Change] = []
    before, after = old.term_map, new.term_map
    for term_id, term in after.items():
        if term_id not in before:
            added: tuple[str, ...] = ("terms", term_id)
            words = f"adding term {term_id}"
            found.append(Change(added, "added", "—", term.name, words, at(added)))
            continue
        previous = before[term_id]
        for field in Term.model_fields:
            was, now = getattr(previous, field), getattr(term, field)
            if field != "id" and was != now:
                path = ("terms", term_id, field)
                found.append(_change(path, (previous, term), was, now, at(path)))
    for term_id, term in before.items():
        if term_id not in after:
            gone: tuple[str, ...] = ("terms", term_id)
            words = f"removing term {term_id}"
            found.append(Change(gone, "removed", term.name, "—", words, at(gone)))
    return found


def _section_changes(section: str, old: Playbook, new: Playbook, at: _Locator) -> list[Change]:
    before, after = _settings(old, section), _settings(new, section)
    found: list[Change] = []
    for field in type(after).model_fields:
        was, now = getattr(before, field), getattr(after, field)
        if was != now:
            path = (section, field)
            found.append(_change(path, None, was, now, at(path)))
    return found


def _settings(playbook: Playbook, section: str) -> BaseModel:
    value = getattr(playbook, section)
    if value is None:
        return SECTIONS[section]()
    assert isinstance(value, BaseModel)
    return value


def _rule_changes(old: Playbook, new: Playbook, at: _Locator) -> list[Change]:
    found: list[Change] = []
    for code in sorted(set(old.rules) | set(new.rules)):
        was, now = old.rules.get(code), new.rules.get(code)
        if was != now:
            path = ("rules", code)
            kind = "added" if was is None else "removed" if now is None else "changed"
            old_text, new_text = _severity(code, was), _severity(code, now)
            words = f"setting rule {code} to {new_text}"
            found.append(Change(path, kind, old_text, new_text, words, at(path)))
    return found


def _severity(code: str, value: Enum | None) -> str:
    if value is not None:
        return str(value.value)
    rule = RULES.get(code)
    return f"default ({rule.severity.value})" if rule is not None else "default"


def _change(
    path: tuple[str, ...],
    terms: tuple[Term, Term] | None,
    was: Any,
    now: Any,
    where: int,
) -> Change:
    kind = "added" if _absent(was) else "removed" if _absent(now) else "changed"
    old_text = _text(path, terms[0] if terms else None, was)
    new_text = _text(path, terms[1] if terms else None, now)
    return Change(path, kind, old_text, new_text, _words(path, terms, was, now, new_text), where)


def _absent(value: Any) -> bool:
    return value is None or value == [] or value == {}


def _words(
    path: tuple[str, ...], terms: tuple[Term, Term] | None, was: Any, now: Any, new_text: str
) -> str:
    """The change in words: ``tightening discount authority to 8%``."""
    subject = " ".join(path[1:]).replace("_", " ") if terms else ".".join(path)
    field = path[-1]
    if terms and field == "required":
        return f"making {path[1]} {'required' if now else 'optional'}"
    if terms and field in _POSITION_FIELDS and was is not None and now is not None:
        old_term, new_term = terms
        before, after = old_term.badness(was), new_term.badness(now)
        if before is not None and after is not None and before != after:
            verb = "tightening" if after < before else "loosening"
            return f"{verb} {subject} to {new_text}"
    if _number(was) and _number(now):
        verb = "raising" if now > was else "lowering"
        return f"{verb} {subject} to {new_text}"
    if _absent(now):
        return f"removing {subject}"
    return f"changing {subject} to {new_text}"


def _number(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _text(path: tuple[str, ...], term: Term | None, value: Any) -> str:
    """A value for people: positions in the term's unit, ladders as ``who to how far``."""
    if _absent(value):
        return "—"
    field = path[-1]
    if term is not None and field in _POSITION_FIELDS:
        return show(term, value)
    if term is not None and field == "limits":
        return show_limits(term, value)
    if term is not None and field == "approvals":
        return ", ".join(f"{rung.approver} to {show(term, rung.up_to)}" for rung in value)
    if (path[0], field) in _PERCENT_FIELDS:
        return format_value(value, "percent")
    if path == ("economics", "approvals"):
        return ", ".join(f"{r.approver} to {format_value(r.up_to, 'percent')}" for r in value)
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, BaseModel):
        shown = value.model_dump(exclude_defaults=True)
        return ", ".join(f"{key} {_plain(item)}" for key, item in shown.items()) or "defaults"
    if isinstance(value, dict):
        return ", ".join(f"{key} {_plain(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, (bool, Decimal, str)) or value is None:
        return format_value(value)
    return str(value)


def variant(old: Playbook, new: Playbook, change: Change) -> Playbook:
    """``old`` with ``change`` (a difference between ``old`` and ``new``) applied alone."""
    fields: dict[str, Any] = {name: getattr(old, name) for name in Playbook.model_fields}
    section = change.path[0]
    if section == "terms":
        fields["terms"] = _terms_with(old, new, change.path)
    elif section == "rules":
        rules = dict(old.rules)
        code = change.path[1]
        if code in new.rules:
            rules[code] = new.rules[code]
        else:
            rules.pop(code, None)
        fields["rules"] = rules
    elif section in SECTIONS:
        field = change.path[1]
        updated = _settings(old, section).model_copy(
            update={field: getattr(_settings(new, section), field)}
        )
        fields[section] = updated
    else:
        fields[section] = getattr(new, section)
    return Playbook.model_validate(fields)


def _terms_with(old: Playbook, new: Playbook, path: tuple[str, ...]) -> list[Term]:
    term_id = path[1]
    if len(path) == 2:  # a term added or removed
        if term_id in new.term_map:
            return [*old.terms, new.term_map[term_id]]
        return [term for term in old.terms if term.id != term_id]
    value = getattr(new.term_map[term_id], path[2])
    return [
        term.model_copy(update={path[2]: value}) if term.id == term_id else term
        for term in old.terms
    ]
