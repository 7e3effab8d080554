"""Benchmark negplan against its peers on generated plans, and check its speed targets.

``bench/run`` (or ``python -m bench``) generates seeded plans for the bundled default
playbook, then times, on the same files and in the same session, alternating the tools run
by run and keeping the median:

* ``negplan check`` (all rules, positions for every finding);
* ``check-jsonschema`` with negplan's exported plan schema;
* ``yamllint`` with its default rules;
* the parse floor: PyYAML's libyaml loader reading every file, nothing else;
* on one plan, also ``negplan brief`` (Markdown and PDF), the start-up of
  ``negplan --version`` and ``negplan --help``, and a bare typer app whose one command does
  nothing, both run plainly and with ``--help``.

It prints a table (tool, files, median seconds, ratio to negplan, ratio to the floor, peak
RSS of the whole process tree), then one verdict line per target:

1. a cold ``negplan check`` of one plan takes ≤ 1.2× check-jsonschema on the same plan,
   and ≤ the bare typer app's plain run + 0.1 s;
2. ``negplan --version`` ≤ 1.1× the bare typer app's plain run, and ``negplan --help``
   ≤ 1.1× the bare typer app's ``--help``;
3. 1,000 plans: ≤ 0.35× check-jsonschema, and ≤ 2.5× the libyaml parse floor divided by
   the number of cores (a line also tells whether the aim, ≤ 1.8×, is met; missing the aim
   is not a failure);
4. 10,000 plans: ≤ 10.5× the 1,000-plan time, with the peak RSS of the process tree
   ≤ 150 MB (the parse floor's own 10,000 ÷ 1,000 ratio is printed next to it, as a
   machine whose speed drifts during the run shows there too);
5. a Markdown brief (``negplan brief PLAN --format md``) ≤ 2.0× a cold check of the same
   plan;
6. a PDF brief: its cold time, for information (no target);
7. ``negplan diff`` of a playbook change (discount authority 10% → 8%) over 1,000 plans
   ≤ 1.5× one ``negplan check`` of the same folder (the plans and the changed playbook);
8. ``negplan report`` (HTML, with its charts) of 10,000 plans and their debriefs
   (``bench.generate --debriefs``, checked on 2027-06-30), with no cache ≤ 1.5× one
   ``negplan check`` of the same folder plus the charts (the charts: a warm HTML report whose
   kept charts are deleted first, so that it draws them, less a warm JSON report of the same
   folder); a second report over the unchanged files (its
   cache warm) ≤ 0.2× the first; the first's peak RSS ≤ 250 MB; and ``negplan --help`` and
   ``negplan check`` load none of the report's modules, matplotlib or sqlite3.

The number of cores is the number negplan may run on (its CPU affinity), or ``--jobs``.
The process exits 1 when a target fails (``--no-fail`` exits 0 all the same, for
exploratory runs). A target whose baseline is a peer that is not installed prints
"skipped: <peer> not installed", and one whose corpus is not in ``--sizes`` is skipped too;
neither fails the run. It installs nothing. Like ``pip install`` does, it byte-compiles
negplan's modules first, so that an editable checkout is not timed compiling its sources on
every run (``--no-compile`` to skip).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
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

#: The names of the rows, as the table prints them and the verdicts look them up.
NEGPLAN = "negplan"
CJS = "check-jsonschema"
YAMLLINT = "yamllint"
FLOOR = "parse floor (libyaml)"
VERSION = "negplan --version"
HELP = "negplan --help"
BARE = "bare typer app (plain run)"
BARE_HELP = "bare typer app --help"
BRIEF_MD = "negplan brief --format md"
SAME_PLAN = "negplan check (same plan)"
BRIEF_PDF = "negplan brief --format pdf"
DIFF = "negplan diff"
DIFF_CHECK = "negplan check (diff corpus)"
REPORT = "negplan report --format html (no cache)"
REPORT_AGAIN = "negplan report --format html (cache warm)"
REPORT_DATA = "negplan report --format json (cache warm)"
REPORT_DRAWN = "negplan report --format html (facts cached, charts drawn)"
REPORT_CHECK = "negplan check (report corpus)"
#: The day the report corpus is checked on (its meetings before it may have debriefs).
REPORT_TODAY = "2027-06-30"

#: The limits of the targets (see the module docstring).
COLD_TO_CJS = 1.2
COLD_OVER_BARE_S = 0.1
STARTUP_TO_BARE = 1.1
MANY_TO_CJS = 0.35
MANY_TO_FLOOR = 2.5
MANY_TO_FLOOR_AIM = 1.8
SCALE_10K_TO_1K = 10.5
PEAK_RSS_MB = 150.0
BRIEF_TO_CHECK = 2.0
DIFF_TO_CHECK = 1.5
REPORT_TO_CHECK = 1.5
REPORT_AGAIN_TO_FIRST = 0.2
REPORT_RSS_MB = 250.0
#: What ``--help`` and ``check`` must not load (the report's machinery).
REPORT_MODULES = ("negplan.portfolio.", "matplotlib", "sqlite3")


@dataclass
class Row:
    """One measured tool on one corpus."""

    tool: str
    files: int
    seconds: float
    rss_mb: float


@dataclass(frozen=True)
class Absent:
    """Why a row that a target needs was not measured."""

    reason: str
    #: A peer that is not installed only skips the target; negplan not running fails it.
    fails: bool = False


@dataclass(frozen=True)
class Verdict:
    """One line of the verdict: a target, what it measured against its limit, and status."""

    status: str  # PASS, FAIL, INFO or SKIP
    target: str
    text: str

    def line(self) -> str:
        """The line as printed."""
        return f"{self.status:<4}  [{self.target}] {self.text}"


def parse_sizes(text: str) -> list[int]:
    """The corpus sizes of ``--sizes``: positive integers separated by commas."""
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError(f"sizes must be positive numbers: {text!r}")
    return sizes


def usable_cores() -> int:
    """The number of cores this process may run on (negplan starts one worker per core)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


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


