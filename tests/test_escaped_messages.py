"""Lines the commands print about a file name carry no raw control characters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import TODAY

ESC = "\x1b[2J"


def test_brief_names_an_invalid_plan_escaped(run_cli: Any, tmp_path: Path) -> None:
    plan = tmp_path / f"bad{ESC}.yaml"
    plan.write_text("kind: plan\nversion: 1\n", encoding="utf-8")
    result = run_cli("brief", plan, "--today", TODAY)
    assert result.exit_code == 1, result
    assert "\x1b" not in result.stderr
    assert "bad\\x1b[2J.yaml: error: the plan is not valid" in result.stderr


def test_schema_names_the_file_it_wrote_escaped(run_cli: Any, tmp_path: Path) -> None:
    target = tmp_path / f"schema{ESC}.json"
    result = run_cli("schema", "plan", "-o", target)
    assert result.exit_code == 0, result
    assert target.exists()
    assert "\x1b" not in result.stdout
    assert result.stdout.startswith("wrote ") and "schema\\x1b[2J.json" in result.stdout


def test_new_names_the_plan_it_created_escaped(run_cli: Any, tmp_path: Path) -> None:
    target = tmp_path / f"acme{ESC}.yaml"
    result = run_cli("new", target, "--no-input", "--no-schema", "--customer", "Acme")
    assert result.exit_code == 0, result
    assert target.exists()
    assert "\x1b" not in result.stdout + result.stderr
    assert "acme\\x1b[2J.yaml" in result.stdout
