"""NP7xx: deal economics rules, each made to fire and to stay silent.

Figures use the bundled default playbook and the clean example (240,000 EUR a year, 36 months,
walk-away at 24 months): its walk-away package concedes 70,878.08 = 14.77% of the 480,000 list
value of two years, inside the rep's 15% package authority and above the 80% floor.
"""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES
from support import CLEAN_TEXT, DEFAULT_PLAYBOOK_TEXT, TODAY, at, check_text, codes, line_of, mutate

from negplan.checking import CheckOptions, check_file
from negplan.discovery import PlaybookCache
from negplan.findings import Finding

ECONOMICS = ("NP701", "NP702", "NP703", "NP704", "NP705", "NP706")
# One more variable inside the rep's authority: 5 free implementation days at 1,200 a day.
IMPLEMENTATION = (
    "  - term: case_study\n",
    "  - term: implementation_days\n    opening: 0\n    target: 0\n    walk_away: 5\n"
    "  - term: case_study\n",
)


def _ours(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings if f.code in ECONOMICS}


def test_clean_example_is_silent(tmp_path: Path) -> None:
    assert _ours(check_text(tmp_path, CLEAN_TEXT).findings) == set()


# ---- NP701 package-below-floor ---------------------------------------------------------------


def test_example_within_authority_fails_the_floor() -> None:
    path = str(EXAMPLES / "package-over-floor.yaml")
    result = check_file(
        path, explicit=True, options=CheckOptions(today=TODAY), cache=PlaybookCache()
    )
    # no per-term rule fires: every position is inside limits and authority
    assert codes(result.findings) == {"NP701"}
    (finding,) = result.findings
    text = Path(path).read_text("utf-8")
    assert (finding.line, finding.col) == (line_of(text, "variables:"), 1)
    assert finding.message == (
        "the walk-away package nets EUR 380,121.92, 79.19% of list value, below the 80% floor, "
        "although every term is within the rep's authority"
    )


def test_within_hard_limits_but_below_the_floor(tmp_path: Path) -> None:
    # discount walk-away 18%: inside the 0–35% hard limits, past the rep's 10% (signed off)
    # 8 more points × 2,400 × 2 years = 38,400: 70,878.08 + 38,400 = 109,278.08 = 22.77%
    text = mutate(
        CLEAN_TEXT,
        ("    target: 5\n    walk_away: 10\n", "    target: 5\n    walk_away: 18\n"),
        (
            "alignment:\n",
            "alignment:\n  - with: Regional sales director\n    term: discount\n"
            "    up_to: 18\n    status: agreed\n    date: 2026-11-20\n",
        ),
    )
    findings = check_text(tmp_path, text).findings
    assert {"NP202", "NP601"}.isdisjoint(codes(findings))
    (finding,) = [f for f in findings if f.code == "NP701"]
    assert finding.message == (
        "the walk-away package nets EUR 370,721.92, 77.23% of list value, below the 80% floor"
    )


def test_no_floor_no_finding(tmp_path: Path) -> None:
    playbook = mutate(DEFAULT_PLAYBOOK_TEXT, ("  floor: 80 ", "  # floor: 80 "))
    text = (EXAMPLES / "package-over-floor.yaml").read_text("utf-8")
    findings = check_text(tmp_path, text, playbook=playbook).findings
    assert "NP701" not in codes(findings)


# ---- NP702 package-needs-approval ------------------------------------------------------------


def test_package_past_authority_needs_approval(tmp_path: Path) -> None:
    # + 6,000: 76,878.08 / 480,000 = 16.02%, past 15% and within the director's 18%
    text = mutate(CLEAN_TEXT, IMPLEMENTATION)
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP702") == [(line_of(text, "variables:"), 1)]
    (finding,) = [f for f in findings if f.code == "NP702"]
    assert finding.message == (
        "the walk-away package concedes 16.02% of list value (EUR 76,878.08), past the rep's "
        "15% package authority: needs Regional sales director, and has no sign-off"
    )
    assert finding.hint == (
        "get the sign-off before the meeting and record it under `alignment:`: "
        "`- {with: Regional sales director, topic: package, up_to: 16.1, status: pending}`"
    )


def test_package_alignment_entry_silences_it(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        IMPLEMENTATION,
        (
            "alignment:\n",
            "alignment:\n  - with: Regional sales director\n    topic: Package\n"
            "    up_to: 16.1\n    status: agreed\n    date: 2026-11-20\n",
        ),
    )
    assert "NP702" not in codes(check_text(tmp_path, text).findings)


def test_package_past_every_approver(tmp_path: Path) -> None:
    # without a floor, the example's 20.81% is past the VP's 20%: nobody on the ladder
    playbook = mutate(DEFAULT_PLAYBOOK_TEXT, ("  floor: 80 ", "  # floor: 80 "))
    text = (EXAMPLES / "package-over-floor.yaml").read_text("utf-8")
    (finding,) = [
        f for f in check_text(tmp_path, text, playbook=playbook).findings if f.code == "NP702"
    ]
    assert finding.message.endswith("package authority and every approver on the package ladder")
    assert (
        finding.hint == "bring the total concession within 20% of list value, or ask the deal desk"
    )


# ---- NP703 trade-gives-more-than-gets --------------------------------------------------------


def test_trade_giving_more_than_it_gets(tmp_path: Path) -> None:
    # concession 5: discount 5% → 8% is 3 × 2,400 × 3 years = 21,600; one reference call a
    # year is 5,000 × 3 years = 15,000
    text = mutate(
        CLEAN_TEXT,
        ("get: {term: reference_calls, value: 2}", "get: {term: reference_calls, value: 1}"),
    )
    findings = check_text(tmp_path, text).findings
    line = line_of(text, "give: {term: discount, value: 8}")
    assert at(findings, "NP703") == [(line, 5)]
    (finding,) = [f for f in findings if f.code == "NP703"]
    assert finding.message == (
        "concession 5 gives discount 8% (EUR -21,600) for reference_calls 1, worth only EUR 15,000"
    )


