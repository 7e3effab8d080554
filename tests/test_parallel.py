"""Worker processes: results in input order, failures reported, no process left behind."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from support import none_running_soon

from negplan import checking, parallel
from negplan.checking import CheckOptions, check_paths, expand
from negplan.errors import InputError
from negplan.parallel import WorkerError, ordered_map

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = CheckOptions(today=date(2026, 11, 23))
LINUX = sys.platform.startswith("linux")

# Functions the workers run: module-level, so that they are sent by name.


def _square(n: int) -> int:
    time.sleep((n % 4) * 0.002)  # finish out of order
    return n * n


def _note(pidfile: str) -> None:
    with open(pidfile, "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\n")


def _fail_at_30(item: tuple[int, str]) -> int:
    n, pidfile = item
    _note(pidfile)
    if n == 30:
        raise ValueError("boom")
    return n


def _killed_at_30(item: tuple[int, str]) -> int:
    n, pidfile = item
    _note(pidfile)
    if n == 30:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def _exits_at_30(item: tuple[int, str]) -> int:
    n, pidfile = item
    _note(pidfile)
    if n == 30:
        os._exit(3)
    return n


def _last_waits_for_flag(item: tuple[int, str]) -> int:
    n, flag = item
    if n == 39:
        give_up = time.monotonic() + 20
        while not os.path.exists(flag):
            if time.monotonic() > give_up:
                raise TimeoutError("the consumer never saw the first results")
            time.sleep(0.01)
    return n


def _slow_from_5(n: int) -> int:
    time.sleep(20 if n >= 5 else 0)
    return n


_STATE: tuple[str, int] | None = None


def _set_state(token: str) -> None:
    global _STATE
    _STATE = (token, os.getpid())


def _state_and_pid(n: int) -> tuple[tuple[str, int] | None, int]:
    return _STATE, os.getpid()


def _signal_handlers(n: int) -> tuple[Any, Any]:
    return signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)


# Helpers of the tests.


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Fail with TimeoutError instead of hanging."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _worker_pids(pidfile: Path, parent: int) -> set[int]:
    pids = {int(line) for line in pidfile.read_text(encoding="utf-8").split()}
    return pids - {parent}


def _exists(pid: int) -> bool:
    """Whether ``pid`` is still a process, a zombie not reaped by its parent included."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# The generic map.


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_in_input_order_for_any_number_of_workers(jobs: int) -> None:
    items = list(range(101))
    assert list(ordered_map(_square, items, jobs=jobs)) == [n * n for n in items]
    assert list(ordered_map(_square, items, jobs=jobs, chunksize=1)) == [n * n for n in items]
    assert multiprocessing.active_children() == []


def test_no_items_and_one_item_need_no_worker() -> None:
    assert list(ordered_map(_square, [], jobs=2)) == []
    [(_, pid)] = ordered_map(_state_and_pid, [0], jobs=2)
    assert pid == os.getpid()
    assert multiprocessing.active_children() == []


def test_jobs_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(ordered_map(_square, [1, 2], jobs=0))


def test_the_parent_computes_the_first_item_and_the_workers_inherit_its_state() -> None:
    token = f"state-{time.monotonic_ns()}"
    results = list(
        ordered_map(_state_and_pid, range(40), jobs=2, initializer=_set_state, initargs=(token,))
    )
    parent = os.getpid()
    # The initializer ran once, in the parent; forked workers share what it set up.
    assert {state for state, _ in results} == {(token, parent)}
    assert results[0][1] == parent
    assert 1 <= len({pid for _, pid in results[1:]}) <= 2
    assert parent not in {pid for _, pid in results[1:]}


def test_without_fork_each_worker_runs_the_initializer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    token = f"state-{time.monotonic_ns()}"
    results = list(
        ordered_map(_state_and_pid, range(20), jobs=2, initializer=_set_state, initargs=(token,))
    )
    assert results[0] == ((token, os.getpid()), os.getpid())
    # Each worker set up its own state, in its own process.
    assert all(state == (token, pid) for state, pid in results[1:])
    assert os.getpid() not in {pid for _, pid in results[1:]}


