"""NP5xx: preparation — interests, value, alternatives, questions, criteria, the meeting's
objective (ideas 1, 7–9)."""

from __future__ import annotations

from collections.abc import Iterator

from negplan.domain import Status
from negplan.findings import Severity
from negplan.rules._util import show
from negplan.rules.base import Issue, PlanContext, rule
from negplan.rules.completeness import is_placeholder


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@rule("NP501", "too-few-interests", Severity.WARNING, target="plan", ideas=(8,))
def too_few_interests(ctx: PlanContext) -> Iterator[Issue]:
    """The plan lists fewer buyer interests than the playbook requires.

    Why it matters:
        Trades are built on the buyer's real needs, not their positions. A plan that does not
        know what the buyer needs can only haggle over price.

    Fails:
        interests: []               # the playbook requires 2

    Passes:
        interests:
          - interest: predictable budget for three years
            holder: CFO
          - interest: go live before the audit in March
            holder: Head of IT

    Options:
        `requirements.min_interests` in the playbook (default 2).
    """
    wanted = ctx.playbook.requirements.min_interests
    have = len(ctx.plan.interests)
    if have < wanted:
        yield Issue(
            ("interests",),
            f"{_plural(have, 'buyer interest')}, the playbook asks for at least {wanted}",
            "add what the buyer needs behind their positions, and who holds each need",
            key=True,
        )


@rule("NP502", "no-value-statement", Severity.ERROR, target="plan", ideas=(7,))
def no_value_statement(ctx: PlanContext) -> Iterator[Issue]:
    """The plan has no value statement.

    Why it matters:
        Value before price: the rep must be able to say how we meet the customer's needs with
        higher confidence and lower risk than their alternatives. Without it, the only thing
        left to talk about is the price.

    Fails:
        value: {}

    Passes:
        value:
          statement: cuts month-end close from 9 to 4 days, with a named team on site
          proof_points: [Globex closed in 4 days within a quarter]

    Options:
        none.
    """
    if ctx.plan.value is None or not (ctx.plan.value.statement or "").strip():
        yield Issue(
            ("value",),
            "no value statement",
            "add `value.statement`: how we meet their needs better than their alternatives",
            key=True,
        )


@rule("NP503", "no-alternatives", Severity.WARNING, target="plan", ideas=(9,))
def no_alternatives(ctx: PlanContext) -> Iterator[Issue]:
    """Our alternative or the buyer's alternative to a deal is missing.

    Why it matters:
        What each side does if there is no deal sets the power in the room: ours tells us how
        firmly we can hold, theirs how hard they can push.

    Fails:
        alternatives:
          ours: {description: redeploy the team on the Initech pilot}
          theirs: {description: n/a}          # n/a, none, unknown, tbd, - say nothing

    Passes:
        alternatives:
          ours: {description: redeploy the team on the Initech pilot}
          theirs: {description: stay on spreadsheets another year, status: validated}

    Options:
        none.
    """
    alternatives = ctx.plan.alternatives
    for side, words in (("ours", "our"), ("theirs", "the buyer's")):
        alternative = getattr(alternatives, side) if alternatives is not None else None
        what = f"what {'we do' if side == 'ours' else 'they do'} if there is no deal"
        if alternative is None:
            yield Issue(
                ("alternatives", side),
                f"no alternatives.{side}: {words} alternative to a deal is missing",
                f"add `alternatives.{side}`: {what}",
                key=True,
            )
        elif is_placeholder(alternative.description):
            yield Issue(
                ("alternatives", side, "description"),
                f"alternatives.{side} says '{alternative.description}': that is not an alternative",
                f"describe {what}, and what it costs {'us' if side == 'ours' else 'them'}",
            )