def _which(name: str) -> str | None:
    """A console script next to this Python first, then on the PATH."""
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


def _has_libyaml() -> bool:
    try:
        import yaml
    except ImportError:
        return False
    return getattr(yaml, "CSafeLoader", None) is not None


def _tools(
    corpus: list[str],
    schema: Path,
    *,
    jobs: int | None,
    single: bool,
    absent: dict[str, Absent],
) -> dict[str, list[str]]:
    """negplan check and its peers on a corpus; peers not installed go to ``absent``."""
    bindir = Path(sys.executable).parent
    negplan = [str(bindir / "negplan"), "check", "--format", "parsable", "--today", "2026-11-23"]
    if jobs is not None:
        negplan += ["--jobs", str(jobs)]
    commands = {NEGPLAN: negplan + (corpus if single else [corpus[0]])}
    cjs = _which("check-jsonschema")
    if cjs:
        commands[CJS] = [cjs, "--schemafile", str(schema), *corpus]
    else:
        absent[CJS] = Absent("check-jsonschema not installed")
    yamllint = _which("yamllint")
    if yamllint:
        commands[YAMLLINT] = [yamllint, "-f", "parsable", *corpus]
    else:
        absent[YAMLLINT] = Absent("yamllint not installed")
    if _has_libyaml():
        commands[FLOOR] = [sys.executable, "-c", FLOOR_SCRIPT, *corpus]
    else:
        absent[FLOOR] = Absent("PyYAML with libyaml not installed")
    return commands


def _startup_commands(work: Path, *, absent: dict[str, Absent]) -> dict[str, list[str]]:
    """negplan's start-up, and a bare typer app run plainly and with ``--help``."""
    negplan = str(Path(sys.executable).parent / "negplan")
    commands = {VERSION: [negplan, "--version"], HELP: [negplan, "--help"]}
    if importlib.util.find_spec("typer") is None:
        absent[BARE] = absent[BARE_HELP] = Absent("typer not installed")
        return commands
    bare = work / "bare_typer_app.py"
    bare.write_text(BARE_TYPER_APP, encoding="utf-8")
    commands[BARE] = [sys.executable, str(bare)]
    commands[BARE_HELP] = [sys.executable, str(bare), "--help"]
    return commands


def _brief_commands() -> dict[str, list[str]]:
    """The Markdown brief of the example plan, and a check of the same plan."""
    negplan = str(Path(sys.executable).parent / "negplan")
    return {
        BRIEF_MD: [negplan, "brief", str(EXAMPLE), "--format", "md"],
        SAME_PLAN: [negplan, "check", str(EXAMPLE), "--format", "parsable"],
    }