def test_results_stream_before_the_last_is_computed(tmp_path: Path) -> None:
    flag = tmp_path / "seen"
    results = ordered_map(
        _last_waits_for_flag, [(n, str(flag)) for n in range(40)], jobs=2, chunksize=1
    )
    with _deadline(15):
        first = [next(results) for _ in range(10)]
        flag.touch()  # only now can the last item finish
        rest = list(results)
    assert first + rest == list(range(40))


def test_the_parent_is_left_as_it_was() -> None:
    handlers = [signal.getsignal(signal.SIGTERM) for _ in ordered_map(_square, range(40), jobs=2)]
    assert all(handler != signal.SIG_DFL for handler in handlers)  # SIGTERM stops the workers
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    assert gc.get_freeze_count() == 0


def test_a_program_handler_for_sigterm_is_left_in_charge() -> None:
    def own(signum: int, frame: FrameType | None) -> None:
        pass

    previous = signal.signal(signal.SIGTERM, own)
    try:
        handlers = [
            signal.getsignal(signal.SIGTERM) for _ in ordered_map(_square, range(40), jobs=2)
        ]
        assert set(handlers) == {own}
        assert signal.getsignal(signal.SIGTERM) is own
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_workers_leave_ctrl_c_to_the_parent_and_stop_on_sigterm() -> None:
    def own(signum: int, frame: FrameType | None) -> None:
        pass

    previous = signal.signal(signal.SIGTERM, own)  # inherited by forked workers, unless reset
    try:
        handlers = list(ordered_map(_signal_handlers, range(20), jobs=2))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert handlers[0] == (signal.default_int_handler, own)  # the parent's
    assert set(handlers[1:]) == {(signal.SIG_IGN, signal.SIG_DFL)}


def test_a_raising_worker_ends_the_run_and_leaves_no_process(tmp_path: Path) -> None:
    pidfile = tmp_path / "pids"
    items = [(n, str(pidfile)) for n in range(80)]
    with _deadline(30), pytest.raises(WorkerError, match="ValueError: boom"):
        list(ordered_map(_fail_at_30, items, jobs=2))
    workers = _worker_pids(pidfile, os.getpid())
    assert workers
    assert not any(_exists(pid) for pid in workers)
    assert multiprocessing.active_children() == []


def test_raising_on_the_first_item_starts_no_worker(tmp_path: Path) -> None:
    pidfile = tmp_path / "pids"
    items = [(n, str(pidfile)) for n in range(30, 80)]
    with pytest.raises(WorkerError, match="ValueError: boom"):
        list(ordered_map(_fail_at_30, items, jobs=2))
    assert _worker_pids(pidfile, os.getpid()) == set()


@pytest.mark.parametrize("dies", [_killed_at_30, _exits_at_30])
def test_a_worker_that_dies_ends_the_run_without_hanging(
    tmp_path: Path, dies: Callable[[tuple[int, str]], int]
) -> None:
    pidfile = tmp_path / "pids"
    items = [(n, str(pidfile)) for n in range(80)]
    with _deadline(30), pytest.raises(WorkerError, match="stopped unexpectedly"):
        list(ordered_map(dies, items, jobs=2))
    workers = _worker_pids(pidfile, os.getpid())
    assert len(workers) >= 1
    assert not any(_exists(pid) for pid in workers)
    assert multiprocessing.active_children() == []


def test_closing_the_generator_early_stops_every_worker() -> None:
    results = ordered_map(_slow_from_5, range(8), jobs=2, chunksize=1)
    with _deadline(10):
        for _ in range(5):
            next(results)
        workers = {process.pid for process in multiprocessing.active_children()}
        results.close()  # type: ignore[attr-defined]
    assert len(workers) == 2
    assert not any(pid is not None and _exists(pid) for pid in workers)
    assert multiprocessing.active_children() == []


# The parent stopped from outside, in a process of its own.

SLOW_MAP = """
import os, sys, time
from negplan.parallel import ordered_map

def slow(n):
    with open(sys.argv[1], "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\\n")
    time.sleep(60 if n else 0)  # the parent does the first item, the workers wait
    return n

for _ in ordered_map(slow, range(10), jobs=2, chunksize=1):
    pass
"""