@rule("NP504", "too-few-questions", Severity.WARNING, target="plan", ideas=(1,))
def too_few_questions(ctx: PlanContext) -> Iterator[Issue]:
    """Fewer questions than the playbook requires, or no anticipated buyer asks.

    Why it matters:
        Preparation means knowing what to find out in the meeting and what the buyer will ask
        for. Reps who have not anticipated the asks concede reactively.

    Fails:
        questions: []
        asks: []

    Passes:
        questions: [what happens if this slips past March?, who else signs off?, ...]
        asks:
          - ask: 20% off like last year
            response: price reflects scope; we can phase the rollout instead

    Options:
        `requirements.min_questions` (default 3) and `requirements.min_asks` (default 1).
    """
    req = ctx.playbook.requirements
    if len(ctx.plan.questions) < req.min_questions:
        have = len(ctx.plan.questions)
        yield Issue(
            ("questions",),
            f"{_plural(have, 'question')}, the playbook asks for at least {req.min_questions}",
            "add open questions that uncover interests and the buyer's alternatives",
            key=True,
        )
    if len(ctx.plan.asks) < req.min_asks:
        yield Issue(
            ("asks",),
            f"{_plural(len(ctx.plan.asks), 'anticipated ask')}, the playbook asks for at least "
            f"{req.min_asks}",
            "add what the buyer will ask or object, each with your response",
            key=True,
        )


@rule("NP505", "interest-unvalidated", Severity.INFO, target="plan", ideas=(8, 19))
def interest_unvalidated(ctx: PlanContext) -> Iterator[Issue]:
    """A buyer interest has no evidence, or is still an estimate.

    Why it matters:
        Interests start as estimates and become facts in discovery. A plan should show which
        is which, so the rep knows what to confirm in the meeting before trading on it.

    Fails:
        - interest: wants a lower price
          status: estimated

    Passes:
        - interest: predictable budget for three years
          evidence: CFO said so on the 12 Nov call
          status: validated

    Options:
        none.
    """
    for i, interest in enumerate(ctx.plan.interests):
        short = (
            interest.interest if len(interest.interest) <= 40 else interest.interest[:37] + "..."
        )
        if not (interest.evidence or "").strip():
            yield Issue(
                ("interests", i),
                f"interest '{short}' has no evidence",
                "say where you learned it (`evidence:`), or ask about it in the meeting",
            )
        elif interest.status is Status.ESTIMATED:
            yield Issue(
                ("interests", i, "status"),
                f"interest '{short}' is still an estimate",
                "confirm it in discovery and set `status: validated`",
            )


@rule("NP506", "target-equals-walk-away", Severity.WARNING, target="plan", ideas=(15,))
def target_equals_walk_away(ctx: PlanContext) -> Iterator[Issue]:
    """A variable has no target, or its target equals its walk-away (unless held firm).

    Why it matters:
        Negotiators who aim at an ambitious target do better than those who focus on their
        floor. A target equal to the walk-away leaves no room: the first concession is
        already the last. A term held firm on purpose (one position: `firm: true`, or the
        same opening, target and walk-away) is not this mistake.

    Fails:
        - term: discount
          opening: 0
          walk_away: 10             # no target

    Passes:
        - term: discount
          opening: 0
          target: 5
          walk_away: 10
        - {term: payment_terms, target: 30, firm: true}     # held firm

    Options:
        none.
    """
    for i, variable in enumerate(ctx.plan.variables):
        positions = {variable.opening, variable.target, variable.walk_away}
        if variable.firm and len(positions) > 1:
            yield Issue(
                ("variables", i, "firm"),
                f"{variable.term} is held firm, but its opening, target and walk-away differ",
                "a firm term has one position: give it as `target:` alone, or drop `firm: true`",
            )
            continue
        if variable.firm or (len(positions) == 1 and None not in positions):
            continue  # held firm: one position, no room planned on purpose
        if variable.target is None:
            yield Issue(
                ("variables", i),
                f"no target for {variable.term}",
                "add `target:`: what a great deal looks like on this term",
            )
        elif variable.walk_away is not None and variable.target == variable.walk_away:
            # (a term held firm on purpose was skipped above)
            term = ctx.term(variable.term)
            shown = show(term, variable.target) if term else str(variable.target)
            yield Issue(
                ("variables", i, "target"),
                f"target for {variable.term} equals the walk-away ({shown})",
                "aim higher: set the target between the opening and the walk-away",
            )


