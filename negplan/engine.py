"""Validate a loaded document and run the rules on it.

A plan or playbook document becomes a model (:mod:`negplan.schema` turns validation errors into
findings); the playbook's ``rules:`` settings then say which rules run and at what severity,
and each rule's issues become findings at the positions the loader kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from negplan.findings import Finding, Severity, sort_findings
from negplan.loader import Document
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook
from negplan.rules import RULES
from negplan.rules.base import Check, DebriefContext, Issue, PlanContext, PlaybookContext, Rule
from negplan.schema import header_findings, validate

if TYPE_CHECKING:
    from negplan.models.debrief import Debrief

Target = Literal["plan", "playbook", "debrief"]
Active = list[tuple[Rule, Check, Severity]]


def severity_for(rule: Rule, playbook: Playbook | None) -> Severity:
    """The rule's severity after the playbook's overrides."""
    if playbook is not None and rule.configurable:
        return playbook.rules.get(rule.code, rule.severity)
    return rule.severity


def active_rules(target: Target, playbook: Playbook | None) -> Active:
    """The rules to run on ``target`` under ``playbook``, with their severities; worked out
    once per playbook (a run checks many plans against the same one)."""
    key = (target, id(playbook))
    cached = _ACTIVE.get(key)
    if cached is not None and cached[0] is playbook:
        return cached[1]
    active: Active = []
    for rule in RULES.values():
        severity = severity_for(rule, playbook)
        if rule.target == target and rule.check is not None and severity is not Severity.OFF:
            active.append((rule, rule.check, severity))
    if len(_ACTIVE) >= 64:
        _ACTIVE.clear()
    _ACTIVE[key] = (playbook, active)
    return active


# Keyed by the playbook's identity, holding the playbook so that the identity stays its own.
_ACTIVE: dict[tuple[str, int], tuple[Playbook | None, Active]] = {}


def _run(
    target: Target,
    context: PlanContext | PlaybookContext | DebriefContext,
    doc: Document,
    book: Playbook | None,
) -> list[Finding]:
    findings: list[Finding] = []
    active = active_rules(target, book)
    if target == "debrief":
        # Placeholders are found the same way in a debrief as in a plan: NP509 runs on both.
        placeholders = RULES[PLACEHOLDER_RULE]
        severity = severity_for(placeholders, book)
        if placeholders.check is not None and severity is not Severity.OFF:
            active = [*active, (placeholders, _placeholders_in_debrief, severity)]
    for rule, check, severity in active:
        for issue in check(context):
            pos = doc.index.locate(issue.path, key=issue.key)
            findings.append(
                Finding(doc.path, pos.line, pos.col, rule.code, severity, issue.message, issue.hint)
            )
    return findings


#: The rule that reports `TODO` placeholders, in plans and debriefs alike.
PLACEHOLDER_RULE = "NP509"


@dataclass(frozen=True)
class _Written:
    """What NP509 reads of a document: its model (``plan``) and its text."""

    plan: object
    source: str | None


def _placeholders_in_debrief(context: DebriefContext) -> Iterator[Issue]:
    check = RULES[PLACEHOLDER_RULE].check
    assert check is not None
    return check(_Written(context.debrief, context.source))


def validate_playbook(doc: Document) -> tuple[Playbook | None, list[Finding]]:
    """Header and schema checks of a playbook document (no NP9xx rules)."""
    if not doc.ok:
        return None, list(doc.findings)
    header = header_findings(doc)
    if header:
        return None, [*doc.findings, *header]
    kind = doc.data.get("kind")
    if kind != "playbook":
        pos = doc.index.locate(("kind",))
        return None, [
            Finding(
                doc.path,
                pos.line,
                pos.col,
                "NP103",
                Severity.ERROR,
                f"expected a playbook, found kind '{kind}'",
                "point --playbook (or the plan's `playbook:`) at a playbook file",
            )
        ]
    playbook, findings = validate(doc, Playbook)
    return playbook, [*doc.findings, *findings]


def check_playbook_document(doc: Document) -> tuple[Playbook | None, list[Finding]]:
    """Validate a playbook and run the NP9xx rules on it."""
    playbook, findings = validate_playbook(doc)
    if playbook is not None:
        findings += _run("playbook", PlaybookContext(playbook, RULES), doc, playbook)
    return playbook, sort_findings(findings)


def check_plan_document(
    doc: Document, playbook: Playbook, *, today: date
) -> tuple[Plan | None, list[Finding]]:
    """Validate a plan (whose header is known to be right) and run the plan rules against
    ``playbook``."""
    plan, findings = validate(doc, Plan)
    findings = [*doc.findings, *findings]
    if plan is not None:
        context = PlanContext(plan, playbook, today, doc.text, path=doc.path)
        findings += _run("plan", context, doc, playbook)
    return plan, sort_findings(findings)


def check_debrief_document(
    doc: Document, plan: Plan, playbook: Playbook, *, plan_hash: str, today: date
) -> tuple[Debrief | None, list[Finding]]:
    """Validate a debrief (whose header is known to be right) and run the debrief rules
    against the plan it names, as that plan is now (``plan_hash``), and its playbook."""
    from negplan.models.debrief import Debrief  # its classes are built only for debriefs

    debrief, findings = validate(doc, Debrief)
    findings = [*doc.findings, *findings]
    if debrief is not None:
        context = DebriefContext(debrief, plan, playbook, today, plan_hash, doc.text)
        findings += _run("debrief", context, doc, playbook)
    return debrief, sort_findings(findings)
