"""NP4xx: the concession plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import CLEAN_TEXT, DEFAULT_PLAYBOOK_TEXT, at, check_text, codes, line_of, mutate

PAYMENT_GIVE = (
    "  - give: {term: payment_terms, value: 45}\n"
    "    get: {commitment: signed order form, by: 2027-03-31}\n"
    "    condition: If the order is signed this quarter\n"
)
FIRST_GIVE = (
    "  - give: {term: training_seats, value: 10}\n"
    "    get: {term: case_study, value: true}\n"
    "    condition: If Acme agrees to a published case study after go-live\n"
)


def test_give_without_get(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, (PAYMENT_GIVE, "  - give: {term: payment_terms, value: 45}\n"))
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP401") == [(line_of(text, "give: {term: payment_terms"), 5)]
    (finding,) = [f for f in findings if f.code == "NP401"]
    assert finding.message == "concession 3 gives payment_terms 45 days without getting anything"


@pytest.mark.parametrize("get", ['" "', "a handshake", "nothing"])
def test_a_get_in_words_is_refused_at_its_line(tmp_path: Path, get: str) -> None:
    text = mutate(
        CLEAN_TEXT,
        (
            "    get: {commitment: signed order form, by: 2027-03-31}\n",
            f"    get: {get}\n",
        ),
    )
    findings = check_text(tmp_path, text).findings
    assert [(f.code, f.line) for f in findings if f.severity.value == "error"] == [
        ("NP101", line_of(text, f"get: {get}"))
    ]
    assert findings[0].hint is not None and "commitment" in findings[0].hint


@pytest.mark.parametrize(
    ("give", "get"), [("40% discount", "a handshake"), ("120 days payment terms", "nothing")]
)
def test_a_give_in_words_is_refused_at_its_line(tmp_path: Path, give: str, get: str) -> None:
    text = mutate(
        CLEAN_TEXT,
        (
            "  - give: {term: payment_terms, value: 45}\n"
            "    get: {commitment: signed order form, by: 2027-03-31}\n",
            f"  - give: {give}\n    get: {get}\n",
        ),
    )
    result = check_text(tmp_path, text)
    assert result.plan is None  # never a plan that passes
    assert [(f.code, f.line) for f in result.findings] == [
        ("NP101", line_of(text, f"give: {give}")),
        ("NP101", line_of(text, f"get: {get}")),
    ]
    assert result.findings[0].message.startswith(
        "concessions[2].give: a give names a term and a value, not a sentence"
    )


def test_give_past_walk_away(tmp_path: Path) -> None:
    # discount walk-away is 10%: a planned give of 12% goes past it.
    text = mutate(
        CLEAN_TEXT,
        ("  - give: {term: discount, value: 8}", "  - give: {term: discount, value: 12}"),
    )
    findings = check_text(tmp_path, text).findings
    (finding,) = [f for f in findings if f.code == "NP402"]
    assert finding.message == "concession 5 gives discount 12%, past the walk-away 10%"
    assert finding.line == line_of(text, "value: 12}")


def test_give_on_a_term_not_in_the_plan(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        (
            "  - give: {term: support_tier, value: premium}",
            "  - give: {term: implementation_days, value: 3}",
        ),
    )
    findings = check_text(tmp_path, text).findings
    (finding,) = [f for f in findings if f.code == "NP402"]
    assert (
        "implementation_days" in finding.message
        and "not among the plan's variables" in finding.message
    )


def test_leading_with_discount(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        (
            FIRST_GIVE,
            "  - give: {term: discount, value: 3}\n    get: {term: case_study, value: true}\n",
        ),
    )
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP403") == [(line_of(text, "give: {term: discount, value: 3}"), 18)]


def test_costly_give_before_cheap_one(tmp_path: Path) -> None:
    # payment terms (cost medium) are given before training_seats (cost low).
    text = mutate(
        CLEAN_TEXT,
        (
            FIRST_GIVE,
            "  - give: {term: payment_terms, value: 40}\n    get: {term: case_study, value: true}\n"
            + FIRST_GIVE,
        ),
    )
    findings = check_text(tmp_path, text).findings
    messages = [f.message for f in findings if f.code == "NP404"]
    assert messages[0] == (
        "concession 1 gives payment_terms before the cheaper training_seats (cost to us medium "
        "vs low)"
    )


def test_leading_with_a_forbidden_costly_term_is_one_finding(tmp_path: Path) -> None:
    # discount is both costly and a term not to lead with: NP403 says it, NP404 does not repeat
    text = mutate(
        CLEAN_TEXT,
        (
            FIRST_GIVE,
            "  - give: {term: discount, value: 3}\n    get: {term: case_study, value: true}\n"
            + FIRST_GIVE,
        ),
    )
    first = line_of(text, "give: {term: discount, value: 3}")
    findings = check_text(tmp_path, text).findings
    assert [f.code for f in findings if f.line == first] == ["NP403"]


def test_same_cost_more_protected_term_first(tmp_path: Path) -> None:
    # support_tier (low, priority 8) before training_seats (low, priority 10): protected first.
    second = (
        "  - give: {term: support_tier, value: premium}\n"
        "    get: {term: contract_length, value: 36}\n"
        "    condition: If Acme commits to 36 months\n"
    )
    text = mutate(CLEAN_TEXT, (FIRST_GIVE + second, second + FIRST_GIVE))
    messages = [f.message for f in check_text(tmp_path, text).findings if f.code == "NP404"]
    assert messages == [
        "concession 1 gives support_tier before training_seats, which costs us as much and the "
        "playbook protects less (priority 8 vs 10)"
    ]


def test_concession_steps_that_grow(tmp_path: Path) -> None:
    # discount from opening 0: clean plan gives 5 then 8 (steps 5, 3: shrinking).
    # 3 then 8 is steps 3, 5: growing.
    text = mutate(
        CLEAN_TEXT,
        ("  - give: {term: discount, value: 5}", "  - give: {term: discount, value: 3}"),
    )
    findings = check_text(tmp_path, text).findings
    (finding,) = [f for f in findings if f.code == "NP405"]
    assert (
        finding.message
        == "concession 5 moves discount by 5%, not less than the previous step of 3%"
    )
    assert finding.line == line_of(text, "give: {term: discount, value: 8}")


def test_concession_steps_that_stay_equal(tmp_path: Path) -> None:
    # 4 then 8 is steps 4, 4: equal steps also invite another push.
    text = mutate(
        CLEAN_TEXT,
        ("  - give: {term: discount, value: 5}", "  - give: {term: discount, value: 4}"),
    )
    findings = check_text(tmp_path, text).findings
    (finding,) = [f for f in findings if f.code == "NP405"]
    assert (
        finding.message
        == "concession 5 moves discount by 4%, not less than the previous step of 4%"
    )


def test_price_only_gives(tmp_path: Path) -> None:
    # every give on a price-level term, although the variables hold terms-level terms
    start = CLEAN_TEXT.index("concessions:")
    end = CLEAN_TEXT.index("asks:")
    concessions = (
        "concessions:\n"
        "  - give: {term: discount, value: 3}\n"
        "    get: {term: contract_length, value: 36}\n"
        "  - give: {term: discount, value: 5}\n"
        "    get: {commitment: signed order form, by: 2027-03-31}\n\n"
    )
    text = CLEAN_TEXT[:start] + concessions + CLEAN_TEXT[end:]
    findings = check_text(tmp_path, text).findings
    (finding,) = [f for f in findings if f.code == "NP406"]
    assert finding.message == "the concession plan gives only on price-level terms: discount"
    assert finding.line == line_of(text, "concessions:")
    assert "NP406" not in codes(check_text(tmp_path, CLEAN_TEXT).findings)


def test_price_only_variables_without_a_concession_plan(tmp_path: Path) -> None:
    start = CLEAN_TEXT.index("variables:")
    end = CLEAN_TEXT.index("asks:")
    variables = (
        "variables:\n"
        "  - {term: discount, opening: 0, target: 5, walk_away: 10}\n"
        "  - {term: free_months, opening: 0, target: 0, walk_away: 1}\n\n"
        "walk_away: below 10% discount\n\n"
    )
    text = CLEAN_TEXT[:start] + variables + CLEAN_TEXT[end:]
    pb = DEFAULT_PLAYBOOK_TEXT.replace("    required: true\n", "")
    findings = check_text(tmp_path, text, playbook=pb).findings
    (finding,) = [f for f in findings if f.code == "NP406"]
    assert finding.message == "only price-level terms are traded: discount, free_months"


def test_no_cheap_give(tmp_path: Path) -> None:
    start = CLEAN_TEXT.index("concessions:")
    end = CLEAN_TEXT.index("asks:")
    text = (
        CLEAN_TEXT[:start]
        + (
            "concessions:\n"
            "  - give: {term: payment_terms, value: 45}\n"
            "    get: {term: contract_length, value: 36}\n\n"
        )
        + CLEAN_TEXT[end:]
    )
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP407") == [(line_of(text, "concessions:"), 1)]


def test_no_concession_plan(tmp_path: Path) -> None:
    start = CLEAN_TEXT.index("concessions:")
    end = CLEAN_TEXT.index("asks:")
    text = CLEAN_TEXT[:start] + CLEAN_TEXT[end:]
    findings = check_text(tmp_path, text).findings
    assert "NP408" in codes(findings)
    assert "NP407" not in codes(findings)


def test_clean_plan_has_no_concession_findings(tmp_path: Path) -> None:
    found = codes(check_text(tmp_path, CLEAN_TEXT).findings)
    assert not found & {"NP401", "NP402", "NP403", "NP404", "NP405", "NP406", "NP407", "NP408"}
