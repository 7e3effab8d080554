"""NP509–NP512: a plan filled in — no placeholders left, no required section empty, every
ask answered, every value claim backed (ideas 1, 7)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from negplan.findings import Severity
from negplan.positions import Path
from negplan.rules.base import Issue, PlanContext, rule
from negplan.schema import display_path


@rule("NP510", "required-section-empty", Severity.WARNING, target="plan", ideas=(1,))
def required_section_empty(ctx: PlanContext) -> Iterator[Issue]:
    """A section the playbook lists under `requirements.sections` is empty or missing.

    Why it matters:
        The leader team decides what every plan must contain. A required section left empty
        is preparation skipped.

    Fails:
        requirements: {sections: [team]}       # in the playbook
        (the plan has no `team:`)

    Passes:
        team:
          lead: Dana Reyes
          decision_maker: Sam Ortiz (VP Sales)

    Options:
        `requirements.sections` in the playbook.
    """
    for section in ctx.playbook.requirements.sections:
        value = getattr(ctx.plan, section)
        empty = (
            value is None
            or value == []
            or (
                hasattr(value, "model_dump")
                and not any(value.model_dump(exclude_none=True).values())
            )
        )
        if empty:
            yield Issue(
                (section,),
                f"required section '{section}' is empty",
                f"the playbook asks every plan to fill in `{section}:`",
                key=True,
            )


_PLACEHOLDER = re.compile(r"^TODO\b")
_LEAVES = (bool, int, Decimal, date)


def _placeholders(value: object, path: Path) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    if isinstance(value, str):
        if _PLACEHOLDER.match(value):
            found.append((path, value))
    else:
        _collect(value, path, found)
    return found


def _collect(value: object, path: Path, found: list[tuple[Path, str]]) -> None:
    # Depth first, fields in model order: the order the findings come out in.
    children: list[tuple[object, str | int]]
    kind = type(value)
    keys = _FIELD_KEYS.get(kind)
    if keys is None and (fields := getattr(kind, "model_fields", None)) is not None:
        # a pydantic model, or the record `check` builds in its place
        keys = _FIELD_KEYS[kind] = [(name, info.alias or name) for name, info in fields.items()]
    if keys is not None:
        attributes = value.__dict__
        children = [(attributes[name], key) for name, key in keys]
    elif isinstance(value, list):
        children = [(item, i) for i, item in enumerate(value)]
    else:
        return
    for child, part in children:
        if child is None or isinstance(child, _LEAVES):
            continue
        if isinstance(child, str):
            if child.startswith("TODO") and _PLACEHOLDER.match(child):
                found.append(((*path, part), child))
        elif isinstance(child, list) or hasattr(type(child), "model_fields"):
            _collect(child, (*path, part), found)


_FIELD_KEYS: dict[type, list[tuple[str, str]]] = {}


def _may_hold_placeholder(source: str) -> bool:
    # A value can only start with TODO if the text says TODO, or builds it from escapes
    # ("\x54ODO") or a line continuation inside double quotes, which need a backslash.
    return "TODO" in source or "\\" in source


@rule("NP509", "placeholder-left", Severity.WARNING, target="plan", ideas=(1,))
def placeholder_left(ctx: PlanContext) -> Iterator[Issue]:
    """A value still holds a placeholder: a text starting with `TODO`.

    Why it matters:
        `negplan new` writes `TODO ...` wherever the rep still has to think: the value
        statement, the walk-away line, interests, questions. A plan that still says `TODO`
        is not prepared, even if it passes every other check.

    Fails:
        value:
          statement: TODO how we meet their needs better than their alternatives

    Passes:
        value:
          statement: cuts month-end close from 9 to 4 days, with a named team on site

    Options:
        none; turn it off with `rules: {NP509: off}` in the playbook.
    """
    if ctx.source is not None and not _may_hold_placeholder(ctx.source):
        return
    for path, text in _placeholders(ctx.plan, ()):
        shown = text if len(text) <= 50 else text[:47] + "..."
        yield Issue(
            path,
            f"placeholder left in {display_path(path)}: '{shown}'",
            "replace the TODO text with your own, or remove the entry",
        )


_EMPTY_WORDS = frozenset(
    {"n/a", "na", "n.a.", "none", "nothing", "unknown", "tbd", "tba", "tbc", "-", "--", "?", "..."}
)


def is_placeholder(text: str | None) -> bool:
    """Whether a text says nothing: empty, `n/a`, `none`, `unknown`, `tbd`, `-`..."""
    return text is None or text.strip().lower().rstrip(".") in _EMPTY_WORDS or not text.strip()


@rule("NP511", "ask-without-response", Severity.WARNING, target="plan", ideas=(1,))
def ask_without_response(ctx: PlanContext) -> Iterator[Issue]:
    """An anticipated buyer ask has no prepared response.

    Why it matters:
        Anticipating the buyer's asks is half the work; the other half is deciding the answer
        before the meeting. An ask without a response is the one the rep will improvise,
        usually with a concession.

    Fails:
        asks:
          - ask: Match the competitor's 15% discount

    Passes:
        asks:
          - ask: Match the competitor's 15% discount
            response: compare total cost; their quote leaves out implementation and support

    Options:
        none.
    """
    for i, ask in enumerate(ctx.plan.asks):
        if is_placeholder(ask.response) and not _PLACEHOLDER.match(ask.response or ""):
            shown = ask.ask if len(ask.ask) <= 50 else ask.ask[:47] + "..."
            yield Issue(
                ("asks", i, "response") if ask.response is not None else ("asks", i),
                f"no prepared response to the ask '{shown}'",
                "add `response:`: how you will answer it (and what you ask for in return)",
            )


_FIGURE = re.compile(r"\d")


@rule("NP512", "value-unsupported", Severity.WARNING, target="plan", ideas=(7,))
def value_unsupported(ctx: PlanContext) -> Iterator[Issue]:
    """The value statement has neither a figure nor a proof point.

    Why it matters:
        "Better, faster, trusted" is what every seller says. A value claim the buyer can
        believe carries a number (days saved, cost avoided) or evidence: a reference, a
        result, a benchmark. Without either, the value conversation collapses into price.

    Fails:
        value:
          statement: the leading platform, trusted by industry leaders

    Passes:
        value:
          statement: cuts month-end close from 9 to 4 days
        or
        value:
          statement: the platform their peers rely on
          proof_points: [Globex closed in 4 days within a quarter]

    Options:
        none.
    """
    value = ctx.plan.value
    statement = (value.statement or "").strip() if value is not None else ""
    if value is None or not statement or _PLACEHOLDER.match(statement):
        return
    proofs = [p for p in value.proof_points if not is_placeholder(p)]
    if not proofs and not _FIGURE.search(statement):
        yield Issue(
            ("value", "statement"),
            "the value statement has no figure and no proof point",
            "quantify it (days saved, cost avoided...) or add `proof_points:`: a result, a "
            "reference, a benchmark",
        )


RULES = [placeholder_left, required_section_empty, ask_without_response, value_unsupported]
