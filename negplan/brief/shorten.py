"""Shorten a brief that is too full for one page, least important first, and say what was
left out.

In order: evidence under buyer interests, proof points beyond two, notes on terms, questions
beyond four, criteria beyond two, asks beyond three, nice-to-have goals, the check's notes,
our interests beyond two, buyer interests beyond the three that matter most to them, the
evidence of the alternatives, the check's detailed messages, findings beyond six,
should-have goals, then fewer again of each, the concessions' conditions, the end of long
texts, the agreed sign-offs the positions table already shows, and finally the smallest
type. A must-have goal, the walk-away, a position, a concession and a sign-off still needed
are never left out.
"""

from __future__ import annotations

from collections.abc import Callable

from negplan.brief.data import Brief, FindingGroup


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


Cut = Callable[[Brief], Brief | None]
#: Free text longer than this is cut short by the last shortening.
SHORT_TEXT = 140
_RANK = {"high": 0, "medium": 1, "low": 2}


def _keep(field: str, keep: int) -> Cut:
    """Keep the first ``keep`` items of a list field."""

    def cut(brief: Brief) -> Brief | None:
        items = getattr(brief, field)
        return brief._replace(**{field: items[:keep]}) if len(items) > keep else None

    return cut


def _cut_evidence(brief: Brief) -> Brief | None:
    if not any(i.evidence for i in brief.interests):
        return None
    return brief._replace(interests=tuple(i._replace(evidence=None) for i in brief.interests))


def _cut_proof(keep: int) -> Cut:
    def cut(brief: Brief) -> Brief | None:
        points = brief.value.proof_points
        if len(points) <= keep:
            return None
        return brief._replace(value=brief.value._replace(proof_points=points[:keep]))

    return cut


def _cut_notes(brief: Brief) -> Brief | None:
    if not any(v.notes for v in brief.variables):
        return None
    return brief._replace(variables=tuple(v._replace(notes=None) for v in brief.variables))


def _cut_goals(priority: str) -> Cut:
    def cut(brief: Brief) -> Brief | None:
        kept = tuple(g for g in brief.goals if g.priority != priority)
        return brief._replace(goals=kept) if len(kept) < len(brief.goals) else None

    return cut


def _cut_infos(brief: Brief) -> Brief | None:
    kept = tuple(g for g in brief.finding_groups if g.severity != "info")
    return brief._replace(finding_groups=kept) if len(kept) < len(brief.finding_groups) else None


def _cut_details(brief: Brief) -> Brief | None:
    if not any(i.details for g in brief.finding_groups for i in g.items):
        return None
    groups = tuple(
        FindingGroup(g.severity, g.title, tuple(i._replace(details=()) for i in g.items))
        for g in brief.finding_groups
    )
    return brief._replace(finding_groups=groups)


def _cut_findings(keep: int) -> Cut:
    """Keep the first ``keep`` findings items, most severe first."""

    def cut(brief: Brief) -> Brief | None:
        groups, left = [], keep
        for group in brief.finding_groups:
            if left > 0:
                groups.append(group._replace(items=group.items[:left]))
                left -= len(groups[-1].items)
        if sum(len(g.items) for g in groups) == sum(len(g.items) for g in brief.finding_groups):
            return None
        return brief._replace(finding_groups=tuple(groups))

    return cut


def _cut_interests(keep: int) -> Cut:
    """Keep the ``keep`` buyer interests that matter most to them, in their order."""

    def cut(brief: Brief) -> Brief | None:
        if len(brief.interests) <= keep:
            return None
        ranked = sorted(
            range(len(brief.interests)),
            key=lambda n: _RANK.get(brief.interests[n].priority or "", 3),
        )
        return brief._replace(interests=tuple(brief.interests[n] for n in sorted(ranked[:keep])))

    return cut


def _cut_alternatives(brief: Brief) -> Brief | None:
    sides = (brief.ours, brief.theirs)
    if not any(side is not None and side.evidence for side in sides):
        return None
    ours, theirs = (side._replace(evidence=None) if side else None for side in sides)
    return brief._replace(ours=ours, theirs=theirs)


def _cut_conditions(brief: Brief) -> Brief | None:
    if not any(c.condition for c in brief.concessions):
        return None
    return brief._replace(concessions=tuple(c._replace(condition=None) for c in brief.concessions))


def _cut_agreed(brief: Brief) -> Brief | None:
    """Leave out of the approvals the agreed sign-offs the positions table shows."""
    shown = {
        (v.signoff, f"{v.name} to") for v in brief.variables if v.past_authority and v.signoff_done
    }
    kept = tuple(
        s
        for s in brief.signoffs
        if not (s.done and any(s.who == who and s.what.startswith(what) for who, what in shown))
    )
    return brief._replace(signoffs=kept) if len(kept) < len(brief.signoffs) else None


def _tighter(brief: Brief) -> Brief | None:
    return brief._replace(density=2) if brief.density < 2 else None