def _pdf_command(work: Path) -> dict[str, list[str]]:
    """The PDF brief of the example plan, written to a scratch file."""
    negplan = str(Path(sys.executable).parent / "negplan")
    pdf = str(work / "tmp.pdf")
    return {BRIEF_PDF: [negplan, "brief", str(EXAMPLE), "--format", "pdf", "-o", pdf, "--force"]}


def _diff_commands(work: Path, size: int) -> dict[str, list[str]]:
    """A diff of a tighter discount authority over ``size`` plans that use the changed
    playbook, and a check of the same folder."""
    import negplan

    folder = work / f"diff-{size}"
    old = work / "playbook-old.yaml"
    if not folder.exists():
        generate(folder, size)
        text = (Path(negplan.__file__).parent / "data" / "default-playbook.yaml").read_text(
            encoding="utf-8"
        )
        old.write_text(text, encoding="utf-8")
        tighter = text.replace("    authority: 10\n", "    authority: 8\n", 1)
        (folder / "playbook.yaml").write_text(tighter, encoding="utf-8")
    negplan_bin = str(Path(sys.executable).parent / "negplan")
    today = ["--today", "2026-11-23"]
    return {
        DIFF: [
            negplan_bin,
            "diff",
            str(folder / "playbook.yaml"),
            "--old",
            str(old),
            str(folder),
            "--format",
            "json",
            *today,
        ],
        DIFF_CHECK: [negplan_bin, "check", str(folder), "--format", "parsable", *today],
    }


def _report_commands(work: Path, size: int) -> dict[str, list[str]]:
    """A report of ``size`` plans and their debriefs: cold (its cache removed first), warm
    (HTML and JSON), and a check of the same folder."""
    folder = work / f"report-{size}"
    if not folder.exists():
        generate(folder, size, debriefs=True)
    negplan_bin = str(Path(sys.executable).parent / "negplan")
    common = [negplan_bin, "report", str(folder), "--today", REPORT_TODAY, "--force"]
    cold, warm = work / f"report-{size}-cold", work / f"report-{size}-warm"
    cold.mkdir(exist_ok=True)
    warm.mkdir(exist_ok=True)

    def shell(where: Path, *args: str, fresh: bool = False, draw: bool = False) -> list[str]:
        clear = "rm -rf .negplan && " if fresh else ""
        if draw:  # the facts stay cached; the charts kept are deleted, so all are drawn
            clear = f'"{sys.executable}" -c "{_FORGET_CHARTS}" && '
        return ["sh", "-c", f'cd "{where}" && {clear}exec "$@"', "report", *common, *args]

    check = [negplan_bin, "check", str(folder), "--format", "parsable", "--today", REPORT_TODAY]
    return {
        REPORT_CHECK: check,
        REPORT: shell(cold, "-o", "report.html", fresh=True),
        REPORT_AGAIN: shell(warm, "-o", "report.html"),
        REPORT_DATA: shell(warm, "-o", "report.json"),
        REPORT_DRAWN: shell(warm, "-o", "report.html", draw=True),
    }


#: Python that deletes the charts a report's cache keeps (and nothing else).
_FORGET_CHARTS = (
    "import sqlite3; db = sqlite3.connect('.negplan/report-cache.sqlite3'); "
    "db.execute('DELETE FROM charts'); db.commit()"
)


