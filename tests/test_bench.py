"""The benchmark's pure helpers: sizes, the verdict on each target and the exit status.

No timing here: the rows are made up, so that each target's limit is checked on both sides.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _bench() -> ModuleType:
    # The bench package sits next to negplan in the checkout, not inside it.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("bench.__main__")


bench = _bench()
Row = bench.Row
Absent = bench.Absent
Verdict = bench.Verdict


def _rows(
    seconds: tuple[str, int, float] | None = None, rss: tuple[str, int, float] | None = None
) -> list:
    """A full set of rows on which every target passes; ``seconds`` and ``rss`` change one."""
    times = {
        (bench.NEGPLAN, 1): 0.20,
        (bench.CJS, 1): 0.50,
        (bench.YAMLLINT, 1): 0.10,
        (bench.FLOOR, 1): 0.05,
        (bench.VERSION, 1): 0.10,
        (bench.HELP, 1): 0.15,
        (bench.BARE, 1): 0.15,
        (bench.BARE_HELP, 1): 0.16,
        (bench.BRIEF_MD, 1): 0.30,
        (bench.SAME_PLAN, 1): 0.20,
        (bench.BRIEF_PDF, 1): 1.50,
        (bench.NEGPLAN, 1000): 1.00,
        (bench.CJS, 1000): 10.0,
        (bench.FLOOR, 1000): 1.60,
        (bench.NEGPLAN, 10000): 9.00,
        (bench.DIFF, 1000): 1.40,
        (bench.DIFF_CHECK, 1000): 1.00,
        (bench.REPORT_CHECK, 10000): 12.0,
        (bench.REPORT, 10000): 18.0,
        (bench.REPORT_AGAIN, 10000): 1.2,
        (bench.REPORT_DATA, 10000): 1.0,
        (bench.REPORT_DRAWN, 10000): 2.5,
    }
    peaks = {(bench.NEGPLAN, 10000): 80.0}
    if seconds:
        times[seconds[:2]] = seconds[2]
    if rss:
        peaks[rss[:2]] = rss[2]
    return [
        Row(tool, files, s, peaks.get((tool, files), 20.0)) for (tool, files), s in times.items()
    ]


def _by_text(results: list, words: str) -> list:
    return [v for v in results if words in v.text]


ALL = [1, 1000, 10000]


def test_every_target_passes_on_good_figures() -> None:
    results = bench.verdicts(_rows(), cores=2, sizes=ALL)
    assert {v.status for v in results} == {"PASS", "INFO"}
    assert [v.target for v in results if v.status == "PASS"] == [
        "1",
        "1",
        "2",
        "2",
        "3",
        "3",
        "4",
        "4",
        "5",
        "7",
        "8",
        "8",
        "8",
    ]
    assert bench.exit_code(results) == 0


def test_a_diff_slower_than_one_and_a_half_checks_fails() -> None:
    results = bench.verdicts(_rows(seconds=(bench.DIFF, 1000, 1.6)), cores=2, sizes=ALL)
    (verdict,) = _by_text(results, "diff of 1,000 plans")
    assert verdict.status == "FAIL"
    assert verdict.line() == (
        "FAIL  [7] diff of 1,000 plans vs one check of them: 1.60× (1.60 s against 1.00 s); "
        "limit ≤ 1.5×"
    )


def test_lines_carry_figure_limit_and_baseline() -> None:
    results = bench.verdicts(_rows(), cores=2, sizes=ALL)
    lines = [v.line() for v in results]
    assert (
        "PASS  [1] cold check of one plan vs check-jsonschema: 0.40× (0.200 s against 0.500 s); "
        "limit ≤ 1.2×"
    ) in lines
    assert (
        "PASS  [1] cold check of one plan vs the bare typer app (plain run): +0.050 s "
        "(0.200 s against 0.150 s); limit ≤ +0.1 s"
    ) in lines
    assert any("negplan --version vs the bare typer app's plain run: 0.67×" in x for x in lines)
    assert any("negplan --help vs the bare typer app's --help: 0.94×" in x for x in lines)
    assert any(
        "1,000 plans vs the libyaml parse floor ÷ 2 cores: 1.25× (1.00 s against 1.60 s ÷ 2 = "
        "0.80 s); limit ≤ 2.5×" in x
        for x in lines
    )
    assert any(x.startswith("INFO  [3]") and "aim ≤ 1.8×: met" in x for x in lines)
    assert any(
        "10,000 plans, peak RSS of the process tree: 80 MB; limit ≤ 150 MB" in x for x in lines
    )
    assert "INFO  [6] PDF brief, cold: 1.500 s (no target)" in lines


def test_the_floor_scaling_is_shown_next_to_target_4() -> None:
    rows = [*_rows(), Row(bench.FLOOR, 10000, 17.6, 29.0)]
    results = bench.verdicts(rows, cores=2, sizes=ALL)
    (info,) = [v for v in results if v.target == "4" and v.status == "INFO"]
    assert info.text.startswith("the parse floor, for comparison: 11.00× its 1,000-plan time")
    assert bench.exit_code(results) == 0


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ((bench.CJS, 1, 0.16), "vs check-jsonschema: 1.25×"),
        ((bench.NEGPLAN, 1, 0.26), "(plain run): +0.110 s"),
        ((bench.VERSION, 1, 0.17), "--version vs the bare typer app's plain run: 1.13×"),
        ((bench.HELP, 1, 0.185), "--help vs the bare typer app's --help: 1.16×"),
        ((bench.CJS, 1000, 2.8), "1,000 plans vs check-jsonschema: 0.36×"),
        ((bench.FLOOR, 1000, 0.79), "parse floor ÷ 2 cores: 2.53×"),
        ((bench.NEGPLAN, 10000, 10.6), "1,000-plan time: 10.60×"),
        ((bench.BRIEF_MD, 1, 0.41), "Markdown brief vs a cold check of the same plan: 2.05×"),
    ],
)
def test_a_figure_past_its_limit_fails(change: tuple[str, int, float], words: str) -> None:
    results = bench.verdicts(_rows(seconds=change), cores=2, sizes=ALL)
    failed = [v for v in results if v.status == "FAIL"]
    assert len(failed) == 1 and words in failed[0].text
    assert bench.exit_code(results) == 1
    assert bench.exit_code(results, no_fail=True) == 0


def test_peak_rss_past_its_limit_fails() -> None:
    results = bench.verdicts(_rows(rss=(bench.NEGPLAN, 10000, 151.0)), cores=2, sizes=ALL)
    (failed,) = [v for v in results if v.status == "FAIL"]
    assert failed.text == "10,000 plans, peak RSS of the process tree: 151 MB; limit ≤ 150 MB"


def test_missing_the_aim_is_reported_not_failed() -> None:
    results = bench.verdicts(_rows(seconds=(bench.FLOOR, 1000, 1.0)), cores=2, sizes=ALL)
    (aim,) = _by_text(results, "aim ≤ 1.8×")
    assert aim.status == "INFO" and aim.text.endswith(
        "2.00×; aim ≤ 1.8×: not met (informational, not a failure)"
    )
    assert bench.exit_code(results) == 0


def test_the_floor_is_shared_by_the_cores() -> None:
    results = bench.verdicts(_rows(), cores=1, sizes=ALL)
    (floor,) = [v for v in results if v.status != "INFO" and "parse floor" in v.text]
    assert "÷ 1 cores: 0.62×" in floor.text


def test_a_peer_not_installed_skips_its_targets() -> None:
    rows = [r for r in _rows() if r.tool != bench.CJS]
    absent = {bench.CJS: Absent("check-jsonschema not installed")}
    results = bench.verdicts(rows, cores=2, sizes=ALL, absent=absent)
    skipped = [v for v in results if v.status == "SKIP"]
    assert [v.line() for v in skipped] == [
        "SKIP  [1] cold check of one plan vs check-jsonschema: skipped: check-jsonschema not installed",
        "SKIP  [3] 1,000 plans vs check-jsonschema: skipped: check-jsonschema not installed",
    ]
    assert bench.exit_code(results) == 0


def test_sizes_not_run_skip_their_targets() -> None:
    rows = [r for r in _rows() if r.files != 10000]
    results = bench.verdicts(rows, cores=2, sizes=[1, 1000])
    skipped = [v for v in results if v.status == "SKIP"]
    assert [v.target for v in skipped] == ["4", "4", "8", "8", "8"]
    assert all(v.text.endswith("skipped: 10,000 plans not run") for v in skipped)
    assert bench.exit_code(results) == 0


def test_one_plan_not_run_skips_the_start_up_and_brief_targets() -> None:
    rows = [r for r in _rows() if r.files != 1]
    results = bench.verdicts(rows, cores=2, sizes=[1000, 10000])
    assert [v.target for v in results if v.status == "SKIP"] == ["1", "1", "2", "2", "5"]
    assert all(
        v.text.endswith("skipped: 1 plan not run")
        for v in results
        if v.target not in ("3", "4", "7", "8")
    )
    assert bench.exit_code(results) == 0


def test_negplan_not_running_fails_its_target() -> None:
    rows = [r for r in _rows() if r.tool != bench.BRIEF_MD]
    absent = {bench.BRIEF_MD: Absent("`negplan brief --format md` exited 2", fails=True)}
    results = bench.verdicts(rows, cores=2, sizes=ALL, absent=absent)
    (failed,) = [v for v in results if v.status == "FAIL"]
    assert failed.target == "5" and failed.text.endswith(
        "not measured: `negplan brief --format md` exited 2"
    )


def test_the_pdf_brief_is_only_information() -> None:
    rows = [r for r in _rows() if r.tool != bench.BRIEF_PDF]
    absent = {bench.BRIEF_PDF: Absent("WeasyPrint not installed")}
    results = bench.verdicts(rows, cores=2, sizes=ALL, absent=absent)
    assert Verdict("INFO", "6", "PDF brief, cold: skipped: WeasyPrint not installed") in results
    assert bench.exit_code(results) == 0


@pytest.mark.parametrize(
    ("text", "sizes"), [("1", [1]), ("1,1000", [1, 1000]), ("1, 1000,10000,", [1, 1000, 10000])]
)
def test_parse_sizes(text: str, sizes: list[int]) -> None:
    assert bench.parse_sizes(text) == sizes


@pytest.mark.parametrize("text", ["", "1,x", "0", "1,-5"])
def test_parse_sizes_refuses(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        bench.parse_sizes(text)


def test_table_ratios() -> None:
    rows = [Row(bench.NEGPLAN, 1000, 1.0, 60.0), Row(bench.FLOOR, 1000, 1.6, 14.0)]
    assert bench.table(rows, cores=2).splitlines()[2:] == [
        "| negplan | 1,000 | 1.000 | 1.00 | 1.25 | 60 |",
        "| parse floor (libyaml) | 1,000 | 1.600 | 1.60 | 2.00 | 14 |",
    ]


def test_a_report_slower_than_its_allowance_fails() -> None:
    # 1.5 × 12 s of check + (2.5 - 1.0) s of charts = 19.5 s
    results = bench.verdicts(_rows(seconds=(bench.REPORT, 10000, 19.6)), cores=2, sizes=ALL)
    (failed,) = [v for v in results if v.status == "FAIL"]
    assert failed.line() == (
        "FAIL  [8] report of 10,000 plans vs one check of them plus the charts: 1.01× "
        "(19.60 s against 1.5 × 12.00 s + 1.50 s of charts = 19.50 s); limit ≤ 1.0×"
    )


def test_a_second_report_must_cost_a_fifth_of_the_first() -> None:
    results = bench.verdicts(_rows(seconds=(bench.REPORT_AGAIN, 10000, 3.7)), cores=2, sizes=ALL)
    failed = [v.text for v in results if v.status == "FAIL"]
    assert any(
        t.startswith("second report over the unchanged files vs the first: 0.21×") for t in failed
    )


def test_a_report_past_its_memory_limit_fails() -> None:
    results = bench.verdicts(_rows(rss=(bench.REPORT, 10000, 251.0)), cores=2, sizes=ALL)
    (failed,) = [v for v in results if v.status == "FAIL"]
    assert (
        failed.text
        == "report of 10,000 plans, peak RSS of the process tree: 251 MB; limit ≤ 250 MB"
    )
