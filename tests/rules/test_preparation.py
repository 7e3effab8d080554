"""NP5xx: preparation — interests, value, alternatives, questions, criteria."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import CLEAN_TEXT, DEFAULT_PLAYBOOK_TEXT, at, check_text, codes, line_of, mutate


def _cut(text: str, start: str, end: str, replacement: str = "") -> str:
    i, j = text.index(start), text.index(end)
    return text[:i] + replacement + text[j:]


def test_too_few_interests(tmp_path: Path) -> None:
    text = _cut(
        CLEAN_TEXT,
        "interests:",
        "alternatives:",
        "interests:\n  - interest: x\n    evidence: y\n    status: validated\n\n",
    )
    findings = check_text(tmp_path, text).findings
    assert [f.message for f in findings if f.code == "NP501"] == [
        "1 buyer interest, the playbook asks for at least 2"
    ]
    assert at(findings, "NP501") == [(line_of(text, "interests:"), 1)]


def test_no_value_statement(tmp_path: Path) -> None:
    text = _cut(CLEAN_TEXT, "value:\n  statement", "interests:", "value:\n  proof_points: [x]\n\n")
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP502") == [(text.splitlines().index("value:") + 1, 1)]


def test_no_value_section_at_all(tmp_path: Path) -> None:
    text = _cut(CLEAN_TEXT, "value:\n  statement", "interests:")
    assert "NP502" in codes(check_text(tmp_path, text).findings)


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_missing_alternative(tmp_path: Path, side: str) -> None:
    other = "theirs" if side == "ours" else "ours"
    text = _cut(
        CLEAN_TEXT,
        "alternatives:",
        "criteria:",
        f"alternatives:\n  {other}:\n    description: x\n    status: validated\n\n",
    )
    findings = [f for f in check_text(tmp_path, text).findings if f.code == "NP503"]
    assert [f.message.split(":")[0] for f in findings] == [f"no alternatives.{side}"]
    assert findings[0].line == line_of(text, "alternatives:")


def test_too_few_questions_and_no_asks(tmp_path: Path) -> None:
    text = _cut(CLEAN_TEXT, "\nasks:", "\nalignment:", "\nasks: []\nquestions: ['one?']\n")
    messages = sorted(f.message for f in check_text(tmp_path, text).findings if f.code == "NP504")
    assert messages == [
        "0 anticipated asks, the playbook asks for at least 1",
        "1 question, the playbook asks for at least 3",
    ]


def test_interest_without_evidence_or_unvalidated(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        ("    evidence: Said so on the 12 Nov budget call\n", ""),
        (
            "    evidence: Procurement scorecard shared in the RFP\n    status: validated\n",
            "    evidence: Procurement scorecard shared in the RFP\n    status: estimated\n",
        ),
    )
    findings = [f for f in check_text(tmp_path, text).findings if f.code == "NP505"]
    assert [(f.line, f.message) for f in findings] == [
        (
            line_of(text, "- interest: Predictable"),
            "interest 'Predictable software spend for the ne...' has no evidence",
        ),
        (
            line_of(text, "status: estimated"),
            "interest 'Show procurement savings against last...' is still an estimate",
        ),
    ]


def test_no_target_or_target_equal_to_walk_away(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        (
            "    opening: 0\n    target: 5\n    walk_away: 10\n",
            "    opening: 0\n    walk_away: 10\n",
        ),
        (
            "    opening: 30\n    target: 30\n    walk_away: 45\n",
            "    opening: 30\n    target: 45\n    walk_away: 45\n",
        ),
    )
    messages = [f.message for f in check_text(tmp_path, text).findings if f.code == "NP506"]
    assert messages == [
        "no target for discount",
        "target for payment_terms equals the walk-away (45 days)",
    ]


def test_no_decision_maker(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("    decision_maker: true\n", ""))
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP507") == [(line_of(text, "counterparts:"), 1)]


def test_decision_maker_must_be_a_boolean(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("    decision_maker: true\n", "    decision_maker: yes\n"))
    findings = check_text(tmp_path, text).findings
    (finding,) = [f for f in findings if f.code == "NP101"]
    assert finding.line == line_of(text, "decision_maker: yes")
    assert finding.hint == "write true or false"


def test_no_criteria(tmp_path: Path) -> None:
    text = _cut(CLEAN_TEXT, "criteria:", "variables:")
    assert "NP508" in codes(check_text(tmp_path, text).findings)


def test_required_section_empty(tmp_path: Path) -> None:
    # the default playbook requires team, counterparts and goals.
    text = _cut(CLEAN_TEXT, "team:", "counterparts:")
    findings = [f for f in check_text(tmp_path, text).findings if f.code == "NP510"]
    assert [f.message for f in findings] == ["required section 'team' is empty"]


def test_requirements_come_from_the_playbook(tmp_path: Path) -> None:
    playbook = mutate(DEFAULT_PLAYBOOK_TEXT, ("  min_interests: 2\n", "  min_interests: 4\n"))
    findings = check_text(tmp_path, CLEAN_TEXT, playbook=playbook).findings
    assert [f.message for f in findings if f.code == "NP501"] == [
        "3 buyer interests, the playbook asks for at least 4"
    ]


def test_no_meeting_objective(tmp_path: Path) -> None:
    text = _cut(CLEAN_TEXT, "objective:", "goals:")
    findings = check_text(tmp_path, text).findings
    assert [f.message for f in findings if f.code == "NP513"] == [
        "no meeting objective: the plan does not say what this meeting should achieve or "
        "which next step to ask for"
    ]
    assert at(findings, "NP513") == [(line_of(text, "kind: plan"), 1)]


@pytest.mark.parametrize(
    ("kept", "message"),
    [
        ("  outcome: Agreement in principle\n", "no next step: the plan does not say which"),
        ("  next_step: Ana Silva signs by 20 February\n", "no meeting objective: the plan does"),
    ],
)
def test_meeting_objective_half_filled(tmp_path: Path, kept: str, message: str) -> None:
    text = _cut(CLEAN_TEXT, "objective:", "goals:", f"objective:\n{kept}\n")
    findings = [f for f in check_text(tmp_path, text).findings if f.code == "NP513"]
    assert [f.message[: len(message)] for f in findings] == [message]
    assert [(f.line, f.col) for f in findings] == [(line_of(text, "objective:"), 1)]


def test_clean_plan_has_no_preparation_findings(tmp_path: Path) -> None:
    found = codes(check_text(tmp_path, CLEAN_TEXT).findings)
    assert not found & {f"NP5{n:02d}" for n in range(1, 12)}
