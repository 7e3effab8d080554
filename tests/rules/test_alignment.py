"""NP6xx: internal alignment and dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from support import CLEAN_TEXT, at, check_text, codes, line_of, mutate

PAST = (
    "    opening: 0\n    target: 5\n    walk_away: 10\n",
    "    opening: 0\n    target: 5\n    walk_away: 18\n",
)
ALIGNMENT = (
    "alignment:\n  - with: Finance director\n    term: payment_terms\n    up_to: 45\n"
    "    status: agreed\n"
)


def _with_entry(entry: str) -> str:
    return mutate(
        CLEAN_TEXT, PAST, (ALIGNMENT, ALIGNMENT.replace("alignment:\n", "alignment:\n" + entry, 1))
    )


def test_position_past_authority_without_sign_off_is_one_finding(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, PAST)
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP203") == [(line_of(text, "walk_away: 18"), 16)]
    assert "NP601" not in codes(findings)  # one root cause, one finding
    (finding,) = [f for f in findings if f.code == "NP203"]
    assert "needs Regional sales director" in finding.message
    assert finding.hint is not None
    assert finding.hint.endswith(
        "`- {with: Regional sales director, term: discount, up_to: 18, status: pending}`"
    )


def test_agreed_sign_off_of_the_right_rung_and_value_covers_it(tmp_path: Path) -> None:
    entry = (
        "  - with: Regional sales director\n    term: discount\n    up_to: 18\n"
        "    status: agreed\n    date: 2026-11-20\n"
    )
    found = codes(check_text(tmp_path, _with_entry(entry)).findings)
    assert not found & {"NP203", "NP601"}


def test_pending_sign_off_keeps_the_authority_warning(tmp_path: Path) -> None:
    entry = "  - with: Regional sales director\n    term: discount\n    up_to: 18\n    status: pending\n"
    findings = check_text(tmp_path, _with_entry(entry)).findings
    assert "NP601" not in codes(findings)  # the sign-off is recorded ...
    (finding,) = [f for f in findings if f.code == "NP203"]  # ... but not yet given
    assert finding.message.endswith("the sign-off with Regional sales director is still pending")


def test_disputed_alignment(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        ("    status: agreed\n    date: 2026-11-18", "    status: disputed\n    date: 2026-11-18"),
    )
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP602") == [(line_of(text, "status: disputed"), 13)]


def test_pending_alignment_close_to_the_meeting(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        ("    status: agreed\n    date: 2026-11-18", "    status: pending\n    date: 2026-11-18"),
    )
    # meeting 2027-02-10; the playbook flags pending sign-offs 3 days or less before it.
    far = check_text(tmp_path, text, today=date(2027, 2, 6)).findings
    assert "NP602" not in codes(far)
    near = check_text(tmp_path, text, today=date(2027, 2, 7)).findings
    (finding,) = [f for f in near if f.code == "NP602"]
    assert finding.message == (
        "sign-off with Finance director on payment_terms is still pending and the meeting is in 3 days"
    )


def test_close_before_meeting(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  close: 2027-03-31", "  close: 2027-01-31"))
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP603") == [(line_of(text, "close: 2027-01-31"), 10)]


def test_meeting_in_the_past(tmp_path: Path) -> None:
    findings = check_text(tmp_path, CLEAN_TEXT, today=date(2027, 2, 11)).findings
    assert [f.message for f in findings if f.code == "NP603"] == [
        "meeting date 2027-02-10 is in the past"
    ]


def test_clean_plan_has_no_alignment_findings(tmp_path: Path) -> None:
    assert not codes(check_text(tmp_path, CLEAN_TEXT).findings) & {"NP601", "NP602", "NP603"}
