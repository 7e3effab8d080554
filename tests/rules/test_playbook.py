"""NP9xx: checks of the playbook itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import DEFAULT_PLAYBOOK_TEXT, at, check_text, codes, line_of, mutate

DISCOUNT_LADDER = (
    "    limits: {min: 0, max: 35}\n"
    "    authority: 10\n"
    "    approvals:\n"
    "      - {up_to: 20, approver: Regional sales director}\n"
    "      - {up_to: 30, approver: VP Sales}\n"
    "      - {up_to: 35, approver: CFO}\n"
)

CASES = [
    # (code, replacement of the discount term's limits/ladder, needle on the reported line)
    ("NP901", [("  - id: free_months\n", "  - id: discount\n")], "  - id: discount", 2),
    (
        "NP902",
        [(DISCOUNT_LADDER, DISCOUNT_LADDER.replace("{min: 0, max: 35}", "{min: 35, max: 0}"))],
        "limits: {min: 35, max: 0}",
        1,
    ),
    (
        "NP903",
        [(DISCOUNT_LADDER, DISCOUNT_LADDER.replace("authority: 10", "authority: 40"))],
        "authority: 40",
        1,
    ),
    (
        "NP904",
        [(DISCOUNT_LADDER, DISCOUNT_LADDER.replace("{up_to: 20,", "{up_to: 5,"))],
        "{up_to: 5,",
        1,
    ),
    (
        "NP904",
        [(DISCOUNT_LADDER, DISCOUNT_LADDER.replace("{up_to: 35,", "{up_to: 50,"))],
        "{up_to: 50,",
        1,
    ),
    (
        "NP905",
        [(DISCOUNT_LADDER, DISCOUNT_LADDER.replace("{up_to: 30,", "{up_to: 15,"))],
        "{up_to: 15,",
        1,
    ),
    (
        "NP906",
        [("    options: [standard, premium, premium_plus]\n", "    options: []\n")],
        "  - id: support_tier",
        1,
    ),
    ("NP907", [("rules: {}\n", "rules:\n  NP4O3: error\n")], "NP4O3: error", 1),
    ("NP907", [("rules: {}\n", "rules:\n  NP100: off\n")], "NP100: off", 1),
    (
        "NP908",
        [("  dont_lead_with: [discount, free_months]", "  dont_lead_with: [discont, free_months]")],
        "dont_lead_with: [discont",
        1,
    ),
    (
        "NP909",
        [(DISCOUNT_LADDER, DISCOUNT_LADDER.replace("      - {up_to: 35, approver: CFO}\n", ""))],
        "    approvals:",
        1,
    ),
    (
        "NP911",
        [("    standard: 30  # net 30", "    standard: 60  # net 30")],
        "standard: 60",
        1,
    ),
    (
        "NP911",
        [("    standard: 30  # net 30", "    standard: 7  # net 30")],
        "standard: 7",
        1,
    ),
    ("NP911", [("    standard: standard\n", "    standard: gold\n")], "standard: gold", 1),
    ("NP911", [("    standard: false\n", "    standard: maybe\n")], "standard: maybe", 1),
    (
        "NP910",
        [("    unit: days\n    direction: lower\n", "    unit: days\n")],
        "  - id: payment_terms",
        1,
    ),
]


@pytest.mark.parametrize(("code", "pairs", "needle", "nth"), CASES)
def test_playbook_rule_fires_on_its_line(
    tmp_path: Path, code: str, pairs: list[tuple[str, str]], needle: str, nth: int
) -> None:
    text = mutate(DEFAULT_PLAYBOOK_TEXT, *pairs)
    result = check_text(tmp_path, text, name="playbook.yaml")
    assert result.kind == "playbook"
    lines = [line for line, _ in at(result.findings, code)]
    assert line_of(text, needle, nth) in lines, result.findings


def test_authority_outside_limits_message(tmp_path: Path) -> None:
    text = mutate(
        DEFAULT_PLAYBOOK_TEXT,
        (DISCOUNT_LADDER, DISCOUNT_LADDER.replace("authority: 10", "authority: 40")),
    )
    (finding,) = [
        f for f in check_text(tmp_path, text, name="playbook.yaml").findings if f.code == "NP903"
    ]
    assert finding.message == "authority 40% of 'discount' is outside its hard limits (0%–35%)"
    assert (finding.line, finding.col) == (line_of(text, "authority: 40"), 16)


def test_standard_position_messages(tmp_path: Path) -> None:
    past = mutate(
        DEFAULT_PLAYBOOK_TEXT, ("    standard: 30  # net 30", "    standard: 60  # net 30")
    )
    (finding,) = [
        f for f in check_text(tmp_path, past, name="playbook.yaml").findings if f.code == "NP911"
    ]
    assert finding.message == (
        "standard position 60 days of 'payment_terms' is past the rep's authority (45 days)"
    )
    assert (finding.line, finding.col) == (line_of(past, "standard: 60"), 15)
    outside = mutate(DEFAULT_PLAYBOOK_TEXT, ("    standard: standard\n", "    standard: gold\n"))
    (finding,) = [
        f for f in check_text(tmp_path, outside, name="playbook.yaml").findings if f.code == "NP911"
    ]
    assert finding.message == (
        "standard position gold of 'support_tier' is outside its options "
        "(standard, premium, premium_plus)"
    )


def test_a_standard_at_the_authority_or_missing_is_fine(tmp_path: Path) -> None:
    at_authority = mutate(
        DEFAULT_PLAYBOOK_TEXT, ("    standard: 30  # net 30", "    standard: 45  # net 30")
    )
    assert "NP911" not in codes(check_text(tmp_path, at_authority, name="playbook.yaml").findings)
    missing = mutate(
        DEFAULT_PLAYBOOK_TEXT, ("    standard: 30  # net 30, what list price assumes\n", "")
    )
    assert "NP911" not in codes(check_text(tmp_path, missing, name="playbook.yaml").findings)


def test_unknown_rule_code_suggests(tmp_path: Path) -> None:
    text = mutate(DEFAULT_PLAYBOOK_TEXT, ("rules: {}\n", "rules:\n  NP4O3: error\n"))
    (finding,) = [
        f for f in check_text(tmp_path, text, name="playbook.yaml").findings if f.code == "NP907"
    ]
    assert finding.hint == "did you mean 'NP403'?"


def test_severity_override_applies_to_plans(tmp_path: Path) -> None:
    from support import CLEAN_TEXT

    plan = mutate(CLEAN_TEXT, ("    decision_maker: true\n", ""))
    playbook = mutate(
        DEFAULT_PLAYBOOK_TEXT, ("rules: {}\n", "rules:\n  NP507: error\n  NP508: off\n")
    )
    findings = check_text(tmp_path, plan, playbook=playbook).findings
    (finding,) = [f for f in findings if f.code == "NP507"]
    assert finding.severity.value == "error"
    off = mutate(DEFAULT_PLAYBOOK_TEXT, ("rules: {}\n", "rules:\n  NP507: off\n"))
    assert "NP507" not in codes(check_text(tmp_path, plan, playbook=off).findings)


def test_shipped_playbooks_are_clean(tmp_path: Path) -> None:
    from support import ROOT

    for path in sorted((ROOT / "playbooks").glob("*.yaml")):
        result = check_text(tmp_path, path.read_text("utf-8"), name="playbook.yaml")
        assert result.findings == [], (path, result.findings)


def test_bundled_default_is_the_one_in_playbooks() -> None:
    from support import ROOT

    assert (ROOT / "playbooks" / "default.yaml").read_bytes() == (
        ROOT / "negplan" / "data" / "default-playbook.yaml"
    ).read_bytes()