def import_verdict() -> Verdict:
    """Target 8: ``negplan --help`` and ``negplan check`` load none of
    :data:`REPORT_MODULES`."""
    code = (
        "import sys\nfrom negplan.cli import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    loaded: set[str] = set()
    for args in (["--help"], ["check", str(EXAMPLE)]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
        )
        modules = done.stdout.splitlines()[-1].split() if done.stdout else ["(no output)"]
        loaded |= {m for m in modules if m.startswith(REPORT_MODULES)}
    label = "negplan --help and check load nothing of the report"
    found = ", ".join(sorted(loaded)[:5]) or "none"
    return Verdict(_status(not loaded), "8", f"{label}: {found}")


def _available(
    commands: dict[str, list[str]], *, cwd: Path, absent: dict[str, Absent]
) -> dict[str, list[str]]:
    """The commands that run at all; the others go to ``absent``, as failures of negplan."""
    usable = {}
    for name, command in commands.items():
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        if done.returncode in (0, 1):
            usable[name] = command
            continue
        print(f"bench: left out {name!r} (exit {done.returncode})")
        if name == BRIEF_PDF and importlib.util.find_spec("weasyprint") is None:
            absent[name] = Absent("WeasyPrint not installed")
        else:
            absent[name] = Absent(f"`{name}` exited {done.returncode}", fails=True)
    return usable


def _cell(value: float) -> str:
    return "—" if value != value else f"{value:.2f}"


def table(rows: list[Row], *, cores: int) -> str:
    """The measurements as a Markdown table, with ratios to negplan and to the floor/cores."""
    base = {r.files: r.seconds for r in rows if r.tool == NEGPLAN}
    floor = {r.files: r.seconds / cores for r in rows if r.tool == FLOOR}
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


def _plans(count: int) -> str:
    return f"{count:,} plan" if count == 1 else f"{count:,} plans"


def _status(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _compare(
    target: str, label: str, row: Row, base: float, limit: float, *, base_text: str = ""
) -> Verdict:
    """A ratio target: ``row`` takes at most ``limit`` times ``base`` seconds."""
    ratio = row.seconds / base if base > 0 else float("inf")
    digits = 3 if row.seconds < 1 else 2
    against = base_text or f"{base:.{digits}f} s"
    return Verdict(
        _status(ratio <= limit),
        target,
        f"{label}: {ratio:.2f}× ({row.seconds:.{digits}f} s against {against}); limit ≤ {limit}×",
    )


def verdicts(
    rows: Sequence[Row],
    *,
    cores: int,
    sizes: Sequence[int],
    absent: dict[str, Absent] | None = None,
) -> list[Verdict]:
    """The verdict on every target, from the measured rows.

    A target is skipped when its corpus size was not measured or a peer it compares with
    is not installed; it fails when a negplan row it needs is missing for another reason.
    """
    absent = absent or {}
    found = {(r.tool, r.files): r for r in rows}
    out: list[Verdict] = []

    def need(target: str, label: str, *keys: tuple[str, int]) -> list[Row] | None:
        """The rows of ``keys``, or None after recording why the target cannot be judged."""
        for tool, files in keys:
            if (tool, files) in found:
                continue
            if files not in sizes:
                out.append(Verdict("SKIP", target, f"{label}: skipped: {_plans(files)} not run"))
            elif tool in absent and not absent[tool].fails:
                out.append(Verdict("SKIP", target, f"{label}: skipped: {absent[tool].reason}"))
            else:
                why = absent[tool].reason if tool in absent else f"no `{tool}` row"
                out.append(Verdict("FAIL", target, f"{label}: not measured: {why}"))
            return None
        return [found[key] for key in keys]

    # 1. A cold check of one plan.
    label = "cold check of one plan vs check-jsonschema"
    if got := need("1", label, (NEGPLAN, 1), (CJS, 1)):
        check, cjs = got
        out.append(_compare("1", label, check, cjs.seconds, COLD_TO_CJS))
    label = "cold check of one plan vs the bare typer app (plain run)"
    if got := need("1", label, (NEGPLAN, 1), (BARE, 1)):
        check, bare = got
        over = check.seconds - bare.seconds
        out.append(
            Verdict(
                _status(over <= COLD_OVER_BARE_S),
                "1",
                f"{label}: {over:+.3f} s ({check.seconds:.3f} s against {bare.seconds:.3f} s); "
                f"limit ≤ +{COLD_OVER_BARE_S} s",
            )
        )
    # 2. Start-up, each against the bare app doing the same kind of work.
    for name, baseline, wording in (
        (VERSION, BARE, "the bare typer app's plain run"),
        (HELP, BARE_HELP, "the bare typer app's --help"),
    ):
        label = f"{name} vs {wording}"
        if got := need("2", label, (name, 1), (baseline, 1)):
            row, base = got
            out.append(_compare("2", label, row, base.seconds, STARTUP_TO_BARE))
    # 3. 1,000 plans.
    label = "1,000 plans vs check-jsonschema"
    if got := need("3", label, (NEGPLAN, 1000), (CJS, 1000)):
        check, cjs = got
        out.append(_compare("3", label, check, cjs.seconds, MANY_TO_CJS))
    label = f"1,000 plans vs the libyaml parse floor ÷ {cores} cores"
    if got := need("3", label, (NEGPLAN, 1000), (FLOOR, 1000)):
        check, floor = got
        share = floor.seconds / cores
        text = f"{floor.seconds:.2f} s ÷ {cores} = {share:.2f} s"
        verdict = _compare("3", label, check, share, MANY_TO_FLOOR, base_text=text)
        out.append(verdict)
        ratio = check.seconds / share if share > 0 else float("inf")
        met = "met" if ratio <= MANY_TO_FLOOR_AIM else "not met (informational, not a failure)"
        out.append(
            Verdict("INFO", "3", f"{label}: {ratio:.2f}×; aim ≤ {MANY_TO_FLOOR_AIM}×: {met}")
        )
    # 4. 10,000 plans.
    label = "10,000 plans vs the 1,000-plan time"
    if got := need("4", label, (NEGPLAN, 10000), (NEGPLAN, 1000)):
        big, small = got
        out.append(_compare("4", label, big, small.seconds, SCALE_10K_TO_1K))
    if (FLOOR, 10000) in found and (FLOOR, 1000) in found:
        big_floor, small_floor = found[(FLOOR, 10000)], found[(FLOOR, 1000)]
        ratio = big_floor.seconds / small_floor.seconds if small_floor.seconds > 0 else 0.0
        out.append(
            Verdict(
                "INFO",
                "4",
                f"the parse floor, for comparison: {ratio:.2f}× its 1,000-plan time "
                f"({big_floor.seconds:.2f} s against {small_floor.seconds:.2f} s; far above "
                "10× means the machine slowed down between the two)",
            )
        )
    label = "10,000 plans, peak RSS of the process tree"
    if got := need("4", label, (NEGPLAN, 10000)):
        (big,) = got
        out.append(
            Verdict(
                _status(big.rss_mb <= PEAK_RSS_MB),
                "4",
                f"{label}: {big.rss_mb:.0f} MB; limit ≤ {PEAK_RSS_MB:.0f} MB",
            )
        )
    # 5. The Markdown brief.
    label = "Markdown brief vs a cold check of the same plan"
    if got := need("5", label, (BRIEF_MD, 1), (SAME_PLAN, 1)):
        brief, check = got
        out.append(_compare("5", label, brief, check.seconds, BRIEF_TO_CHECK))
    # 6. The PDF brief, for information.
    label = "PDF brief, cold"
    if (BRIEF_PDF, 1) in found:
        out.append(
            Verdict("INFO", "6", f"{label}: {found[(BRIEF_PDF, 1)].seconds:.3f} s (no target)")
        )
    elif 1 not in sizes:
        out.append(Verdict("INFO", "6", f"{label}: skipped: {_plans(1)} not run"))
    else:
        gone = absent.get(BRIEF_PDF, Absent("not run"))
        out.append(
            Verdict(
                "INFO",
                "6",
                f"{label}: {'not measured' if gone.fails else 'skipped'}: {gone.reason}",
            )
        )
    # 7. A playbook diff over 1,000 plans.
    label = "diff of 1,000 plans vs one check of them"
    if got := need("7", label, (DIFF, 1000), (DIFF_CHECK, 1000)):
        diff, check = got
        out.append(_compare("7", label, diff, check.seconds, DIFF_TO_CHECK))
    out += _report_verdicts(need)
    return out


def _report_verdicts(need: Callable[..., list[Row] | None]) -> list[Verdict]:
    """Target 8 from the rows of the report corpus of 10,000 plans."""
    out: list[Verdict] = []
    size = 10000
    label = "report of 10,000 plans vs one check of them plus the charts"
    if got := need("8", label, (REPORT, size), (REPORT_CHECK, size), (REPORT_DRAWN, size)):
        first, check, drawn = got
        data = need("8", label, (REPORT_DATA, size))
        if data is not None:
            charts = max(0.0, drawn.seconds - data[0].seconds)
            base = REPORT_TO_CHECK * check.seconds + charts
            text = f"1.5 × {check.seconds:.2f} s + {charts:.2f} s of charts = {base:.2f} s"
            verdict = _compare("8", label, first, base, 1.0, base_text=text)
            out.append(verdict)
    label = "second report over the unchanged files vs the first"
    if got := need("8", label, (REPORT_AGAIN, size), (REPORT, size)):
        again, first = got
        out.append(_compare("8", label, again, first.seconds, REPORT_AGAIN_TO_FIRST))
    label = "report of 10,000 plans, peak RSS of the process tree"
    if got := need("8", label, (REPORT, size)):
        (first,) = got
        out.append(
            Verdict(
                _status(first.rss_mb <= REPORT_RSS_MB),
                "8",
                f"{label}: {first.rss_mb:.0f} MB; limit ≤ {REPORT_RSS_MB:.0f} MB",
            )
        )
    return out


def exit_code(results: Sequence[Verdict], *, no_fail: bool = False) -> int:
    """1 when a target failed (0 all the same under ``--no-fail``), else 0."""
    failed = any(v.status == "FAIL" for v in results)
    return 1 if failed and not no_fail else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bench/run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run it with the Python that has negplan and its peers installed:\n"
        "PYTHON=.venv/bin/python bench/run (default: python3).\n"
        "Exit status: 0 when no target fails, 1 when one does (0 under --no-fail).",
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default="1,1000,10000",
        metavar="N,N,...",
        help="corpus sizes in plans (default: 1,1000,10000); the targets need 1, 1000 and "
        "10000, so 1,1000 is a quicker run that skips target 4",
    )
    parser.add_argument(
        "--repeat-single",
        type=int,
        default=15,
        metavar="N",
        help="runs of each command on 1 plan (default: 15)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        metavar="N",
        help="runs of each command on up to 1,000 plans (default: 5); larger corpora run once",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="pass --jobs N to negplan check, and divide the parse floor by N instead of "
        "the number of usable cores",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        metavar="DIR",
        help="generate the corpora (and scratch files) in DIR and reuse them on later runs "
        "(default: a fresh temporary folder)",
    )
    parser.add_argument(
        "--no-compile", action="store_true", help="do not byte-compile negplan's modules first"
    )
    parser.add_argument(
        "--no-fail",
        action="store_true",
        help="exit 0 even when a target fails (for exploratory runs)",
    )
    return parser


def _load() -> str:
    """The load average before the run: other work on the machine skews every figure."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return ""
    return f", load average {one:.2f} (1 min) {five:.2f} (5 min)"


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the corpora, measure, print the table and the verdict on each target."""
    args = _parser().parse_args(argv)
    cores = args.jobs or usable_cores()
    sizes: list[int] = args.sizes
    work = args.keep or Path(tempfile.mkdtemp(prefix="negplan-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bindir = Path(sys.executable).parent
    schema = work / "plan.schema.json"
    subprocess.run(
        [str(bindir / "negplan"), "schema", "plan", "-o", str(schema), "--force"], check=True
    )
    if not args.no_compile:
        import negplan

        compileall.compile_dir(Path(negplan.__file__).parent, quiet=1)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores ({usable_cores()} usable), "
        f"Python {platform.python_version()}, {platform.platform()}{_load()}"
    )
    rows: list[Row] = []
    absent: dict[str, Absent] = {}
    for size in sizes:
        folder = work / f"plans-{size}"
        if not folder.exists():
            generate(folder, size)
        corpus = sorted(str(p) for p in folder.rglob("*.yaml"))
        repeat = args.repeat_single if size == 1 else (args.repeat if size <= 1000 else 1)
        commands = _tools(corpus, schema, jobs=args.jobs, single=size == 1, absent=absent)
        if size > 1:
            commands[NEGPLAN] = [*commands[NEGPLAN][:-1], str(folder)]
        else:
            commands.update(_startup_commands(work, absent=absent))
            commands.update(_available(_brief_commands(), cwd=work, absent=absent))
        rows += measure(commands, files=size, repeat=repeat, cwd=work)
        if size > 1:
            diff = _available(_diff_commands(work, size), cwd=work, absent=absent)
            rows += measure(diff, files=size, repeat=repeat, cwd=work)
            report = _available(_report_commands(work, size), cwd=work, absent=absent)
            rows += measure(report, files=size, repeat=repeat, cwd=work)
        if size == 1:
            pdf = _available(_pdf_command(work), cwd=work, absent=absent)
            rows += measure(pdf, files=size, repeat=min(repeat, 5), cwd=work)
        print(table(rows, cores=cores), flush=True)
        print()
    results = [*verdicts(rows, cores=cores, sizes=sizes, absent=absent), import_verdict()]
    for result in results:
        print(result.line())
    code = exit_code(results, no_fail=args.no_fail)
    if code == 0 and any(v.status == "FAIL" for v in results):
        print("bench: a target failed; exiting 0 as --no-fail asks")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
