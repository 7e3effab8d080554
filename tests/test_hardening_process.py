"""Stopping negplan from outside: Ctrl-C, SIGTERM, SIGHUP, a worker process killed by the
kernel. Each ends with one line (or none), the shell's exit code, every result already
gathered printed, no worker left running and no temporary file left behind."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAN, TODAY, Result
from support import none_running_soon

from negplan import checking, parallel
from negplan.parallel import WorkerError, ordered_map

LINUX = sys.platform.startswith("linux")
ROOT = Path(__file__).resolve().parent.parent

# negplan's command line in a process of its own, checking each file slowly so that a signal
# surely arrives while the workers are at it (forked workers inherit the slow function).
SLOW_CHECK = """
import sys, time
from negplan import checking, parallel
real = checking.check_file
def slow(path, **options):
    time.sleep(0.2)
    return real(path, **options)
checking.check_file = slow
from negplan.cli import main
sys.argv = ["negplan", *sys.argv[1:]]
main()
"""

# negplan's command line in a process of its own, stopping in the middle of a file write:
# the temporary file is written and synced, the rename has not happened yet.
SLOW_WRITE = """
import os, sys, time
real_fsync, flag = os.fsync, sys.argv[1]
def slow_fsync(fd):
    real_fsync(fd)
    open(flag, "w").close()  # tell the test: the temporary file is there
    time.sleep(60)
os.fsync = slow_fsync
from negplan.cli import main
sys.argv = ["negplan", *sys.argv[2:]]
main()
"""


def _plans(folder: Path, count: int) -> list[Path]:
    """``count`` plans with one finding each (an unknown key), so that each checked file
    prints a line."""
    text = CLEAN.read_text(encoding="utf-8").replace(
        "version: 1\n", "version: 1\nextra_key: 1\n", 1
    )
    folder.mkdir(exist_ok=True)
    paths = [folder / f"plan-{n:03d}.yaml" for n in range(count)]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    return paths


def _children(pid: int) -> set[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    return {int(child) for child in text.split()}


@contextmanager
def _negplan(script: str, *args: str | Path) -> Iterator[subprocess.Popen[str]]:
    """negplan run by ``script`` in its own process group (as a shell starts a command),
    killed with its group at the end whatever the test did."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        yield proc
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()


def _workers_of(proc: subprocess.Popen[str], count: int = 2) -> set[int]:
    give_up = time.monotonic() + 30
    while len(workers := _children(proc.pid)) < count:
        assert time.monotonic() < give_up and proc.poll() is None, "the workers did not start"
        time.sleep(0.05)
    return workers


def _checking_many(tmp_path: Path) -> list[str | Path]:
    assert len(_plans(tmp_path / "plans", 100)) >= checking.PARALLEL_MIN_FILES
    return ["check", "--today", TODAY, "--jobs", "2", "--format", "parsable", tmp_path / "plans"]


# --- SIGTERM and Ctrl-C to `check` while its workers run ----------------------------------------


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_sigterm_to_check_stops_it_and_its_workers_at_once(tmp_path: Path) -> None:
    """The issue's reproduction: `negplan check big/ | wc -l` returns after `kill -TERM`."""
    with _negplan(SLOW_CHECK, *_checking_many(tmp_path)) as proc:
        workers = _workers_of(proc)
        proc.send_signal(signal.SIGTERM)  # the main process alone, as `kill` does
        # communicate() returns only once every holder of the output pipe has closed it
        stdout, stderr = proc.communicate(timeout=20)
        assert proc.returncode == 143, stderr
        assert stderr == ""
        assert none_running_soon(workers)
        assert all(" [NP102] hint: " in line for line in stdout.splitlines())


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_ctrl_c_in_check_is_one_line_and_exit_130(tmp_path: Path) -> None:
    with _negplan(SLOW_CHECK, *_checking_many(tmp_path)) as proc:
        workers = _workers_of(proc)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
        _, stderr = proc.communicate(timeout=20)
        assert (proc.returncode, stderr) == (130, "negplan: interrupted\n")
        assert none_running_soon(workers)


def test_ctrl_c_in_brief_is_one_line_and_exit_130(
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    from negplan.commands import brief

    def interrupted(*args: Any, **kwargs: Any) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(brief, "render_brief", interrupted)
    result = run_cli("brief", CLEAN, "--today", TODAY)
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "negplan: interrupted\n")


def test_ctrl_c_while_the_report_is_written_stops_the_workers_at_once(
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Ctrl-C outside the pool's own code (here, in the report) still stops the workers
    before negplan exits, instead of leaving the pool to finish every file at exit."""
    from negplan.report.parsable import ParsableReport

    seen: list[int] = []

    def interrupted(self: ParsableReport, result: checking.FileResult) -> None:
        seen.append(len(multiprocessing.active_children()))
        raise KeyboardInterrupt

    monkeypatch.setattr(ParsableReport, "file", interrupted)
    result = run_cli(*_checking_many(tmp_path))
    assert (result.exit_code, result.stderr) == (130, "negplan: interrupted\n")
    assert seen == [2]  # the workers were running when Ctrl-C came
    assert multiprocessing.active_children() == []


def _handlers(n: int) -> tuple[Any, Any]:
    return signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)


def test_sigterm_and_sighup_are_handled_as_soon_as_workers_exist_and_not_in_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A SIGTERM just after the workers are forked stops them with the parent too."""
    seen: list[tuple[Any, Any]] = []
    real = parallel._started_since

    def started_since(before: Any) -> Any:
        seen.append(_handlers(0))
        return real(before)

    monkeypatch.setattr(parallel, "_started_since", started_since)
    workers = set(list(ordered_map(_handlers, range(20), jobs=2))[1:])
    assert seen and signal.SIG_DFL not in seen[0]
    assert workers == {(signal.SIG_DFL, signal.SIG_DFL)}  # a worker still stops on either
    assert _handlers(0) == (signal.SIG_DFL, signal.SIG_DFL)


def _held(n: int) -> set[int]:
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, []))


