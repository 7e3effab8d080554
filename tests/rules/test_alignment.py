"""NP6xx: internal alignment and dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from support import CLEAN_TEXT, at, check_text, codes, line_of, mutate

PAST = (
    "    opening: 0\n    target: 5\n    walk_away: 10\n",
    "    opening: 0\n    target: 5\n    walk_away: 18\n",
)
ALIGNMENT = "alignment:\n  - with: Finance director\n    term: payment_terms\n    status: agreed\n"


def test_position_past_authority_without_alignment(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, PAST)
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP601") == [(line_of(text, "walk_away: 18"), 16)]
    (finding,) = [f for f in findings if f.code == "NP601"]
    assert "Regional sales director" in finding.message
    assert finding.hint == (
        "add under `alignment:` - with: Regional sales director, term: discount, status: pending"
    )


def test_agreed_alignment_silences_both(tmp_path: Path) -> None:
    entry = "  - with: Regional sales director\n    term: discount\n    status: agreed\n"
    text = mutate(
        CLEAN_TEXT, PAST, (ALIGNMENT, ALIGNMENT.replace("alignment:\n", "alignment:\n" + entry, 1))
    )
    found = codes(check_text(tmp_path, text).findings)
    assert not found & {"NP203", "NP601"}


def test_pending_alignment_keeps_the_authority_warning(tmp_path: Path) -> None:
    entry = "  - with: Regional sales director\n    term: discount\n    status: pending\n"
    text = mutate(
        CLEAN_TEXT, PAST, (ALIGNMENT, ALIGNMENT.replace("alignment:\n", "alignment:\n" + entry, 1))
    )
    found = codes(check_text(tmp_path, text).findings)
    assert "NP601" not in found  # the sign-off is recorded ...
    assert "NP203" in found  # ... but not yet given


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
