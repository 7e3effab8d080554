"""`negplan new --from DEBRIEF`: the next plan for a customer starts from last time."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, TODAY

from negplan.loader import load
from negplan.models.plan import Plan

SURPRISE = "Price protection on the 120 warehouse seats for two years"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the examples: plans, and the clean debrief in `debriefs/`."""
    shutil.copytree(EXAMPLES, tmp_path / "repo", ignore=shutil.ignore_patterns("playbook-repo"))
    return tmp_path / "repo"


def _new(run_cli, repo: Path, *args: object):
    debrief = repo / "debriefs" / "clean-renewal.debrief.yaml"
    return run_cli("new", "--no-input", "--no-schema", "--from", debrief, *args)


def test_the_next_plan_carries_the_deal_terms_agreed_positions_and_surprises(
    run_cli, repo: Path
) -> None:
    result = _new(run_cli, repo, "--title", "2029 renewal", "--meeting", "2029-02-01", repo)
    assert result.exit_code == 0, result
    target = repo / "acme-logistics-gmbh-2029-renewal.yaml"
    data = load(str(target)).data
    Plan.model_validate(data)
    deal = data["deal"]
    assert (deal["customer"], deal["owner"], deal["currency"]) == (
        "Acme Logistics GmbH",
        "Dana Reyes",
        "EUR",
    )
    assert (deal["region"], deal["segment"], deal["title"]) == (
        "EMEA",
        "enterprise",
        "2029 renewal",
    )
    terms = [v["term"] for v in data["variables"]]
    # Last time's terms, and the one a lesson names (price hold), in playbook order.
    assert set(terms) >= {"discount", "training_seats", "support_tier", "case_study"}
    assert "price_hold_months" in terms
    text = target.read_text("utf-8")
    for agreed in ("5%", "45 days", "36 months", "10", "premium", "yes"):
        assert re.search(rf"\n    target: \S+ +# last time agreed: {agreed}\n", text), agreed
    assert "# Last time: agreed 5% (planned 0% → 5% → 10%)." in text
    assert "# Lesson (Dana Reyes): Prepare a price-hold position for expansions" in text
    assert "2027-02-10, won (value)" in text
    assert data["asks"][0]["ask"] == SURPRISE
    assert data["asks"][0]["response"].startswith("TODO how we answer (last time: Held at")


def test_check_reports_the_next_plan_only_as_a_draft(run_cli, repo: Path) -> None:
    target = repo / "next.yaml"
    assert _new(run_cli, repo, target).exit_code == 0
    checked = run_cli("check", target, "--format", "json", "--today", TODAY)
    (file,) = json.loads(checked.stdout)["files"]
    assert file["readiness"] == "DRAFT"
    findings = file["findings"]
    assert not [f for f in findings if f["severity"] == "error"], findings
    # The surprise stays a draft until the rep writes how to answer it this time.
    line = next(
        n
        for n, text in enumerate(target.read_text("utf-8").splitlines(), 1)
        if "response: 'TODO how we answer (last time:" in text
    )
    assert (line, "NP509") in {(f["line"], f["code"]) for f in findings}


def test_never_overwrites_without_force(run_cli, repo: Path) -> None:
    target = repo / "next.yaml"
    assert _new(run_cli, repo, target).exit_code == 0
    again = _new(run_cli, repo, target)
    assert again.exit_code == 2 and "already exists" in again.stderr, again
    assert _new(run_cli, repo, target, "--force").exit_code == 0


def test_a_folder_target_needs_only_the_title(run_cli, repo: Path) -> None:
    result = _new(run_cli, repo, repo)
    assert result.exit_code == 2
    assert "hint: give --title, or a file name" in result.stderr, result


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda repo: repo / "gone.debrief.yaml", "gone.debrief.yaml"),
        (lambda repo: repo / "clean-renewal.yaml", "not a debrief (`kind: debrief`)"),
        (
            lambda repo: _write(repo, "path: ../clean-renewal.yaml", "path: ../gone.yaml"),
            "cannot read the plan",
        ),
        (lambda repo: _write(repo, "result: won", "result: great"), "the debrief is not valid"),
    ],
    ids=["missing", "a-plan", "plan-missing", "invalid"],
)
def test_a_debrief_that_cannot_be_used_is_one_line(run_cli, repo: Path, make, message) -> None:
    result = run_cli("new", "--no-input", "--from", make(repo), repo / "next.yaml")
    assert result.exit_code == 2, result
    assert message in result.stderr and "Traceback" not in result.stderr, result
    assert not (repo / "next.yaml").exists()


def _write(repo: Path, old: str, new: str) -> Path:
    source = repo / "debriefs" / "clean-renewal.debrief.yaml"
    path = repo / "debriefs" / "changed.debrief.yaml"
    path.write_text(source.read_text("utf-8").replace(old, new), "utf-8")
    return path
