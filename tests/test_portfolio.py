"""`negplan report`: the flags on planted patterns, aggregates against the CSV, determinism,
the cache, and the outputs' safety."""

from __future__ import annotations

import csv
import io
import json
import os
import statistics
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from portfolio_corpus import PEAK_APPROVER, PLANTED_OWNER, generate
from typer.testing import CliRunner

from negplan.cli import app

TODAY = "2026-11-23"


def _run(*args: str) -> Any:
    result = CliRunner().invoke(app, ["report", *args, "--today", TODAY], catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("planted"), 1000, planted=True)


def _in(folder: Path, *args: str) -> Any:
    """A report run in ``folder`` (where its cache goes)."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        return _run(*args)
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def planted_json(planted: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    result = _in(planted, str(planted), "-f", "json", "--jobs", "2")  # its cache: in planted/
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def planted_csv(planted: Path, planted_json: dict[str, Any]) -> list[dict[str, str]]:
    result = _in(planted, str(planted), "-f", "csv", "--jobs", "2")  # from the cache
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough plans for worker processes (64), few enough to check quickly."""
    return generate(tmp_path_factory.mktemp("small"), 80, planted=True)


def test_the_three_planted_patterns_are_flagged_and_nothing_else(planted_json: dict) -> None:
    flags = {
        (f["kind"], f.get("region") or f.get("owner") or f.get("approver"))
        for f in planted_json["flags"]
    }
    assert flags == {
        ("walk-aways-at-authority", "EMEA"),
        ("leads-with-avoided-term", PLANTED_OWNER),
        ("approval-peak", PEAK_APPROVER),
    }
    [peak] = [f for f in planted_json["flags"] if f["kind"] == "approval-peak"]
    assert peak["count"] == 15
    assert planted_json["signals"]["items"] == []


def test_a_uniform_corpus_flags_nothing(tmp_path: Path) -> None:
    folder = generate(tmp_path / "uniform", 1000, planted=False)
    result = _run(str(folder), "-f", "json", "--no-cache", "--jobs", "2")
    report = json.loads(result.stdout)
    assert report["plans"] == 1000
    assert report["flags"] == []
    assert report["signals"]["items"] == []


def _plans(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["path"]: row for row in rows}


def _d(text: str) -> Decimal:
    return Decimal(text)


def test_readiness_and_findings_equal_a_recount_from_the_csv(
    planted_json: dict, planted_csv: list[dict[str, str]]
) -> None:
    plans = _plans(planted_csv)
    assert planted_json["plans"] == len(plans)
    states = Counter(row["readiness"] for row in plans.values())
    assert {k: v for k, v in planted_json["readiness"]["states"].items() if v} == dict(states)
    counts: Counter[tuple[str, str]] = Counter()
    for row in plans.values():
        for code in row["findings"].split():
            counts[(code, row["region"])] += 1
    got = {(r["rule"], r["group"]): r["count"] for r in planted_json["findings"]["counts"]}
    assert got == dict(counts)


def test_approvals_equal_a_recount_from_the_csv(
    planted_json: dict, planted_csv: list[dict[str, str]]
) -> None:
    waiting: Counter[str] = Counter()
    within: dict[str, list[bool]] = defaultdict(list)
    for row in planted_csv:
        if row["walk_away"]:
            within[row["term"]].append(row["past_authority"] == "false")
        if (
            row["past_authority"] == "true"
            and row["covered"] == "false"
            and row["meeting"] >= TODAY
        ):
            waiting[row["rung"]] += 1
    load: Counter[str] = Counter()
    for r in planted_json["approvals"]["load"]:
        load[r["approver"]] += r["count"]
    assert load == waiting
    for term in planted_json["approvals"]["terms"]:
        assert term["plans"] == len(within[term["term"]])
        assert term["within_authority"] == sum(within[term["term"]])


