"""The README's commands run as typed.

The Quick start is two command lines; the second is what CI runs. Every ``sh`` block after it
runs in one shell, in order, from a copy of the repository with `negplan` on PATH, as a reader
does after the Quick start; each command must succeed.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from support import isolated_env

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _sections() -> list[tuple[str, list[str]]]:
    """Each ``## `` section's heading with the ``sh`` blocks in it, in order."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    text = README.read_text(encoding="utf-8")
    for match in re.finditer(r"^## ([^\n]+)$|^```sh\n(.*?)^```$", text, re.M | re.S):
        if match.group(1) is not None:
            sections.append((match.group(1), []))
        else:
            sections[-1][1].append(match.group(2))
    return sections


def _quick_start() -> list[str]:
    (blocks,) = [blocks for heading, blocks in _sections() if heading == "Quick start"]
    return blocks


def _after_quick_start() -> list[str]:
    headings = [heading for heading, _ in _sections()]
    start = headings.index("Quick start") + 1
    return [block for _, blocks in _sections()[start:] for block in blocks]


def _executable(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def test_quick_start_is_two_command_lines() -> None:
    blocks = _quick_start()
    assert len(blocks) == 2, blocks
    lines = [block.strip() for block in blocks]
    assert all("\n" not in line for line in lines), lines
    first, second = lines
    # Sets up, installs, leaves `negplan` on PATH in this shell, checks the examples.
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install")
    assert first.endswith("&& negplan check examples/")
    # The whole test suite, exactly as CI runs it.
    assert second in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second.endswith("python -m pytest -q")


def test_the_examples_fail_as_the_quick_start_says() -> None:
    # "It ends ... with exit code 1, and that is expected."
    result = subprocess.run(
        [sys.executable, "-m", "negplan", "check", "examples/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "exit code 1" in README.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_every_command_after_the_quick_start_runs_as_typed(tmp_path: Path) -> None:
    script = "\n".join(_after_quick_start())
    assert "negplan new" in script and "negplan brief" in script and "git commit" in script

    # The repository as the reader has it: without build and test leftovers, nor what an
    # earlier run of these commands in the checkout left there.
    clone = tmp_path / "negplan"
    shutil.copytree(
        ROOT,
        clone,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv*",
            "*.egg-info",
            "__pycache__",
            ".*_cache",
            ".hypothesis",
            "out",
            "my-plans",
            ".negplan",
        ),
    )
    # What the Quick start leaves: `negplan` on PATH, in a virtualenv that has pre-commit's
    # requirements. `pip install` only checks that they are there: it must not change the
    # virtualenv the tests run in.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _executable(bin_dir / "negplan", f'#!/bin/sh\nexec "{sys.executable}" -m negplan "$@"\n')
    _executable(
        bin_dir / "pip",
        f'#!/bin/sh\n[ "$1" = install ] || exit 64\nexec "{sys.executable}" -m pip "$@" --dry-run\n',
    )
    home = tmp_path / "home"
    home.mkdir()
    env = isolated_env(home, drop=("PYTHON",))
    env["PATH"] = os.pathsep.join(
        [str(bin_dir), str(Path(sys.executable).parent), env.get("PATH", os.defpath)]
    )
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    result = subprocess.run(
        ["bash", "-e", "-x", "-c", script],
        cwd=clone,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 0, out

    plan = clone / "my-plans" / "acme-2027-renewal.yaml"
    assert "customer: Acme" in plan.read_text(encoding="utf-8")
    assert "- term: training_seats" in plan.read_text(encoding="utf-8")
    assert (
        (clone / "my-plans" / "acme-brief.html")
        .read_text(encoding="utf-8")
        .startswith("<!DOCTYPE html>")
    )
    shared = home / "negotiation-plans"
    assert (shared / ".git" / "hooks" / "pre-commit").is_file()
    committed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "HEAD"],
        cwd=shared,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "playbook.yaml" in committed
    assert re.search(r"negplan check \(plans and playbooks\)\.+Passed", out), out