def short(text: str | None, limit: int = SHORT_TEXT) -> str | None:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis."""
    if text is None or len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _cut_texts(brief: Brief) -> Brief | None:
    """Cut long free text short; must-have goals, the walk-away and sign-offs stay whole."""
    value = brief.value
    cut = brief._replace(
        value=value._replace(
            statement=short(value.statement),
            proof_points=tuple(short(p) or "" for p in value.proof_points),
        ),
        situation=short(brief.situation),
        goals=tuple(
            g if g.priority == "must" else g._replace(goal=short(g.goal) or "") for g in brief.goals
        ),
        interests=tuple(i._replace(interest=short(i.interest) or "") for i in brief.interests),
        our_interests=tuple(
            i._replace(interest=short(i.interest) or "") for i in brief.our_interests
        ),
        criteria=tuple(short(c) or "" for c in brief.criteria),
        questions=tuple(short(q) or "" for q in brief.questions),
        asks=tuple(
            a._replace(ask=short(a.ask) or "", response=short(a.response)) for a in brief.asks
        ),
        concessions=tuple(c._replace(get=short(c.get)) for c in brief.concessions),
        ours=brief.ours._replace(description=short(brief.ours.description) or "")
        if brief.ours
        else None,
        theirs=brief.theirs._replace(description=short(brief.theirs.description) or "")
        if brief.theirs
        else None,
    )
    return cut if cut != brief else None


#: The shortenings, in the order they are tried, least important first.
CUTS: tuple[Cut, ...] = (
    _cut_evidence,
    _cut_proof(2),
    _cut_notes,
    _keep("questions", 4),
    _keep("criteria", 2),
    _keep("asks", 3),
    _cut_goals("nice"),
    _cut_infos,
    _keep("our_interests", 2),
    _cut_interests(3),
    _cut_alternatives,
    _cut_details,
    _cut_findings(6),
    _cut_goals("should"),
    _keep("questions", 2),
    _keep("asks", 2),
    _keep("criteria", 1),
    _cut_proof(1),
    _keep("our_interests", 1),
    _cut_interests(2),
    _cut_conditions,
    _cut_texts,
    _cut_agreed,
    _keep("questions", 1),
    _keep("asks", 1),
    _cut_findings(3),
    _tighter,
)


def left_out(full: Brief, short: Brief) -> tuple[str, ...]:
    """What ``short`` leaves out of ``full``, in words (``2 questions``...)."""
    said: list[str] = []

    def count(number: int, one: str, many: str) -> None:
        if number > 0:
            said.append(_plural(number, one, many))

    count(len(full.interests) - len(short.interests), "buyer interest", "buyer interests")
    had = {(i.interest, i.holder) for i in full.interests if i.evidence}
    lost = sum(1 for i in short.interests if not i.evidence and (i.interest, i.holder) in had)
    count(lost, "buyer interest's evidence", "buyer interests' evidence")
    count(
        len(full.value.proof_points) - len(short.value.proof_points), "proof point", "proof points"
    )
    notes = sum(1 for v in full.variables if v.notes) - sum(1 for v in short.variables if v.notes)
    count(notes, "note on a term", "notes on terms")
    for priority, words in (("should", "should-have"), ("nice", "nice-to-have")):
        lost = sum(1 for g in full.goals if g.priority == priority)
        lost -= sum(1 for g in short.goals if g.priority == priority)
        count(lost, f"{words} goal", f"{words} goals")
    count(
        len(full.our_interests) - len(short.our_interests), "of our interests", "of our interests"
    )
    count(len(full.criteria) - len(short.criteria), "objective criterion", "objective criteria")
    count(len(full.questions) - len(short.questions), "question", "questions")
    count(len(full.asks) - len(short.asks), "anticipated ask", "anticipated asks")
    sides = sum(1 for a in (full.ours, full.theirs) if a and a.evidence)
    sides -= sum(1 for a in (short.ours, short.theirs) if a and a.evidence)
    count(sides, "alternative's evidence", "alternatives' evidence")
    conditions = sum(1 for c in full.concessions if c.condition)
    conditions -= sum(1 for c in short.concessions if c.condition)
    count(conditions, "concession's condition", "concessions' conditions")
    agreed = len(full.signoffs) - len(short.signoffs)
    count(
        agreed,
        "agreed sign-off shown in the positions table",
        "agreed sign-offs shown in the positions table",
    )
    said += _findings_left_out(full, short)
    if short.value.statement != full.value.statement or short.situation != full.situation:
        said.append("the end of long texts")
    return tuple(said)


def _findings_left_out(full: Brief, short: Brief) -> list[str]:
    said = []
    counts = {
        severity: (
            sum(
                len(i.lines) for g in full.finding_groups if g.severity == severity for i in g.items
            ),
            sum(
                len(i.lines)
                for g in short.finding_groups
                if g.severity == severity
                for i in g.items
            ),
        )
        for severity in ("error", "warning", "info")
    }
    words = {
        "error": ("error", "errors"),
        "warning": ("warning", "warnings"),
        "info": ("note", "notes"),
    }
    for severity, (before, after) in counts.items():
        if before > after:
            one, many = words[severity]
            said.append(_plural(before - after, f"{one} of the check", f"{many} of the check"))
    kept = [i for g in short.finding_groups for i in g.items]
    if any(i.details for g in full.finding_groups for i in g.items) and not any(
        i.details for i in kept
    ):
        said.append("the check's detailed messages (run negplan check)")
    return said
