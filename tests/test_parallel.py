"""Worker processes: results in input order, failures reported, no process left behind."""

from __future__ import annotations

import multiprocessing
import os
import signal
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from negplan import engine, parallel
from negplan.engine import CheckOptions, check_paths, expand
from negplan.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = CheckOptions(today=date(2026, 11, 23), fast=True)


@pytest.fixture
def plans(tmp_path: Path) -> list[str]:
    """70 copies of the clean example and one copy of each example with mistakes."""
    clean = (ROOT / "examples" / "clean-renewal.yaml").read_text(encoding="utf-8")
    paths = []
    for n in range(70):
        path = tmp_path / f"plan-{n:03d}.yaml"
        path.write_text(clean, "utf-8")
        paths.append(str(path))
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        copy = tmp_path / f"z-{example.name}"
        copy.write_text(example.read_text(encoding="utf-8"), "utf-8")
        paths.append(str(copy))
    return paths


def _summary(result: engine.FileResult) -> tuple[Any, ...]:
    error = None if result.error is None else result.error.render()
    return (result.path, result.kind, result.skipped, error, result.findings)


@pytest.mark.parametrize("jobs", [2, 3, 5])
def test_any_number_of_workers_gives_the_sequential_results(
    plans: list[str], jobs: int, tmp_path: Path
) -> None:
    inputs = [*plans, str(tmp_path / "missing.yaml")]
    sequential = [_summary(r) for r in check_paths(inputs, OPTIONS, jobs=1)]
    together = [_summary(r) for r in check_paths(inputs, OPTIONS, jobs=jobs)]
    assert together == sequential
    assert len(together) == len(plans) + 1
    assert together[-1][3] is not None  # the missing file is reported, in its place
    assert any(findings for *_, findings in together)


def test_a_failing_worker_is_reported_not_waited_for(
    plans: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = plans[40]
    real = engine.check_file

    def check_file(path: str, **kwargs: Any) -> engine.FileResult:
        if path == broken:
            raise ValueError("boom")
        return real(path, **kwargs)

    monkeypatch.setattr(engine, "check_file", check_file)  # forked workers inherit it
    with pytest.raises(parallel.WorkerError, match="ValueError: boom"):
        list(check_paths(plans, OPTIONS, jobs=2))
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_is_reported(plans: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    victim = plans[30]
    real = engine.check_file

    def check_file(path: str, **kwargs: Any) -> engine.FileResult:
        if path == victim:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, **kwargs)

    monkeypatch.setattr(engine, "check_file", check_file)
    with pytest.raises(parallel.WorkerError, match="stopped unexpectedly"):
        list(check_paths(plans, OPTIONS, jobs=2))
    assert multiprocessing.active_children() == []


def test_stopping_early_stops_the_workers(plans: list[str]) -> None:
    results = check_paths(plans, OPTIONS, jobs=2)
    first = [next(results) for _ in range(5)]
    assert [r.path for r in first] == plans[:5]
    results.close()  # type: ignore[attr-defined]
    assert multiprocessing.active_children() == []


def test_small_runs_stay_in_one_process(plans: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("no workers for a handful of files")

    monkeypatch.setattr(parallel, "check_in_workers", refuse)
    few = plans[: engine.PARALLEL_MIN_FILES - 1]
    assert len(list(check_paths(few, OPTIONS, jobs=4))) == len(few)


def test_errors_before_any_file_keep_their_place(plans: list[str], tmp_path: Path) -> None:
    items = list(expand([str(tmp_path / "nope.yaml"), *plans]))
    assert isinstance(items[0], InputError)
    results = list(engine.check_items(items, OPTIONS, jobs=2))
    assert results[0].error is not None and results[0].path.endswith("nope.yaml")
    assert [r.path for r in results[1:]] == plans


def test_handing_a_chunk_to_a_dead_worker_is_reported() -> None:
    # The worker died after its last answer: sending it the next chunk fails.
    parent_end, child_end = multiprocessing.Pipe()
    child_end.close()
    holding = {parent_end: 0}
    with pytest.raises(parallel.WorkerError, match="stopped unexpectedly"):
        for _ in range(64):  # the first sends may still fit in the socket's buffer
            parallel._hand_out(parent_end, iter([0]), [[("plan.yaml", True)]], holding)
    parent_end.close()