@rule("NP507", "no-decision-maker", Severity.WARNING, target="plan", ideas=(18,))
def no_decision_maker(ctx: PlanContext) -> Iterator[Issue]:
    """No decision maker is identified: on the buyer's side, or on ours (`team:`).

    Why it matters:
        Know who decides on both sides. Negotiating with someone who cannot say yes means
        every concession is banked and the real negotiation happens later, without you; not
        knowing our own decision maker means no one is ready to say yes for us.

    Fails:
        counterparts:
          - {name: Lee Park, role: procurement manager}

    Passes:
        counterparts:
          - {name: Lee Park, role: procurement manager}
          - {name: Ana Silva, role: CFO, decision_maker: true}

    Options:
        none.
    """
    if not any(person.decision_maker for person in ctx.plan.counterparts):
        yield Issue(
            ("counterparts",),
            "no buyer-side decision maker identified",
            "mark who decides with `decision_maker: true`, or add a question to find out",
            key=True,
        )
    team = ctx.plan.team
    if team is not None and not (team.decision_maker or "").strip():
        yield Issue(
            ("team",),
            "no decision maker on our side (`team.decision_maker`)",
            "name who decides for us, so that the rep knows whose yes the deal needs",
            key=True,
        )


@rule("NP508", "no-criteria", Severity.INFO, target="plan", ideas=(20,))
def no_criteria(ctx: PlanContext) -> Iterator[Issue]:
    """The plan has fewer objective criteria for the opening than the playbook asks for.

    Why it matters:
        An opening is defensible when it rests on standards the buyer accepts: benchmarks,
        published prices, precedent deals. Without them, the anchor looks arbitrary and is
        easy to dismiss.

    Fails:
        criteria: []

    Passes:
        criteria:
          - standard: published list price 2026
            source: price book v12

    Options:
        `requirements.min_criteria` in the playbook (default 1).
    """
    wanted = ctx.playbook.requirements.min_criteria
    if len(ctx.plan.criteria) < wanted:
        yield Issue(
            ("criteria",),
            f"{len(ctx.plan.criteria)} objective "
            f"{'criterion' if len(ctx.plan.criteria) == 1 else 'criteria'} for the opening, the "
            f"playbook asks for at least {wanted}",
            "add a benchmark, published price or precedent deal that supports your opening",
            key=True,
        )


@rule("NP513", "no-meeting-objective", Severity.INFO, target="plan", ideas=(1,))
def no_meeting_objective(ctx: PlanContext) -> Iterator[Issue]:
    """The plan does not say what this meeting should achieve, or which next step to ask for.

    Why it matters:
        A negotiation is rarely won in one meeting. A rep who knows the outcome they want
        from *this* meeting, and the commitment they will ask for at the end of it (who does
        what, by when), leaves with progress; one who does not leaves with a friendly
        conversation and no next step.

    Fails:
        objective: {}

    Passes:
        objective:
          outcome: agreement in principle on a three-year package
          next_step: Ana Silva confirms the 36-month term in writing by 20 February

    Options:
        none.
    """
    objective = ctx.plan.objective
    outcome = objective is not None and bool((objective.outcome or "").strip())
    next_step = objective is not None and bool((objective.next_step or "").strip())
    if not outcome and not next_step:
        yield Issue(
            ("objective",),
            "no meeting objective: the plan does not say what this meeting should achieve "
            "or which next step to ask for",
            "add `objective:` with `outcome` (what you want out of this meeting) and "
            "`next_step` (who does what, by when)",
            key=True,
        )
    elif not outcome:
        yield Issue(
            ("objective",),
            "no meeting objective: the plan does not say what this meeting should achieve",
            "add `objective.outcome`: what you want out of this meeting",
            key=True,
        )
    elif not next_step:
        yield Issue(
            ("objective",),
            "no next step: the plan does not say which commitment to ask for",
            "add `objective.next_step`: who does what, by when, at the end of the meeting",
            key=True,
        )


RULES = [
    too_few_interests,
    no_value_statement,
    no_alternatives,
    too_few_questions,
    interest_unvalidated,
    target_equals_walk_away,
    no_decision_maker,
    no_criteria,
    no_meeting_objective,
]
