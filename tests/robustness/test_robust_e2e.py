"""End to end through ``python -m negplan``: no hang, no traceback, bounded time and memory."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from robust_cases import CORPUS, GENERATED, TODAY, assert_one_line_messages

#: Peak memory any negplan process may reach on the hostile inputs below.
MAX_RSS_MB = 400


def _negplan(
    *args: str | os.PathLike[str], timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONFAULTHANDLER": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "negplan", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert time.perf_counter() - start < timeout
    assert result.returncode >= 0, f"killed by signal {-result.returncode}"
    assert_one_line_messages(result.stdout + result.stderr)
    return result


def _peak_child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def test_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    for args in (
        ["check", fifo, "--today", TODAY],
        ["check", tmp_path, "--today", TODAY],
        ["brief", fifo, "--today", TODAY],
    ):
        result = _negplan(*args, timeout=20)
        assert result.returncode == 2, result
        assert f"{fifo}: error: not a regular file" in result.stderr


def test_dev_zero_does_not_grow_memory() -> None:
    result = _negplan("check", "/dev/zero", "--today", TODAY, timeout=20)
    assert result.returncode == 2
    assert result.stderr.startswith("/dev/zero: error: not a regular file")


@pytest.mark.parametrize(
    "name", ["deep-block-300000.yaml", "deep-unclosed-500000.yaml", "big-alias-bomb.yaml",
             "long-text-alias-bomb.yaml"],
)  # fmt: skip
def test_bombs_end_with_a_finding_in_bounded_time_and_memory(tmp_path: Path, name: str) -> None:
    make, expect = GENERATED[name]
    path = tmp_path / name
    path.write_bytes(make())
    result = _negplan("check", path, "--today", TODAY, "--format", "parsable", timeout=30)
    assert result.returncode == 1, result
    assert f"{path}:{expect.line}:" in result.stdout and f"[{expect.code}]" in result.stdout
    assert _peak_child_rss_mb() < MAX_RSS_MB


def test_corpus_folder_end_to_end() -> None:
    result = _negplan("check", CORPUS, "--today", TODAY, "--format", "json", timeout=60)
    assert result.returncode == 1, result
    assert _peak_child_rss_mb() < MAX_RSS_MB


def test_code_running_tag_end_to_end(tmp_path: Path) -> None:
    marker = Path(f"/tmp/pwned-{uuid.uuid4().hex}")
    path = tmp_path / "plan.yaml"
    path.write_text(
        f'kind: plan\nversion: 1\ndeal: !!python/object/apply:os.system ["touch {marker}"]\n'
    )
    result = _negplan("check", path, "--today", TODAY)
    assert result.returncode == 1
    assert f"{path}:3:7: error: tag !!python/object/apply:os.system is not allowed" in (
        result.stdout
    )
    assert not marker.exists()
