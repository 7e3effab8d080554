"""The check's findings in plain words, for a manager reading the brief.

The check speaks to the rep who edits the plan (``walk-away 14% on discount goes past your
authority (10%)``); the brief speaks to whoever reads it before the meeting. Each rule has one
sentence here saying what the finding means for the deal; the rule's code and the plan line
stay beside it in small print, for whoever fixes the plan. A rule without a sentence here
falls back to its documented summary.
"""

from __future__ import annotations

from negplan.brief.data import FindingGroup, FindingItem, FindingRow, Readiness
from negplan.brief.text import clean
from negplan.findings import Finding, Severity
from negplan.readiness import readiness as verdict
from negplan.rules import RULES

#: What each plan finding means, in words a sales manager uses.
PLAIN = {
    "NP201": "A term is not in the playbook, so nobody has agreed it can be traded.",
    "NP202": "A position is outside the company's hard limits: nobody can approve it.",
    "NP203": "A position goes past the rep's authority and no sign-off covers it.",
    "NP204": "A term every plan must cover has no positions.",
    "NP205": "The same term is planned twice.",
    "NP301": "A term's positions are in the wrong order (the target is worse than the walk-away, "
    "or the opening worse than the target).",
    "NP302": "A term has no walk-away point.",
    "NP303": "The plan does not say, in one line, when we walk away.",
    "NP304": "An opening already concedes past the standard deal, before the meeting starts.",
    "NP401": "A concession gives something away without getting anything back.",
    "NP402": "A planned concession goes past the walk-away, or on a term the plan has no "
    "positions for.",
    "NP403": "The first concession is one the strategy says never to lead with.",
    "NP404": "A costly concession comes before a cheaper one.",
    "NP405": "Concessions on one term do not get smaller, which invites more pushing.",
    "NP406": "Only price is traded: no terms-and-conditions or creative trade.",
    "NP407": "No planned concession is cheap for us.",
    "NP408": "There is no concession plan.",
    "NP409": "A concession takes back or repeats an earlier step instead of moving on.",
    "NP410": "A concession gets something back that is worse for us than our own walk-away.",
    "NP501": "Too few of the buyer's interests are known.",
    "NP502": "There is no value statement: nothing to talk about but price.",
    "NP503": "What one side does without a deal is not known.",
    "NP504": "Too few questions to ask, or no anticipated buyer asks.",
    "NP505": "A buyer interest is still a guess: confirm it in the meeting.",
    "NP506": "A term has no target, or its target is the walk-away: no room to move.",
    "NP507": "Nobody is known to decide, on the buyer's side or on ours.",
    "NP508": "Too few objective standards (benchmarks, precedents) support our opening.",
    "NP509": "The plan still has placeholder text to fill in.",
    "NP510": "A section the playbook requires is empty.",
    "NP511": "A buyer ask we expect has no prepared answer.",
    "NP512": "The value claim has neither a figure nor a proof point behind it.",
    "NP513": "The plan does not say what this meeting should achieve, or which next step to "
    "ask for.",
    "NP601": "A sign-off on record does not cover its position: wrong approver, not far "
    "enough, or not dated.",
    "NP602": "A sign-off is disputed, or still pending close to the meeting.",
    "NP603": "The plan's dates do not add up.",
    "NP701": "The walk-away package nets less than the company's floor.",
    "NP702": "The walk-away package as a whole needs a sign-off, and none covers it.",
    "NP703": "A planned trade gives more value than it gets.",
    "NP704": "A traded term has no price in the playbook, so the deal economics leave it out.",
    "NP707": "Without the deal's list value, the package floor and approvals were not checked.",
    "NP809": "The meeting is past and nobody has written the debrief yet.",
}
#: The heading of each severity's group, most pressing first.
GROUPS = {
    Severity.ERROR: "To fix before the meeting",
    Severity.WARNING: "To look at",
    Severity.INFO: "Notes",
}


def plain(code: str) -> str:
    """What a finding with ``code`` means, in plain words."""
    sentence = PLAIN.get(code)
    if sentence is not None:
        return sentence
    rule = RULES.get(code)
    return f"{rule.summary}." if rule is not None else code


def _rule_name(code: str) -> str:
    rule = RULES.get(code)
    return rule.name if rule else ""


def finding_row(finding: Finding, *, redact: bool) -> FindingRow:
    """One finding, with its plain-words meaning (its message left out when redacted)."""
    return FindingRow(
        line=finding.line,
        col=finding.col,
        severity=finding.severity.value,
        code=finding.code,
        name=_rule_name(finding.code),
        message=None if redact else clean(finding.message),
        plain=plain(finding.code),
    )


def groups(rows: tuple[FindingRow, ...]) -> tuple[FindingGroup, ...]:
    """The findings grouped by severity, errors first, then by rule in the order the rules
    first appear; empty groups are left out."""
    out = []
    for severity, title in GROUPS.items():
        by_rule: dict[str, list[FindingRow]] = {}
        for row in rows:
            if row.severity == severity.value:
                by_rule.setdefault(row.code, []).append(row)
        items = tuple(
            FindingItem(
                code,
                found[0].name,
                found[0].plain,
                tuple(dict.fromkeys(r.message for r in found if r.message)),
                tuple(dict.fromkeys(r.line for r in found)),
            )
            for code, found in by_rule.items()
        )
        if items:
            out.append(FindingGroup(severity.value, title, items))
    return tuple(out)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def readiness(findings: list[Finding]) -> Readiness:
    """The check's verdict (:func:`negplan.readiness.readiness`: DRAFT, NOT READY, READY WITH
    WARNINGS or READY), with the counts and the rules behind the errors and warnings."""
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    infos = sum(f.severity is Severity.INFO for f in findings)
    state = verdict(findings)
    counted: dict[str, int] = {}
    for finding in findings:
        if finding.severity in (Severity.ERROR, Severity.WARNING):
            key = f"{finding.code} {_rule_name(finding.code)}".strip()
            counted[key] = counted.get(key, 0) + 1
    rules = tuple(k if n == 1 else f"{k} ×{n}" for k, n in counted.items())
    summary = ", ".join(
        (_plural(errors, "error"), _plural(warnings, "warning"), _plural(infos, "note"))
    )
    return Readiness(not state.fails(), state.value, errors, warnings, infos, summary, rules)
