"""NP3xx: opening, target and walk-away per variable."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import CLEAN_TEXT, at, check_text, codes, line_of, mutate

DISCOUNT = "    opening: 0\n    target: 5\n    walk_away: 10\n"
CONTRACT = "    opening: 36\n    target: 36\n    walk_away: 24\n"


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        # lower is better: target 12 worse than walk-away 10 -> reported at the target
        (DISCOUNT, "    opening: 0\n    target: 12\n    walk_away: 10\n", "target: 12"),
        # lower is better: opening 6 worse than target 5 -> reported at the opening
        (DISCOUNT, "    opening: 6\n    target: 5\n    walk_away: 10\n", "opening: 6"),
        # higher is better (contract months): target 18 worse than walk-away 24
        (CONTRACT, "    opening: 36\n    target: 18\n    walk_away: 24\n", "target: 18"),
        # choice options best-first: target premium_plus worse than walk-away premium
        (
            "    target: standard\n    walk_away: premium\n",
            "    target: premium\n    walk_away: standard\n",
            "target: premium",
        ),
    ],
)
def test_out_of_order_positions(tmp_path: Path, old: str, new: str, needle: str) -> None:
    text = mutate(CLEAN_TEXT, (old, new))
    findings = check_text(tmp_path, text).findings
    assert [line for line, _ in at(findings, "NP301")] == [line_of(text, needle)]


def test_out_of_order_message_names_direction(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, (DISCOUNT, "    opening: 0\n    target: 12\n    walk_away: 10\n"))
    (finding,) = [f for f in check_text(tmp_path, text).findings if f.code == "NP301"]
    assert finding.message == (
        "target 12% on discount is worse for us than the walk-away 10% (lower is better for us)"
    )


def test_variable_without_walk_away(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, (DISCOUNT, "    opening: 0\n    target: 5\n"))
    findings = check_text(tmp_path, text).findings
    assert [f.message for f in findings if f.code == "NP302"] == ["no walk-away for discount"]
    assert at(findings, "NP302")[0][0] == line_of(text, "- term: discount")


def test_plan_without_walk_away_summary(tmp_path: Path) -> None:
    start = CLEAN_TEXT.index("walk_away: >-")
    end = CLEAN_TEXT.index("concessions:")
    text = CLEAN_TEXT[:start] + CLEAN_TEXT[end:]
    assert "NP303" in codes(check_text(tmp_path, text).findings)


def test_blank_walk_away_summary(tmp_path: Path) -> None:
    start = CLEAN_TEXT.index("walk_away: >-")
    end = CLEAN_TEXT.index("concessions:")
    text = CLEAN_TEXT[:start] + 'walk_away: "  "\n\n' + CLEAN_TEXT[end:]
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP303") == [(line_of(text, 'walk_away: "  "'), 1)]


def test_clean_plan_has_no_position_findings(tmp_path: Path) -> None:
    assert not codes(check_text(tmp_path, CLEAN_TEXT).findings) & {"NP301", "NP302", "NP303"}
