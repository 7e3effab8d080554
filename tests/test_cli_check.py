"""``negplan check`` end to end: exit codes, output formats, discovery, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import CLEAN, EXAMPLES, PLAYBOOKS, ROOT, TODAY
from support import mutate


def test_clean_example_exits_0_with_no_findings(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("check", CLEAN, "--today", TODAY, "--format", "text")
    assert result.exit_code == 0, result
    assert result.stdout.strip() == "Checked 1 file (1 plan) [READY]: no problems found"
    assert result.stderr == ""


def test_examples_folder_exits_1_with_positions_and_codes(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("check", EXAMPLES, "--today", TODAY, "--format", "parsable")
    assert result.exit_code == 1, result
    lines = result.stdout.splitlines()
    for name, code in [
        ("give-without-get.yaml", "NP401"),
        ("discount-first.yaml", "NP403"),
        ("target-worse-than-walk-away.yaml", "NP301"),
        ("past-authority-no-signoff.yaml", "NP203"),
        ("missing-preparation.yaml", "NP502"),
        ("typos-and-types.yaml", "NP102"),
    ]:
        assert any(name in line and f"[{code}]" in line for line in lines), (name, code, result)
    assert not any("clean-renewal.yaml" in line for line in lines)


def test_parsable_line_format(run_cli) -> None:  # type: ignore[no-untyped-def]
    path = EXAMPLES / "give-without-get.yaml"
    text = path.read_text("utf-8")
    line = next(
        i for i, row in enumerate(text.splitlines(), 1) if "give: {term: payment_terms" in row
    )
    result = run_cli("check", path, "--today", TODAY, "--format", "parsable")
    assert result.stdout == (
        f"{path}:{line}:5: error: concession 3 gives payment_terms 45 days without getting "
        "anything [NP401] hint: add `get:`: what the buyer gives in return, a term "
        "(`{term: case_study, value: true}`) or a commitment with a date (`{commitment: "
        'signed order form, by: 2027-03-31}`) ("if we do X, can you do Y?")\n'
    )


def test_text_format_groups_by_file_with_hints(run_cli) -> None:  # type: ignore[no-untyped-def]
    path = EXAMPLES / "give-without-get.yaml"
    result = run_cli("check", path, "--today", TODAY, "--format", "text")
    out = result.stdout.splitlines()
    line = next(
        i
        for i, row in enumerate(path.read_text("utf-8").splitlines(), 1)
        if "give: {term: payment_terms" in row
    )
    # The path once, in the header; each finding starts at its line and column.
    assert out[0] == f"{path} (1 error)  NOT READY"
    assert out[1].startswith(f"  {line}:5  NP401  error    concession 3 gives payment_terms")
    assert str(path) not in "\n".join(out[1:])
    assert out[2].strip().startswith("hint: add `get:`")
    assert out[-1] == "Checked 1 file (1 plan) [NOT READY]: 1 error"


def test_json_format(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        "check", EXAMPLES / "discount-first.yaml", CLEAN, "--today", TODAY, "--format", "json"
    )
    assert result.exit_code == 0  # warnings only
    document = json.loads(result.stdout)
    assert document["summary"] == {
        "files": 2,
        "plans": 2,
        "playbooks": 0,
        "skipped": 0,
        "errors": 0,
        "warnings": 1,
        "info": 0,
        "failing": 0,
        "readiness": {"DRAFT": 0, "NOT READY": 0, "READY WITH WARNINGS": 1, "READY": 1},
        "failed": [],
        "not_checked": 0,
        "exit_code": 0,
    }
    first = document["files"][0]
    assert [f["readiness"] for f in document["files"]] == ["READY WITH WARNINGS", "READY"]
    strict = json.loads(
        run_cli(
            "check",
            EXAMPLES / "discount-first.yaml",
            "--today",
            TODAY,
            "--format",
            "json",
            "--strict",
        ).stdout
    )
    assert strict["summary"]["failed"] == [str(EXAMPLES / "discount-first.yaml")]
    assert first["playbook"] == "<bundled default playbook>"
    assert {f["code"] for f in first["findings"]} == {"NP403"}
    assert set(first["findings"][0]) == {
        "path",
        "line",
        "column",
        "code",
        "name",
        "severity",
        "message",
        "hint",
        "source",
    }


def test_strict_makes_warnings_fail(run_cli) -> None:  # type: ignore[no-untyped-def]
    path = EXAMPLES / "discount-first.yaml"
    assert run_cli("check", path, "--today", TODAY).exit_code == 0
    assert run_cli("check", path, "--today", TODAY, "--strict").exit_code == 1


def test_missing_path_exits_2(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("check", tmp_path / "nope.yaml", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nope.yaml'}: error: no such file or directory\n"
    assert "Traceback" not in result.stdout + result.stderr


def test_bad_flag_exits_2(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("check", CLEAN, "--frobnicate")
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    bad_date = run_cli("check", CLEAN, "--today", "tomorrow")
    assert bad_date.exit_code == 2
    assert (
        bad_date.stderr
        == "error: --today: 'tomorrow' is not a date\nhint: write the date as YYYY-MM-DD\n"
    )


def test_invalid_playbook_for_a_plan_exits_2(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = (PLAYBOOKS / "default.yaml").read_text("utf-8")
    broken = mutate(text, ("    authority: 10\n", "    authority: 40\n"))
    (tmp_path / "playbook.yaml").write_text(broken, "utf-8")
    shutil.copy(CLEAN, tmp_path / "plan.yaml")
    result = run_cli("check", tmp_path / "plan.yaml", "--today", TODAY)
    assert result.exit_code == 2, result
    line = next(i for i, row in enumerate(broken.splitlines(), 1) if "authority: 40" in row)
    assert result.stderr.startswith(
        f"{tmp_path / 'playbook.yaml'}:{line}:16: error: playbook is invalid"
    )
    # checking the playbook itself reports the finding, exit 1
    direct = run_cli("check", tmp_path / "playbook.yaml", "--format", "parsable")
    assert direct.exit_code == 1
    assert f"playbook.yaml:{line}:16: error: authority 40% of 'discount'" in direct.stdout
    assert "[NP903]" in direct.stdout


def test_discovery_order(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # nearest playbook.yaml walking up from the plan
    strict_pb = (
        (PLAYBOOKS / "default.yaml")
        .read_text("utf-8")
        .replace("  min_interests: 2\n", "  min_interests: 5\n")
    )
    (tmp_path / "playbook.yaml").write_text(strict_pb, "utf-8")
    (tmp_path / "emea").mkdir()
    shutil.copy(CLEAN, tmp_path / "emea" / "plan.yaml")
    result = run_cli("check", tmp_path / "emea" / "plan.yaml", "--today", TODAY, "--format", "json")
    document = json.loads(result.stdout)
    assert document["files"][0]["playbook"].endswith("playbook.yaml")
    assert [f["code"] for f in document["files"][0]["findings"]] == ["NP501"]
    # --playbook wins over discovery
    result = run_cli(
        "check",
        tmp_path / "emea" / "plan.yaml",
        "--today",
        TODAY,
        "--playbook",
        PLAYBOOKS / "default.yaml",
    )
    assert result.exit_code == 0 and result.stdout == ""
    # the plan's own `playbook:` key, relative to the plan, wins over the nearest file
    text = CLEAN.read_text("utf-8").replace(
        "kind: plan\n", f"kind: plan\nplaybook: {PLAYBOOKS / 'default.yaml'}\n"
    )
    (tmp_path / "emea" / "keyed.yaml").write_text(text, "utf-8")
    result = run_cli("check", tmp_path / "emea" / "keyed.yaml", "--today", TODAY)
    assert result.exit_code == 0 and result.stdout == "", result


def test_missing_playbook_named_by_a_plan(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = CLEAN.read_text("utf-8").replace(
        "kind: plan\n", "kind: plan\nplaybook: ../nowhere.yaml\n"
    )
    (tmp_path / "plan.yaml").write_text(text, "utf-8")
    result = run_cli("check", tmp_path / "plan.yaml", "--today", TODAY)
    assert result.exit_code == 2
    assert "cannot read playbook: no such file" in result.stderr


def test_directory_skips_other_yaml_but_named_file_is_np103(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "ci.yaml").write_text("steps: [build]\n", "utf-8")
    (tmp_path / "broken-other.yaml").write_text("a: [\n", "utf-8")
    shutil.copy(CLEAN, tmp_path / "plan.yaml")
    result = run_cli("check", tmp_path, "--today", TODAY, "--format", "text")
    assert result.exit_code == 0, result
    assert result.stdout.strip() == "Checked 1 file (1 plan) [READY]: no problems found"
    named = run_cli("check", tmp_path / "ci.yaml", "--format", "parsable")
    assert named.exit_code == 1
    assert (
        named.stdout
        == f"{tmp_path / 'ci.yaml'}:1:1: error: no `kind:`: expected `kind: plan` or `kind: playbook` [NP103] hint: add `kind: plan` (or `kind: playbook`) at the top\n"
    )
    skipped = run_cli("check", tmp_path / "ci.yaml", "--skip-unknown")
    assert skipped.exit_code == 0 and skipped.stdout == ""


def test_broken_plan_inside_a_directory_is_reported(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "plan.yaml").write_text("kind: plan\nversion: 1\ndeal: [\n", "utf-8")
    result = run_cli("check", tmp_path, "--format", "parsable")
    assert result.exit_code == 1
    assert "[NP100]" in result.stdout


def test_playbooks_folder_is_clean(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("check", PLAYBOOKS, "--format", "text")
    assert result.exit_code == 0, result
    assert "2 playbooks" in result.stdout


def test_rules_and_explain(run_cli) -> None:  # type: ignore[no-untyped-def]
    from negplan.rules import RULES

    listing = run_cli("rules")
    assert listing.exit_code == 0
    for code in RULES:
        assert code in listing.stdout
    explained = run_cli("explain", "NP401")
    assert explained.exit_code == 0
    for heading in ("Why it matters", "Fails", "Passes", "Options"):
        assert heading in explained.stdout
    assert "give-without-get" in explained.stdout
    by_name = run_cli("explain", "give-without-get")
    assert by_name.stdout == explained.stdout
    unknown = run_cli("explain", "NP4O1")
    assert unknown.exit_code == 2
    assert unknown.stderr == "error: unknown rule 'NP4O1'\nhint: did you mean 'NP401'?\n"


def test_version_and_module_entry_point() -> None:
    import subprocess
    import sys

    from negplan import __version__

    out = subprocess.run(
        [sys.executable, "-m", "negplan", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert out.returncode == 0 and out.stdout.strip() == f"negplan {__version__}"


def test_internal_errors_are_one_line(run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import negplan.checking

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(negplan.checking, "check_file", boom)
    result = run_cli("check", CLEAN)
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "negplan: internal error: RuntimeError: kaboom",
        "hint: this is a bug in negplan; run again with --debug for the full traceback",
    ]
