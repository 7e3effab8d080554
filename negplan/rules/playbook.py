"""NP901–NP910: the playbook itself — a broken term library must not reach the reps (idea 10).

The rules on authority and the approval ladder are in :mod:`negplan.rules.ladder`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from negplan.domain import Unit
from negplan.findings import Severity
from negplan.rules.base import Issue, PlaybookContext, rule
from negplan.schema import suggest

if TYPE_CHECKING:
    pass


@rule("NP901", "duplicate-term-id", Severity.ERROR, target="playbook", ideas=(10,))
def duplicate_term_id(ctx: PlaybookContext) -> Iterator[Issue]:
    """Two terms in the playbook share an id.

    Why it matters:
        Plans refer to terms by id; with two definitions a plan's limits and approvers depend
        on which one a tool happens to read.

    Fails:
        terms:
          - {id: discount, ...}
          - {id: discount, ...}

    Passes:
        terms:
          - {id: discount, ...}
          - {id: volume_discount, ...}

    Options:
        none.
    """
    seen: dict[str, int] = {}
    for i, term in enumerate(ctx.playbook.terms):
        if term.id in seen:
            yield Issue(
                ("terms", i, "id"),
                f"term id '{term.id}' is already used by term {seen[term.id] + 1}",
                "give every term a unique id",
            )
        else:
            seen[term.id] = i


@rule("NP902", "invalid-limits", Severity.ERROR, target="playbook", ideas=(10,))
def invalid_limits(ctx: PlaybookContext) -> Iterator[Issue]:
    """A numeric term has no hard limits, or its minimum is above its maximum.

    Why it matters:
        Hard limits are the outer boundary for every plan. Without them, or upside down,
        negplan cannot tell a rep that a position is impossible.

    Fails:
        - id: discount
          unit: percent
          limits: {min: 30, max: 0}

    Passes:
        - id: discount
          unit: percent
          limits: {min: 0, max: 30}

    Options:
        none.
    """
    for i, term in enumerate(ctx.playbook.terms):
        if term.unit.numeric:
            if term.limits is None:
                yield Issue(
                    ("terms", i),
                    f"term '{term.id}' ({term.unit.value}) has no hard limits",
                    "add `limits: {min: ..., max: ...}`",
                )
            elif term.limits.min > term.limits.max:
                yield Issue(
                    ("terms", i, "limits"),
                    f"limits of '{term.id}' are upside down: min {term.limits.min} > max "
                    f"{term.limits.max}",
                    "swap min and max",
                )
        elif term.limits is not None:
            yield Issue(
                ("terms", i, "limits"),
                f"term '{term.id}' is {term.unit.value}: limits do not apply",
                "use `options:` for a choice term; remove `limits:` for a yes/no term",
            )


@rule("NP906", "invalid-options", Severity.ERROR, target="playbook", ideas=(10,))
def invalid_options(ctx: PlaybookContext) -> Iterator[Issue]:
    """A choice term has no options (or repeats one), or a non-choice term lists options.

    Why it matters:
        A choice term's positions are its options, listed best for us first; without them no
        position can be checked.

    Fails:
        - id: support_tier
          unit: choice
          options: []

    Passes:
        - id: support_tier
          unit: choice
          options: [standard, premium, premium_plus]

    Options:
        none.
    """
    for i, term in enumerate(ctx.playbook.terms):
        if term.unit is Unit.CHOICE:
            if not term.options:
                yield Issue(
                    ("terms", i),
                    f"choice term '{term.id}' has no options",
                    "add `options:`, best for us first",
                )
            elif len(set(term.options)) != len(term.options):
                yield Issue(
                    ("terms", i, "options"),
                    f"choice term '{term.id}' lists an option twice",
                    "list each option once",
                )
        elif term.options:
            yield Issue(
                ("terms", i, "options"),
                f"term '{term.id}' is {term.unit.value}: options only apply to choice terms",
                "remove `options:` or set `unit: choice`",
            )


@rule("NP907", "unknown-rule-code", Severity.ERROR, target="playbook")
def unknown_rule_code(ctx: PlaybookContext) -> Iterator[Issue]:
    """The playbook's `rules:` names a rule code that does not exist or cannot be changed.

    Why it matters:
        A typo in a severity override silently leaves the rule at its default. NP1xx rules
        (the file's structure) cannot be changed at all.

    Fails:
        rules:
          NP4O3: error               # letter O instead of zero

    Passes:
        rules:
          NP403: error
          NP505: off

    Options:
        see `negplan rules` for every code.
    """
    for code in ctx.playbook.rules:
        known = ctx.rules.get(code)
        if known is None:
            yield Issue(
                ("rules", code),
                f"unknown rule code '{code}'",
                suggest(code, list(ctx.rules)) or "see `negplan rules` for every code",
                key=True,
            )
        elif not known.configurable:
            yield Issue(
                ("rules", code),
                f"rule {code} ({known.name}) cannot be changed",
                "NP1xx rules check the file's structure and always apply",
                key=True,
            )


@rule("NP908", "unknown-strategy-term", Severity.ERROR, target="playbook", ideas=(6, 11))
def unknown_strategy_term(ctx: PlaybookContext) -> Iterator[Issue]:
    """`strategy.dont_lead_with` names a term that is not in the term library.

    Why it matters:
        The strategy's "don't lead with" list drives NP403. A misspelt id means the rule
        never fires for the term the leader team meant.

    Fails:
        strategy:
          dont_lead_with: [discont]

    Passes:
        strategy:
          dont_lead_with: [discount]

    Options:
        none.
    """
    known = list(ctx.playbook.term_map)
    for j, term_id in enumerate(ctx.playbook.strategy.dont_lead_with):
        if term_id not in ctx.playbook.term_map:
            yield Issue(
                ("strategy", "dont_lead_with", j),
                f"strategy.dont_lead_with names unknown term '{term_id}'",
                suggest(term_id, known) or "terms: " + ", ".join(known),
            )


@rule("NP910", "missing-direction", Severity.ERROR, target="playbook", ideas=(3,))
def missing_direction(ctx: PlaybookContext) -> Iterator[Issue]:
    """A numeric or yes/no term does not say which direction is better for us.

    Why it matters:
        Whether a higher number is good (contract months) or bad (discount) decides every
        ordering and authority check on the term.

    Fails:
        - id: payment_terms
          unit: days

    Passes:
        - id: payment_terms
          unit: days
          direction: lower

    Options:
        none.
    """
    for i, term in enumerate(ctx.playbook.terms):
        if term.unit is not Unit.CHOICE and term.direction is None:
            yield Issue(
                ("terms", i),
                f"term '{term.id}' does not say which direction is better for us",
                "add `direction: lower` or `direction: higher`",
            )


RULES = [
    duplicate_term_id,
    invalid_limits,
    invalid_options,
    unknown_rule_code,
    unknown_strategy_term,
    missing_direction,
]
