"""Benchmark negplan against its peers on generated plans.

``python -m bench`` (or ``bench/run``) generates seeded plans for the bundled default
playbook, then times, on the same files and in the same session:

* ``negplan check`` (all rules, positions for every finding);
* ``check-jsonschema`` with negplan's exported plan schema;
* ``yamllint`` with its default rules;
* the parse floor: PyYAML's libyaml loader reading every file, nothing else;
* on one plan, also ``negplan brief`` (Markdown and PDF), and the start-up of
  ``negplan --version``, ``negplan --help`` and a bare typer app that does nothing.

It prints a table (tool, files, median seconds, ratio to negplan, ratio to the floor, peak
RSS of the whole process tree) and checks the performance targets. It installs nothing: a
peer that is not installed is reported as missing and left out. Like ``pip install`` does,
it byte-compiles negplan's modules first, so that an editable checkout is not timed
compiling its sources on every run (``--no-compile`` to skip).
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.generate import generate

FLOOR_SCRIPT = """
import sys, yaml
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""
BARE_TYPER_APP = """
import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(name: str = "") -> None:
    \"\"\"Do nothing.\"\"\"


app()
"""
#: One plan of the repository's examples, for the brief rows.
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "clean-renewal.yaml"


@dataclass
class Row:
    """One measured tool on one corpus."""

    tool: str
    files: int
    seconds: float
    rss_mb: float


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm", encoding="ascii") as handle:
                rss[int(entry)] = int(handle.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def run_once(command: list[str], *, cwd: Path) -> tuple[float, float]:
    """Run a command; return wall seconds and the peak RSS (MB) of its process tree."""
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(command[:3])} exited {process.returncode}")
    return elapsed, peak / 1e6


