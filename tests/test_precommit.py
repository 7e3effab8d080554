"""The pre-commit hooks, end to end: real ``git commit`` runs with real ``pre-commit``.

The hooks under test are generated from the project's ``.pre-commit-hooks.yaml`` (as
``repo: local`` hooks with ``language: system``), so the test exercises the published
definitions: entry, file patterns and ``pass_filenames``. negplan comes from this checkout, and
nothing touches the network or the user's git and pre-commit settings.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from support import isolated_env

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"
HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
EXAMPLE_REPO = ROOT / "examples" / "playbook-repo"
CLEAN = EXAMPLE_REPO / "plans" / "emea" / "acme-logistics-renewal.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def load_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def published_hooks() -> list[dict[str, Any]]:
    hooks = load_yaml(HOOKS_FILE)
    assert isinstance(hooks, list)
    return hooks


def local_config() -> str:
    """A ``.pre-commit-config.yaml`` running the published hooks with the installed negplan.

    ``args`` pins the date meeting dates are checked against, as users add their own args.
    """
    hooks = []
    for hook in published_hooks():
        local = {k: v for k, v in hook.items() if k != "description"}
        local["language"] = "system"
        local["args"] = ["--today", TODAY]
        hooks.append(local)
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    buffer = StringIO()
    YAML().dump(config, buffer)
    return buffer.getvalue()


class Repo:
    """A throwaway git repository with the negplan hooks installed."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.env = env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args,
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def git(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = self.run("git", *args)
        assert result.returncode == 0, f"git {' '.join(args)}\n{result.stdout}\n{result.stderr}"
        return result

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, *paths: str, message: str = "change") -> subprocess.CompletedProcess[str]:
        """Stage ``paths`` and try to commit them; the hooks decide."""
        self.git("add", "--", *paths)
        return self.run("git", "commit", "-m", message)

    def head_files(self) -> set[str]:
        listing = self.git("ls-tree", "-r", "--name-only", "HEAD").stdout
        return set(listing.split())


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A copy of ``examples/playbook-repo`` with the hooks installed, committed."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # The `negplan` on PATH is this checkout's, run by this interpreter.
    script = bin_dir / "negplan"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m negplan "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    home = tmp_path / "home"
    home.mkdir()
    env = isolated_env(home)
    env["PATH"] = os.pathsep.join(
        [str(bin_dir), str(Path(sys.executable).parent), env.get("PATH", "")]
    )
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-cache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    root = tmp_path / "plans-repo"
    shutil.copytree(EXAMPLE_REPO, root)
    r = Repo(root, env)
    r.git("init", "-q", "-b", "main")
    r.git("config", "commit.gpgsign", "false")
    r.write(".pre-commit-config.yaml", local_config())
    installed = r.run(sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    first = r.commit(".", message="playbook and first plan")
    assert first.returncode == 0, first.stdout + first.stderr
    return r


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def test_the_hooks_file_is_a_valid_pre_commit_manifest() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(HOOKS_FILE))}
    assert set(hooks) == {"negplan-check", "negplan-check-all"}
    check, check_all = hooks["negplan-check"], hooks["negplan-check-all"]
    assert check["entry"].startswith("negplan check")
    assert "--skip-unknown" in check["entry"].split()
    assert check["types"] == ["yaml"]
    assert check["pass_filenames"] is True
    assert check_all["pass_filenames"] is False
    # pre-commit hides a passing hook's output; warnings never fail, so without this a rep
    # would commit a position past their authority and see only "Passed".
    assert check["verbose"] is True
    assert check_all["verbose"] is True
    pattern = re.compile(check_all["files"])
    for name in ("playbook.yaml", "playbook.yml", "sales/playbook.yaml"):
        assert pattern.search(name), name
    for name in ("plans/emea/acme.yaml", "my-playbook.yaml", "playbook.yaml.bak"):
        assert not pattern.search(name), name


