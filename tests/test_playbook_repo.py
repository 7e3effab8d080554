"""The shared repository installs from negplan's own git repository, as docs/playbook-repo.md says.

negplan is on no package index: ``examples/playbook-repo/requirements.txt`` pins it by a git
URL and commit, and the alternative hook set-up names negplan's repository and a commit as
``repo:``/``rev:``. These tests make a git repository of this checkout (a stand-in for the
company's copy), then with real pip and real pre-commit:

- install the example's ``requirements.txt`` with its URL pointed at that repository, and run
  the example's own hooks with what it installed;
- point the example's ``.pre-commit-config.yaml`` at that repository and let pre-commit build
  the published hooks' environment itself.

Each installs negplan and its dependencies once; the pip install runs in the background
while pre-commit builds its environment, so the two take about twenty seconds together. The
git side never touches the network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from support import isolated_env

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_REPO = ROOT / "examples" / "playbook-repo"
REQUIREMENTS = EXAMPLE_REPO / "requirements.txt"
CLEAN_PLAN = "plans/emea/acme-logistics-renewal.yaml"
PLACEHOLDER_URL = "https://git.example.com/YOUR-ORG/negplan.git"
PLACEHOLDER_COMMIT = "<commit>"
TODAY = "2026-11-23"
DIRECT_URL = (
    "import importlib.metadata as m; print(m.distribution('negplan').read_text('direct_url.json'))"
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _negplan_line() -> str:
    (line,) = [
        line
        for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("negplan")
    ]
    return line.strip()


def _environment(home: Path) -> dict[str, str]:
    """The caller's environment without its git, pre-commit and Python settings."""
    env = isolated_env(home, drop=("PYTHON", "VIRTUAL_ENV"))
    # pip keeps its cache where it was (HOME moved), so the wheels it has are reused.
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    env["PIP_NO_COMPILE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(
    args: list[str], *, cwd: Path, env: dict[str, str], timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@dataclass(frozen=True)
class Source:
    """A git repository holding this checkout's files, at one commit."""

    path: Path
    commit: str


@dataclass(frozen=True)
class Setup:
    source: Source
    env: dict[str, str]
    tmp: Path
    install: subprocess.Popen[bytes]
    """``pip install -r requirements.txt`` into ``tmp/venv``, started by the fixture."""

    @property
    def venv_bin(self) -> Path:
        return self.tmp / "venv" / "bin"


def _requirements_for(source: Source, tmp: Path) -> Path:
    """The example's requirements.txt with the placeholders replaced as the docs say."""
    # pip wants a host in a git+file URL, hence localhost.
    line = _negplan_line().replace(PLACEHOLDER_URL, f"file://localhost{source.path.as_posix()}")
    line = line.replace(PLACEHOLDER_COMMIT, source.commit)
    text = REQUIREMENTS.read_text(encoding="utf-8").replace(_negplan_line(), line)
    requirements = tmp / "requirements.txt"
    requirements.write_text(text, encoding="utf-8")
    return requirements


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    tmp = tmp_path_factory.mktemp("playbook-repo")
    home = tmp / "home"
    home.mkdir()
    env = _environment(home)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    # The working tree as it is, uncommitted changes included, becomes one commit.
    source = tmp / "negplan"
    for name in filter(None, listed.stdout.split("\0")):
        origin = ROOT / name
        if origin.is_file():
            target = source / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, target)
    _ok(_run(["git", "init", "-q", "-b", "main"], cwd=source, env=env))
    _ok(_run(["git", "add", "-A"], cwd=source, env=env))
    _ok(_run(["git", "commit", "-q", "-m", "negplan"], cwd=source, env=env))
    commit = _ok(_run(["git", "rev-parse", "HEAD"], cwd=source, env=env)).strip()
    requirements = _requirements_for(Source(source, commit), tmp)
    venv = tmp / "venv"
    _ok(_run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp, env=env))
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python")]
    with (tmp / "pip.log").open("w", encoding="utf-8") as log:
        install = subprocess.Popen(
            [*pip, "install", "-q", "-r", str(requirements)],
            cwd=tmp,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield Setup(Source(source, commit), env, tmp, install)
    finally:
        if install.poll() is None:
            install.kill()
        install.wait()


def _plans_repo(setup: Setup, name: str) -> Path:
    """A fresh git repository copied from the example, nothing committed yet."""
    root = setup.tmp / name
    shutil.copytree(EXAMPLE_REPO, root)
    _ok(_run(["git", "init", "-q", "-b", "main"], cwd=root, env=setup.env))
    return root


def _with_path(env: dict[str, str], bin_dir: Path) -> dict[str, str]:
    return {**env, "PATH": os.pathsep.join([str(bin_dir), env.get("PATH", os.defpath)])}


def _plan_with_warnings_only(root: Path) -> str:
    """The clean plan with a walk-away past the rep's authority and no sign-off."""
    text = (root / CLEAN_PLAN).read_text(encoding="utf-8")
    assert text.count("    walk_away: 10\n") == 1
    (root / "plans/emea/past-authority.yaml").write_text(
        text.replace("    walk_away: 10\n", "    walk_away: 14\n"), encoding="utf-8"
    )
    return "plans/emea/past-authority.yaml"


def _bad_plan(root: Path) -> str:
    """The clean plan with a misspelt key: an error with a "did you mean" hint."""
    text = (root / CLEAN_PLAN).read_text(encoding="utf-8")
    (root / "plans/emea/typo.yaml").write_text(
        text.replace("    walk_away: 10\n", "    walkaway: 10\n"), encoding="utf-8"
    )
    return "plans/emea/typo.yaml"


def _pre_commit(
    root: Path, env: dict[str, str], pre_commit: list[str]
) -> subprocess.CompletedProcess[str]:
    _ok(_run(["git", "add", "-A"], cwd=root, env=env))
    return _run([*pre_commit, "run", "--all-files"], cwd=root, env=env, timeout=600)


def _assert_hooks_behave(root: Path, env: dict[str, str], pre_commit: list[str]) -> None:
    """Clean repository passes; warnings pass and show; an error blocks, with its finding."""
    result = _pre_commit(root, env, pre_commit)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert re.search(r"negplan check \(plans and playbooks\)\.+Passed", out), out
    assert re.search(r"negplan check \(all plans.*\)\.+Passed", out), out

    warned = _plan_with_warnings_only(root)
    result = _pre_commit(root, env, pre_commit)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert re.search(rf"^{re.escape(warned)}:\d+:\d+: warning: .*\[NP203\] hint: .+$", out, re.M), (
        out
    )
    assert "[NP601]" not in out  # no sign-off at all: NP203 is the one finding

    bad = _bad_plan(root)
    result = _pre_commit(root, env, pre_commit)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert re.search(r"negplan check \(plans and playbooks\)\.+Failed", out), out
    assert re.search(
        rf"^{re.escape(bad)}:\d+:\d+: error: unknown key 'walkaway'.*\[NP102\] hint: did you mean 'walk_away'\?$",
        out,
        re.M,
    ), out


def test_requirements_pin_negplan_by_git_url_and_commit_with_the_pdf_extra() -> None:
    requirement = Requirement(_negplan_line())
    assert requirement.name == "negplan"
    assert requirement.extras == {"pdf"}
    assert requirement.url == f"git+{PLACEHOLDER_URL}@{PLACEHOLDER_COMMIT}"
    # docs/playbook-repo.md quotes the line as it is in the file.
    assert _negplan_line() in (ROOT / "docs" / "playbook-repo.md").read_text(encoding="utf-8")


def test_the_published_hooks_install_from_the_repository_at_a_commit(setup: Setup) -> None:
    root = _plans_repo(setup, "remote-hooks")
    # The alternative in docs/playbook-repo.md: repo: negplan's repository, rev: a commit.
    (root / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {setup.source.path.as_posix()}\n"
        f"    rev: {setup.source.commit}\n"
        "    hooks:\n"
        "      - id: negplan-check\n"
        f"        args: [--today, '{TODAY}']\n"
        "      - id: negplan-check-all\n"
        f"        args: [--today, '{TODAY}']\n",
        encoding="utf-8",
    )
    env = {**setup.env, "PRE_COMMIT_HOME": str(setup.tmp / "pre-commit-home")}
    _assert_hooks_behave(root, env, [sys.executable, "-m", "pre_commit"])


def test_requirements_install_from_the_repository_and_the_example_hooks_run(
    setup: Setup,
) -> None:
    setup.install.wait(timeout=600)
    assert setup.install.returncode == 0, (setup.tmp / "pip.log").read_text(encoding="utf-8")
    python = str(setup.venv_bin / "python")
    env = _with_path(setup.env, setup.venv_bin)
    # negplan came from the git repository at the pinned commit, with the PDF extra.
    origin = _ok(_run([python, "-c", DIRECT_URL], cwd=setup.tmp, env=env))
    assert f"localhost{setup.source.path.as_posix()}" in origin, origin
    assert setup.source.commit in origin, origin
    _ok(_run([python, "-c", "import weasyprint, negplan.cli"], cwd=setup.tmp, env=env))

    # The example's own hooks (repo: local) run the negplan installed above.
    root = _plans_repo(setup, "installed")
    config = (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    (root / ".pre-commit-config.yaml").write_text(
        config.replace("entry: negplan check", f"entry: negplan check --today {TODAY}"),
        encoding="utf-8",
    )
    _assert_hooks_behave(root, env, [str(setup.venv_bin / "pre-commit")])
