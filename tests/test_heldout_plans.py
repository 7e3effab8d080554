"""Held-out corpus: plans written against a playbook negplan's own tests never saw.

``tests/data/heldout/`` holds an IT managed-services playbook, sound plans (no warning or error
expected) and flawed plans, each a copy of a sound plan with one planted mistake. The first line
of a flawed plan says what should be found::

    # expect: NP402 line 118      (or: # expect: any line 118)

The whole directory is checked once, as a user would, with ``--format json``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

HELDOUT = Path(__file__).parent / "data" / "heldout"
SOUND = sorted((HELDOUT / "sound").glob("*.yaml"))
FLAWED = sorted((HELDOUT / "flawed").glob("*.yaml"))
TODAY = "2026-12-01"
EXPECT = re.compile(r"^# expect: (?P<code>NP\d{3}|any) line (?P<line>\d+)\s*$")
FAILING = {"warning", "error"}


@pytest.fixture(scope="module")
def report() -> dict[str, list[dict]]:
    """Findings per plan (resolved path), from one check of the whole held-out directory."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "negplan",
            "check",
            "--format",
            "json",
            "--today",
            TODAY,
            str(HELDOUT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    out: dict[str, list[dict]] = {}
    for entry in data["files"]:
        assert entry.get("error") is None, entry
        out[str(Path(entry["path"]).resolve())] = entry["findings"]
    return out


def _findings(report: dict[str, list[dict]], path: Path) -> list[dict]:
    key = str(path.resolve())
    assert key in report, f"{path.name} was not checked"
    return report[key]


def _show(findings: list[dict]) -> str:
    return (
        "\n".join(
            f"  {f['line']}:{f['column']} {f['severity']} {f['code']} {f['message']}"
            for f in findings
        )
        or "  (no findings)"
    )


def test_corpus_is_complete() -> None:
    assert len(SOUND) == 6
    assert len(FLAWED) == 30


def test_playbook_checks_clean(report: dict[str, list[dict]]) -> None:
    assert _findings(report, HELDOUT / "playbook.yaml") == []


@pytest.mark.parametrize("plan", SOUND, ids=[p.stem for p in SOUND])
def test_sound_plan_has_no_warning_or_error(report: dict[str, list[dict]], plan: Path) -> None:
    failing = [f for f in _findings(report, plan) if f["severity"] in FAILING]
    assert not failing, f"{plan.name}: unexpected findings\n{_show(failing)}"


@pytest.mark.parametrize("plan", FLAWED, ids=[p.stem for p in FLAWED])
def test_flawed_plan_is_caught_at_its_line(report: dict[str, list[dict]], plan: Path) -> None:
    first, words = plan.read_text(encoding="utf-8").splitlines()[:2]
    match = EXPECT.match(first)
    assert match, f"{plan.name}: first line must be '# expect: NPxxx line N'"
    code, line = match["code"], int(match["line"])
    findings = _findings(report, plan)
    hits = [
        f
        for f in findings
        if f["severity"] in FAILING and f["line"] == line and (code == "any" or f["code"] == code)
    ]
    assert hits, (
        f"{plan.name}: expected a warning/error {code} at line {line}\n"
        f"  planted: {words.lstrip('# ')}\n"
        f"negplan said:\n{_show(findings)}"
    )
