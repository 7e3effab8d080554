"""The rule registry: stable unique codes, kebab-case names, complete documentation, tests."""

from __future__ import annotations

import re
from pathlib import Path

from negplan.rules import RULES, get_rule
from negplan.rules.base import DOC_HEADINGS

TESTS = Path(__file__).resolve().parent


def test_codes_and_names_are_unique_and_well_formed() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(set(names)) == len(names)
    for code, rule in RULES.items():
        assert code == rule.code
        assert re.fullmatch(r"NP[1-9]\d\d", code), code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule.name


def test_every_rule_documents_why_fails_passes_and_options() -> None:
    for rule in RULES.values():
        assert rule.summary, rule.code
        for heading in DOC_HEADINGS:
            assert heading in rule.doc, (rule.code, heading)
            assert rule.section(heading).strip(), (rule.code, heading)


def test_every_rule_of_the_catalogue_is_registered() -> None:
    catalogue = (
        [f"NP10{i}" for i in range(4)]
        + [f"NP20{i}" for i in range(1, 6)]
        + [f"NP30{i}" for i in range(1, 4)]
        + [f"NP40{i}" for i in range(1, 8)]
        + [f"NP50{i}" for i in range(1, 9)]
        + [f"NP60{i}" for i in range(1, 4)]
    )
    assert set(catalogue) <= set(RULES)
    assert any(code.startswith("NP9") for code in RULES)


def test_file_rules_cannot_be_reconfigured_but_others_can() -> None:
    assert not get_rule("NP100").configurable
    assert get_rule("NP403").configurable


def test_every_rule_is_exercised_by_a_test() -> None:
    text = "\n".join(
        p.read_text("utf-8") for p in TESTS.rglob("test_*.py") if p.name != "test_registry.py"
    )
    missing = [code for code in RULES if code not in text]
    assert missing == []