def test_consistency_equals_a_recomputation_from_the_csv(
    planted_json: dict, planted_csv: list[dict[str, str]]
) -> None:
    for term in planted_json["consistency"]["terms"]:
        if not term["numeric"]:
            continue
        for group in term["by_group"]:
            rows = [
                r
                for r in planted_csv
                if r["term"] == term["term"] and r["region"] == group["group"]
            ]
            walks = [_d(r["walk_away"]) for r in rows if r["walk_away"]]
            assert _d(group["walk_away"]["median"]) == statistics.median(sorted(walks))
            assert group["at_authority"] == sum(r["at_authority"] == "true" for r in rows)
            targets = [_d(r["target"]) for r in rows if r["target"]]
            assert _d(group["target"]["median"]) == statistics.median(sorted(targets))


def test_the_waterfall_and_balance_equal_sums_from_the_csv(
    planted_json: dict, planted_csv: list[dict[str, str]]
) -> None:
    [eur] = planted_json["waterfall"]["currencies"]
    plans = _plans(planted_csv)
    for name in ("target", "walk_away"):
        assert _d(eur[name]["list_total"]) == sum(
            _d(p[f"list_total_{name}"]) for p in plans.values()
        )
        assert _d(eur[name]["net"]) == sum(_d(p[f"net_{name}"]) for p in plans.values())
        per_term: dict[str, Decimal] = defaultdict(Decimal)
        for row in planted_csv:
            if row[f"value_{name}"]:
                per_term[row["term"]] += _d(row[f"value_{name}"])
        assert {t["term"]: _d(t["amount"]) for t in eur[name]["terms"]} == per_term
        steps = _d(eur[name]["list_total"]) + sum(per_term.values())
        assert steps == _d(eur[name]["net"])
    [balance] = planted_json["patterns"]["balance"]
    assert _d(balance["give_worth"]) == sum(_d(r["give_worth"]) for r in planted_csv if r["term"])
    assert _d(balance["get_worth"]) == sum(_d(r["get_worth"]) for r in planted_csv if r["term"])


def test_patterns_equal_a_recount_from_the_csv(
    planted_json: dict, planted_csv: list[dict[str, str]]
) -> None:
    plans = _plans(planted_csv).values()
    first = Counter(p["first_give"] for p in plans if p["first_give"])
    assert {r["term"]: r["plans"] for r in planted_json["patterns"]["first_give"]} == first
    led = sum(p["leads_with_avoided"] == "true" for p in plans)
    assert planted_json["patterns"]["leads_with_avoided"]["plans"] == led
    gives: Counter[str] = Counter()
    for row in planted_csv:
        if row["gives"] and row["gives"] != "0":
            gives[row["term"]] += int(row["gives"])
    assert {r["term"]: r["gives"] for r in planted_json["patterns"]["most_conceded"]} == gives


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_output_is_the_same_bytes_whatever_the_jobs(small: Path, fmt: str) -> None:
    one = _run(str(small), "-f", fmt, "--no-cache", "--jobs", "1")
    two = _run(str(small), "-f", fmt, "--no-cache", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


def test_a_second_report_reads_no_unchanged_file(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = _run(str(small), "-f", "json")
    assert (tmp_path / ".negplan" / "report-cache.sqlite3").is_file()
    import negplan.portfolio.cache as cache
    import negplan.portfolio.collect as collect

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was read")

    monkeypatch.setattr(collect, "load", no_reading)
    monkeypatch.setattr(cache, "file_digest", no_reading)
    second = _run(str(small), "-f", "json")
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout


def test_the_cache_follows_a_changed_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = generate(tmp_path / "plans", 8, planted=False)
    monkeypatch.chdir(tmp_path)
    before = json.loads(_run(str(folder), "-f", "json").stdout)
    plan = next(folder.rglob("plan-0000.yaml"))
    plan.write_text(plan.read_text().replace("owner: Rep A. Example", "owner: Somebody Else"))
    after = json.loads(_run(str(folder), "-f", "json").stdout)
    assert after == json.loads(_run(str(folder), "-f", "json", "--no-cache").stdout)
    assert before != after


def test_redact_pseudonymises_owners_and_withholds_walk_aways(small: Path) -> None:
    result = _run(str(small), "-f", "csv", "--no-cache", "--redact")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert all(r["owner"].startswith("rep-") for r in rows)
    assert all(r["walk_away"] == "" and r["net_walk_away"] == "" for r in rows)
    again = _run(str(small), "-f", "csv", "--no-cache", "--redact")
    assert again.stdout == result.stdout
    report = json.loads(_run(str(small), "-f", "json", "--no-cache", "--redact").stdout)
    assert PLANTED_OWNER not in json.dumps(report)
    assert all("walk_away" not in c for c in report["waterfall"]["currencies"])


def test_html_and_pdf_without_matplotlib_say_what_to_install(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "matplotlib" else real(name, *a),
    )
    result = _run(str(small), "-f", "html", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: html and pdf reports need matplotlib: pip install 'negplan[report]'"
    ]
    assert _run(str(small), "-f", "md", "--no-cache").exit_code == 0


HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> $x^2$ {{ 7*7 }} ]]> --> &amp;"


