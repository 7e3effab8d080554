"""Odd names, bytes and targets: a NUL byte in a path, a folder that cannot be listed, symbolic
links in a folder, ``-o -`` and ``-o`` onto a device or a pipe, the editor schema of ``new``.
Each is one line naming the file (with line:col where there is one), the documented exit
code, the other files still checked, and nothing written where it must not be."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAN, TODAY, Result
from support import line_of
from test_precommit import Repo, repo  # noqa: F401 - the fixture of a repository with the hooks

from negplan import jsonschema_export
from negplan.commands import brief as brief_command

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
    # then only the closing line on which plans fail (parsable writes it on stderr)
    assert [line.split(":")[0] for line in _lines(result.stderr)[2:]] == ["negplan"]
    reported = [line.split(":")[0] for line in _lines(result.stdout)]
    assert reported == sorted(str(p) for p in folder.iterdir() if p != bad)  # every other plan
    assert all(" [NP102] hint: " in line for line in _lines(result.stdout))


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


# --- a folder that cannot be listed --------------------------------------------------------------


def _deny_listing(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Tests run as root, which lists any folder whatever its mode: refuse it here instead,
    as the kernel refuses a user without read permission."""
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.path.abspath(os.fspath(path)) == str(denied):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_named_folder_that_cannot_be_listed_is_an_error_not_a_green_run(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.yaml").write_text(ONE_FINDING, encoding="utf-8")
    _deny_listing(monkeypatch, folder)
    result = run_cli("check", "--today", TODAY, "-f", "text", folder)
    assert result.exit_code == 2, result
    assert result.stderr == f"{folder}: error: cannot list folder: permission denied\n"
    assert result.stdout == ""  # nothing was checked, so no summary claims anything


def test_a_folder_inside_that_cannot_be_listed_is_named_and_the_rest_is_checked(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "plans" / "locked"
    locked.mkdir(parents=True)
    (tmp_path / "plans" / "a.yaml").write_text(ONE_FINDING, encoding="utf-8")
    (tmp_path / "plans" / "z" / "b.yaml").parent.mkdir()
    (tmp_path / "plans" / "z" / "b.yaml").write_text(ONE_FINDING, encoding="utf-8")
    _deny_listing(monkeypatch, locked)
    result = run_cli("check", "--today", TODAY, "-f", "parsable", tmp_path / "plans")
    assert result.exit_code == 2, result
    assert _lines(result.stderr)[0] == f"{locked}: error: cannot list folder: permission denied"
    assert _lines(result.stderr)[1:] == [] or _lines(result.stderr)[1].startswith("negplan: ")
    assert [line.split(":")[0] for line in _lines(result.stdout)] == [
        str(tmp_path / "plans" / "a.yaml"),
        str(tmp_path / "plans" / "z" / "b.yaml"),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists folders whatever their mode")
def test_a_folder_that_cannot_be_listed_for_real(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    folder.chmod(0o300)  # may enter, may not list
    try:
        result = run_cli("check", "--today", TODAY, folder)
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2, result
    assert result.stderr == f"{folder}: error: cannot list folder: permission denied\n"


# --- symbolic links in a folder ------------------------------------------------------------------


def test_a_folder_walk_follows_no_symbolic_link_and_a_named_link_is_read(
    run_cli: Run, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(ONE_FINDING, encoding="utf-8")
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "real.yaml").write_text(ONE_FINDING, encoding="utf-8")
    (folder / "out.yaml").symlink_to(outside / "secret.yaml")
    (folder / "in.yaml").symlink_to(folder / "sub" / "real.yaml")
    (folder / "dir").symlink_to(outside, target_is_directory=True)
    (folder / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = run_cli("check", "--today", TODAY, "-f", "parsable", folder)
    assert result.exit_code == 1, result
    assert [line.split(":")[0] for line in _lines(result.stdout)] == [
        str(folder / "sub" / "real.yaml")
    ]
    assert result.stderr == ""
    named = run_cli("check", "--today", TODAY, "-f", "parsable", folder / "out.yaml")
    assert named.exit_code == 1, named
    assert named.stdout.startswith(f"{folder / 'out.yaml'}:")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_the_hook_and_the_repository_check_agree_on_a_symlinked_plan(repo: Repo) -> None:  # noqa: F811
    """A staged link to a plan outside the repository: pre-commit hands the hook no links,
    and `negplan check` (what negplan-check-all runs) does not follow it either."""
    outside = repo.root.parent / "outside-plan.yaml"
    outside.write_text(ONE_FINDING, encoding="utf-8")
    (repo.root / "plans" / "linked.yaml").symlink_to(outside)
    committed = repo.commit("plans/linked.yaml")
    assert committed.returncode == 0, committed.stdout + committed.stderr
    checked = repo.run("negplan", "check", "--today", TODAY, "--format", "parsable")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "linked.yaml" not in checked.stdout + checked.stderr


# --- where -o writes -----------------------------------------------------------------------------


def test_brief_dash_o_dash_writes_to_stdout(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("brief", CLEAN, "--today", TODAY, "-o", "-", "--force")
    assert result.exit_code == 0, result
    assert result.stdout == run_cli("brief", CLEAN, "--today", TODAY).stdout
    assert result.stdout.startswith("# ")
    assert list(tmp_path.iterdir()) == []


def test_a_pdf_brief_to_dash_goes_to_stdout_but_never_to_a_terminal(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(brief_command, "_on_terminal", lambda: True)
    result = run_cli("brief", CLEAN, "--today", TODAY, "-f", "pdf", "-o", "-")
    assert result.exit_code == 2, result
    assert result.stderr.startswith("error: pdf output needs a file, not a terminal\n")
    assert list(tmp_path.iterdir()) == []


def _targets(tmp_path: Path) -> dict[str, Path]:
    """Things at a destination that are not files, and links to them."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    null = tmp_path / "null.yaml"
    null.symlink_to("/dev/null")
    fd = tmp_path / "fd.yaml"
    fd.symlink_to("/proc/self/fd/1")  # what /dev/stdout points to
    return {"fifo": fifo, "device": null, "stdout": fd}


@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="needs /proc")
@pytest.mark.parametrize("kind", ["fifo", "device", "stdout"])
@pytest.mark.parametrize("command", ["brief", "new", "schema"])
def test_dash_o_never_replaces_a_device_a_pipe_or_an_open_file(
    run_cli: Run, tmp_path: Path, kind: str, command: str
) -> None:
    target = _targets(tmp_path)[kind]
    before = {p.name: os.lstat(p) for p in tmp_path.iterdir()}
    args = {
        "brief": ["brief", CLEAN, "--today", TODAY, "-f", "md", "-o", target],
        "new": ["new", target, "--no-input", "--customer", "A", "--title", "T", "--owner", "O"],
        "schema": ["schema", "plan", "-o", target],
    }[command]
    result = run_cli(*args, "--force")
    assert result.exit_code == 2, result
    assert result.stderr.startswith(f"{target}: error: is not a regular file; not replacing it\n")
    _no_traceback(result)
    after = {p.name: os.lstat(p) for p in tmp_path.iterdir()}
    assert after.keys() == before.keys()  # no temporary file either
    for name, info in after.items():
        assert stat.S_IFMT(info.st_mode) == stat.S_IFMT(before[name].st_mode), name
        assert info.st_ino == before[name].st_ino, name


# --- the editor schema of `negplan new` ----------------------------------------------------------


def _new(run_cli: Run, target: Path) -> Result:
    return run_cli("new", target, "--no-input", "--customer", "A", "--title", "T", "--owner", "O")


def test_new_never_writes_the_schema_through_a_link_out_of_the_repository(
    run_cli: Run, tmp_path: Path
) -> None:
    repository, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    (repository / ".git").mkdir(parents=True)
    elsewhere.mkdir()
    (repository / ".negplan").symlink_to(elsewhere, target_is_directory=True)
    result = _new(run_cli, repository / "plan.yaml")
    assert result.exit_code == 0, result
    assert (repository / "plan.yaml").is_file()
    assert list(elsewhere.iterdir()) == []
    assert _lines(result.stderr) == [
        f"{repository / '.negplan'}: note: links out of the repository, so the plan schema is "
        "not written there; editors may not validate plans"
    ]


def test_new_writes_the_schema_through_a_link_that_stays_in_the_repository(
    run_cli: Run, tmp_path: Path
) -> None:
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    (repository / "tools" / "editor").mkdir(parents=True)
    (repository / ".negplan").symlink_to(repository / "tools" / "editor")
    result = _new(run_cli, repository / "plan.yaml")
    assert result.exit_code == 0, result
    assert result.stderr == ""
    assert jsonschema_export.is_negplan_schema(
        str(repository / "tools" / "editor" / "plan.schema.json")
    )


def test_new_is_quiet_when_another_new_writes_the_schema_at_the_same_moment(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten `negplan new` at once: one writes the schema between another's look (no file yet)
    and its write. That is no problem, and no note."""
    real = jsonschema_export.write_atomic
    raced: list[str] = []

    def write_atomic(path: str, data: str | bytes, *, overwrite: bool) -> None:
        if not raced:
            raced.append(path)
            real(path, data, overwrite=False)  # the other process, first
        real(path, data, overwrite=overwrite)

    monkeypatch.setattr(jsonschema_export, "write_atomic", write_atomic)
    (tmp_path / ".git").mkdir()
    result = _new(run_cli, tmp_path / "plan.yaml")
    assert result.exit_code == 0, result
    assert raced == [str(tmp_path / ".negplan" / "plan.schema.json")]
    assert result.stderr == ""
    assert jsonschema_export.is_negplan_schema(raced[0])


def test_new_still_notes_a_schema_file_that_is_not_negplans(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / ".negplan").mkdir()
    mine = tmp_path / ".negplan" / "plan.schema.json"
    mine.write_text("{}\n", encoding="utf-8")
    result = _new(run_cli, tmp_path / "plan.yaml")
    assert result.exit_code == 0, result
    assert _lines(result.stderr) == [
        f"{mine}: note: left as is (exists and is not a schema negplan generated); editors "
        "may not validate plans"
    ]
    assert mine.read_text(encoding="utf-8") == "{}\n"