def test_the_example_repo_config_mirrors_the_published_hooks() -> None:
    config = load_yaml(EXAMPLE_REPO / ".pre-commit-config.yaml")
    (local,) = [r for r in config["repos"] if r["repo"] == "local"]
    example = {hook["id"]: hook for hook in local["hooks"]}
    for hook in published_hooks():
        mirrored = example[hook["id"]]
        assert mirrored["language"] == "system"
        for key in ("entry", "types", "files", "pass_filenames", "verbose"):
            assert mirrored.get(key) == hook.get(key), (hook["id"], key)


def test_the_first_commit_passed_both_hooks(repo: Repo) -> None:
    assert repo.head_files() >= {
        "playbook.yaml",
        "plans/emea/acme-logistics-renewal.yaml",
        "plans/na/initech-renewal.yaml",
        ".github/workflows/negplan.yml",
    }


def test_a_good_plan_commits(repo: Repo) -> None:
    text = CLEAN.read_text(encoding="utf-8").replace("Acme Logistics GmbH", "Globex Freight BV")
    repo.write("plans/na/globex.yaml", text)
    result = repo.commit("plans/na/globex.yaml")
    assert result.returncode == 0, output(result)
    assert re.search(r"negplan check \(plans and playbooks\)\.+Passed", output(result))
    # Only a playbook change triggers the whole-repository check.
    assert re.search(
        r"negplan check \(all plans.*\)\.+\(no files to check\)Skipped",
        output(result),
    )
    assert "plans/na/globex.yaml" in repo.head_files()


def test_a_plan_with_warnings_only_commits_and_shows_them(repo: Repo) -> None:
    # A walk-away past the rep's authority, with no sign-off recorded: warnings, no error.
    text = CLEAN.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    index = lines.index("    walk_away: 10\n")
    lines[index] = "    walk_away: 14\n"
    repo.write("plans/na/past-authority.yaml", "".join(lines))
    result = repo.commit("plans/na/past-authority.yaml")
    assert result.returncode == 0, output(result)
    assert re.search(r"negplan check \(plans and playbooks\)\.+Passed", output(result))
    line = index + 1
    for code in ("NP203",):  # one root finding: no sign-off recorded
        assert re.search(
            rf"^plans/na/past-authority\.yaml:{line}:\d+: warning: walk-away 14% on discount .*\[{code}\] hint: .+$",
            output(result),
            re.M,
        ), output(result)
    assert "plans/na/past-authority.yaml" in repo.head_files()


def test_an_untouched_scaffold_is_a_draft_and_blocked(repo: Repo) -> None:
    made = repo.run("negplan", "new", "plans/na/draft.yaml", "--customer", "Initech", "--no-input")
    assert made.returncode == 0, made.stderr
    result = repo.commit("plans/na/draft.yaml")
    assert result.returncode != 0, output(result)
    assert re.search(r"negplan check \(plans and playbooks\)\.+Failed", output(result))
    assert re.search(
        r"^plans/na/draft\.yaml:\d+:\d+: warning: placeholder left in .*\[NP509\]",
        output(result),
        re.M,
    )
    assert "error:" not in output(result)  # nothing wrong but unfinished: a draft
    assert "negplan: DRAFT, placeholders or required sections left: plans/na/draft.yaml" in (
        output(result)
    )
    assert "plans/na/draft.yaml" not in repo.head_files()


