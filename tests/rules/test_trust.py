"""The holes a flawed plan used to slip through, each shown failing and passing.

Ladders that step back, gets past our own walk-away, unanswered asks, unsupported value claims,
placeholder alternatives, currencies outside ISO 4217, firm terms, package rules that could not
run, past commitment dates, empty lists, YAML slips with a hint, no cascades.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import CLEAN_TEXT, DEFAULT_PLAYBOOK_TEXT, check_text, codes, line_of, mutate

from negplan.findings import Finding
from negplan.readiness import Readiness, readiness


def _one(findings: list[Finding], code: str) -> Finding:
    (finding,) = [f for f in findings if f.code == code]
    return finding


def test_the_clean_example_is_ready(tmp_path: Path) -> None:
    assert readiness(check_text(tmp_path, CLEAN_TEXT).findings) is Readiness.READY


# ---- NP409 concession-steps-back ----------------------------------------------------------

DISCOUNT_GIVES = ("  - give: {term: discount, value: 5}", "  - give: {term: discount, value: 8}")


@pytest.mark.parametrize(("first", "second"), [("6", "5"), ("6", "6")])
def test_a_ladder_that_steps_back_or_stands_still(tmp_path: Path, first: str, second: str) -> None:
    text = mutate(
        CLEAN_TEXT,
        (DISCOUNT_GIVES[0], DISCOUNT_GIVES[0].replace("5", first)),
        (DISCOUNT_GIVES[1], DISCOUNT_GIVES[1].replace("8", second)),
    )
    finding = _one(check_text(tmp_path, text).findings, "NP409")
    assert finding.line == line_of(
        text, f"give: {{term: discount, value: {second}}}", nth=2 if first == second else 1
    )
    words = "taking back part of an earlier give" if second < first else "it gives nothing"
    assert finding.message.endswith(words)


def test_a_first_give_better_for_us_than_the_opening_is_an_ask(tmp_path: Path) -> None:
    # payment terms open at 30 days (lower is better for us): "giving" 20 days is an ask
    text = mutate(
        CLEAN_TEXT,
        ("give: {term: payment_terms, value: 45}", "give: {term: payment_terms, value: 20}"),
    )
    finding = _one(check_text(tmp_path, text).findings, "NP409")
    assert "better for us than our opening: that is an ask, not a give" in finding.message


def test_a_shrinking_ladder_is_silent(tmp_path: Path) -> None:
    assert "NP409" not in codes(check_text(tmp_path, CLEAN_TEXT).findings)


# ---- NP410 get-past-walk-away ---------------------------------------------------------------


def test_a_get_worse_than_our_own_walk_away(tmp_path: Path) -> None:
    # contract_length: higher is better, walk-away 24 months; a "get" of 12 months is a give
    text = mutate(
        CLEAN_TEXT,
        ("get: {term: contract_length, value: 36}", "get: {term: contract_length, value: 12}"),
    )
    findings = check_text(tmp_path, text).findings
    finding = _one(findings, "NP410")
    assert finding.line == line_of(text, "value: 12}")
    assert finding.message == (
        "concession 2 gets contract_length 12 months, which is worse for us than our own "
        "walk-away (24 months): that is a second give, not a get"
    )
    assert "NP703" not in codes(findings)  # not also priced as a poor trade


def test_a_get_at_our_target_is_silent(tmp_path: Path) -> None:
    assert "NP410" not in codes(check_text(tmp_path, CLEAN_TEXT).findings)


# ---- NP511 ask-without-response, NP512 value-unsupported -------------------------------------


def test_an_ask_without_a_response(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        ("    response: 45 days is our limit, in exchange for signature this quarter.\n", ""),
    )
    finding = _one(check_text(tmp_path, text).findings, "NP511")
    assert finding.line == line_of(text, "- ask: Payment at 90 days")
    assert finding.message == "no prepared response to the ask 'Payment at 90 days'"
    assert "NP511" not in codes(check_text(tmp_path, CLEAN_TEXT).findings)


def test_a_value_claim_with_no_figure_and_no_proof(tmp_path: Path) -> None:
    start = CLEAN_TEXT.index("value:\n")
    end = CLEAN_TEXT.index("interests:")
    claim = "value:\n  statement: the trusted platform for modern logistics leaders\n\n"
    text = CLEAN_TEXT[:start] + claim + CLEAN_TEXT[end:]
    finding = _one(check_text(tmp_path, text).findings, "NP512")
    assert finding.line == line_of(text, "statement: the trusted")
    with_figure = text.replace("modern logistics leaders", "cutting pick errors by 30%")
    assert "NP512" not in codes(check_text(tmp_path, with_figure).findings)
    assert "NP512" not in codes(check_text(tmp_path, CLEAN_TEXT).findings)


# ---- NP503 placeholder alternatives ----------------------------------------------------------


@pytest.mark.parametrize("word", ["n/a", "none", "unknown", "TBD", "-"])
def test_a_placeholder_alternative_is_no_alternative(tmp_path: Path, word: str) -> None:
    start = CLEAN_TEXT.index("  ours:\n")
    end = CLEAN_TEXT.index("  theirs:\n")
    text = CLEAN_TEXT[:start] + f'  ours: {{description: "{word}"}}\n' + CLEAN_TEXT[end:]
    finding = _one(check_text(tmp_path, text).findings, "NP503")
    assert finding.line == line_of(text, "  ours: {description")
    assert finding.message == f"alternatives.ours says '{word}': that is not an alternative"


# ---- currency --------------------------------------------------------------------------------


def test_a_currency_outside_iso_4217_at_its_line(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  currency: EUR", "  currency: UKP"))
    (finding,) = check_text(tmp_path, text).findings
    assert (finding.code, finding.line) == ("NP101", line_of(text, "currency: UKP"))
    assert finding.message == "deal.currency: not an ISO 4217 currency code (got 'UKP')"
    assert finding.hint == "did you mean GBP?"


# ---- NP506 and firm terms --------------------------------------------------------------------

PAYMENT = "  - term: payment_terms\n    opening: 30\n    target: 30\n    walk_away: 45\n"


@pytest.mark.parametrize(
    "firm",
    [
        "  - term: payment_terms\n    opening: 30\n    target: 30\n    walk_away: 30\n",
        "  - term: payment_terms\n    target: 30\n    firm: true\n",
    ],
    ids=["same-three", "marker"],
)
def test_a_term_held_firm_is_not_a_mistake(tmp_path: Path, firm: str) -> None:
    # the clean plan gives payment terms 45: held firm, that give goes
    text = mutate(
        CLEAN_TEXT,
        (PAYMENT, firm),
        (
            "  - give: {term: payment_terms, value: 45}\n"
            "    get: {commitment: signed order form, by: 2027-03-31}\n"
            "    condition: If the order is signed this quarter\n",
            "",
        ),
        ("    term: payment_terms\n    up_to: 45\n", "    term: payment_terms\n    up_to: 30\n"),
    )
    findings = check_text(tmp_path, text).findings
    assert readiness(findings) is Readiness.READY, findings


def test_target_equal_to_walk_away_with_room_is_still_flagged(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, (PAYMENT, PAYMENT.replace("target: 30", "target: 45")))
    assert "NP506" in codes(check_text(tmp_path, text).findings)


def test_a_firm_term_with_different_positions_or_a_give(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, (PAYMENT, PAYMENT + "    firm: true\n"))
    findings = check_text(tmp_path, text).findings
    assert _one(findings, "NP506").message == (
        "payment_terms is held firm, but its opening, target and walk-away differ"
    )
    firm = mutate(
        CLEAN_TEXT, (PAYMENT, "  - term: payment_terms\n    target: 30\n    firm: true\n")
    )
    give = _one(check_text(tmp_path, firm).findings, "NP402")
    assert give.message == "concession 3 gives on payment_terms, which the plan holds firm"


# ---- NP707 economics-not-checked -------------------------------------------------------------


def test_no_list_value_says_what_was_not_checked(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  list_value: 240000\n", ""))
    finding = _one(check_text(tmp_path, text).findings, "NP707")
    assert finding.message == (
        "no deal.list_value: the 80% package floor, the package approval ladder and the value "
        "of each trade could not be checked"
    )
    assert "NP707" not in codes(check_text(tmp_path, CLEAN_TEXT).findings)
    floor_only = DEFAULT_PLAYBOOK_TEXT.replace(
        "  authority: 15         # a rep may concede up to 15% of list value in total alone\n", ""
    )
    found = check_text(tmp_path, text, playbook=floor_only)
    assert "the package approval ladder" not in _one(found.findings, "NP707").message


# ---- NP603 commitment dates ------------------------------------------------------------------


def test_a_commitment_due_before_today(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT, ("signed order form, by: 2027-03-31", "signed order form, by: 2026-11-01")
    )
    finding = _one(check_text(tmp_path, text).findings, "NP603")
    assert finding.line == line_of(text, "by: 2026-11-01")
    assert "NP603" not in codes(check_text(tmp_path, CLEAN_TEXT).findings)


# ---- empty lists, unknown terms without cascades ---------------------------------------------


def test_an_emptied_list_is_an_empty_list(tmp_path: Path) -> None:
    start = CLEAN_TEXT.index("questions:\n")
    end = CLEAN_TEXT.index("alignment:\n")
    text = CLEAN_TEXT[:start] + "questions:\n\n" + CLEAN_TEXT[end:]
    findings = check_text(tmp_path, text).findings
    assert "NP101" not in codes(findings)
    assert _one(findings, "NP504").message.startswith("0 questions")


def test_a_give_on_a_term_the_playbook_lacks_is_one_finding(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        ("give: {term: training_seats, value: 10}", "give: {term: training_seat, value: 10}"),
    )
    findings = check_text(tmp_path, text).findings
    finding = _one(findings, "NP201")
    assert finding.hint == "did you mean 'training_seats'?"
    assert "NP402" not in codes(findings)


def test_a_misspelt_variable_does_not_make_its_gives_unplanned(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  - term: training_seats\n", "  - term: training_seat\n"))
    findings = check_text(tmp_path, text).findings
    assert "NP201" in codes(findings)
    assert "NP402" not in codes(findings)


def test_an_authority_typo_in_the_playbook_is_one_finding(tmp_path: Path) -> None:
    playbook = DEFAULT_PLAYBOOK_TEXT.replace("    authority: 10\n", "    authority: 100\n", 1)
    findings = check_text(tmp_path, playbook, name="company.yaml").findings
    assert [f.code for f in findings if f.code.startswith("NP9")] == ["NP903"]


# ---- NP100: the source line, a caret and a hint ----------------------------------------------

SLIPS = [
    (
        "walk_away: below 10: no deal\n",
        "walk_away: below 10: no deal",
        "put the whole text in quotes",
    ),
    (
        "x: {term: discount, value: 5, note: a: b}\n",
        "x: {term: discount, value: 5, note: a: b}",
        "a comma separates entries",
    ),
    ('x: "an open quote\n', 'x: "an open quote', "a quote opens here and is never closed"),
    ("x:\n\t- a\n", "\t- a", "indent with spaces"),
]


@pytest.mark.parametrize(("yaml", "line", "hint"), SLIPS, ids=["colon", "flow", "quote", "tab"])
def test_yaml_slips_show_the_line_and_a_hint(
    tmp_path: Path, yaml: str, line: str, hint: str
) -> None:
    findings = check_text(tmp_path, "kind: plan\nversion: 1\n" + yaml).findings
    finding = _one(findings, "NP100")
    assert finding.source == line.expandtabs(1)
    assert finding.hint is not None and hint in finding.hint


def test_the_text_format_draws_a_caret_under_the_slip(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from negplan.cli import app

    (tmp_path / "plan.yaml").write_text("kind: plan\nwalk_away: below 10: no deal\n")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "plan.yaml"), "--format", "text"])
    lines = result.stdout.splitlines()
    source = next(
        i for i, row in enumerate(lines) if row.endswith("| walk_away: below 10: no deal")
    )
    bar = lines[source].index("|")
    assert lines[source + 1].rstrip() == " " * bar + "| " + " " * 19 + "^"


def test_dates_for_sign_offs_use_today(tmp_path: Path) -> None:
    # the clean plan's sign-off is dated 2026-11-18: on 2026-11-17 it is not yet given
    findings = check_text(tmp_path, CLEAN_TEXT, today=date(2026, 11, 17)).findings
    assert "NP601" in codes(findings)


# ---- NP304 opening-gives-ground, NP507 on our side -------------------------------------------


def test_an_opening_past_the_standard_concedes_before_the_meeting(tmp_path: Path) -> None:
    # discount: the playbook's standard is 0%
    text = mutate(
        CLEAN_TEXT, ("    opening: 0\n    target: 5\n", "    opening: 3\n    target: 5\n")
    )
    finding = _one(check_text(tmp_path, text).findings, "NP304")
    assert finding.line == line_of(text, "opening: 3")
    assert finding.message == (
        "opening 3% on discount is worse for us than the standard 0%: it concedes before the "
        "meeting starts"
    )
    assert "NP304" not in codes(check_text(tmp_path, CLEAN_TEXT).findings)


def test_no_decision_maker_on_our_side(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  decision_maker: Sam Ortiz (Regional sales director)\n", ""))
    findings = check_text(tmp_path, text).findings
    assert [f.message for f in findings if f.code == "NP507"] == [
        "no decision maker on our side (`team.decision_maker`)"
    ]


# ---- one mistake, one finding; messages in the plan's own terms ------------------------------


def test_a_firm_position_outside_the_limits_is_reported_once(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT, (PAYMENT, "  - term: payment_terms\n    target: 200\n    firm: true\n")
    )
    findings = check_text(tmp_path, text).findings
    assert [f.line for f in findings if f.code == "NP202"] == [line_of(text, "target: 200")]


def test_a_get_that_leaves_us_worse_off_is_called_a_give(tmp_path: Path) -> None:
    # premium support is our walk-away on support_tier (not past it), and costs us money:
    # "getting" it is paying twice
    text = mutate(
        CLEAN_TEXT,
        ("get: {term: case_study, value: true}", "get: {term: support_tier, value: premium}"),
    )
    (finding,) = [f for f in check_text(tmp_path, text).findings if f.code == "NP703"]
    assert "leaves us worse off than the deal as it stands" in finding.message
    assert "worth only" not in finding.message


def test_a_term_held_firm_and_never_traded_needs_no_value_model(tmp_path: Path) -> None:
    # liability_cap (months of fees) has no value model in the bundled playbook
    text = mutate(
        CLEAN_TEXT,
        (
            "  - term: contract_length\n",
            "  - {term: liability_cap, target: 12, firm: true}\n  - term: contract_length\n",
        ),
    )
    assert "NP704" not in codes(check_text(tmp_path, text).findings)
    traded = mutate(
        CLEAN_TEXT,
        (
            "  - term: contract_length\n",
            "  - {term: liability_cap, opening: 12, target: 12, walk_away: 18}\n"
            "  - term: contract_length\n",
        ),
    )
    assert "NP704" in codes(check_text(tmp_path, traded).findings)


def test_the_give_without_get_hint_uses_the_plans_own_terms(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        ("    get: {commitment: signed order form, by: 2027-03-31}\n", ""),
    )
    (finding,) = [f for f in check_text(tmp_path, text).findings if f.code == "NP401"]
    assert finding.hint is not None
    assert "`{term: case_study, value: true}`" in finding.hint  # a term the plan asks for
    assert "by: 2027-03-31}" in finding.hint  # the deal's close date


def test_a_plan_with_commitments_serialises_without_warnings() -> None:
    import warnings

    from negplan.loader import load
    from negplan.models.plan import Plan

    plan = Plan.model_validate(load("plan.yaml", text=CLEAN_TEXT).data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dumped = plan.model_dump(by_alias=True)
    assert Plan.model_validate(dumped) == plan
