"""``negplan diff`` and ``negplan whatif``: the deltas are those of two ``check`` and two
``value`` runs, ``--against`` reads git, ``whatif`` equals editing the file and diffing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, TODAY, Result
from tests.support import DEFAULT_PLAYBOOK_TEXT, isolated_env, line_of, mutate

Run = Callable[..., Result]

#: Fixture pairs: the default playbook, and the same with one change.
PAIRS = {
    "tighter authority": (("    authority: 10\n", "    authority: 5\n"),),
    "new required term": (
        ("  - id: liability_cap\n", "  - id: liability_cap\n    required: true\n"),
    ),
    "changed approver": (
        (
            "{up_to: 20, approver: Regional sales director}",
            "{up_to: 20, approver: Deal desk}",
        ),
    ),
    "changed value model": (("      per_unit: 1\n", "      per_unit: 1.5\n"),),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A playbook.yaml with every example plan under plans/."""
    (tmp_path / "plans").mkdir()
    for plan in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copy(plan, tmp_path / "plans" / plan.name)
    (tmp_path / "playbook.yaml").write_text(DEFAULT_PLAYBOOK_TEXT, encoding="utf-8")
    return tmp_path


def _json(result: Result, codes: tuple[int, ...] = (0, 1)) -> Any:
    assert result.exit_code in codes, str(result)
    return json.loads(result.stdout)


def _finding(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["path"], f["line"], f["column"], f["code"], f["severity"], f["message"], f["hint"])


def _check(run_cli: Run, plans: Path) -> dict[str, set[tuple[Any, ...]]]:
    report = _json(run_cli("check", plans, "--format", "json", "--today", TODAY))
    return {f["path"]: {_finding(x) for x in f["findings"]} for f in report["files"]}


def _values(run_cli: Run, plans: Path) -> dict[str, tuple[str, str]]:
    values = {}
    for plan in sorted(plans.glob("*.yaml")):
        result = run_cli("value", plan, "--format", "json", "--today", TODAY)
        if result.exit_code == 0:
            scenarios = json.loads(result.stdout)["scenarios"]
            values[str(plan)] = (
                scenarios["target"]["net_value"],
                scenarios["walk_away"]["net_value"],
            )
    return values


@pytest.mark.parametrize("pair", PAIRS)
def test_the_deltas_are_those_of_two_check_and_two_value_runs(
    run_cli: Run, repo: Path, pair: str
) -> None:
    plans, playbook = repo / "plans", repo / "playbook.yaml"
    before, values_before = _check(run_cli, plans), _values(run_cli, plans)
    (repo / "old.yaml").write_text(DEFAULT_PLAYBOOK_TEXT, encoding="utf-8")
    playbook.write_text(mutate(DEFAULT_PLAYBOOK_TEXT, *PAIRS[pair]), encoding="utf-8")
    after, values_after = _check(run_cli, plans), _values(run_cli, plans)
    diff = _json(
        run_cli("diff", playbook, "--old", repo / "old.yaml", plans, "-f", "json", "--today", TODAY)
    )
    listed = {p["path"]: p for p in diff["plans"]}
    assert diff["summary"]["plans"] == len(before)
    assert any(after[path] != before[path] for path in after) or pair == "changed value model"
    for path in before:
        plan = listed.get(path, {"appeared": [], "disappeared": [], "net_value": None})
        assert {_finding(f) for f in plan["appeared"]} == after[path] - before[path], path
        assert {_finding(f) for f in plan["disappeared"]} == before[path] - after[path], path
        if path not in values_before:
            continue
        money = plan["net_value"]
        (target_was, walk_was), (target_now, walk_now) = values_before[path], values_after[path]
        if money is None:  # listed only when something moved
            assert (target_was, walk_was) == (target_now, walk_now), path
            continue
        assert (money["target"]["before"], money["target"]["after"]) == (target_was, target_now)
        assert (money["walk_away"]["before"], money["walk_away"]["after"]) == (walk_was, walk_now)
        assert float(money["target"]["change"]) == pytest.approx(
            float(target_now) - float(target_was)
        )
    if pair == "changed value model":
        assert any(p["net_value"] for p in diff["plans"])
    fails = {path for path, found in after.items() if any(f[4] == "error" for f in found)}
    failed = {path for path, found in before.items() if any(f[4] == "error" for f in found)}
    assert set(diff["summary"]["newly_failing"]) == fails - failed
    assert diff["summary"]["exit_code"] == (1 if fails - failed else 0)