def test_a_bad_plan_is_blocked_with_file_line_and_code(repo: Repo) -> None:
    text = CLEAN.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    # Drop the walk-away of the first variable (discount): NP302 at that variable.
    index = lines.index("    walk_away: 10\n")
    del lines[index]
    term_line = lines.index("  - term: discount\n") + 1
    repo.write("plans/na/bad.yaml", "".join(lines))
    result = repo.commit("plans/na/bad.yaml")
    assert result.returncode != 0, output(result)
    assert re.search(r"negplan check \(plans and playbooks\)\.+Failed", output(result))
    assert f"plans/na/bad.yaml:{term_line}:" in output(result)
    assert re.search(
        rf"^plans/na/bad\.yaml:{term_line}:\d+: error: .*\[NP302\] "
        r"hint: add `walk_away:`, the worst position you would accept$",
        output(result),
        re.M,
    )
    assert "plans/na/bad.yaml" not in repo.head_files()
    # Everything negplan says about the file reaches the rep, hints included.
    direct = repo.run(
        "negplan", "check", "--format", "parsable", "--today", TODAY, "plans/na/bad.yaml"
    )
    assert direct.returncode == 1
    assert direct.stdout.strip() in output(result)


def test_other_yaml_files_are_ignored_quietly(repo: Repo) -> None:
    repo.write(".github/workflows/ci.yml", "name: ci\non: [push]\njobs: {}\n")
    repo.write("tools/settings.yaml", "owner: deal desk\nregions: [emea, na]\n")
    repo.write("tools/broken.yaml", "owner: [deal desk\n")
    result = repo.commit(".github/workflows/ci.yml", "tools/settings.yaml", "tools/broken.yaml")
    assert result.returncode == 0, output(result)
    assert re.search(r"negplan check \(plans and playbooks\)\.+Passed", output(result))
    assert not re.search(r"^(tools|\.github)/", output(result), re.M), output(result)
    assert "NP10" not in output(result)


def test_a_playbook_change_that_breaks_an_unchanged_plan_is_blocked(repo: Repo) -> None:
    playbook = (repo.root / "playbook.yaml").read_text(encoding="utf-8")
    # Make free months a required term: valid playbook, but the committed plan lacks it.
    anchor = "    owner: finance\n    priority: 2\n    cost: high\n"
    assert playbook.count(anchor) == 1
    repo.write("playbook.yaml", playbook.replace(anchor, anchor + "    required: true\n"))
    result = repo.commit("playbook.yaml", message="require free months")
    assert result.returncode != 0, output(result)
    # The playbook itself is fine ...
    assert re.search(r"negplan check \(plans and playbooks\)\.+Passed", output(result))
    # ... but the whole-repository check names every unchanged plan that it breaks.
    assert re.search(r"negplan check \(all plans.*\)\.+Failed", output(result))
    plans = sorted(p.relative_to(repo.root).as_posix() for p in repo.root.glob("plans/*/*.yaml"))
    assert len(plans) == 3
    for plan in plans:
        # (`negplan check` with no path walks ".", so paths may start with "./".)
        pattern = (
            rf"^(\./)?{re.escape(plan)}:\d+:\d+: error: required term 'free_months'.*\[NP204\] "
            r"hint: add a variable: - term: free_months with opening, target and walk_away$"
        )
        assert re.search(pattern, output(result), re.M), output(result)
    # ... and ends by saying how many plans now fail, and which.
    assert f"\nnegplan: 3 of 3 plans fail: {', '.join(plans)}\n" in output(result)
    # It first summarised what the change does, against the last commit (negplan diff).
    assert "free_months.required  no → yes  breaks 3 plans" in output(result), output(result)
    assert "3 plans compared: 3 newly fail" in " ".join(output(result).split())
    # The plans were not part of the commit: only the playbook was staged.
    assert repo.git("diff", "--cached", "--name-only").stdout.split() == ["playbook.yaml"]


def test_a_playbook_change_that_keeps_plans_valid_commits(repo: Repo) -> None:
    playbook = (repo.root / "playbook.yaml").read_text(encoding="utf-8")
    repo.write("playbook.yaml", playbook.replace("company: Northwind Cloud", "company: Northwind"))
    result = repo.commit("playbook.yaml")
    assert result.returncode == 0, output(result)
    assert re.search(r"negplan check \(all plans.*\)\.+Passed", output(result))
