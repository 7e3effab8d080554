"""`negplan debrief`: the writer, the content hash, and debriefs of every example plan."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES, TODAY
from ruamel.yaml import YAML

from negplan.checking import CheckOptions, check_file
from negplan.debriefs import content_hash
from negplan.discovery import PlaybookCache
from negplan.findings import Severity
from negplan.loader import load
from negplan.schema import document_kind

CLEAN_PLAN = EXAMPLES / "clean-renewal.yaml"
CLEAN_DEBRIEF = EXAMPLES / "debriefs" / "clean-renewal.debrief.yaml"
PLANS = sorted(
    p
    for p in [*EXAMPLES.glob("*.yaml"), *(EXAMPLES / "playbook-repo" / "plans").rglob("*.yaml")]
    if p.name != "typos-and-types.yaml"  # not a valid plan: no debrief can be written of it
)


def test_the_hash_is_git_hash_object(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    samples = {
        "empty.yaml": b"",
        "crlf.yaml": b"kind: plan\r\n",
        "clean.yaml": PLANS[0].read_bytes(),
    }
    for name, data in samples.items():
        path = tmp_path / name
        path.write_bytes(data)
        git = subprocess.run(
            ["git", "hash-object", str(path)], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert content_hash(data) == git, name


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_a_debrief_of_every_example_plan_is_a_draft_without_errors(
    run_cli, tmp_path: Path, plan: Path
) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(EXAMPLES, copy)
    target = copy / plan.relative_to(EXAMPLES)
    result = run_cli("debrief", target, "--today", TODAY)
    assert result.exit_code == 0, result
    written = target.with_name(target.stem + ".debrief.yaml")
    assert result.stdout.startswith(f"created {written}: fill in ")
    options = CheckOptions(today=date.fromisoformat(TODAY))
    checked = check_file(str(written), explicit=True, options=options, cache=PlaybookCache())
    assert checked.error is None and checked.kind == "debrief"
    assert checked.findings and {f.code for f in checked.findings} == {"NP509"}
    assert not [f for f in checked.findings if f.severity is Severity.ERROR]


def test_never_overwrites_without_force(run_cli, tmp_path: Path) -> None:
    plan = tmp_path / "acme.yaml"
    shutil.copy(PLANS[0], plan)
    assert run_cli("debrief", plan, "--today", TODAY).exit_code == 0
    again = run_cli("debrief", plan, "--today", TODAY)
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert run_cli("debrief", plan, "--force", "--today", TODAY).exit_code == 0
    out = run_cli("debrief", plan, "-o", tmp_path / "other.yaml", "--today", TODAY)
    assert out.exit_code == 0 and (tmp_path / "other.yaml").exists()


def test_to_stdout_and_refusals(run_cli, tmp_path: Path) -> None:
    plan = tmp_path / "acme.yaml"
    shutil.copy(PLANS[0], plan)
    result = run_cli("debrief", plan, "-o", "-", "--today", TODAY)
    assert result.exit_code == 0 and "kind: debrief" in result.stdout
    assert run_cli("debrief", plan, "-o", tmp_path / "x.txt").exit_code == 2
    bad = run_cli("debrief", EXAMPLES / "typos-and-types.yaml", "-o", "-", "--today", TODAY)
    assert bad.exit_code == 1 and "the plan is not valid" in bad.stderr


def test_check_finds_debriefs_in_folders(run_cli) -> None:
    # The examples show a deviation each (tests/rules/test_debrief_rules.py), two of them errors.
    result = run_cli("check", EXAMPLES / "debriefs", "--today", TODAY, "-f", "parsable")
    assert result.exit_code == 1, result
    paths = sorted((EXAMPLES / "debriefs").glob("*.yaml"))
    for path in paths:
        assert document_kind(load(str(path)).data) == "debrief"
    flagged = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert flagged == {str(p) for p in paths if p != CLEAN_DEBRIEF}


def _value_json(run_cli, *args: object) -> dict:
    result = run_cli("value", *args, "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("agreed", "unplanned"),
    [
        ({}, []),
        ({"discount": 7.5, "payment_terms": 60, "contract_length": 24, "case_study": False}, []),
        ({"price_hold_months": 12, "support_tier": "standard"}, ["price_hold_months"]),
    ],
)
def test_the_agreed_net_value_is_the_plan_priced_at_the_agreed_positions(
    run_cli, tmp_path: Path, agreed: dict, unplanned: list
) -> None:
    yaml = YAML(typ="rt")
    debrief = yaml.load(CLEAN_DEBRIEF.read_text("utf-8"))
    debrief["plan"]["path"] = "plan.yaml"
    for entry in debrief["agreed"]:
        entry["value"] = agreed.get(entry["term"], entry["value"])
    for term in unplanned:
        debrief["agreed"].append({"term": term, "value": agreed[term]})
        debrief["moves"].append(
            {"give": {"term": term, "value": agreed[term]}, "planned": False, "asked_by": "Lee"}
        )
    shutil.copy(CLEAN_PLAN, tmp_path / "plan.yaml")
    with (tmp_path / "plan.debrief.yaml").open("w") as out:
        yaml.dump(debrief, out)
    got = _value_json(run_cli, tmp_path / "plan.debrief.yaml")

    plan = yaml.load(CLEAN_PLAN.read_text("utf-8"))
    positions = {e["term"]: e["value"] for e in debrief["agreed"]}
    for variable in plan["variables"]:
        if variable["term"] in positions:
            value = positions.pop(variable["term"])
            variable.update(opening=value, target=value, walk_away=value)
    for term, value in positions.items():
        plan["variables"].append(
            {"term": term, "opening": value, "target": value, "walk_away": value}
        )
    with (tmp_path / "agreed.yaml").open("w") as out:
        yaml.dump(plan, out)
    want = _value_json(run_cli, tmp_path / "agreed.yaml")
    for name in ("opening", "target", "walk_away"):
        assert got["package"]["agreed_net_value"] == want["scenarios"][name]["net_value"]
    plain = _value_json(run_cli, CLEAN_PLAN)
    assert got["package"]["target_net_value"] == plain["scenarios"]["target"]["net_value"]
    assert [m["give"]["term"] for m in got["unplanned_moves"]] == unplanned


def test_value_of_a_debrief_in_text_and_markdown(run_cli) -> None:
    text = run_cli("value", CLEAN_DEBRIEF, "--today", TODAY)
    assert text.exit_code == 0, text
    assert "net value as agreed: EUR 679,232.88" in text.stdout
    md = run_cli("value", CLEAN_DEBRIEF, "--format", "md", "--today", TODAY)
    assert md.exit_code == 0 and "| discount | 0% | 5% | 10% | 5% | at target |" in md.stdout
    assert "- ask: Price protection on the 120 warehouse seats" in md.stdout
    assert run_cli("value", CLEAN_PLAN, "--format", "md", "--today", TODAY).exit_code == 2