def test_a_new_required_term_breaks_plans_and_says_so_on_the_playbook_line(
    run_cli: Run, repo: Path
) -> None:
    playbook = repo / "playbook.yaml"
    (repo / "old.yaml").write_text(DEFAULT_PLAYBOOK_TEXT, encoding="utf-8")
    changed = mutate(DEFAULT_PLAYBOOK_TEXT, *PAIRS["new required term"])
    playbook.write_text(changed, encoding="utf-8")
    args = ("diff", playbook, "--old", repo / "old.yaml", repo / "plans", "--today", TODAY)
    result = run_cli(*args, "--format", "github")
    assert result.exit_code == 1, str(result)
    line = line_of(
        changed,
        "    required: true",
        nth=changed[: changed.index("liability_cap")].count("required: true") + 1,
    )
    annotation = result.stdout.splitlines()[0]
    assert annotation.startswith(
        f"::error file={playbook.as_posix()},line={line},title=negplan diff::"
    )
    assert "making liability_cap required breaks" in annotation
    text = run_cli(*args)
    assert text.exit_code == 1
    assert "newly fails" in text.stdout
    assert "NP204" in text.stdout


def test_a_changed_approver_moves_the_approval_load(run_cli: Run, repo: Path) -> None:
    playbook = repo / "playbook.yaml"
    # this plan's discount sign-off is from the deal desk: once the deal desk is on the
    # ladder it covers the discount, and nothing waits for either approver
    (repo / "plans" / "signoff-wrong-role.yaml").unlink()
    (repo / "old.yaml").write_text(DEFAULT_PLAYBOOK_TEXT, encoding="utf-8")
    playbook.write_text(mutate(DEFAULT_PLAYBOOK_TEXT, *PAIRS["changed approver"]), "utf-8")
    diff = _json(
        run_cli("diff", playbook, "--old", repo / "old.yaml", repo / "plans", "-f", "json")
    )
    load = {row["approver"]: row for row in diff["approval_load"]}
    assert load["Deal desk"]["before"] == 0 and load["Deal desk"]["after"] > 0
    assert load["Regional sales director"]["change"] == -load["Deal desk"]["change"]
    (change,) = diff["changes"]
    assert change["path"] == "discount.approvals"
    assert "Deal desk to 20%" in change["after"]


def _git(repo: Path, *args: str) -> None:
    env = isolated_env(repo.parent / "home")
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def no_git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("GIT_"):
            monkeypatch.delenv(name)


@pytest.mark.usefixtures("no_git_env")
def test_against_a_revision_equals_old_with_the_file_from_git_show(
    run_cli: Run, repo: Path
) -> None:
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "-c", "commit.gpgsign=false", "commit", "-qm", "playbook and plans")
    playbook = repo / "playbook.yaml"
    playbook.write_text(mutate(DEFAULT_PLAYBOOK_TEXT, *PAIRS["tighter authority"]), "utf-8")
    _git(repo, "-c", "commit.gpgsign=false", "commit", "-qam", "tighter")
    shown = subprocess.run(
        ["git", "show", "HEAD~1:playbook.yaml"], cwd=repo, capture_output=True, check=True
    ).stdout
    (repo.parent / "shown.yaml").write_bytes(shown)
    for fmt in ("text", "json", "md"):
        common = (repo / "plans", "-f", fmt, "--today", TODAY)
        via_git = run_cli("diff", playbook, "--against", "HEAD~1", *common)
        via_file = run_cli("diff", playbook, "--old", repo.parent / "shown.yaml", *common)
        assert via_git.exit_code == via_file.exit_code
        assert via_git.stdout == via_file.stdout
        assert "discount" in via_git.stdout and "5%" in via_git.stdout
    # Nothing changed against HEAD: no change, no plan affected.
    same = run_cli("diff", playbook, "--against", "HEAD", repo / "plans", "--today", TODAY)
    assert same.exit_code == 0 and "0 changes" in same.stdout


