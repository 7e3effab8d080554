"""NP9xx: the playbook itself — a broken term library must not reach the reps (idea 10)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from negplan.domain import Direction, Unit
from negplan.findings import Severity
from negplan.rules._util import show, show_limits
from negplan.rules.base import Issue, PlaybookContext, rule
from negplan.schema import suggest

if TYPE_CHECKING:
    from negplan.models.playbook import Term


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


def _position_ok(term: Term, value: object) -> bool:
    if term.unit.numeric and (term.limits is None or term.limits.min > term.limits.max):
        return term.badness(value) is not None
    return term.within_limits(value)


@rule("NP903", "authority-outside-limits", Severity.ERROR, target="playbook", ideas=(10,))
def authority_outside_limits(ctx: PlaybookContext) -> Iterator[Issue]:
    """A term has no rep authority, or the authority lies outside the term's hard limits.

    Why it matters:
        The rep's authority is how far they may go alone, so it must be a position the term
        allows: min ≤ authority ≤ max, or one of a choice term's options.

    Fails:
        - id: discount
          limits: {min: 0, max: 30}
          authority: 40

    Passes:
        - id: discount
          limits: {min: 0, max: 30}
          authority: 10

    Options:
        none.
    """
    for i, term in enumerate(ctx.playbook.terms):
        if term.authority is None:
            yield Issue(
                ("terms", i),
                f"term '{term.id}' has no rep authority",
                "add `authority:`: how far a rep may go without approval",
            )
        elif not _position_ok(term, term.authority):
            yield Issue(
                ("terms", i, "authority"),
                f"authority {show(term, term.authority)} of '{term.id}' is outside its "
                + _allowed(term),
                "set the authority inside the term's limits",
            )


def _allowed(term: Term) -> str:
    if term.unit is Unit.CHOICE:
        return "options (" + ", ".join(term.options) + ")"
    if term.unit is Unit.YES_NO:
        return "values (true or false)"
    if term.limits is None:
        return "unit"
    return f"hard limits ({show_limits(term, term.limits)})"


@rule("NP904", "approval-outside-limits", Severity.ERROR, target="playbook", ideas=(10,))
def approval_outside_limits(ctx: PlaybookContext) -> Iterator[Issue]:
    """An approval threshold lies outside the term's limits, or not beyond the rep's authority.

    Why it matters:
        The ladder covers positions past the rep's authority and inside the hard limits. A
        rung outside that range can never apply, so some positions end up with no approver.

    Fails:
        - id: discount
          limits: {min: 0, max: 30}
          authority: 10
          approvals:
            - {up_to: 5, approver: Sales manager}      # not beyond authority

    Passes:
          approvals:
            - {up_to: 20, approver: Regional sales director}
            - {up_to: 30, approver: CFO}

    Options:
        none.
    """
    for i, term in enumerate(ctx.playbook.terms):
        authority = term.badness(term.authority) if term.authority is not None else None
        for j, rung in enumerate(term.approvals):
            where = ("terms", i, "approvals", j, "up_to")
            if not _position_ok(term, rung.up_to):
                yield Issue(
                    where,
                    f"approval threshold {show(term, rung.up_to)} of '{term.id}' is outside its "
                    + _allowed(term),
                    "set every threshold inside the term's limits",
                )
                continue
            bad = term.badness(rung.up_to)
            if authority is not None and bad is not None and bad <= authority:
                yield Issue(
                    where,
                    f"approval threshold {show(term, rung.up_to)} of '{term.id}' does not go "
                    f"beyond the rep's authority ({show(term, term.authority)})",
                    "thresholds start past the rep's authority",
                )


@rule("NP905", "approvals-not-monotonic", Severity.ERROR, target="playbook", ideas=(10,))
def approvals_not_monotonic(ctx: PlaybookContext) -> Iterator[Issue]:
    """The approval ladder's thresholds do not keep going further, rung after rung.

    Why it matters:
        Each rung of the escalation ladder covers positions further from what is good for us,
        nearest approver first. A rung that steps back makes it ambiguous who must sign.

    Fails:
          approvals:
            - {up_to: 30, approver: CFO}
            - {up_to: 20, approver: Regional sales director}

    Passes:
          approvals:
            - {up_to: 20, approver: Regional sales director}
            - {up_to: 30, approver: CFO}

    Options:
        none.
    """
    for i, term in enumerate(ctx.playbook.terms):
        previous = None
        for j, rung in enumerate(term.approvals):
            bad = term.badness(rung.up_to)
            if bad is None:
                continue
            if previous is not None and bad <= previous[0]:
                yield Issue(
                    ("terms", i, "approvals", j, "up_to"),
                    f"approval threshold {show(term, rung.up_to)} of '{term.id}' does not go "
                    f"further than the previous rung ({show(term, previous[1])})",
                    "list approvers nearest first, each covering a further position",
                )
            previous = (bad, rung.up_to)


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


@rule("NP909", "ladder-short-of-limit", Severity.WARNING, target="playbook", ideas=(10,))
def ladder_short_of_limit(ctx: PlaybookContext) -> Iterator[Issue]:
    """The approval ladder stops short of the hard limit: some allowed positions have no
    approver.

    Why it matters:
        A position past the last rung but inside the hard limits is allowed, yet nobody is
        named to approve it, so the rep does not know whom to ask.

    Fails:
        - id: discount
          limits: {min: 0, max: 30}
          authority: 10
          approvals:
            - {up_to: 20, approver: Regional sales director}

    Passes:
          approvals:
            - {up_to: 20, approver: Regional sales director}
            - {up_to: 30, approver: CFO}

    Options:
        none.
    """
    for i, term in enumerate(ctx.playbook.terms):
        worst = _worst(term)
        authority = term.badness(term.authority) if term.authority is not None else None
        if worst is None or authority is None:
            continue
        reach = max(
            [authority, *(b for r in term.approvals if (b := term.badness(r.up_to)) is not None)]
        )
        if reach < worst[0]:
            yield Issue(
                ("terms", i, "approvals") if term.approvals else ("terms", i),
                f"no approver for '{term.id}' positions past {show(term, _unbad(term, reach))} "
                f"up to the limit {show(term, worst[1])}",
                "add a rung that reaches the hard limit (or narrow the limits)",
                key=True,
            )


def _worst(term: Term) -> tuple[Decimal, object] | None:
    """The allowed position that is worst for us, with its badness."""
    if term.unit is Unit.CHOICE:
        candidates: list[object] = list(term.options[-1:])
    elif term.unit is Unit.YES_NO:
        candidates = [True, False]
    elif term.limits is None or term.limits.min > term.limits.max:
        candidates = []
    else:
        candidates = [term.limits.min, term.limits.max]
    ranked = [(bad, value) for value in candidates if (bad := term.badness(value)) is not None]
    return max(ranked, key=lambda pair: pair[0]) if ranked else None


def _unbad(term: Term, bad: Decimal) -> object:
    """The position whose badness is ``bad`` (the inverse of ``Term.badness``)."""
    if term.unit is Unit.CHOICE:
        return term.options[int(bad)]
    if term.unit is Unit.YES_NO:
        return bool(abs(bad))
    return -bad if term.direction is Direction.HIGHER else bad


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
    authority_outside_limits,
    approval_outside_limits,
    approvals_not_monotonic,
    invalid_options,
    unknown_rule_code,
    unknown_strategy_term,
    ladder_short_of_limit,
    missing_direction,
]
