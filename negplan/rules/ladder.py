"""NP903–NP905, NP909, NP911: the rep's authority, the approval ladder and the standard
position of each playbook term."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from negplan.domain import Direction, Unit
from negplan.findings import Severity
from negplan.models.playbook import Term
from negplan.rules._util import show, show_limits
from negplan.rules.base import Issue, PlaybookContext, rule


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
        valid = term.authority is not None and _position_ok(term, term.authority)
        # an authority outside the limits is NP903's: the rungs are not measured against it
        authority = term.badness(term.authority) if valid else None
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


@rule("NP911", "standard-outside-authority", Severity.ERROR, target="playbook", ideas=(3, 10))
def standard_outside_authority(ctx: PlaybookContext) -> Iterator[Issue]:
    """A term's standard position lies outside its hard limits, or past the rep's authority.

    Why it matters:
        The standard position is what a deal gets with no negotiation: new plans open from
        it and `negplan value` measures every give and get against it. It must be a position
        the term allows, and one a rep may agree alone; a standard that needs approval would
        put every deal on standard terms on the approval ladder.

    Fails:
        - id: payment_terms
          limits: {min: 14, max: 90}
          authority: 45
          standard: 60                 # past the rep's authority

    Passes:
        - id: payment_terms
          limits: {min: 14, max: 90}
          authority: 45
          standard: 30

    Options:
        none; a term without `standard:` is not checked.
    """
    for i, term in enumerate(ctx.playbook.terms):
        standard = term.standard
        if standard is None:
            continue
        where = ("terms", i, "standard")
        if not _position_ok(term, standard):
            yield Issue(
                where,
                f"standard position {show(term, standard)} of '{term.id}' is outside its "
                + _allowed(term),
                "set the standard position inside the term's limits",
            )
        elif _position_ok(term, term.authority) and term.past_authority(standard):
            yield Issue(
                where,
                f"standard position {show(term, standard)} of '{term.id}' is past the rep's "
                f"authority ({show(term, term.authority)})",
                "a deal on standard terms needs no approval: set the standard within the "
                "rep's authority",
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


RULES = [
    authority_outside_limits,
    approval_outside_limits,
    approvals_not_monotonic,
    ladder_short_of_limit,
    standard_outside_authority,
]
