"""``negplan new``: the scaffolded plan, its comments, prompts, flags and safe writing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import PLAYBOOKS, ROOT, TODAY

from negplan.discovery import bundled_text
from negplan.errors import NegplanError
from negplan.loader import load
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook
from negplan.scaffold import currency_warning, positions, resolve_terms, slug
from negplan.schema import document_kind

ACME = ("--no-input", "--customer", "Acme", "--title", "2027 renewal")


def _playbook_files() -> list[Path]:
    found = []
    for path in sorted(PLAYBOOKS.glob("*.yaml")):
        if document_kind(load(str(path)).data) == "playbook":
            found.append(path)
    return found


def _check(run_cli, path: Path, *extra: str):
    return run_cli("check", path, "--format", "parsable", "--today", TODAY, *extra)


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line]


def _bundled() -> Playbook:
    return Playbook.model_validate(load("bundled", text=bundled_text()).data)


# ---- the plan it writes -----------------------------------------------------------------------


def test_no_input_writes_a_commented_plan_that_checks_without_errors(run_cli, tmp_path):
    result = run_cli("new", tmp_path, *ACME)
    assert result.exit_code == 0, result
    plan = tmp_path / "acme-2027-renewal.yaml"
    assert plan.is_file(), result
    assert "created" in result.stdout and "acme-2027-renewal.yaml" in result.stdout
    text = plan.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=.negplan/plan.schema.json"
    # Guiding comments from the playbook: name, unit, direction, authority, approvers,
    # owner and the strategy's "don't lead with".
    for expected in (
        "# Discount off list price (discount): percent, lower is better for us.",
        "# Limits 0% to 35%; your authority: 10%.",
        "# Beyond it: Regional sales director to 20%, VP Sales to 30%, CFO to 35%.",
        "# Owner: finance; cost to us: medium; required in every plan.",
        "# Strategy: don't lead with this term; trade it late, in shrinking steps.",
        "# Don't lead with: discount, free_months",
        "walk_away: 10  # at your authority",
    ):
        assert expected in text, expected
    checked = _check(run_cli, plan)
    assert checked.exit_code == 1, checked  # a draft until its placeholders are filled
    assert _errors(checked.stdout) == [], checked
    assert "[NP509]" in checked.stdout
    as_json = run_cli("check", plan, "--format", "json", "--today", TODAY)
    (file,) = json.loads(as_json.stdout)["files"]
    assert file["readiness"] == "DRAFT"


def test_the_plan_holds_every_section_and_the_required_terms(run_cli, tmp_path):
    run_cli("new", tmp_path, *ACME)
    data = load(str(tmp_path / "acme-2027-renewal.yaml")).data
    sections = {info.alias or name for name, info in Plan.model_fields.items()}
    assert set(data) == sections - {"playbook"}
    required = [t.id for t in _bundled().terms if t.required]
    assert [v["term"] for v in data["variables"]] == required
    assert data["deal"]["customer"] == "Acme"
    assert data["deal"]["title"] == "2027 renewal"
    assert data["deal"]["currency"] == "EUR"
    assert data["deal"]["owner"].startswith("TODO")
    assert data["value"]["statement"].startswith("TODO")
    assert data["walk_away"].startswith("TODO")
    assert len(data["questions"]) == _bundled().requirements.min_questions


def test_flags_fill_the_deal_and_add_optional_terms(run_cli, tmp_path):
    target = tmp_path / "deal.yaml"
    result = run_cli(
        "new", target, *ACME, "--owner", "Dana Reyes", "--meeting", "2027-01-15",
        "--value", "240,000", "--currency", "usd", "--term", "case_study",
        "--term", "support_tier", "--term", "discount",
    )  # fmt: skip
    assert result.exit_code == 0, result
    data = load(str(target)).data
    deal = data["deal"]
    assert (deal["owner"], deal["meeting"], deal["list_value"], deal["currency"]) == (
        "Dana Reyes", "2027-01-15", 240000, "USD",
    )  # fmt: skip
    assert data["team"]["lead"] == "Dana Reyes"
    terms = [v["term"] for v in data["variables"]]
    assert terms == ["discount", "payment_terms", "contract_length", "support_tier", "case_study"]
    assert _errors(_check(run_cli, target).stdout) == []


@pytest.mark.parametrize("playbook", _playbook_files(), ids=lambda p: p.name)
def test_scaffold_with_every_term_checks_without_errors(run_cli, tmp_path, playbook):
    book = Playbook.model_validate(load(str(playbook)).data)
    terms = [arg for t in book.terms if not t.required for arg in ("--term", t.id)]
    target = tmp_path / "plan.yaml"
    result = run_cli("new", target, *ACME, "--playbook", playbook, *terms)
    assert result.exit_code == 0, result
    data = load(str(target)).data
    assert Path(os.path.normpath(tmp_path / data["playbook"])) == playbook
    assert {v["term"] for v in data["variables"]} == {t.id for t in book.terms}
    checked = _check(run_cli, target)
    assert checked.exit_code == 1, checked  # a draft until its placeholders are filled
    assert _errors(checked.stdout) == [], checked


def test_an_explicit_playbook_is_recorded_relative_to_the_plan(run_cli, tmp_path):
    (tmp_path / "company").mkdir()
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAYBOOKS / "default.yaml", tmp_path / "company" / "rules.yaml")
    target = tmp_path / "plans" / "acme.yaml"
    result = run_cli("new", target, *ACME, "-p", tmp_path / "company" / "rules.yaml")
    assert result.exit_code == 0, result
    assert "\nplaybook: ../company/rules.yaml\n" in target.read_text(encoding="utf-8")
    checked = _check(run_cli, target)
    assert checked.exit_code == 1, checked  # a draft until its placeholders are filled


def test_the_manufacturing_playbook_ships():
    assert (PLAYBOOKS / "manufacturing-cost-leader.yaml") in _playbook_files()


def test_discovers_the_nearest_playbook_like_check(run_cli, tmp_path):
    source = PLAYBOOKS / "manufacturing-cost-leader.yaml"
    shutil.copy(source, tmp_path / "playbook.yaml")
    (tmp_path / "plans").mkdir()
    result = run_cli("new", tmp_path / "plans", *ACME)
    assert result.exit_code == 0, result
    plan = tmp_path / "plans" / "acme-2027-renewal.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "playbook:" not in text.split("kind: plan")[1].split("deal:")[0]
    book = Playbook.model_validate(load(str(source)).data)
    assert f"Playbook: {book.company}" in text
    assert "# yaml-language-server: $schema=../.negplan/plan.schema.json" in text
    assert (tmp_path / ".negplan" / "plan.schema.json").is_file()
    data = load(str(plan)).data
    assert data["deal"]["currency"] == book.currency
    required = [t.id for t in book.terms if t.required]
    assert [v["term"] for v in data["variables"]] == required
    checked = _check(run_cli, plan)
    assert _errors(checked.stdout) == [], checked


def test_dash_writes_to_stdout_and_no_file(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "-", *ACME)
    assert result.exit_code == 0, result
    assert result.stdout.startswith("# yaml-language-server: $schema=")
    assert "kind: plan" in result.stdout
    assert list(tmp_path.iterdir()) == []


# ---- positions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("discount", (0, 5, 10)),  # standard 0%, authority 10%
        ("payment_terms", (30, 37, 45)),  # net 30 standard, not the 14-day best end
        # The standard 24 months is also the rep's authority: open beyond it by the first
        # approver's step (down to 12 months), i.e. at 36, not at the 60-month limit.
        ("contract_length", (36, 30, 24)),
        ("price_increase_cap", (7, 6, 5)),
        ("support_tier", ("standard", "standard", "premium")),
        ("roadmap_input", ("none", "none", "user_group")),
        # no case study by standard, and none to give away: ask for one
        ("case_study", (True, True, False)),
        ("termination_for_convenience", (False, False, False)),
        ("reference_calls", (3, 2, 0)),  # no ladder: halfway to the best end (6)
    ],
)
def test_positions_open_at_the_standard_and_walk_away_at_authority(term, expected):
    found = positions(_bundled().term_map[term])
    assert found == tuple(Decimal(v) if type(v) is int else v for v in expected)
    assert [type(v) for v in found] == [Decimal if type(v) is int else type(v) for v in expected]


def test_without_a_standard_the_opening_is_the_best_end():
    term = _bundled().term_map["payment_terms"].model_copy(update={"standard": None})
    assert positions(term) == (14, 29, 45)


def test_the_scaffold_says_where_each_opening_comes_from(run_cli, tmp_path):
    target = tmp_path / "plan.yaml"
    assert run_cli("new", target, *ACME).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "opening: 30    # the playbook's standard" in text
    assert "opening: 36    # the standard (24 months) leaves no room: open beyond it" in text


def test_slug():
    assert slug("Acme", "2027 renewal") == "acme-2027-renewal"
    assert slug("Müller & Söhne GmbH", "Q1/Q2 deal!") == "muller-sohne-gmbh-q1-q2-deal"
    assert slug("???", "") == "plan"


# ---- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        ["Support tier, training seats"],
        ["support_tier training_seats"],
        ["SUPPORT TIER INCLUDED", "Training academy seats"],
        ["training-seats,support_tier,  ,"],
    ],
)
def test_terms_by_id_or_name_comma_or_space_separated(typed):
    book = _bundled()
    assert resolve_terms(book, typed, source="p") == ("support_tier", "training_seats")


@pytest.mark.parametrize(
    ("typed", "unknown", "hint"),
    [
        ("Suport tier, training seats", "Suport tier", "did you mean 'support_tier'?"),
        ("support_tier tranining", "tranining", "did you mean 'training_seats'?"),
        ("support_tier, gold plating case_study", "gold plating", "terms: discount, "),
    ],
)
def test_an_unknown_term_is_named_with_a_did_you_mean(typed, unknown, hint):
    with pytest.raises(NegplanError) as caught:
        resolve_terms(_bundled(), [typed], source="p")
    assert caught.value.message == f"unknown term '{unknown}' in this playbook"
    assert caught.value.hint is not None and caught.value.hint.startswith(hint)


def test_a_term_flag_takes_names_too(run_cli, tmp_path):
    target = tmp_path / "deal.yaml"
    result = run_cli("new", target, *ACME, "--term", "Support tier, training seats")
    assert result.exit_code == 0, result
    terms = [v["term"] for v in load(str(target)).data["variables"]]
    assert terms[-2:] == ["support_tier", "training_seats"]


def test_another_currency_is_explained_not_silent(run_cli, tmp_path):
    target = tmp_path / "deal.yaml"
    result = run_cli("new", target, *ACME, "--currency", "USD")
    assert result.exit_code == 0, result
    assert result.stderr.startswith(
        "warning: the deal is in USD, the playbook in EUR; negplan converts no currency:"
    )
    err = " ".join(result.stderr.split())
    assert (
        "(implementation_days, training_seats, case_study, reference_calls, roadmap_input)" in err
    )
    assert "are left out of the deal's package" in err
    assert "(discount, free_months, payment_terms," in err and "are priced in USD" in err
    assert "hint: keep USD if the customer pays in USD" in err
    assert load(str(target)).data["deal"]["currency"] == "USD"
    # the same currency as the playbook says nothing
    same = run_cli("new", tmp_path / "eur.yaml", *ACME, "--currency", "eur")
    assert same.exit_code == 0 and same.stderr == "", same


def test_the_currency_warning_names_money_terms():
    book = Playbook.model_validate(load(str(PLAYBOOKS / "manufacturing-cost-leader.yaml")).data)
    assert currency_warning(book, "USD") == []
    lines = currency_warning(book, "EUR")
    assert lines[0] == (
        "warning: the deal is in EUR, the playbook in USD; negplan converts no currency:"
    )
    assert "(annual_volume, free_samples, engineering_days)" in " ".join(lines)


def test_unknown_term_exits_2_with_a_did_you_mean_hint(run_cli, tmp_path):
    result = run_cli("new", tmp_path, *ACME, "--term", "discont")
    assert result.exit_code == 2, result
    assert "unknown term 'discont'" in result.stderr
    assert "did you mean 'discount'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--meeting", "2027-02-30", "--meeting: '2027-02-30' is not a date; write YYYY-MM-DD"),
        ("--meeting", "next week", "is not a date"),
        ("--value", "240k", "--value: '240k' is not a number"),
        ("--value", "-5", "not a usable amount"),
        ("--currency", "euro", "not a currency code"),
    ],
)
def test_bad_flag_values_exit_2_with_a_clear_message(run_cli, tmp_path, flag, value, message):
    result = run_cli("new", tmp_path, *ACME, flag, value)
    assert result.exit_code == 2, result
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_folder_target_needs_customer_and_title(run_cli, tmp_path):
    result = run_cli("new", tmp_path, "--no-input", "--customer", "Acme")
    assert result.exit_code == 2, result
    assert "file name comes from the customer and the title" in result.stderr
    assert "--title" in result.stderr


def test_a_plan_file_must_be_yaml(run_cli, tmp_path):
    result = run_cli("new", tmp_path / "acme.txt", *ACME)
    assert result.exit_code == 2, result
    assert "ends in .yaml or .yml" in result.stderr


def test_an_invalid_playbook_exits_2(run_cli, tmp_path, write):
    bad = write("bad-playbook.yaml", "kind: playbook\nversion: 1\ncompany: X\n")
    result = run_cli("new", tmp_path / "p.yaml", *ACME, "--playbook", bad)
    assert result.exit_code == 2, result
    assert "playbook is invalid" in result.stderr
    assert not (tmp_path / "p.yaml").exists()


# ---- never overwrite ------------------------------------------------------------------------


def test_refuses_to_overwrite_unless_forced(run_cli, tmp_path):
    target = tmp_path / "acme-2027-renewal.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = run_cli("new", tmp_path, *ACME)
    assert result.exit_code == 2, result
    assert f"{target}: error: already exists" in result.stderr
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"
    forced = run_cli("new", tmp_path, *ACME, "--force")
    assert forced.exit_code == 0, forced
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server:")
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_is_replaced_never_written_through(run_cli, tmp_path):
    victim = tmp_path / "elsewhere.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "plan.yaml"
    link.symlink_to(victim)
    refused = run_cli("new", link, *ACME)
    assert refused.exit_code == 2, refused
    assert "already exists" in refused.stderr
    forced = run_cli("new", link, *ACME, "--force")
    assert forced.exit_code == 0, forced
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_a_broken_symlink_counts_as_existing(run_cli, tmp_path):
    link = tmp_path / "plan.yaml"
    link.symlink_to(tmp_path / "missing" / "target.yaml")
    result = run_cli("new", link, *ACME)
    assert result.exit_code == 2, result
    assert not (tmp_path / "missing").exists()


def test_does_not_touch_a_foreign_schema_file(run_cli, tmp_path):
    (tmp_path / ".negplan").mkdir()
    schema = tmp_path / ".negplan" / "plan.schema.json"
    schema.write_text('{"title": "hand-written"}\n', encoding="utf-8")
    result = run_cli("new", tmp_path, *ACME)
    assert result.exit_code == 0, result
    assert schema.read_text(encoding="utf-8") == '{"title": "hand-written"}\n'
    assert "left as is" in result.stderr


def test_no_schema_skips_the_schema_file(run_cli, tmp_path):
    result = run_cli("new", tmp_path, *ACME, "--no-schema")
    assert result.exit_code == 0, result
    assert not (tmp_path / ".negplan").exists()


# ---- prompts ------------------------------------------------------------------------------


@pytest.fixture
def tty(monkeypatch):
    """Pretend stdin is a terminal."""
    monkeypatch.setattr("negplan.commands.new.stdin_is_interactive", lambda: True)


def test_prompts_on_a_terminal_and_re_asks_on_bad_input(run_cli, tmp_path, tty):
    answers = [
        "Acme Logistics",  # customer
        "2027 renewal",  # title
        "Dana Reyes",  # owner
        "2027-02-30",  # meeting: not a date
        "2027-02-10",
        "240k",  # value: not a number
        "240000",
        "",  # currency: the playbook's default
        "support_tier, case_stdy",  # a misspelt term
        "Support tier, published case study",  # as displayed: names, in any case
    ]
    result = run_cli("new", tmp_path, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result
    assert "'2027-02-30' is not a date" in result.stderr
    assert "'240k' is not a number" in result.stderr
    assert "did you mean 'case_study'?" in result.stderr
    assert "Currency [EUR]" in result.stderr
    assert result.stderr.startswith(
        "Playbook: Northwind Cloud (the bundled default playbook); currency EUR.\n"
    )
    assert "warning:" not in result.stderr
    assert "from the bundled default playbook" in result.stdout
    plan = tmp_path / "acme-logistics-2027-renewal.yaml"
    data = load(str(plan)).data
    assert data["deal"]["customer"] == "Acme Logistics"
    assert data["deal"]["owner"] == "Dana Reyes"
    assert data["deal"]["meeting"] == "2027-02-10"
    assert data["deal"]["list_value"] == 240000
    assert data["deal"]["currency"] == "EUR"
    terms = [v["term"] for v in data["variables"]]
    assert terms[-2:] == ["support_tier", "case_study"]
    assert _errors(_check(run_cli, plan).stdout) == []


def test_flags_given_are_not_asked_again(run_cli, tmp_path, tty):
    answers = ["Dana Reyes", "", "", "", ""]  # owner, meeting, value, currency, terms
    result = run_cli(
        "new", tmp_path, "--customer", "Acme", "--title", "2027 renewal",
        input="\n".join(answers) + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result
    assert "Customer" not in result.stderr
    data = load(str(tmp_path / "acme-2027-renewal.yaml")).data
    assert data["deal"]["owner"] == "Dana Reyes"
    assert data["deal"]["meeting"] is None


def test_no_input_never_prompts_even_on_a_terminal(run_cli, tmp_path, tty):
    result = run_cli("new", tmp_path, *ACME, input="")
    assert result.exit_code == 0, result
    assert result.stderr == ""


def test_without_a_terminal_it_never_prompts(run_cli, tmp_path):
    result = run_cli("new", tmp_path, "--customer", "Acme", "--title", "2027 renewal")
    assert result.exit_code == 0, result
    assert result.stderr == ""
    data = load(str(tmp_path / "acme-2027-renewal.yaml")).data
    assert data["deal"]["owner"].startswith("TODO")


# ---- fast help ------------------------------------------------------------------------------


def test_help_does_not_import_the_scaffold_or_build_schemas():
    code = (
        "import sys\n"
        "from negplan.cli import app\n"
        "try:\n    app(['--help'])\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.startswith(('ruamel', 'negplan.scaffold', "
        "'negplan.jsonschema_export', 'jsonschema'))]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    assert "HEAVY []" in out, out
