"""Helpers for tests: check YAML text in-process and find lines in it."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

from negplan.checking import CheckOptions, FileResult, check_file
from negplan.discovery import PlaybookCache
from negplan.findings import Finding

ROOT = Path(__file__).resolve().parent.parent
CLEAN_TEXT = (ROOT / "examples" / "clean-renewal.yaml").read_text(encoding="utf-8")
DEFAULT_PLAYBOOK_TEXT = (ROOT / "negplan" / "data" / "default-playbook.yaml").read_text("utf-8")
TODAY = date(2026, 11, 23)


def mutate(text: str, *pairs: tuple[str, str]) -> str:
    """Replace each ``old`` with ``new`` once; fail loudly if ``old`` is not in the text."""
    for old, new in pairs:
        assert old in text, f"test set-up: {old!r} not found"
        text = text.replace(old, new, 1)
    return text


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line containing ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"test set-up: {needle!r} not in text")


def check_text(
    tmp_path: Path,
    text: str,
    *,
    playbook: str | None = None,
    name: str = "plan.yaml",
    today: date = TODAY,
) -> FileResult:
    """Write ``text`` (and optionally a ``playbook.yaml`` beside it) and check it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    if playbook is not None:
        (tmp_path / "playbook.yaml").write_text(playbook, encoding="utf-8")
    return check_file(
        str(path), explicit=True, options=CheckOptions(today=today), cache=PlaybookCache()
    )


def codes(findings: list[Finding]) -> set[str]:
    """The rule codes among findings."""
    return {f.code for f in findings}


def at(findings: list[Finding], code: str) -> list[tuple[int, int]]:
    """(line, col) of every finding with ``code``."""
    return [(f.line, f.col) for f in findings if f.code == code]


def isolated_env(home: Path, *, drop: tuple[str, ...] = ()) -> dict[str, str]:
    """The caller's environment for git and pre-commit run by a test: without its git,
    pre-commit and GitHub settings (nor variables starting with any of ``drop``), with
    ``home`` as HOME, a fixed git identity and no colour."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT", "GITHUB_", *drop))
    }
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
            "GIT_AUTHOR_NAME": "Dana Reyes",
            "GIT_AUTHOR_EMAIL": "dana@example.com",
            "GIT_COMMITTER_NAME": "Dana Reyes",
            "GIT_COMMITTER_EMAIL": "dana@example.com",
            "PRE_COMMIT_COLOR": "never",
            "NO_COLOR": "1",
        }
    )
    return env


def running(pid: int) -> bool:
    """Whether ``pid`` is a process that runs (not gone, not a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def none_running_soon(pids: set[int], seconds: float = 5) -> bool:
    """Whether every process in ``pids`` is gone within ``seconds``."""
    give_up = time.monotonic() + seconds
    while any(running(pid) for pid in pids):
        if time.monotonic() > give_up:
            return False
        time.sleep(0.05)
    return True
