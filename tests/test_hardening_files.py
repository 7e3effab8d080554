"""Odd names, bytes and targets: a NUL byte in a path, a folder that cannot be listed, symbolic
links in a folder, ``-o -`` and ``-o`` onto a device or a pipe, the editor schema of ``new``.
Each is one line naming the file (with line:col where there is one), the documented exit
code, the other files still checked, and nothing written where it must not be."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLEAN, TODAY, Result
from support import line_of

Run = Callable[..., Result]

#: The clean plan with one finding (an unknown key), so that each checked plan prints a line.
ONE_FINDING = CLEAN.read_text(encoding="utf-8").replace("version: 1\n", "version: 1\nx_key: 1\n", 1)
NUL_KEY = ONE_FINDING.replace("version: 1\n", 'version: 1\nplaybook: "x\\0y.yaml"\n', 1)


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result


# --- a NUL byte ----------------------------------------------------------------------------------


def _nul_error(path: Path) -> str:
    line = line_of(NUL_KEY, 'playbook: "x')
    return f"{path}:{line}:11: error: the playbook path contains a NUL byte"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_nul_byte_in_a_plans_playbook_key_is_one_line_and_the_others_are_checked(
    run_cli: Run, tmp_path: Path, jobs: str
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for n in range(70):
        (folder / f"plan-{n:02d}.yaml").write_text(ONE_FINDING, encoding="utf-8")
    bad = folder / "plan-35.yaml"
    bad.write_text(NUL_KEY, encoding="utf-8")
    result = run_cli("check", "--today", TODAY, "--jobs", jobs, "-f", "parsable", folder)
    assert result.exit_code == 2, result
    assert _lines(result.stderr)[0] == _nul_error(bad)
    assert _lines(result.stderr)[1].startswith("hint: ")
    assert len(_lines(result.stderr)) == 2
    reported = [line.split(":")[0] for line in _lines(result.stdout)]
    assert reported == sorted(str(p) for p in folder.iterdir() if p != bad)  # every other plan
    assert all(line.endswith("[NP102]") for line in _lines(result.stdout))


@pytest.mark.parametrize("command", ["brief", "value"])
def test_a_nul_byte_in_the_playbook_key_stops_brief_and_value_with_one_line(
    run_cli: Run, tmp_path: Path, command: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(NUL_KEY, encoding="utf-8")
    result = run_cli(command, plan, "--today", TODAY)
    assert result.exit_code == 2, result
    assert _lines(result.stderr)[0] == _nul_error(plan)
    assert result.stdout == ""
    _no_traceback(result)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "plans/a\0b.yaml"],
        ["check", "--playbook", "play\0book.yaml", str(CLEAN)],
        ["brief", "a\0b.yaml"],
        ["brief", str(CLEAN), "-o", "out\0.md", "--force"],
        ["value", "a\0b.yaml"],
        ["new", "p\0.yaml", "--no-input", "--customer", "A", "--title", "T", "--owner", "O"],
    ],
)
def test_a_nul_byte_in_a_path_on_the_command_line_is_one_line(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args, "--today", TODAY) if args[0] != "new" else run_cli(*args)
    assert result.exit_code == 2, result
    assert "contains a NUL byte" in _lines(result.stderr)[0], result
    _no_traceback(result)
    assert list(tmp_path.iterdir()) == []


def test_a_nul_byte_in_the_brief_template_names_the_playbook_line_and_column(
    run_cli: Run, tmp_path: Path
) -> None:
    playbook = (CLEAN.parent.parent / "negplan" / "data" / "default-playbook.yaml").read_text(
        encoding="utf-8"
    )
    assert playbook.rstrip().endswith("title: Northwind Cloud negotiation brief")
    playbook = playbook.rstrip() + '\n  template: "brief\\0.md.j2"\n'
    (tmp_path / "playbook.yaml").write_text(playbook, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("brief", plan, "--today", TODAY)
    assert result.exit_code == 2, result
    line = len(playbook.splitlines())
    assert _lines(result.stderr)[0] == (
        f"{tmp_path / 'playbook.yaml'}:{line}:13: error: brief template path contains a NUL byte"
    )
    _no_traceback(result)
