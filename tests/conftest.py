"""Shared fixtures: a CLI runner with fixed width and no colour, and paths to the examples."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from negplan.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PLAYBOOKS = ROOT / "playbooks"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CLEAN = EXAMPLES / "clean-renewal.yaml"
#: The date all tests check against, so that meeting dates never go stale.
TODAY = "2026-11-23"


@dataclass
class Result:
    """What one CLI run produced."""

    exit_code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("TERM", "dumb")
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


def cli(*args: str | os.PathLike[str], input: str | None = None) -> Result:
    """Run ``negplan ARGS...`` in-process and return exit code, stdout and stderr."""
    runner = CliRunner()
    result = runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """:func:`cli`, as a fixture."""
    return cli


@pytest.fixture
def clean_text() -> str:
    """The text of the clean example plan."""
    return CLEAN.read_text(encoding="utf-8")


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a file under a temporary folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
