"""Every adversarial input gets a one-line answer naming the file and line, from every command.

``check`` (parsable and JSON), ``brief`` (Markdown, HTML and PDF) and ``new`` (the input as its
playbook) must exit 1 or 2 with the file and line in the message, never show a traceback, and
leave every file as it was.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from robust_cases import (
    CORPUS,
    EXPECTED,
    GENERATED,
    HAS_PDF,
    PWNED,
    TODAY,
    Expect,
    assert_one_line_messages,
    digest,
    json_findings,
    tree_digest,
)

Run = Callable[..., object]
BRIEF_FORMATS = ["md", "html", *(["pdf"] if HAS_PDF else [])]
#: Inputs that still make a valid plan (the first of two duplicate keys wins): the brief is
#: rendered, marked NOT READY, and lists the finding.
BRIEF_RENDERS = {"duplicate-keys.yaml"}


@pytest.fixture(autouse=True)
def _no_code_ran() -> None:
    PWNED.unlink(missing_ok=True)
    yield
    assert not PWNED.exists(), "a YAML tag ran code"


def _assert_check(run_cli: Run, path: Path, expect: Expect) -> None:
    before = digest(path)
    result = run_cli("check", path, "--today", TODAY, "--format", "parsable")
    assert result.exit_code == 1, result
    assert_one_line_messages(result.stdout + result.stderr)
    wanted = f"{path}:{expect.line}:"
    lines = [line for line in result.stdout.splitlines() if line.startswith(wanted)]
    assert any(f"[{expect.code}]" in line and expect.text in line for line in lines), result

    result = run_cli("check", path, "--today", TODAY, "--format", "json")
    assert result.exit_code == 1, result
    findings = json_findings(result.stdout)
    assert findings and all(f["path"] == str(path) for f in findings)
    assert any(
        f["code"] == expect.code and f["line"] == expect.line and expect.text in str(f["message"])
        for f in findings
    ), result
    assert digest(path) == before


def _assert_brief(run_cli: Run, path: Path, expect: Expect, out: Path, fmt: str) -> None:
    before = digest(path)
    args = ["brief", path, "--today", TODAY, "--format", fmt]
    if fmt != "md":
        args += ["-o", out]
    result = run_cli(*args)
    output = result.stdout + result.stderr
    assert_one_line_messages(output if fmt != "pdf" else result.stderr)
    if path.name in BRIEF_RENDERS:
        assert result.exit_code == 0, result
        # never READY: a draft (sections left) or not ready (errors), and the brief says so
        assert re.search(
            f"{re.escape(str(path))}: note: brief marked (DRAFT|NOT READY)", result.stderr
        )
    else:
        assert result.exit_code == 1, result
        assert f"{path}:{expect.line}:" in result.stderr, result
        assert f"[{expect.code}]" in result.stderr, result
        assert not out.exists(), "a brief was written for an invalid plan"
    assert digest(path) == before


def _assert_new(run_cli: Run, path: Path, expect: Expect, folder: Path) -> None:
    before = digest(path)
    target = folder / "new-plan.yaml"
    result = run_cli(
        "new", target, "--playbook", path, "--no-input",
        "--customer", "Acme", "--title", "Renewal", "--owner", "Dana",
    )  # fmt: skip
    assert result.exit_code == 2, result
    assert_one_line_messages(result.stdout + result.stderr)
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:"), result
    if expect.code in ("NP100", "NP105"):
        # The file cannot even be read as YAML: the message points at the line.
        assert first.startswith(f"{path}:{expect.line}:"), result
    assert not target.exists()
    assert digest(path) == before


def test_every_corpus_file_has_an_expectation() -> None:
    names = {p.name for p in CORPUS.iterdir()}
    assert names == set(EXPECTED)
    assert len(names) >= 35


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_reports_corpus_file(run_cli: Run, name: str) -> None:
    _assert_check(run_cli, CORPUS / name, EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_brief_refuses_corpus_file(run_cli: Run, name: str, tmp_path: Path) -> None:
    for fmt in BRIEF_FORMATS:
        _assert_brief(run_cli, CORPUS / name, EXPECTED[name], tmp_path / f"brief.{fmt}", fmt)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_new_refuses_corpus_file_as_playbook(run_cli: Run, name: str, tmp_path: Path) -> None:
    _assert_new(run_cli, CORPUS / name, EXPECTED[name], tmp_path)


def test_brief_of_a_plan_with_duplicate_keys_lists_the_finding(run_cli: Run) -> None:
    result = run_cli("brief", CORPUS / "duplicate-keys.yaml", "--today", TODAY, "--format", "md")
    assert result.exit_code == 0, result
    assert "NP104" in result.stdout
    assert "duplicate key 'customer'" in result.stdout


def test_corpus_is_unchanged_by_a_run_over_the_whole_folder(run_cli: Run) -> None:
    before = tree_digest(CORPUS)
    result = run_cli("check", CORPUS, "--today", TODAY, "--format", "json")
    assert result.exit_code == 1, result
    findings = json_findings(result.stdout)
    named = {Path(str(f["path"])).name for f in findings}
    # Files without `kind: plan` found while walking a folder are skipped quietly; every file
    # that says it is a plan is reported.
    assert {"alias-bomb.yaml", "merge-key.yaml", "invalid-utf8.yaml"} <= named
    assert tree_digest(CORPUS) == before


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_big_inputs(run_cli: Run, name: str, tmp_path: Path) -> None:
    make, expect = GENERATED[name]
    path = tmp_path / name
    path.write_bytes(make())
    _assert_check(run_cli, path, expect)
    _assert_brief(run_cli, path, expect, tmp_path / "brief.html", "html")
    _assert_new(run_cli, path, expect, tmp_path)


# --- paths that are not regular files -------------------------------------------------------


def _special_paths(folder: Path) -> dict[str, Path]:
    paths = {
        "missing": folder / "missing.yaml",
        "directory-named-yaml": folder / "folder.yaml",
        "looping-symlink": folder / "loop-a.yaml",
        "dangling-symlink": folder / "dangling.yaml",
        "fifo": folder / "pipe.yaml",
        "dev-zero-symlink": folder / "zero.yaml",
    }
    paths["directory-named-yaml"].mkdir()
    (folder / "folder.yaml" / "inner.txt").write_text("not yaml\n")
    os.symlink(folder / "loop-b.yaml", folder / "loop-a.yaml")
    os.symlink(folder / "loop-a.yaml", folder / "loop-b.yaml")
    os.symlink(folder / "nowhere" / "plan.yaml", folder / "dangling.yaml")
    os.mkfifo(folder / "pipe.yaml")
    os.symlink("/dev/zero", folder / "zero.yaml")
    return paths


SPECIAL_MESSAGES = {
    "missing": "no such file",
    "directory-named-yaml": "is a directory",
    "looping-symlink": "broken or looping symbolic link",
    "dangling-symlink": "broken or looping symbolic link",
    "fifo": "not a regular file",
    "dev-zero-symlink": "not a regular file",
}


@pytest.mark.parametrize("kind", sorted(SPECIAL_MESSAGES))
def test_special_paths_exit_2_with_one_line(run_cli: Run, tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    path = _special_paths(folder)[kind]
    message = SPECIAL_MESSAGES[kind]
    out = tmp_path / "out"
    out.mkdir()
    runs = [
        ["brief", path, "--today", TODAY, "--format", "md"],
        ["brief", path, "--today", TODAY, "--format", "html", "-o", out / "b.html"],
        ["new", out / "p.yaml", "--playbook", path, "--no-input", "--customer", "A",
         "--title", "T", "--owner", "O"],
    ]  # fmt: skip
    if kind != "directory-named-yaml":  # `check DIR` walks the folder (tested below)
        runs.insert(0, ["check", path, "--today", TODAY, "--format", "parsable"])
    for args in runs:
        result = run_cli(*args)
        assert result.exit_code == 2, (args, result)
        assert_one_line_messages(result.stdout + result.stderr)
        assert result.stderr.startswith(f"{path}: error: "), (args, result)
        assert message in result.stderr.splitlines()[0], (args, result)
    assert list(out.iterdir()) == []


def test_check_dir_reports_each_special_file_and_still_checks_the_rest(
    run_cli: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    _special_paths(folder)
    shutil.copy(CORPUS / "string-date.yaml", folder / "a-plan.yaml")
    before = tree_digest(folder)
    result = run_cli("check", folder, "--today", TODAY, "--format", "json")
    assert result.exit_code == 2, result
    assert_one_line_messages(result.stdout + result.stderr)
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert any(line.startswith(f"{folder / 'pipe.yaml'}: error: ") for line in errors), result
    # A folder's symbolic links are not followed (README, "Limits and guarantees").
    for name in ("loop-a.yaml", "loop-b.yaml", "dangling.yaml", "zero.yaml"):
        assert str(folder / name) not in result.stdout + result.stderr, result
    findings = json_findings(result.stdout)
    assert any(f["path"] == str(folder / "a-plan.yaml") and f["line"] == 7 for f in findings)
    assert tree_digest(folder) == before


def test_unreadable_file_as_root_is_simulated(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.yaml"
    shutil.copy(CORPUS / "string-date.yaml", path)
    real_open = os.open

    def deny(file: object, flags: int, *args: object, **kwargs: object) -> int:
        if os.fspath(file) == str(path):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    for args in (
        ["check", path, "--today", TODAY],
        ["brief", path, "--today", TODAY, "--format", "md"],
    ):
        result = run_cli(*args)
        assert result.exit_code == 2, result
        assert result.stderr.splitlines()[0] == f"{path}: error: permission denied", result
    result = run_cli("check", tmp_path, "--today", TODAY)
    assert result.exit_code == 2, result
    assert f"{path}: error: permission denied" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_for_real(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    shutil.copy(CORPUS / "string-date.yaml", path)
    path.chmod(0)
    try:
        result = run_cli("check", path, "--today", TODAY)
    finally:
        path.chmod(0o644)
    assert result.exit_code == 2, result
    assert result.stderr.splitlines()[0] == f"{path}: error: permission denied"
