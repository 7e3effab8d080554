"""Sign-offs are checked against the approval ladder: role, reach (`up_to`) and date (NP601)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from support import CLEAN_TEXT, check_text, codes, line_of, mutate

from negplan.findings import Finding

# discount: authority 10%, ladder Regional sales director up to 20, VP Sales up to 30, CFO 35
WALK_AWAY_25 = ("    target: 5\n    walk_away: 10\n", "    target: 5\n    walk_away: 25\n")
ALIGNMENT = "alignment:\n"


def _signed(entry: str, *extra: tuple[str, str]) -> str:
    return mutate(CLEAN_TEXT, WALK_AWAY_25, (ALIGNMENT, ALIGNMENT + entry), *extra)


def _entry(with_: str, up_to: str = "25", status: str = "agreed", day: str = "2026-11-20") -> str:
    return (
        f"  - with: {with_}\n    term: discount\n    up_to: {up_to}\n"
        f"    status: {status}\n    date: {day}\n"
    )


def _only(findings: list[Finding], code: str) -> Finding:
    (finding,) = [f for f in findings if f.code == code]
    return finding


def test_the_rung_it_needs_covers_it(tmp_path: Path) -> None:
    found = codes(check_text(tmp_path, _signed(_entry("VP Sales"))).findings)
    assert not found & {"NP203", "NP601"}


def test_a_higher_rung_covers_it(tmp_path: Path) -> None:
    found = codes(check_text(tmp_path, _signed(_entry("CFO"))).findings)
    assert not found & {"NP203", "NP601"}


def test_a_role_not_on_the_ladder_does_not_cover(tmp_path: Path) -> None:
    text = _signed(_entry("Deal desk analyst"))
    findings = check_text(tmp_path, text).findings
    finding = _only(findings, "NP601")
    assert finding.line == line_of(text, "with: Deal desk analyst")
    assert "Deal desk analyst is not on the approval ladder of discount" in finding.message
    assert "NP203" not in codes(findings)  # the entry's finding is the one root cause


def test_a_role_too_low_on_the_ladder_does_not_cover(tmp_path: Path) -> None:
    text = _signed(_entry("Regional sales director"))
    finding = _only(check_text(tmp_path, text).findings, "NP601")
    assert finding.line == line_of(text, "with: Regional sales director")
    assert finding.message == (
        "Regional sales director signs off discount only up to 20%; 25% needs VP Sales"
    )


def test_a_team_member_with_the_role_counts_as_the_role(tmp_path: Path) -> None:
    text = _signed(
        _entry("Ines Berg"),
        (
            "    - {name: Tom Weber, role: deal desk}\n",
            "    - {name: Tom Weber, role: deal desk}\n    - {name: Ines Berg, role: VP Sales}\n",
        ),
    )
    assert not codes(check_text(tmp_path, text).findings) & {"NP203", "NP601"}


def test_too_small_a_value_does_not_cover(tmp_path: Path) -> None:
    text = _signed(_entry("VP Sales", up_to="22"))
    finding = _only(check_text(tmp_path, text).findings, "NP601")
    assert finding.line == line_of(text, "up_to: 22")
    assert finding.message == ("the sign-off covers discount up to 22%, and the plan goes to 25%")


def test_a_sign_off_without_its_reach_does_not_cover(tmp_path: Path) -> None:
    entry = "  - with: VP Sales\n    term: discount\n    status: agreed\n    date: 2026-11-20\n"
    finding = _only(check_text(tmp_path, _signed(entry)).findings, "NP601")
    assert finding.message == "the sign-off with VP Sales does not say how far it goes"
    assert finding.hint == "add `up_to: 25` (the furthest position agreed)"


def test_a_sign_off_dated_after_today_does_not_cover(tmp_path: Path) -> None:
    text = _signed(_entry("VP Sales", day="2026-11-24"))
    findings = check_text(tmp_path, text, today=date(2026, 11, 23)).findings
    finding = _only(findings, "NP601")
    assert finding.line == line_of(text, "date: 2026-11-24")
    assert "dated 2026-11-24, after today (2026-11-23)" in finding.message
    # dated today, it counts
    same_day = check_text(tmp_path, text, today=date(2026, 11, 24)).findings
    assert "NP601" not in codes(same_day)


def test_an_agreed_sign_off_without_a_date_is_reported(tmp_path: Path) -> None:
    entry = "  - with: VP Sales\n    term: discount\n    up_to: 25\n    status: agreed\n"
    finding = _only(check_text(tmp_path, _signed(entry)).findings, "NP601")
    assert finding.message == "the sign-off with VP Sales is agreed but has no date"


def test_a_misspelt_term_on_a_sign_off_is_the_one_finding(tmp_path: Path) -> None:
    entry = _entry("VP Sales").replace("term: discount", "term: discont")
    findings = check_text(tmp_path, _signed(entry)).findings
    finding = _only(findings, "NP201")
    assert finding.hint == "did you mean 'discount'?"
    assert "NP203" not in codes(findings)


def test_package_sign_off_from_too_low_a_rung(tmp_path: Path) -> None:
    # the walk-away package of this plan concedes 18.77% of list value: VP Sales (up to 20)
    text = mutate(
        CLEAN_TEXT,
        ("    target: 5\n    walk_away: 10\n", "    target: 5\n    walk_away: 14\n"),
        (
            ALIGNMENT,
            ALIGNMENT + "  - with: Regional sales director\n    term: discount\n    up_to: 14\n"
            "    status: agreed\n    date: 2026-11-20\n"
            "  - with: Regional sales director\n    topic: package\n    up_to: 19\n"
            "    status: agreed\n    date: 2026-11-20\n",
        ),
    )
    findings = check_text(tmp_path, text).findings
    finding = _only(findings, "NP702")
    assert finding.line == line_of(text, "with: Regional sales director", nth=2)
    assert "signs off the package only up to 18% of list value" in finding.message
    fixed = text.replace(
        "  - with: Regional sales director\n    topic: package",
        "  - with: VP Sales\n    topic: package",
    )
    assert "NP702" not in codes(check_text(tmp_path, fixed).findings)


@pytest.mark.parametrize("code", ["NP203", "NP702"])
def test_the_suggested_entry_is_valid_yaml_of_the_right_shape(tmp_path: Path, code: str) -> None:
    text = mutate(
        CLEAN_TEXT, ("    target: 5\n    walk_away: 10\n", "    target: 5\n    walk_away: 14\n")
    )
    finding = _only(check_text(tmp_path, text).findings, code)
    assert finding.hint is not None
    snippet = finding.hint.rsplit("`", 2)[-2]
    (entry,) = YAML(typ="safe").load(snippet)
    assert entry["status"] == "pending"
    assert set(entry) == {"with", "term" if code == "NP203" else "topic", "up_to", "status"}
    pasted = check_text(tmp_path, mutate(text, (ALIGNMENT, ALIGNMENT + "  " + snippet + "\n")))
    assert not codes(pasted.findings) & {"NP100", "NP101", "NP102"}
    # recorded as pending: the rule now says the sign-off is awaited, not missing
    still = [f.message for f in pasted.findings if f.code == code]
    assert all(m.endswith("is still pending") for m in still)


def test_a_pending_package_sign_off_far_from_the_meeting_is_still_a_warning(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        ("    target: 5\n    walk_away: 10\n", "    target: 5\n    walk_away: 14\n"),
        (
            ALIGNMENT,
            ALIGNMENT + "  - with: Regional sales director\n    term: discount\n    up_to: 14\n"
            "    status: agreed\n    date: 2026-11-20\n"
            "  - with: VP Sales\n    topic: package\n    up_to: 19\n    status: pending\n",
        ),
    )
    finding = _only(check_text(tmp_path, text).findings, "NP702")
    assert finding.message.endswith("needs VP Sales; the sign-off with VP Sales is still pending")
    # close to the meeting (2027-02-10), NP602 says it instead
    near = check_text(tmp_path, text, today=date(2027, 2, 8)).findings
    assert "NP702" not in codes(near) and "NP602" in codes(near)