STOPPING = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_a_worker_holds_ctrl_c_until_it_has_set_how_it_answers_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Ctrl-C just after the fork: the worker takes it only once it ignores it (before, it
    printed a traceback or broke the pool, and the run ended as an internal error)."""
    record = tmp_path / "held"
    real = parallel._die_with_parent

    def die_with_parent(parent: int) -> None:  # runs in each worker, while it starts
        with open(record, "a", encoding="utf-8") as out:
            out.write(" ".join(str(int(s)) for s in sorted(_held(0))) + "\n")
        real(parent)

    monkeypatch.setattr(parallel, "_die_with_parent", die_with_parent)
    before = _held(0)
    held = list(ordered_map(_held, range(20), jobs=2))
    starting = [set(map(int, line.split())) for line in record.read_text().splitlines()]
    assert len(starting) == 2 and all(mask >= STOPPING for mask in starting)
    assert all(not STOPPING & mask for mask in held[1:])  # then the worker takes them
    assert _held(0) == before


# --- a worker killed from outside ----------------------------------------------------------------


def _killed_at(victim: str, parent: int) -> Callable[..., checking.FileResult]:
    real = checking.check_file

    def check_file(path: str, **options: Any) -> checking.FileResult:
        if path == victim and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer does
        return real(path, **options)

    return check_file


def test_a_killed_worker_is_reported_in_one_line_and_every_result_gathered_is_printed(
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paths = [str(p) for p in _plans(tmp_path / "plans", 80)]
    monkeypatch.setattr(checking, "check_file", _killed_at(paths[40], os.getpid()))
    result = run_cli("check", "--today", TODAY, "--jobs", "2", "-f", "json", tmp_path / "plans")
    assert result.exit_code == 2, result
    [line] = result.stderr.splitlines()
    match = re.fullmatch(
        r"negplan: error: a worker process stopped \(killed by SIGKILL\); "
        r"(\d+) files were not checked: (.*)",
        line,
    )
    assert match, line
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == paths  # every file, in its place
    lost = [f["path"] for f in files if f["error"]]
    assert paths[40] in lost
    assert int(match[1]) == len(lost)
    assert match[2] == ", ".join(lost[:3]) + f" and {len(lost) - 3} more"
    assert all("not checked" in f["error"]["message"] for f in files if f["error"])
    checked = [f for f in files if not f["error"]]
    assert paths[0] in [f["path"] for f in checked]  # what came back before is kept
    assert all(f["findings"] for f in checked)
    assert multiprocessing.active_children() == []


def _killed_at_30(n: int) -> int:
    if n == 30:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def _not_done(n: int, why: str) -> str:
    return f"lost {n}: {why}"


def test_the_map_yields_lost_items_in_their_place_when_asked() -> None:
    results = list(ordered_map(_killed_at_30, range(60), jobs=2, chunksize=1, lost=_not_done))
    assert len(results) == 60
    assert "lost 30: killed by SIGKILL" in results
    first_lost = next(i for i, r in enumerate(results) if isinstance(r, str))
    assert results[:first_lost] == list(range(first_lost))  # nothing before it is lost
    assert all(r == n or r == f"lost {n}: killed by SIGKILL" for n, r in enumerate(results))
    assert multiprocessing.active_children() == []


def test_without_lost_a_dead_worker_is_an_error_that_says_how_it_ended() -> None:
    with pytest.raises(WorkerError, match=r"stopped unexpectedly \(killed by SIGKILL\)"):
        list(ordered_map(_killed_at_30, range(60), jobs=2, chunksize=1))
    assert multiprocessing.active_children() == []


# --- signals during a write ----------------------------------------------------------------------


@pytest.mark.skipif(not LINUX, reason="POSIX signals")
@pytest.mark.parametrize(
    ("signum", "code", "stderr"),
    [
        (signal.SIGTERM, 143, ""),
        (signal.SIGHUP, 129, ""),
        (signal.SIGINT, 130, "negplan: interrupted\n"),
    ],
)
def test_a_signal_during_a_write_leaves_no_temporary_file(
    tmp_path: Path, signum: int, code: int, stderr: str
) -> None:
    flag, out = tmp_path / "writing", tmp_path / "out"
    out.mkdir()
    args = [flag, "brief", CLEAN, "--today", TODAY, "-o", out / "brief.md"]
    with _negplan(SLOW_WRITE, *args) as proc:
        give_up = time.monotonic() + 30
        while not flag.exists():
            assert time.monotonic() < give_up and proc.poll() is None, "no write began"
            time.sleep(0.05)
        assert next(p.name for p in out.iterdir()).startswith(".brief.md.")  # mid-write
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=20)
        assert (proc.returncode, err) == (code, stderr)
    assert list(out.iterdir()) == []


def test_ctrl_c_while_the_command_line_loads_is_one_line() -> None:
    # Ctrl-C can land while Python is still importing typer and negplan, before any command
    # runs: the entry point catches it too.
    code = (
        "import builtins\n"
        "real = builtins.__import__\n"
        "def interrupted(name, *args, **kwargs):\n"
        "    if name == 'negplan.cli':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupted\n"
        "from negplan.__main__ import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 130
    assert done.stderr == "negplan: interrupted\n"