def test_commitment_gets_are_not_compared(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        (
            "get: {term: reference_calls, value: 2}",
            "get: {commitment: two reference calls a year, by: 2027-06-30}",
        ),
    )
    assert "NP703" not in codes(check_text(tmp_path, text).findings)


# ---- NP704 term-without-value-model ----------------------------------------------------------


def test_traded_term_without_value_model(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        (
            "  - term: case_study\n",
            "  - term: price_hold_months\n    opening: 0\n    target: 0\n    walk_away: 6\n"
            "  - term: case_study\n",
        ),
    )
    findings = check_text(tmp_path, text).findings
    assert at(findings, "NP704") == [(line_of(text, "term: price_hold_months"), 11)]
    (finding,) = [f for f in findings if f.code == "NP704"]
    assert finding.severity.value == "info"
    assert finding.message == (
        "term price_hold_months has no value model: the package total leaves it out"
    )


def test_money_value_model_in_another_currency(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  currency: EUR\n", "  currency: USD\n"))
    messages = [f.message for f in check_text(tmp_path, text).findings if f.code == "NP704"]
    assert (
        "term training_seats is valued in EUR and the deal is in USD: the package total "
        "leaves it out"
    ) in messages


def test_no_list_value_no_value_notes(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        ("  list_value: 240000\n", ""),
        (
            "  - term: case_study\n",
            "  - term: price_hold_months\n    walk_away: 6\n  - term: case_study\n",
        ),
    )
    assert "NP704" not in codes(check_text(tmp_path, text).findings)


# ---- NP705 invalid-value-model (playbook) ----------------------------------------------------


def _check_playbook(tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "playbook.yaml"
    path.write_text(text, encoding="utf-8")
    return check_file(
        str(path), explicit=True, options=CheckOptions(today=TODAY), cache=PlaybookCache()
    ).findings


def test_shipped_playbooks_are_clean(tmp_path: Path) -> None:
    for name in ("default.yaml", "manufacturing-cost-leader.yaml"):
        text = (EXAMPLES.parent / "playbooks" / name).read_text("utf-8")
        assert _check_playbook(tmp_path, text) == [], name


def test_choice_term_valued_per_unit(tmp_path: Path) -> None:
    text = mutate(
        DEFAULT_PLAYBOOK_TEXT,
        ("      options: {standard: 0, premium: -2, premium_plus: -5}\n", "      per_unit: 2\n"),
    )
    findings = _check_playbook(tmp_path, text)
    assert [f.message for f in findings if f.code == "NP705"] == [
        "choice term support_tier has no value per option",
        "choice term support_tier takes no `per_unit` in its value model",
    ]
    assert at(findings, "NP705")[1] == (line_of(text, "      per_unit: 2"), 17)


def test_value_model_options_must_match_the_term(tmp_path: Path) -> None:
    text = mutate(
        DEFAULT_PLAYBOOK_TEXT, ("premium: -2, premium_plus: -5", "premium: -2, platinum: -5")
    )
    messages = [f.message for f in _check_playbook(tmp_path, text) if f.code == "NP705"]
    assert messages == [
        "value model of support_tier names option 'platinum', which the term does not have",
        "value model of support_tier has no value for 'premium_plus'",
    ]


def test_capital_basis_needs_days_and_a_rate(tmp_path: Path) -> None:
    text = mutate(
        DEFAULT_PLAYBOOK_TEXT,
        ("      per_unit: 300\n", "      basis: capital\n"),
        ("  cost_of_capital: 8\n", ""),
    )
    messages = [f.message for f in _check_playbook(tmp_path, text) if f.code == "NP705"]
    assert "term training_seats is in count: the capital basis prices days only" in messages
    assert (
        "term payment_terms is valued at the cost of capital, but the playbook sets no "
        "`economics.cost_of_capital`"
    ) in messages


# ---- NP706 invalid-package-settings (playbook) -----------------------------------------------


def test_package_settings_that_do_not_fit(tmp_path: Path) -> None:
    text = mutate(
        DEFAULT_PLAYBOOK_TEXT,
        ("  contract_term: contract_length\n", "  contract_term: contract_lenght\n"),
        (
            "{up_to: 18, approver: Regional sales director}",
            "{up_to: 12, approver: Regional sales director}",
        ),
        # the package ladder is indented less than the terms' ladders
        ("\n    - {up_to: 20, approver: VP Sales}", "\n    - {up_to: 25, approver: VP Sales}"),
    )
    findings = [f for f in _check_playbook(tmp_path, text) if f.code == "NP706"]
    assert [f.message for f in findings] == [
        "contract term 'contract_lenght' is not in the term library",
        "Regional sales director signs off up to 12%, not past the previous 15%",
        "VP Sales signs off up to 25%, past the 80% floor",
    ]
    assert findings[0].hint == "did you mean 'contract_length'?"
    assert findings[1].line == line_of(text, "{up_to: 12, approver: Regional sales director}", 3)


def test_contract_term_must_be_in_months(tmp_path: Path) -> None:
    text = mutate(
        DEFAULT_PLAYBOOK_TEXT,
        ("  contract_term: contract_length\n", "  contract_term: payment_terms\n"),
    )
    messages = [f.message for f in _check_playbook(tmp_path, text) if f.code == "NP706"]
    assert messages == ["contract term payment_terms is in days, not months"]
