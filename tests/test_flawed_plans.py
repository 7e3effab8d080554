"""A corpus of plans with one planted mistake each, against a playbook that is not the default.

``tests/data/flawed/base.yaml`` is a clean plan for ``playbooks/manufacturing-cost-leader.yaml``
(a Nordic pump maker buying fasteners from a cost-leader supplier). Every
``tests/data/flawed/NN-*.yaml`` is that plan with one mistake a rep makes; its first line says
what negplan must report and where::

    # expect: NP402 line 160                      (the code, at warning or error, on that line)
    # expect: NP509 line 80, readiness DRAFT      (and the plan's readiness state)
    # expect: NP504 line 172, not NP101           (and no finding with that code)

``tests/data/flawed/sound/*.yaml`` (and the base) are sound variants: no warning, no error,
readiness READY.

The whole directory is checked once, with one ``negplan check --format json`` run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "flawed"
PLAYBOOK = ROOT / "playbooks" / "manufacturing-cost-leader.yaml"
TODAY = "2026-12-01"
FAILING = {"warning", "error"}

_EXPECT = re.compile(
    r"^# expect: (?P<code>NP\d{3}) line (?P<line>\d+)"
    r"(?:, readiness (?P<readiness>[A-Z ]+?))?"
    r"(?:, not (?P<forbid>NP\d{3}))?\s*$"
)


@dataclass(frozen=True)
class Expectation:
    code: str
    line: int
    readiness: str | None
    forbid: str | None


def _expectation(path: Path) -> Expectation:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = _EXPECT.match(first)
    assert match, f"{path.name}: first line must be '# expect: NPxxx line N', got {first!r}"
    return Expectation(match["code"], int(match["line"]), match["readiness"], match["forbid"])


FLAWED = sorted(CORPUS.glob("[0-9][0-9]-*.yaml"))
SOUND = [CORPUS / "base.yaml", *sorted((CORPUS / "sound").glob("*.yaml"))]


@pytest.fixture(scope="module")
def results() -> dict[Path, dict[str, Any]]:
    """Every file of the corpus, checked in one run: its JSON result by resolved path."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "negplan",
            "check",
            str(CORPUS),
            "--playbook",
            str(PLAYBOOK),
            "--today",
            TODAY,
            "--format",
            "json",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode in (0, 1), f"exit {run.returncode}\n{run.stdout}\n{run.stderr}"
    report = json.loads(run.stdout)
    by_path = {(ROOT / f["path"]).resolve(): f for f in report["files"]}
    missing = [p.name for p in [*FLAWED, *SOUND] if p.resolve() not in by_path]
    assert not missing, f"not checked: {missing}"
    return by_path


def _show(findings: list[dict[str, Any]]) -> str:
    return (
        "\n".join(
            f"  {f['line']}:{f['column']} {f['severity']} {f['code']} {f['message']}"
            for f in findings
        )
        or "  (no findings)"
    )


def test_corpus_size() -> None:
    assert len(FLAWED) >= 24
    assert len(SOUND) >= 4
    names = [p.name[:2] for p in FLAWED]
    assert len(names) == len(set(names)), "two flawed plans share a number"


@pytest.mark.parametrize("path", FLAWED, ids=lambda p: p.stem)
def test_flawed_plan_is_caught_at_the_mistake(
    path: Path, results: dict[Path, dict[str, Any]]
) -> None:
    expected = _expectation(path)
    result = results[path.resolve()]
    assert result["error"] is None, result["error"]
    findings = result["findings"]
    lines = path.read_text(encoding="utf-8").splitlines()
    planted = lines[expected.line - 1].strip() if expected.line <= len(lines) else "?"
    hits = [f for f in findings if f["code"] == expected.code and f["severity"] in FAILING]
    assert hits, (
        f"{path.name}: expected {expected.code} (warning or error) at line {expected.line} "
        f"({planted!r}); negplan said:\n{_show(findings)}"
    )
    assert any(f["line"] == expected.line for f in hits), (
        f"{path.name}: {expected.code} reported, but not at line {expected.line} "
        f"({planted!r}); negplan said:\n{_show(findings)}"
    )
    if expected.forbid:
        wrong = [f for f in findings if f["code"] == expected.forbid]
        assert not wrong, f"{path.name}: {expected.forbid} should not fire:\n{_show(wrong)}"


@pytest.mark.parametrize("path", FLAWED, ids=lambda p: p.stem)
def test_flawed_plan_is_not_ready(path: Path, results: dict[Path, dict[str, Any]]) -> None:
    expected = _expectation(path)
    result = results[path.resolve()]
    readiness = result.get("readiness")
    assert readiness is not None, f"{path.name}: no readiness state in the JSON result"
    if expected.readiness:
        assert readiness == expected.readiness, (
            f"{path.name}: readiness {readiness!r}, expected {expected.readiness!r};\n"
            f"{_show(result['findings'])}"
        )
    else:
        assert readiness != "READY", f"{path.name}: a plan with a planted mistake is READY"


@pytest.mark.parametrize("path", SOUND, ids=lambda p: p.stem)
def test_sound_plan_raises_nothing(path: Path, results: dict[Path, dict[str, Any]]) -> None:
    result = results[path.resolve()]
    assert result["error"] is None, result["error"]
    failing = [f for f in result["findings"] if f["severity"] in FAILING]
    assert not failing, f"{path.name}: false alarm on a sound plan:\n{_show(failing)}"
    assert result.get("readiness") == "READY", f"{path.name}: {result.get('readiness')!r}"