def test_whatif_equals_editing_the_file_and_running_diff(run_cli: Run, repo: Path) -> None:
    playbook = repo / "playbook.yaml"
    settings = [
        "discount.authority=8",
        "economics.floor=78",
        "requirements.min_questions=4",
        "rules.NP406=error",
    ]
    common = (repo / "plans", "--today", TODAY)
    what = {
        fmt: run_cli("whatif", *[a for s in settings for a in ("--set", s)], "-f", fmt, *common)
        for fmt in ("text", "md", "json", "github")
    }
    assert playbook.read_text(encoding="utf-8") == DEFAULT_PLAYBOOK_TEXT  # untouched
    (repo / "old.yaml").write_text(DEFAULT_PLAYBOOK_TEXT, encoding="utf-8")
    edited = mutate(
        DEFAULT_PLAYBOOK_TEXT,
        ("    authority: 10\n", "    authority: 8\n"),
        ("  floor: 80 ", "  floor: 78 "),
        ("  min_questions: 3\n", "  min_questions: 4\n"),
        ("rules: {}\n", "rules: {NP406: error}\n"),
    )
    playbook.write_text(edited, encoding="utf-8")
    for fmt, result in what.items():
        diff = run_cli("diff", playbook, "--old", repo / "old.yaml", "-f", fmt, *common)
        assert result.exit_code == diff.exit_code, fmt
        assert result.exit_code in (0, 1), str(result)
        assert result.stdout == diff.stdout, fmt
    assert "tightening discount authority to 8%" in what["md"].stdout
    assert len(json.loads(what["json"].stdout)["changes"]) == 4


@pytest.mark.parametrize(
    ("setting", "message", "hint"),
    [
        ("discont.authority=8", "no term or section 'discont'", "did you mean 'discount'?"),
        ("discount.authoritty=8", "unknown key", "authority"),
        ("discount.authority=lots", "would be invalid", None),
        ("discount.authority", "expected PATH=VALUE", "discount.authority=8"),
        ("economics.flor=82", "unknown key", "floor"),
        ("discount.approvals.7.up_to=3", "not an item of the list", None),
        ("rules.NP999=error", "would be invalid", None),
    ],
)
def test_a_bad_setting_is_one_line_with_a_suggestion(
    run_cli: Run, repo: Path, setting: str, message: str, hint: str | None
) -> None:
    result = run_cli("whatif", "--set", setting, repo / "plans", "--today", TODAY)
    assert result.exit_code == 2, str(result)
    lines = result.stderr.splitlines()
    assert message in lines[0], str(result)
    assert "Traceback" not in result.stderr
    if hint is not None:
        assert lines[1].startswith("hint: ") and hint in lines[1], str(result)


@pytest.mark.usefixtures("no_git_env")
def test_diff_errors_are_one_line(run_cli: Run, repo: Path, tmp_path: Path) -> None:
    playbook = repo / "playbook.yaml"
    cases = [
        (("diff", playbook, repo / "plans"), "--against REV"),
        (("diff", playbook, "--against", "HEAD"), "not in a git repository"),
        (("diff", playbook, "--old", tmp_path / "missing.yaml"), "cannot read playbook"),
        (("diff", tmp_path / "missing.yaml", "--old", playbook), "cannot read playbook"),
        (("diff", playbook, "--old", playbook, tmp_path / "nowhere"), "no such file"),
    ]
    for args, message in cases:
        result = run_cli(*args)
        assert result.exit_code == 2, str(result)
        assert message in result.stderr, str(result)
        assert "Traceback" not in result.stderr
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "plans")
    _git(repo, "-c", "commit.gpgsign=false", "commit", "-qm", "plans only")
    for rev, message in (("nope", "unknown git revision 'nope'"), ("HEAD", "did not exist")):
        result = run_cli("diff", playbook, "--against", rev)
        assert result.exit_code == 2, str(result)
        assert message in result.stderr.splitlines()[0], str(result)


def test_plans_on_another_playbook_are_left_out(run_cli: Run, repo: Path) -> None:
    other = repo / "other"
    other.mkdir()
    (other / "playbook.yaml").write_text(DEFAULT_PLAYBOOK_TEXT, encoding="utf-8")
    shutil.copy(EXAMPLES / "clean-renewal.yaml", other / "plan.yaml")
    (repo / "old.yaml").write_text(DEFAULT_PLAYBOOK_TEXT, encoding="utf-8")
    result = run_cli("diff", repo / "playbook.yaml", "--old", repo / "old.yaml", repo, "-f", "json")
    summary = _json(result)["summary"]
    assert summary["other_plans"] == 1
    assert summary["plans"] == len(list((repo / "plans").glob("*.yaml")))
