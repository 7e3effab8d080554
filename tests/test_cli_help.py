"""The command line's help and usage errors read as plain text for people who do not program."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from conftest import CLEAN, TODAY

from negplan.cli import app

Runner = Callable[..., Any]
COMMANDS = ["check", "brief", "new", "value", "schema", "rules", "explain"]


def _commands_section(text: str) -> dict[str, str]:
    """``negplan --help``'s command list: name -> summary, wrapped lines joined."""
    rows: dict[str, str] = {}
    name = ""
    for line in text.split("Commands:\n", 1)[1].splitlines():
        match = re.match(r"  (\w+)\s+(.*)", line)
        if match:
            name = match[1]
            rows[name] = match[2]
        elif line.strip():
            rows[name] += " " + line.strip()
    return rows


@pytest.mark.parametrize("columns", ["80", "60"])
def test_every_command_has_a_whole_summary(columns: str) -> None:
    # In a real process: typer's test runner fixes the width of help at 80 columns.
    result = subprocess.run(
        [sys.executable, "-m", "negplan", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": columns},
        check=False,
    )
    assert result.returncode == 0, result
    summaries = _commands_section(result.stdout)
    assert list(summaries) == COMMANDS
    for command in app.registered_commands:
        assert command.callback is not None and command.callback.__doc__ is not None
        first = " ".join(command.callback.__doc__.split("\n\n")[0].split())
        assert summaries[str(command.name)] == first
        assert first.endswith(".") and not first.endswith("...")
    assert all(len(line) <= int(columns) for line in result.stdout.splitlines())


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_parameters_without_python_types(run_cli: Runner, command: str) -> None:
    result = run_cli(command, "--help")
    assert result.exit_code == 0, result
    assert not re.search(r"<[\w\[\]|, ]+>", result.stdout), result.stdout
    assert "{" not in result.stdout.splitlines()[0]
    assert "list[" not in result.stdout


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("check", "Usage: negplan check [OPTIONS] [PATH]..."),
        ("brief", "Usage: negplan brief [OPTIONS] PLAN"),
        ("new", "Usage: negplan new [OPTIONS] [PATH]"),
        ("value", "Usage: negplan value [OPTIONS] PLAN"),
        ("schema", "Usage: negplan schema [OPTIONS] KIND"),
        ("explain", "Usage: negplan explain [OPTIONS] CODE"),
    ],
)
def test_usage_lines_are_plain(run_cli: Runner, command: str, usage: str) -> None:
    assert run_cli(command, "--help").stdout.splitlines()[0] == usage


def test_check_help_lists_the_formats(run_cli: Runner) -> None:
    lines = run_cli("check", "--help").stdout.splitlines()
    assert "  PATH...  Plan or playbook files, or folders to search for *.yaml / *.yml" in lines
    assert any(
        line.startswith(
            "  -f, --format FORMAT  auto, text, parsable, json, github or sarif. auto: github"
        )
        for line in lines
    ), lines


def test_brief_and_schema_help_list_their_choices(run_cli: Runner) -> None:
    brief = " ".join(run_cli("brief", "--help").stdout.split())
    assert "-f, --format FORMAT auto, md, html or pdf." in brief
    assert "--paper SIZE Page size of the HTML and PDF brief: a4 or letter." in brief
    schema = " ".join(run_cli("schema", "--help").stdout.split())
    assert "KIND plan or playbook." in schema


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["check", "-f", "xml", str(CLEAN)],
            "Error: Invalid value for '--format' / '-f': 'xml' is not one of auto, text, "
            "parsable, json, github, sarif",
        ),
        (
            ["check", "--format", "jsno", str(CLEAN)],
            "Error: Invalid value for '--format' / '-f': 'jsno' is not one of auto, text, "
            "parsable, json, github, sarif; did you mean 'json'?",
        ),
        (
            ["brief", "-f", "docx", str(CLEAN)],
            "Error: Invalid value for '--format' / '-f': 'docx' is not one of auto, md, html, pdf",
        ),
        (
            ["brief", "--paper", "leter", str(CLEAN)],
            "Error: Invalid value for '--paper': 'leter' is not one of a4, letter; "
            "did you mean 'letter'?",
        ),
        (
            ["value", "-f", "yaml", str(CLEAN)],
            "Error: Invalid value for '--format' / '-f': 'yaml' is not one of text, json",
        ),
        (
            ["schema", "plna"],
            "Error: Invalid value for 'KIND': 'plna' is not one of plan, playbook; "
            "did you mean 'plan'?",
        ),
    ],
)
def test_a_bad_choice_names_the_choices(run_cli: Runner, args: list[str], error: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == error
    assert "Value error" not in result.stderr


def test_choices_are_accepted_in_any_case(run_cli: Runner) -> None:
    result = run_cli("check", CLEAN, "--today", TODAY, "-f", "JSON")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["summary"]["files"] == 1
    assert run_cli("schema", "Plan").stdout.startswith("{")
