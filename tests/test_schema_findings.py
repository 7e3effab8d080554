"""Schema findings (NP101–NP103) point at the offending key or value."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import CLEAN_TEXT, check_text, line_of, mutate


def _only(findings, code):  # type: ignore[no-untyped-def]
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, findings
    return matching[0]


def test_unknown_key_points_at_the_key_and_suggests(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("    opening: 30\n", "    openning: 30\n"))
    finding = _only(check_text(tmp_path, text).findings, "NP102")
    assert (finding.line, finding.col) == (line_of(text, "openning: 30"), 5)
    assert finding.message == "unknown key 'openning' in variables[1]"
    assert finding.hint == "did you mean 'opening'?"


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("questions:\n", "question:\n"))
    finding = _only(check_text(tmp_path, text).findings, "NP102")
    assert (finding.line, finding.col) == (line_of(text, "question:"), 1)
    assert finding.hint == "did you mean 'questions'?"


def test_unknown_key_without_a_close_match_lists_allowed_keys(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  region: EMEA\n", "  zzz: EMEA\n"))
    finding = _only(check_text(tmp_path, text).findings, "NP102")
    assert finding.hint is not None and finding.hint.startswith(
        "allowed keys here: title, customer"
    )


def test_missing_required_key_points_at_the_parent(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  customer: Acme Logistics GmbH\n", ""))
    finding = _only(check_text(tmp_path, text).findings, "NP101")
    assert finding.message == "missing required key 'customer' in deal"
    assert (finding.line, finding.col) == (line_of(text, "deal:"), 1)


def test_wrong_type_points_at_the_value(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  meeting: 2027-02-10", "  meeting: next tuesday"))
    finding = _only(check_text(tmp_path, text).findings, "NP101")
    assert finding.message == "deal.meeting: expected a date like 2026-12-01 (got 'next tuesday')"
    assert (finding.line, finding.col) == (line_of(text, "meeting: next"), 12)


def test_bad_enum_value_suggests(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("    stance: skeptic\n", "    stance: sceptic\n"))
    finding = _only(check_text(tmp_path, text).findings, "NP101")
    assert finding.message.startswith("counterparts[1].stance: expected one of champion, supporter")
    assert finding.hint == "did you mean 'skeptic'?"


def test_list_where_a_mapping_belongs(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  - give: {term: discount, value: 8}", "  - give: [discount, 8]"))
    finding = _only(check_text(tmp_path, text).findings, "NP101")
    assert finding.line == line_of(text, "give: [discount, 8]")
    assert finding.message.startswith("concessions[4].give: expected")


def test_nested_type_error_inside_a_trade(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        ("  - give: {term: discount, value: 8}", "  - give: {term: discount, value: [8]}"),
    )
    finding = _only(check_text(tmp_path, text).findings, "NP101")
    assert finding.message.startswith("concessions[4].give.value: expected a number, true/false")
    assert (finding.line, finding.col) == (line_of(text, "value: [8]"), 35)


def test_nan_is_not_a_position(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("    walk_away: 45\n", "    walk_away: .nan\n"))
    finding = _only(check_text(tmp_path, text).findings, "NP101")
    assert "finite number" in finding.message


def test_currency_code(tmp_path: Path) -> None:
    text = mutate(CLEAN_TEXT, ("  currency: EUR", "  currency: Euro"))
    finding = _only(check_text(tmp_path, text).findings, "NP101")
    assert finding.message == "deal.currency: expected a 3-letter ISO currency code (got 'Euro')"


def test_text_with_colon_gets_a_quoting_hint(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        (
            "  - How will procurement measure savings this year?",
            "  - Procurement: how will they measure savings?",
        ),
    )
    finding = _only(check_text(tmp_path, text).findings, "NP101")
    assert finding.hint is not None and "quotes" in finding.hint


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind: plans\nversion: 1\n", "unknown kind 'plans'"),
        ("version: 1\ndeal: {}\n", "no `kind:`: expected `kind: plan` or `kind: playbook`"),
        ("kind: plan\ndeal: {}\n", "no `version:`"),
        ("kind: plan\nversion: 2\n", "version 2 is not supported"),
        ("- a\n- b\n", "not a plan or playbook: the document is a list, not a mapping"),
        ("# only a comment\n", "not a plan or playbook: the document is empty"),
    ],
)
def test_kind_and_version(tmp_path: Path, text: str, message: str) -> None:
    finding = _only(check_text(tmp_path, text).findings, "NP103")
    assert finding.message == message
