"""`negplan report`, planned versus actual: the debriefs' aggregates against a plain
recomputation from the CSV's debrief rows, the clustering signal, the cache of debrief facts
and its pruning, readiness and redaction."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import statistics
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from portfolio_corpus import generate
from typer.testing import CliRunner

from negplan.cli import app
from negplan.portfolio.cache import KEEP_DAYS, FactCache

TODAY = "2026-11-23"


def _run(*args: str, today: str = TODAY) -> Any:
    return CliRunner().invoke(app, ["report", *args, "--today", today], catch_exceptions=False)


def _cached(corpus: Path, *args: str) -> Any:
    """A report of the module's corpus run beside it, sharing one cache of its facts."""
    here = os.getcwd()
    os.chdir(corpus.parent)
    try:
        return _run(str(corpus), *args)
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """80 plans, 40 debriefs: enough files for worker processes."""
    return generate(tmp_path_factory.mktemp("actual") / "plans", 80, planted=False, debriefs=True)


@pytest.fixture(scope="module")
def report(corpus: Path) -> dict[str, Any]:
    result = _cached(corpus, "-f", "json", "--jobs", "2")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def rows(corpus: Path, report: dict[str, Any]) -> list[dict[str, str]]:
    result = _cached(corpus, "-f", "csv")
    return list(csv.DictReader(io.StringIO(result.stdout)))


