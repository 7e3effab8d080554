"""Debriefs in pre-commit and CI, like plans: the published hook blocks a debrief with an
error, and the `github` and `sarif` formats report debrief findings at their positions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import test_precommit as hooks
from conftest import EXAMPLES, TODAY

from negplan.debriefs import content_hash

# The repository with the published hooks installed (see tests/test_precommit.py).
repo = hooks.repo
pytestmark = hooks.pytestmark

CLEAN_DEBRIEF = (EXAMPLES / "debriefs" / "clean-renewal.debrief.yaml").read_text("utf-8")
# As CI names them, relative to the repository's root.
PAST_WALK_AWAY = "examples/debriefs/agreed-past-walk-away.debrief.yaml"
NO_OWNER = "examples/debriefs/lesson-without-owner.debrief.yaml"


def _debrief_of(plan: Path, *changes: tuple[str, str]) -> str:
    text = CLEAN_DEBRIEF.replace("path: ../clean-renewal.yaml", f"path: {plan.name}")
    text = re.sub(r"hash: [0-9a-f]{40}", f"hash: {content_hash(plan.read_bytes())}", text)
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_hook_blocks_a_debrief_with_an_error_and_shows_a_warning(repo) -> None:
    plan = repo.root / "plans" / "emea" / "acme-logistics-renewal.yaml"
    name = "plans/emea/acme-logistics-renewal.debrief.yaml"
    bad = _debrief_of(plan, ("{term: discount, value: 5}", "{term: discount, value: 12}"))
    repo.write(name, bad)
    result = repo.commit(name)
    out = hooks.output(result)
    assert result.returncode != 0, out
    assert re.search(r"negplan check \(plans and playbooks\)\.+Failed", out)
    line = _line(bad, "{term: discount, value: 12}")
    assert re.search(
        rf"^{re.escape(name)}:{line}:\d+: error: discount agreed at 12%, past the plan's "
        r"walk-away of 10% \[NP803\] hint: .+$",
        out,
        re.M,
    ), out
    assert name not in repo.head_files()

    # A warning only (a lesson nobody owns): the debrief commits, and the rep sees why.
    warned = _debrief_of(plan, ("    owner: Tom Weber\n", ""))
    repo.write(name, warned)
    result = repo.commit(name)
    out = hooks.output(result)
    assert result.returncode == 0, out
    line = _line(warned, "- lesson: Case-study consent")
    assert re.search(
        rf"^{re.escape(name)}:{line}:5: warning: lesson has no owner \[NP808\]", out, re.M
    ), out
    assert name in repo.head_files()


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)


def test_github_annotations_name_the_debrief_line_and_rule(run_cli, at_root) -> None:
    result = run_cli("check", PAST_WALK_AWAY, NO_OWNER, "--format", "github", "--today", TODAY)
    assert result.exit_code == 1, result
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"::error file={PAST_WALK_AWAY},line=19,col=36,title=NP803 agreed-past-walk-away::"
        "contract_length agreed at 18 months, past the plan's walk-away of 24 months"
        "%0Ahint: record why under `notes:`, and add a lesson for the next plan"
    )
    assert lines[1].startswith(
        f"::warning file={NO_OWNER},line=68,col=5,title=NP808 lesson-missing::lesson has no owner"
    )


@pytest.mark.parametrize(
    ("path", "code", "level", "line", "col"),
    [(PAST_WALK_AWAY, "NP803", "error", 19, 36), (NO_OWNER, "NP808", "warning", 68, 5)],
)
def test_sarif_reports_debrief_findings_with_their_region(
    run_cli, at_root, path: str, code: str, level: str, line: int, col: int
) -> None:
    result = run_cli("check", path, "--format", "sarif", "--today", TODAY)
    (run,) = json.loads(result.stdout)["runs"]
    (found,) = run["results"]
    assert (found["ruleId"], found["level"]) == (code, level)
    rule = run["tool"]["driver"]["rules"][found["ruleIndex"]]
    assert rule["id"] == code
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == path
    assert location["region"] == {"startLine": line, "startColumn": col}