def test_html_is_self_contained_and_hostile_text_is_inert(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    folder = generate(tmp_path / "plans", 12, planted=False)
    for plan in folder.rglob("*.yaml"):
        text = (
            plan.read_text()
            .replace("region: ", f"region: '{HOSTILE} ")
            .replace("\n  segment", "'\n  segment")
        )
        text = text.replace("owner: Rep", f"owner: '{HOSTILE}' #")
        plan.write_text(text)
    one = _run(str(folder), "-f", "html", "--no-cache")
    assert one.exit_code == 0, one.output
    page = one.stdout
    assert "<script" not in page.lower()
    assert "<img" not in page
    assert "http://" not in page.replace('="http://www.w3.org/', "")
    assert "https://" not in page
    assert 'src="' not in page
    assert "Content-Security-Policy" in page
    assert "&lt;script&gt;" in page
    # Identical bytes run to run and whatever the jobs: tests/robustness/test_robust_report.py


def test_pdf_opens_with_every_section_title(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    small = generate(tmp_path / "plans", 16, planted=False)
    out = tmp_path / "report.pdf"
    result = _run(str(small), "-o", str(out), "--no-cache")
    assert result.exit_code == 0, result.output
    reader = PdfReader(str(out))
    text = " ".join(page.extract_text() for page in reader.pages)
    for title in (
        "FLAGS",
        "READINESS BOARD",
        "APPROVAL LOAD",
        "CONSISTENCY",
        "PORTFOLIO WATERFALL",
        "CONCESSION PATTERNS",
        "FINDINGS BY RULE",
        "PLANNED VS ACTUAL",
        "PLAYBOOK SIGNALS",
    ):
        assert title in text.upper()
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape


def test_help_and_check_import_nothing_of_the_report() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom negplan.cli import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    for args in (["--help"], ["check", "--help"], ["check", os.devnull]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
        )
        loaded = set(done.stdout.splitlines()[-1].split())
        assert not {
            m for m in loaded if m.startswith(("negplan.portfolio.", "matplotlib", "sqlite3"))
        }


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("r.csv", "csv"), ("r.json", "json"), ("r.md", "md"), ("r.htm", "html"), ("r", "md")],
)
def test_the_output_suffix_chooses_the_format(name: str, fmt: str) -> None:
    from negplan.brief import resolve_format
    from negplan.portfolio import SUFFIXES

    assert resolve_format("auto", name, SUFFIXES) == fmt
    assert resolve_format("json", name, SUFFIXES) == "json"  # an explicit format wins
    assert resolve_format("auto", "r.csv") == "md"  # the brief has no CSV