def _debriefs(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """The CSV's debrief rows, by debrief."""
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if row["record"] == "debrief":
            out[row["path"]].append(row)
    return out


def _share(part: int, whole: int) -> str | None:
    return None if not whole else str((Decimal(part) / whole).quantize(Decimal("0.0001")))


def _agreed(rows: list[dict[str, str]]) -> dict[str, Any]:
    agreed = [r for r in rows if r["agreed"]]
    attained = sum(r["attained"] == "true" for r in agreed)
    at = sum(r["at_walk_away"] == "true" for r in agreed)
    past = sum(r["past_walk_away"] == "true" for r in agreed)
    return {
        "agreed": len(agreed),
        "attained": attained,
        "attained_share": _share(attained, len(agreed)),
        "at_walk_away": at,
        "past_walk_away": past,
        "at_or_past_share": _share(at + past, len(agreed)),
    }


def test_the_corpus_has_debriefs_of_every_kind(report: dict, rows: list) -> None:
    assert report["debriefs"] == 40
    assert report["actual"]["debriefs"] == 40 and report["actual"]["unreadable"] == 0
    assert len(_debriefs(rows)) == 40
    results = Counter(r["result"] for r in report["actual"]["results"])
    assert set(results) == {"won", "lost", "no_decision", "walked_away", "open"}


def test_quarters_equal_a_recount_from_the_csv(report: dict, rows: list) -> None:
    by_quarter: dict[str, list[list[dict[str, str]]]] = defaultdict(list)
    for debrief in _debriefs(rows).values():
        by_quarter[debrief[0]["quarter"]].append(debrief)
    got = {q["quarter"]: q for q in report["actual"]["quarters"]}
    assert list(got) == sorted(by_quarter)
    for quarter, debriefs in by_quarter.items():
        row = got[quarter]
        assert row["debriefs"] == len(debriefs)
        results = Counter(d[0]["result"] for d in debriefs)
        assert {k: v for k, v in row["results"].items() if v} == results
        expected = _agreed([r for d in debriefs for r in d])
        assert {k: row[k] for k in expected} == expected
        assert row["improvised"] == sum(len(json.loads(d[0]["improvised"])) for d in debriefs)
        assert row["surprise_asks"] == sum(len(json.loads(d[0]["unexpected"])) for d in debriefs)


def test_terms_equal_a_recomputation_from_the_csv(report: dict, rows: list) -> None:
    debriefs = _debriefs(rows).values()
    by_term: dict[str, list[dict[str, str]]] = defaultdict(list)
    improvised: Counter[str] = Counter()
    for debrief in debriefs:
        for row in debrief:
            if row["agreed"]:
                by_term[row["term"]].append(row)
        improvised.update(t for t in json.loads(debrief[0]["improvised"]) if t)
    got = {t["term"]: t for t in report["actual"]["terms"]}
    assert set(got) == set(by_term) | set(improvised)
    assert improvised  # the corpus improvises gives on a term the plans never trade
    for term, row in got.items():
        expected = _agreed(by_term.get(term, []))
        assert {k: row[k] for k in expected} == expected
        assert row["improvised"] == improvised[term]
        used = sorted(Decimal(r["range_used"]) for r in by_term.get(term, []) if r["range_used"])
        median = statistics.median(used) if used else None
        assert (Decimal(row["median_range_used"]) if row["median_range_used"] else None) == median


def test_money_results_and_asks_equal_a_recount_from_the_csv(report: dict, rows: list) -> None:
    firsts = [d[0] for d in _debriefs(rows).values()]
    money: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    for r in firsts:
        sums = money[(r["quarter"], r["currency"])]
        sums[0] += 1
        sums[1] += Decimal(r["net_target"])
        sums[2] += Decimal(r["net_agreed"])
    got = {(m["quarter"], m["currency"]): m for m in report["actual"]["money"]}
    assert set(got) == set(money)
    for key, (n, target, agreed) in money.items():
        assert got[key]["debriefs"] == n
        assert Decimal(got[key]["net_target"]) == target
        assert Decimal(got[key]["net_agreed"]) == agreed
    results = Counter((r["quarter"], r["result"], r["reason"]) for r in firsts)
    assert {
        (r["quarter"], r["result"], r["reason"]): r["debriefs"] for r in report["actual"]["results"]
    } == results
    asks: Counter[str] = Counter()
    for r in firsts:
        asks.update(json.loads(r["unexpected"]))
    listed = [(a["ask"], a["times"]) for a in report["actual"]["surprise_asks"]]
    assert listed == sorted(asks.items(), key=lambda kv: (-kv[1], kv[0]))
    assert listed[0] == ("Price protection for two years", max(asks.values()))


def test_agreements_clustering_at_the_walk_away_are_signalled(tmp_path: Path, report: dict) -> None:
    assert report["signals"]["items"] == []  # the uniform corpus: at most 3 in 8 on discount
    folder = generate(tmp_path / "planted", 24, planted=True, debriefs=True)
    planted = json.loads(_run(str(folder), "-f", "json", "--no-cache").stdout)
    [signal] = [s for s in planted["signals"]["items"] if s["kind"] == "agreements-at-walk-away"]
    assert signal["term"] == "discount"
    [term] = [t for t in planted["actual"]["terms"] if t["term"] == "discount"]
    assert signal["at_walk_away"] + signal["past_walk_away"] > term["agreed"] / 2


def test_markdown_shows_planned_vs_actual(corpus: Path, report: dict) -> None:
    page = _cached(corpus, "-f", "md").stdout
    section = page.split("## Planned vs actual", 1)[1].split("\n## ", 1)[0]
    assert "40 debriefs (0 could not be read)" in section
    assert "| result | reason | 2026-Q4 |" in section
    assert "Price protection for two years" in section


def test_redact_withholds_what_the_walk_aways_tell(corpus: Path, report: dict) -> None:
    report = json.loads(_cached(corpus, "-f", "json", "--redact").stdout)
    for row in [*report["actual"]["quarters"], *report["actual"]["terms"]]:
        assert not {"at_walk_away", "past_walk_away", "median_range_used"} & set(row)
    rows = list(csv.DictReader(io.StringIO(_cached(corpus, "-f", "csv", "--redact").stdout)))
    debriefs = [r for r in rows if r["record"] == "debrief"]
    assert all(r["walk_away"] == r["at_walk_away"] == r["range_used"] == "" for r in debriefs)
    assert all(r["owner"].startswith("rep-") for r in debriefs)


def test_a_second_report_reads_no_debrief_and_follows_a_changed_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = generate(tmp_path / "plans", 8, planted=False, debriefs=True)
    monkeypatch.chdir(tmp_path)
    first = _run(str(folder), "-f", "json").stdout
    import negplan.portfolio.cache as cache
    import negplan.portfolio.collect as collect

    with monkeypatch.context() as patched:
        patched.setattr(collect, "load", lambda *a: pytest.fail("a file was read"))
        patched.setattr(cache, "file_digest", lambda *a: pytest.fail("a file was hashed"))
        assert _run(str(folder), "-f", "json").stdout == first
    plan = folder / "na" / "plan-0001.yaml"
    plan.write_text(plan.read_text().replace("walk_away: 40}", "walk_away: 41}"))
    after = _run(str(folder), "-f", "json").stdout
    assert after == _run(str(folder), "-f", "json", "--no-cache").stdout
    codes = {r["rule"] for r in json.loads(after)["findings"]["counts"]}
    assert "NP802" in codes  # the debrief's plan changed after it was written
    assert after != first


def test_a_debrief_written_later_ends_the_overdue_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = generate(tmp_path / "plans", 2, planted=False, debriefs=False)
    monkeypatch.chdir(tmp_path)
    late = "2027-06-30"  # both meetings are more than a week past
    before = json.loads(_run(str(folder), "-f", "json", today=late).stdout)
    assert len(before["readiness"]["debriefs_overdue"]) == 2
    result = CliRunner().invoke(app, ["debrief", str(folder / "na" / "plan-0001.yaml")])
    assert result.exit_code == 0, result.output
    import negplan.debriefs

    # Each report runs in a process of its own, which looks beside each plan once.
    monkeypatch.setattr(negplan.debriefs, "_BESIDE", {})
    after = json.loads(_run(str(folder), "-f", "json", today=late).stdout)
    assert [r["path"] for r in after["readiness"]["debriefs_overdue"]] == [
        str(folder / "emea" / "plan-0000.yaml")
    ]
    assert after == json.loads(_run(str(folder), "-f", "json", "--no-cache", today=late).stdout)


def test_the_cache_prunes_other_days_not_used_for_a_while(tmp_path: Path) -> None:
    from negplan.portfolio.cache import Entry
    from negplan.portfolio.facts import PlanFacts
    from negplan.portfolio.rows import encode

    path = str(tmp_path / "cache.sqlite3")
    now = dt.date(2026, 11, 23)
    facts = PlanFacts(path="p.yaml", valid=False, readiness="NOT READY")
    for today, sha in (("2026-11-01", "old"), ("2026-11-20", "recent"), ("2026-11-23", "kept")):
        store = FactCache(path, today=today, now=dt.date.fromisoformat(today))
        store.save([(sha, Entry(encode(facts), None, "-"))])
        store.close()
    store = FactCache(path, today="2026-11-23", now=now)
    store.close()
    days = sorted(row[0] for row in sqlite3.connect(path).execute("SELECT today FROM facts"))
    assert days == ["2026-11-20", "2026-11-23"]
    later = now + dt.timedelta(days=KEEP_DAYS + 1)
    FactCache(path, today=str(later), now=later).close()
    assert sqlite3.connect(path).execute("SELECT today FROM facts").fetchall() == []


def test_a_cache_of_another_layout_is_emptied(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE facts (sha TEXT, facts BLOB)")
        db.execute("INSERT INTO facts VALUES ('x', NULL)")
    store = FactCache.open(str(path), today=TODAY)
    assert store is not None
    assert store.candidates("x") == []
    store.close()


def test_a_plan_that_does_not_validate_is_not_ready(tmp_path: Path) -> None:
    folder = generate(tmp_path / "plans", 2, planted=False)
    bad = folder / "na" / "plan-0001.yaml"
    bad.write_text(bad.read_text().replace("  owner:", "  ownr:"))
    report = json.loads(_run(str(folder), "-f", "json", "--no-cache").stdout)
    [row] = [r for r in report["readiness"]["not_ready"] if r["path"] == str(bad)]
    assert row["readiness"] == "NOT READY"
    assert report["readiness"]["states"]["DRAFT"] == 0
