"""The report's charts kept in its cache: the same bytes as charts drawn afresh, a report over
unchanged files draws none of them (and does not import matplotlib), a change to the data a
chart draws draws it again, and kept charts are pruned like the facts."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from portfolio_corpus import generate
from typer.testing import CliRunner

from negplan.cli import app
from negplan.portfolio import charts
from negplan.portfolio.cache import CACHE_PATH, KEEP_DAYS, FactCache

pytest.importorskip("matplotlib")

TODAY = "2026-11-23"


def _html(*extra: str) -> bytes:
    args = ["report", "plans", "--today", TODAY, "-f", "html", "--jobs", "1", *extra]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _kept(folder: Path) -> int:
    with sqlite3.connect(folder / CACHE_PATH) as db:
        return int(db.execute("SELECT count(*) FROM charts").fetchone()[0])


@pytest.mark.parametrize("extra", [(), ("--redact",)])
def test_charts_from_the_cache_are_the_bytes_drawn_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: tuple[str, ...]
) -> None:
    generate(tmp_path / "plans", 120, planted=True, debriefs=True)
    monkeypatch.chdir(tmp_path)
    fresh = _html("--no-cache", *extra)
    assert b"<svg" in fresh
    assert _html(*extra) == fresh  # drawn, and kept
    assert _kept(tmp_path) > 0

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("a chart was drawn again")

    monkeypatch.setattr(charts, "_svg", refuse)
    assert _html(*extra) == fresh  # every chart from the cache


def test_a_chart_whose_data_changed_is_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path / "plans", 40, planted=False, debriefs=True)
    monkeypatch.chdir(tmp_path)
    _html()
    before = _kept(tmp_path)
    plan = next(p for p in sorted((tmp_path / "plans").rglob("*.yaml")) if "debrief" not in p.name)
    plan.unlink()
    assert _html() == _html("--no-cache")
    assert _kept(tmp_path) > before


def test_a_warm_report_does_not_import_matplotlib(tmp_path: Path) -> None:
    generate(tmp_path / "plans", 40, planted=False, debriefs=True)
    code = (
        "import sys\nfrom negplan.cli import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str('matplotlib' in sys.modules))\n"
    )
    args = ["report", "plans", "--today", TODAY, "-o", "report.html", "--force"]
    loaded = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )
        loaded.append(done.stderr.splitlines()[-1])
    assert loaded == ["True", "False"]


def test_the_key_is_the_chart_the_data_and_the_versions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = {"states": {"READY": 2, "DRAFT": Decimal("1")}}
    key = charts.chart_key(charts.readiness, data)
    assert key is not None
    assert key == charts.chart_key(
        charts.readiness, {"states": {"READY": 2, "DRAFT": Decimal("1")}}
    )
    assert key != charts.chart_key(charts.readiness, {"states": {"READY": 2, "DRAFT": 1.0}})
    assert key != charts.chart_key(charts.readiness, {"states": {"READY": 2, "DRAFT": 1}})
    assert key != charts.chart_key(charts.readiness, {"states": {"DRAFT": 1, "READY": 2}})
    assert key != charts.chart_key(charts.findings, data)
    assert charts.chart_key(charts.bars, "a", "b", [("x", 1)]) != charts.chart_key(
        charts.bars, "a", "b", [["x", 1]]
    )
    assert charts.chart_key(charts.readiness, {"when": object()}) is None
    monkeypatch.setattr(charts, "__version__", "0.0.0")
    assert key != charts.chart_key(charts.readiness, data)


def test_kept_charts_are_pruned_like_the_facts(tmp_path: Path) -> None:
    path = str(tmp_path / "cache.sqlite3")
    now = dt.date.fromisoformat(TODAY)
    store = FactCache(path, today=TODAY, now=now)
    store.put_chart("old", "<svg>old</svg>")
    store.put_chart("used", "<svg>used</svg>")
    store.save()
    store.close()
    later = now + dt.timedelta(days=KEEP_DAYS)
    store = FactCache(path, today=TODAY, now=later)
    assert store.chart("used") == "<svg>used</svg>"
    store.save()  # marks it used
    store.close()
    store = FactCache(path, today=TODAY, now=later + dt.timedelta(days=1))
    assert store.chart("old") is None
    assert store.chart("used") == "<svg>used</svg>"
    store.close()
