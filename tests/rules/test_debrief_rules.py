"""NP8xx: debriefs against their plan and playbook; NP809 on plans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import CLEAN_TEXT, ROOT, TODAY, at, check_text, codes, line_of, mutate

from negplan.checking import CheckOptions, check_file
from negplan.discovery import PlaybookCache
from negplan.findings import Severity

CLEAN_DEBRIEF = (ROOT / "examples" / "debriefs" / "clean-renewal.debrief.yaml").read_text("utf-8")
HERE = CLEAN_DEBRIEF.replace("path: ../clean-renewal.yaml", "path: plan.yaml")


def check_debrief(tmp_path: Path, text: str, plan: str = CLEAN_TEXT) -> list:
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = check_text(tmp_path, text, name="plan.debrief.yaml")
    assert result.error is None, result.error
    assert result.kind == "debrief"
    return result.findings


def test_the_clean_debrief_is_clean(tmp_path: Path) -> None:
    assert check_debrief(tmp_path, HERE) == []


def test_the_clean_example_checks_clean() -> None:
    path = ROOT / "examples" / "debriefs" / "clean-renewal.debrief.yaml"
    options = CheckOptions(today=TODAY)
    result = check_file(str(path), explicit=True, options=options, cache=PlaybookCache())
    assert result.findings == []


#: The plan's hash as the clean example debrief records it.
PLAN_HASH = re.findall(
    r"hash: ([0-9a-f]{40})",
    (ROOT / "examples" / "debriefs" / "clean-renewal.debrief.yaml").read_text(encoding="utf-8"),
)[0]


# Each example debrief of a typical deviation: the one rule it shows, and the line it is on.
EXAMPLE_DEVIATIONS = [
    ("plan-changed-after-debrief", "NP802", "hash: 0b5e1c1d"),
    ("agreed-past-walk-away", "NP803", "{term: contract_length, value: 18}"),
    ("past-authority-without-signoff", "NP804", "{term: payment_terms, value: 60}"),
    ("improvised-give", "NP805", "give: {term: price_hold_months, value: 6}"),
    ("give-without-get", "NP806", "give: {term: payment_terms, value: 45}"),
    ("lost-without-reason", "NP807", "result: lost"),
    ("lesson-without-owner", "NP808", "- lesson: Case-study consent"),
]


@pytest.mark.parametrize(("name", "code", "needle"), EXAMPLE_DEVIATIONS)
def test_each_example_deviation_fires_exactly_its_rule(name: str, code: str, needle: str) -> None:
    path = ROOT / "examples" / "debriefs" / f"{name}.debrief.yaml"
    options = CheckOptions(today=TODAY)
    result = check_file(str(path), explicit=True, options=options, cache=PlaybookCache())
    assert result.error is None and result.kind == "debrief"
    assert codes(result.findings) == {code}, result.findings
    text = path.read_text("utf-8")
    assert [f.line for f in result.findings] == [line_of(text, needle)], result.findings


def test_every_deviation_a_debrief_can_show_has_an_example() -> None:
    shown = {code for _, code, _ in EXAMPLE_DEVIATIONS}
    # NP801 (the plan cannot be read) is a broken reference, NP809 a finding on plans.
    assert shown == {f"NP80{n}" for n in range(2, 9)}
    names = {p.name for p in (ROOT / "examples" / "debriefs").glob("*.yaml")}
    assert names == {f"{n}.debrief.yaml" for n, _, _ in EXAMPLE_DEVIATIONS} | {
        "clean-renewal.debrief.yaml"
    }


# (change to the clean debrief, expected code, the line holding it, column)
CASES = [
    (
        (f"hash: {PLAN_HASH}", "hash: " + "a" * 40),
        "NP802",
        "hash: aaaa",
        9,
    ),
    (
        ("{term: discount, value: 5}", "{term: discount, value: 12}"),
        "NP803",
        "{term: discount, value: 12}",
        29,
    ),
    (
        ("{term: discount, value: 5}", "{term: discount, value: 12}"),
        "NP804",
        "{term: discount, value: 12}",
        29,
    ),
    (
        ("{term: payment_terms, value: 45}", "{term: payment_terms, value: 60}"),
        "NP804",
        "{term: payment_terms, value: 60}",
        34,
    ),
    (
        ("give: {term: discount, value: 5}", "give: {term: discount, value: 9}"),
        "NP805",
        "give: {term: discount, value: 9}",
        11,
    ),
    (
        ("give: {term: training_seats, value: 10}", "give: {term: price_hold_months, value: 12}"),
        "NP805",
        "give: {term: price_hold_months",
        11,
    ),
    (
        ("    get: {commitment: signed order form, by: 2027-03-31}\n", ""),
        "NP806",
        "give: {term: payment_terms, value: 45}",
        11,
    ),
    (("result: won\nreason: value", "result: lost"), "NP807", "result: lost", 9),
    (("reason: value", "reason: prize"), "NP807", "reason: prize", 9),
    (("    owner: Tom Weber\n", ""), "NP808", "- lesson: Case-study consent", 5),
    (("    term: case_study\nEOF", "    term: casestudy\nEOF"), "NP808", "term: casestudy", 11),
]


@pytest.mark.parametrize(("change", "code", "needle", "col"), CASES)
def test_each_rule_fires_on_its_deviation(
    tmp_path: Path, change: tuple[str, str], code: str, needle: str, col: int
) -> None:
    text = mutate(HERE + "EOF", change).removesuffix("EOF")
    findings = check_debrief(tmp_path, text)
    assert (line_of(text, needle), col) in at(findings, code), findings


def test_no_lessons(tmp_path: Path) -> None:
    head = HERE.split("lessons:")[0]
    findings = check_debrief(tmp_path, head + "lessons: []\n")
    assert at(findings, "NP808") == [(line_of(head + "lessons: []\n", "lessons:"), 1)]


def test_the_package_past_authority_needs_its_signoff(tmp_path: Path) -> None:
    # Every term at or near its walk-away: the package concedes more than the rep's 15% of
    # list value, and needs the package ladder.
    text = mutate(
        HERE,
        ("{term: discount, value: 5}", "{term: discount, value: 11}"),
        ("{term: contract_length, value: 36}", "{term: contract_length, value: 24}"),
        ("{term: training_seats, value: 10}", "{term: training_seats, value: 15}"),
        ("{term: case_study, value: true}", "{term: case_study, value: false}"),
        (
            "{term: support_tier, value: premium}",
            "{term: support_tier, value: premium}\n  - {term: price_hold_months, value: 12}",
        ),
    )
    findings = check_debrief(tmp_path, text)
    package = [f for f in findings if f.code == "NP804" and "package" in f.message]
    assert package and (package[0].line, package[0].col) == (line_of(text, "agreed:"), 1)
    signoff = (
        "alignment:\n  - with: VP Sales\n    topic: package\n    up_to: 20\n"
        "    status: agreed\n    decided: 2026-11-20\n"
    )
    text = mutate(text, ("alignment:\n", signoff))
    assert not [f for f in check_debrief(tmp_path, text) if "package" in f.message]


def test_a_signoff_decided_after_today_does_not_cover(tmp_path: Path) -> None:
    text = mutate(
        HERE,
        ("{term: payment_terms, value: 45}", "{term: payment_terms, value: 60}"),
        ("    up_to: 45\n", "    up_to: 60\n"),
    )
    assert "NP804" not in codes(check_debrief(tmp_path, text))
    text = mutate(text, ("    decided: 2026-11-18", "    decided: 2026-12-18"))
    findings = check_debrief(tmp_path, text)
    assert at(findings, "NP804") == [(line_of(text, "{term: payment_terms, value: 60}"), 34)]
    assert "after today" in next(f for f in findings if f.code == "NP804").message


def test_a_draft_move_is_left_to_the_placeholder_rule(tmp_path: Path) -> None:
    text = mutate(
        HERE,
        ("    get: {commitment: signed order form, by: 2027-03-31}\n", ""),
        ("    asked_by: Lee Park\n", "    asked_by: TODO who asked\n"),
    )
    assert codes(check_debrief(tmp_path, text)) == {"NP509"}


def test_a_missing_plan_is_np801(tmp_path: Path) -> None:
    text = HERE.replace("path: plan.yaml", "path: gone.yaml")
    result = check_text(tmp_path, text, name="x.debrief.yaml")
    assert at(result.findings, "NP801") == [(line_of(text, "path: gone.yaml"), 9)]
    assert result.findings[0].severity is Severity.ERROR


def test_an_invalid_plan_is_np801(tmp_path: Path) -> None:
    plan = CLEAN_TEXT.replace("list_value: 240000", "list_value: lots")
    findings = check_debrief(tmp_path, HERE, plan=plan)
    assert codes(findings) == {"NP801"}


# ---- NP809 on plans -------------------------------------------------------------------------

PAST = ("meeting: 2027-02-10", "meeting: 2026-11-02")


def test_a_plan_past_its_meeting_without_a_debrief_is_overdue(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, PAST, ("close: 2027-03-31", "close: 2026-12-20"))
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP809") == [(line_of(text, "meeting: 2026-11-02"), 12)]


def test_not_overdue_within_the_playbook_days_or_with_a_debrief(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("meeting: 2027-02-10", "meeting: 2026-11-17"))
    assert "NP809" not in codes(check_text(tmp_path / "", text).findings)
    beside = tmp_path / "beside"
    (beside / "debriefs").mkdir(parents=True)
    text = mutate(CLEAN_TEXT, PAST)
    (beside / "debriefs" / "plan.debrief.yaml").write_text(
        HERE.replace("path: plan.yaml", "path: ../plan.yaml"), "utf-8"
    )
    assert "NP809" not in codes(check_text(beside, text).findings)
