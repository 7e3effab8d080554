"""NP2xx: terms against the playbook, each rule firing on its mistake and silent when clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import CLEAN_TEXT, at, check_text, codes, line_of, mutate

DISCOUNT = "    opening: 0\n    target: 5\n    walk_away: 10\n"

CASES = [
    # (rule, replacements, the line holding the offending value, the value as written there)
    (
        "NP201",
        [("  - term: payment_terms\n", "  - term: payment_term\n")],
        "term: payment_term",
        "payment_term",
    ),
    (
        "NP201",
        [("    get: {term: reference_calls, value: 2}", "    get: {term: references, value: 2}")],
        "get: {term: references",
        "references",
    ),
    (
        "NP202",
        [(DISCOUNT, "    opening: 0\n    target: 5\n    walk_away: 45\n")],
        "walk_away: 45",
        "45",
    ),
    (
        "NP202",
        [("    walk_away: premium\n", "    walk_away: platinum\n")],
        "walk_away: platinum",
        "platinum",
    ),
    ("NP202", [("    walk_away: false\n", "    walk_away: maybe\n")], "walk_away: maybe", "maybe"),
    (
        "NP202",
        [(DISCOUNT, "    opening: none\n    target: 5\n    walk_away: 10\n")],
        "opening: none",
        "none",
    ),
    (
        "NP202",
        [("  - give: {term: discount, value: 8}", "  - give: {term: discount, value: 40}")],
        "value: 40}",
        "40",
    ),
    (
        "NP203",
        [(DISCOUNT, "    opening: 0\n    target: 8\n    walk_away: 18\n")],
        "walk_away: 18",
        "18",
    ),
    (
        "NP205",
        [("  - term: payment_terms\n", "  - term: discount\n")],
        "  - term: discount",
        "discount",
    ),
]


@pytest.mark.parametrize(("code", "pairs", "needle", "value"), CASES)
def test_rule_fires_at_the_offending_value(
    tmp_path: Path, code: str, pairs: list[tuple[str, str]], needle: str, value: str
) -> None:
    text = mutate(CLEAN_TEXT, *pairs)
    result = check_text(tmp_path, text)
    nth = 2 if code == "NP205" else 1
    line = line_of(text, needle, nth)
    col = text.splitlines()[line - 1].index(value) + 1
    assert (line, col) in at(result.findings, code), result.findings


def test_required_term_missing_names_the_term(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  - term: payment_terms\n", "  - term: implementation_days\n"))
    result = check_text(tmp_path, text)
    missing = [f for f in result.findings if f.code == "NP204"]
    assert len(missing) == 1
    assert "payment_terms" in missing[0].message
    assert missing[0].line == line_of(text, "variables:")


def test_past_authority_names_the_approver_on_the_ladder(tmp_path: Path) -> None:
    # discount: authority 10%, ladder 20% Regional sales director, 30% VP Sales, 35% CFO.
    text = mutate(CLEAN_TEXT, (DISCOUNT, "    opening: 0\n    target: 8\n    walk_away: 25\n"))
    (finding,) = [f for f in check_text(tmp_path, text).findings if f.code == "NP203"]
    assert "needs VP Sales" in finding.message
    assert "25%" in finding.message


def test_past_authority_on_a_higher_is_better_term(tmp_path: Path) -> None:
    # contract_length: higher is better, authority 24 months, ladder down to 12 (director).
    text = mutate(
        CLEAN_TEXT,
        (
            "    opening: 36\n    target: 36\n    walk_away: 24\n",
            "    opening: 36\n    target: 36\n    walk_away: 12\n",
        ),
    )
    findings = check_text(tmp_path, text).findings
    (finding,) = [f for f in findings if f.code == "NP203"]
    assert "12 months" in finding.message and "Regional sales director" in finding.message


def test_unknown_term_suggests_the_closest(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  - term: payment_terms\n", "  - term: payment_term\n"))
    (finding,) = [f for f in check_text(tmp_path, text).findings if f.code == "NP201"]
    assert finding.hint == "did you mean 'payment_terms'?"


def test_clean_plan_has_no_term_findings(tmp_path: Path) -> None:
    result = check_text(tmp_path, CLEAN_TEXT)
    assert not codes(result.findings) & {"NP201", "NP202", "NP203", "NP204", "NP205"}