@contextmanager
def _slow_map(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], set[int]]]:
    """A process running a long map, once both its workers have started on it. Whatever
    the test does, its process group is killed at the end."""
    script, pidfile = tmp_path / "slow_map.py", tmp_path / "pids"
    script.write_text(SLOW_MAP, encoding="utf-8")
    pidfile.touch()
    proc = subprocess.Popen(
        [sys.executable, str(script), str(pidfile)],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command
    )
    try:
        give_up = time.monotonic() + 30
        while len(workers := _worker_pids(pidfile, proc.pid)) < 2:
            assert time.monotonic() < give_up and proc.poll() is None, "the workers did not start"
            time.sleep(0.05)
        yield proc, workers
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_sigterm_to_the_parent_stops_its_workers(tmp_path: Path) -> None:
    with _slow_map(tmp_path) as (proc, workers):
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=20)
        assert proc.returncode == 128 + signal.SIGTERM, stderr  # exited through the handler
        assert none_running_soon(workers, 2)


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_ctrl_c_stops_the_parent_and_its_quiet_workers(tmp_path: Path) -> None:
    with _slow_map(tmp_path) as (proc, workers):
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
        _, stderr = proc.communicate(timeout=20)
        assert proc.returncode != 0
        assert stderr.count("KeyboardInterrupt") == 1, stderr  # the parent's only
        assert none_running_soon(workers, 2)


@pytest.mark.skipif(not LINUX, reason="the workers die with their parent on Linux")
def test_sigkill_to_the_parent_ends_its_workers(tmp_path: Path) -> None:
    with _slow_map(tmp_path) as (proc, workers):
        os.kill(proc.pid, signal.SIGKILL)  # the parent alone, not its group
        proc.communicate(timeout=20)
        assert none_running_soon(workers, 5)


# negplan's checks through the map.


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


def _summary(result: checking.FileResult) -> tuple[Any, ...]:
    error = None if result.error is None else result.error.render()
    return (result.path, result.kind, result.skipped, error, result.findings)


@pytest.mark.parametrize("jobs", [2, 3])
def test_checking_with_workers_gives_the_sequential_results(
    plans: list[str], jobs: int, tmp_path: Path
) -> None:
    inputs = [*plans, str(tmp_path / "missing.yaml")]
    sequential = [_summary(r) for r in check_paths(inputs, OPTIONS, jobs=1)]
    results = list(check_paths(inputs, OPTIONS, jobs=jobs))
    assert [_summary(r) for r in results] == sequential
    assert len(results) == len(plans) + 1
    assert results[-1].error is not None  # the missing file is reported, in its place
    assert any(r.findings for r in results)
    assert all(r.plan is None for r in results)  # the validated plans stay in the workers


def test_small_runs_stay_in_one_process(plans: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("no workers for a handful of files")

    monkeypatch.setattr(parallel, "ordered_map", refuse)
    few = plans[: checking.PARALLEL_MIN_FILES - 1]
    assert len(list(check_paths(few, OPTIONS, jobs=4))) == len(few)


def test_errors_before_any_file_keep_their_place(plans: list[str], tmp_path: Path) -> None:
    items = list(expand([str(tmp_path / "nope.yaml"), *plans]))
    assert isinstance(items[0], InputError)
    results = list(checking.check_items(items, OPTIONS, jobs=2))
    assert results[0].error is not None and results[0].path.endswith("nope.yaml")
    assert [r.path for r in results[1:]] == plans


def test_negplan_check_prints_the_same_with_workers(plans: list[str], tmp_path: Path) -> None:
    assert len(plans) >= checking.PARALLEL_MIN_FILES

    def check(jobs: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "negplan", "check", "--format", "parsable"]
        command += ["--today", "2026-11-23", "--jobs", jobs, str(tmp_path)]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    alone, together = check("1"), check("2")
    assert together.stdout == alone.stdout
    assert together.stderr == alone.stderr
    assert together.returncode == alone.returncode == 1
    assert len(alone.stdout.splitlines()) > 10
