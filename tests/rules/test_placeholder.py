"""NP509 placeholder-left: every `TODO ...` text the scaffold leaves is a finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import CLEAN_TEXT, TODAY, at, check_text, line_of, mutate

from negplan.checking import CheckOptions, check_file
from negplan.discovery import PlaybookCache
from negplan.findings import Severity


def test_silent_on_the_clean_example(tmp_path: Path) -> None:
    assert at(check_text(tmp_path, CLEAN_TEXT).findings, "NP509") == []


@pytest.mark.parametrize(
    ("old", "new", "needle", "col", "where"),
    [
        ("owner: Dana Reyes", "owner: TODO your name", "owner: TODO", 10, "deal.owner"),
        ("  statement: >-", "  statement: TODO value\n  old: >-", "statement: TODO", 14,
         "value.statement"),
        ("  - What happens on your side", "  - TODO a question\n  - What happens", "TODO a q", 5,
         "questions[0]"),
        ("  - with: Finance director", "  - with: TODO approver", "with: TODO", 11,
         "alignment[0].with"),
        ("get: {commitment: signed order form,", "get: {commitment: TODO what they commit to,",
         "commitment: TODO", 23, "concessions[2].get.commitment"),
    ],
)  # fmt: skip
def test_fires_at_the_placeholder_value(
    tmp_path: Path, old: str, new: str, needle: str, col: int, where: str
) -> None:
    text = mutate(CLEAN_TEXT, (old, new))
    if "old: >-" in text:  # keep the plan valid: drop the displaced folded block
        start = text.index("  old: >-")
        end = text.index("  proof_points:")
        text = text[:start] + text[end:]
    findings = [f for f in check_text(tmp_path, text).findings if f.code == "NP509"]
    assert [(f.line, f.col) for f in findings] == [(line_of(text, needle), col)]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message.startswith(f"placeholder left in {where}: 'TODO")


def test_only_a_leading_todo_word_counts(tmp_path: Path) -> None:
    text = mutate(
        CLEAN_TEXT,
        ("owner: Dana Reyes", "owner: TODOROV Dana"),
        ("  - Who besides Ana", "  - We still have a TODO list; who besides Ana"),
    )
    assert at(check_text(tmp_path, text).findings, "NP509") == []


def test_the_playbook_can_turn_it_off(tmp_path: Path) -> None:
    from support import DEFAULT_PLAYBOOK_TEXT

    playbook = mutate(DEFAULT_PLAYBOOK_TEXT, ("rules: {}", "rules: {NP509: off}"))
    text = mutate(CLEAN_TEXT, ("owner: Dana Reyes", "owner: TODO your name"))
    assert at(check_text(tmp_path, text, playbook=playbook).findings, "NP509") == []


@pytest.mark.parametrize(
    ("value", "col"),
    [
        ('"\\x54ODO your name"', 10),  # escape
        ('"\\u0054ODO your name"', 10),
        ('"TO\\\n  DO your name"', 10),  # a line continuation inside double quotes
    ],
)
def test_fires_on_a_todo_spelled_with_escapes(tmp_path: Path, value: str, col: int) -> None:
    # The plan text never says TODO, yet the value does: the rule's quick look at the text
    # must not skip it.
    text = mutate(CLEAN_TEXT, ("owner: Dana Reyes", f"owner: {value}"))
    assert "TODO" not in text
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    options = CheckOptions(today=TODAY)
    result = check_file(str(path), explicit=True, options=options, cache=PlaybookCache())
    findings = [f for f in result.findings if f.code == "NP509"]
    assert [(f.line, f.col) for f in findings] == [(line_of(text, "owner: "), col)]
    assert "'TODO your name'" in findings[0].message