def measure(commands: dict[str, list[str]], *, files: int, repeat: int, cwd: Path) -> list[Row]:
    """Run each command ``repeat`` times, alternating tools, and keep the medians."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for _ in range(repeat):
        for name, command in commands.items():
            seconds, rss = run_once(command, cwd=cwd)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], rss)
    return [Row(name, files, statistics.median(times[name]), peaks[name]) for name in commands]


def _tools(
    corpus: list[str], schema: Path, *, jobs: int | None, single: bool
) -> dict[str, list[str]]:
    bindir = Path(sys.executable).parent
    negplan = [str(bindir / "negplan"), "check", "--format", "parsable", "--today", "2026-11-23"]
    if jobs is not None:
        negplan += ["--jobs", str(jobs)]
    commands = {"negplan": negplan + (corpus if single else [corpus[0]])}
    cjs = shutil.which("check-jsonschema", path=str(bindir)) or shutil.which("check-jsonschema")
    if cjs:
        commands["check-jsonschema"] = [cjs, "--schemafile", str(schema), *corpus]
    yamllint = shutil.which("yamllint", path=str(bindir)) or shutil.which("yamllint")
    if yamllint:
        commands["yamllint"] = [yamllint, "-f", "parsable", *corpus]
    try:
        import yaml

        if getattr(yaml, "CSafeLoader", None) is not None:
            commands["parse floor (libyaml)"] = [sys.executable, "-c", FLOOR_SCRIPT, *corpus]
    except ImportError:
        pass
    return commands


def _startup_commands(work: Path) -> dict[str, list[str]]:
    bindir = Path(sys.executable).parent
    bare = work / "bare_typer_app.py"
    bare.write_text(BARE_TYPER_APP, encoding="utf-8")
    return {
        "negplan --version": [str(bindir / "negplan"), "--version"],
        "negplan --help": [str(bindir / "negplan"), "--help"],
        "bare typer app": [sys.executable, str(bare)],
    }


def _brief_commands(work: Path) -> dict[str, list[str]]:
    negplan = str(Path(sys.executable).parent / "negplan")
    return {
        "negplan brief --format md": [negplan, "brief", str(EXAMPLE), "--format", "md"],
        "negplan check (same plan)": [negplan, "check", str(EXAMPLE), "--format", "parsable"],
    }


def _pdf_command(work: Path) -> dict[str, list[str]]:
    negplan = str(Path(sys.executable).parent / "negplan")
    pdf = str(work / "tmp.pdf")
    return {
        "negplan brief --format pdf": [
            negplan,
            "brief",
            str(EXAMPLE),
            "--format",
            "pdf",
            "-o",
            pdf,
            "--force",
        ]
    }


def _available(commands: dict[str, list[str]], *, cwd: Path) -> dict[str, list[str]]:
    """The commands that run at all (``negplan brief`` may not be installed yet)."""
    usable = {}
    for name, command in commands.items():
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        if done.returncode in (0, 1):
            usable[name] = command
        else:
            print(f"bench: left out {name!r} (exit {done.returncode})")
    return usable


def _cell(value: float) -> str:
    return "—" if value != value else f"{value:.2f}"


def _table(rows: list[Row], *, cores: int) -> str:
    base = {r.files: r.seconds for r in rows if r.tool == "negplan"}
    floor = {r.files: r.seconds / cores for r in rows if r.tool.startswith("parse floor")}
    out = [
        "| tool | files | median s | ratio to negplan | ratio to floor/cores | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        to_negplan = r.seconds / base[r.files] if r.files in base else float("nan")
        to_floor = r.seconds / floor[r.files] if r.files in floor else float("nan")
        out.append(
            f"| {r.tool} | {r.files:,} | {r.seconds:.3f} | {_cell(to_negplan)} | "
            f"{_cell(to_floor)} | {r.rss_mb:.0f} |"
        )
    return "\n".join(out)


def main() -> int:
    """Generate the corpora, measure, print the table and the verdict on each target."""
    parser = argparse.ArgumentParser(description="Benchmark negplan against its peers.")
    parser.add_argument("--sizes", default="1,1000,10000", help="corpus sizes")
    parser.add_argument("--repeat-single", type=int, default=15, help="runs on one plan")
    parser.add_argument("--repeat", type=int, default=5, help="runs on 1,000 plans")
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs to negplan")
    parser.add_argument("--keep", type=Path, default=None, help="write corpora here")
    parser.add_argument(
        "--no-compile", action="store_true", help="do not byte-compile negplan's modules first"
    )
    args = parser.parse_args()
    cores = args.jobs or os.cpu_count() or 1
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="negplan-bench-"))
    bindir = Path(sys.executable).parent
    schema = work / "plan.schema.json"
    subprocess.run(
        [str(bindir / "negplan"), "schema", "plan", "-o", str(schema), "--force"], check=True
    )
    if not args.no_compile:
        import negplan

        compileall.compile_dir(Path(negplan.__file__).parent, quiet=1)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    rows: list[Row] = []
    for size in sizes:
        folder = work / f"plans-{size}"
        if not folder.exists():
            generate(folder, size)
        corpus = sorted(str(p) for p in folder.rglob("*.yaml"))
        repeat = args.repeat_single if size == 1 else (args.repeat if size <= 1000 else 1)
        commands = _tools(corpus, schema, jobs=args.jobs, single=size == 1)
        if size > 1:
            commands["negplan"] = [*commands["negplan"][:-1], str(folder)]
        else:
            commands.update(_startup_commands(work))
            commands.update(_available(_brief_commands(work), cwd=work))
        rows += measure(commands, files=size, repeat=repeat, cwd=work)
        if size == 1:
            pdf = _available(_pdf_command(work), cwd=work)
            rows += measure(pdf, files=size, repeat=min(repeat, 5), cwd=work)
        print(_table(rows, cores=cores), flush=True)
        print()
    return _verdict(rows, cores=cores)


def _verdict(rows: list[Row], *, cores: int) -> int:
    def get(tool: str, files: int) -> Row | None:
        return next(
            (
                r
                for r in rows
                if (r.tool == tool or (tool == "parse floor" and r.tool.startswith(tool)))
                and r.files == files
            ),
            None,
        )

    checks: list[tuple[str, bool]] = []
    n1, c1 = get("negplan", 1), get("check-jsonschema", 1)
    if n1 and c1:
        ratio = n1.seconds / c1.seconds
        checks.append((f"cold start {ratio:.2f}x check-jsonschema (target <= 0.65)", ratio <= 0.65))
    bare = get("bare typer app", 1)
    for name in ("negplan --version", "negplan --help"):
        row = get(name, 1)
        if row and bare:
            ratio = row.seconds / bare.seconds
            checks.append((f"{name} {ratio:.2f}x a bare typer app (target <= 1)", ratio <= 1))
    brief, same = get("negplan brief --format md", 1), get("negplan check (same plan)", 1)
    if brief and same:
        ratio = brief.seconds / same.seconds
        checks.append(
            (f"Markdown brief {ratio:.2f}x a cold check of the plan (target <= 1.5)", ratio <= 1.5)
        )
    pdf = get("negplan brief --format pdf", 1)
    if pdf:
        print(f"INFO  PDF brief cold: {pdf.seconds:.3f} s")
    n1k, c1k, f1k = get("negplan", 1000), get("check-jsonschema", 1000), get("parse floor", 1000)
    if n1k and c1k:
        ratio = n1k.seconds / c1k.seconds
        checks.append(
            (f"1,000 plans {ratio:.2f}x check-jsonschema (target <= 0.35)", ratio <= 0.35)
        )
    if n1k and f1k:
        ratio = n1k.seconds / (f1k.seconds / cores)
        checks.append(
            (
                f"1,000 plans {ratio:.2f}x the parse floor / {cores} cores (target <= 1.8)",
                ratio <= 1.8,
            )
        )
    n10k = get("negplan", 10000)
    if n10k and n1k:
        ratio = n10k.seconds / n1k.seconds
        checks.append((f"10,000 plans {ratio:.2f}x the 1,000 time (target <= 10.5)", ratio <= 10.5))
    if n10k:
        checks.append(
            (f"10,000 plans peak RSS {n10k.rss_mb:.0f} MB (target <= 150)", n10k.rss_mb <= 150)
        )
    for text, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
