"""The fast path of ``check`` (records, workers, the typer-free entry) against the
straightforward one (pydantic models, one file at a time, the typer command).

Whatever the path, every file must get exactly the same findings at the same positions.
"""

from __future__ import annotations

import importlib.util
import io
import os
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from negplan import records
from negplan.discovery import BUNDLED, PlaybookCache, bundled_text
from negplan.engine import CheckOptions, FileResult, check_file, check_paths, expand
from negplan.loader import load
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """250 generated plans (a third with typical mistakes) plus variants that records leave
    to the models: numbers where text goes, names instead of keys, odd whitespace."""
    folder = tmp_path_factory.mktemp("corpus")
    paths = _generator().generate(folder / "generated", 250, seed=7)
    rng = random.Random(11)
    variants = [
        ("  title: 2027 renewal", "  title: 2027"),
        ("  - with: Finance director", "  - with_: Finance director"),
        ("  currency: EUR", "  currency: eur"),
        ("  currency: EUR", "  currency: 'EUR '"),
        ("    status: agreed", "    status: 'agreed '"),
        ("    status: agreed", "    stauts: agreed"),
        ("    date: 2026-11-18", "    date: 2026-02-30"),
        ("    date: 2026-11-18", "    date: '2026-11-18T00:00:00'"),
        ("    decision_maker: true", "    decision_maker: yes"),
        ("    decision_maker: true", "    decision_maker: 1"),
        ("  list_value: ", "  list_value: -"),
        ("    term: discount", "    term: discount\n    extra: 1"),
        ("    term: discount", "    term: 12"),
        ("questions:\n", "questions:\n  - 42\n"),
        ("questions:\n", "questions:\n  - '  padded question  '\n"),
        ("walk_away: >-", "walk_away: >"),
        ("  - give: {term: ", "  - give: {trade: x, term: "),
        ("kind: plan", "kind: plan\nunknown_top: 1"),
    ]
    out = folder / "variants"
    out.mkdir()
    for n, (old, new) in enumerate(variants):
        source = rng.choice(paths).read_text(encoding="utf-8")
        if old in source:
            (out / f"variant-{n:02d}.yaml").write_text(source.replace(old, new, 1), "utf-8")
    return folder


def _inputs(corpus: Path) -> list[str]:
    folders = [
        corpus,
        ROOT / "examples",
        ROOT / "playbooks",
        ROOT / "tests" / "fixtures",
        ROOT / "tests" / "robustness" / "corpus",
    ]
    return [str(f) for f in folders if f.exists()]


def _summary(result: FileResult) -> tuple[Any, ...]:
    error = None if result.error is None else (result.error.render(), result.error.hint)
    return (result.path, result.kind, result.playbook, result.skipped, error, result.findings)


def _straightforward(path: str, explicit: bool, cache: PlaybookCache) -> FileResult:
    return check_file(path, explicit=explicit, options=CheckOptions(today=TODAY), cache=cache)


def test_fast_and_straightforward_findings_are_identical(corpus: Path) -> None:
    items = list(expand(_inputs(corpus)))
    cache = PlaybookCache()
    expected = []
    for item in items:
        if isinstance(item, tuple):
            expected.append(_summary(_straightforward(*item, cache)))
    fast = CheckOptions(today=TODAY, fast=True)
    sequential = [_summary(r) for r in check_paths(_inputs(corpus), fast, jobs=1)]
    parallel = [_summary(r) for r in check_paths(_inputs(corpus), fast, jobs=2)]
    assert len(expected) > 300
    assert sum(1 for e in expected if e[5]) > 200  # the corpus exercises the rules
    for want, got in zip(expected, sequential, strict=True):
        assert got == want
    assert parallel == sequential


def test_records_equal_the_models_where_they_decide(corpus: Path) -> None:
    decided = extra = 0
    for path, _ in (i for i in expand(_inputs(corpus)) if isinstance(i, tuple)):
        try:
            doc = load(path)
        except Exception:  # unreadable files are the loader's business, tested elsewhere
            continue
        kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
        model = {"plan": Plan, "playbook": Playbook}.get(kind)  # type: ignore[call-overload]
        if model is None:
            continue
        record = records.validate(doc.data, model.__name__)
        try:
            instance = model.model_validate(doc.data)
        except Exception:
            instance = None
        if record is None:
            extra += records.extra_keys(doc.data, model.__name__) is not None
            continue
        decided += 1
        assert instance is not None, path
        assert _typed(record.model_dump()) == _typed(instance.model_dump()), path
    assert decided > 200 and extra > 10


def _typed(value: Any) -> Any:
    # Equal *and* of the same type and text: Decimal('5') is not Decimal('5.0').
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value), repr(value))


def test_bundled_playbook_record_equals_the_model() -> None:
    doc = load("bundled", text=bundled_text())
    record = records.validate(doc.data, "Playbook")
    assert record is not None
    assert _typed(record.model_dump()) == _typed(Playbook.model_validate(doc.data).model_dump())
    assert record.term_map.keys() == Playbook.model_validate(doc.data).term_map.keys()


def test_record_schema_matches_the_models() -> None:
    from negplan.records_build import build_schema
    from negplan.records_schema import SCHEMA

    assert build_schema() == SCHEMA, "run `python -m negplan.records_build`"


def test_empty_economics_settings_match_the_model() -> None:
    from negplan.models.playbook import EconomicsSettings

    assert records.empty("EconomicsSettings").model_dump() == EconomicsSettings().model_dump()


def test_playbook_cache_locates_like_locate(tmp_path: Path) -> None:
    from negplan.discovery import locate

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "playbook.yaml").write_text("kind: playbook\n", "utf-8")
    cache = PlaybookCache()
    for plan in ("a/b/x.yaml", "a/x.yaml", "x.yaml", "a/b/y.yaml"):
        path = str(tmp_path / plan)
        for key in (None, "../other.yaml"):
            assert cache.locate(path, explicit=None, plan_key=key) == locate(
                path, explicit=None, plan_key=key
            )
    assert cache.locate(str(tmp_path / "x.yaml"), explicit=None, plan_key=None) == BUNDLED


# --- the typer-free entry point ---------------------------------------------------------

ARGVS = [
    [],
    ["plan.yaml"],
    ["a.yaml", "b.yaml", "folder"],
    ["--format", "parsable", "plan.yaml"],
    ["--format=json", "plan.yaml"],
    ["-f", "GitHub", "plan.yaml"],
    ["-fsarif", "plan.yaml"],
    ["--playbook", "pb.yaml", "plan.yaml"],
    ["--playbook=pb.yaml", "plan.yaml"],
    ["-p", "pb.yaml", "plan.yaml"],
    ["-ppb.yaml", "plan.yaml"],
    ["-p=pb.yaml", "plan.yaml"],
    ["--playbook=", "plan.yaml"],
    ["plan.yaml", "--strict"],
    ["--skip-unknown", "--strict", "a.yaml"],
    ["--today", "2026-11-23", "plan.yaml"],
    ["--today=not-a-date", "plan.yaml"],
    ["--jobs", "2", "folder"],
    ["-j", "1", "folder"],
    ["--jobs=4", "folder"],
    ["--format", "json", "--format", "parsable", "plan.yaml"],
    ["--", "--strict", "-p"],
    ["plan.yaml", "--", "-x.yaml"],
    ["", "plan.yaml"],
    ["--strict", "--strict", "x"],
]
#: Command lines the fast entry must leave to typer (help, errors, conversions).
TYPER_ONLY = [
    ["--help"],
    ["-h", "plan.yaml"],
    ["--format", "xml", "plan.yaml"],
    ["--format"],
    ["--jobs", "0", "folder"],
    ["--jobs", "two", "folder"],
    ["--jobs", "+2", "folder"],
    ["--strict=yes", "plan.yaml"],
    ["--unknown", "plan.yaml"],
    ["--playbook", "--strict", "plan.yaml"],
    ["-x"],
    ["-"],
    ["--form", "json"],
]


def _typer_arguments(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any] | None:
    from typer.testing import CliRunner

    import negplan.commands.check as command
    from negplan.cli import app

    seen: dict[str, Any] = {}

    def capture(paths: Any, **kwargs: Any) -> int:
        seen.update(kwargs, paths=list(paths) if paths is not None else None)
        return 0

    monkeypatch.setattr(command, "run_check", capture)
    result = CliRunner().invoke(app, ["check", *args], catch_exceptions=False)
    return seen if result.exit_code == 0 and seen else None


@pytest.mark.parametrize("args", ARGVS, ids=lambda a: " ".join(a) or "(none)")
def test_fast_parser_reads_check_options_like_typer(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from negplan.fastcli import parse_check

    fast = parse_check(args)
    assert fast is not None, "the fast entry should handle this command line"
    assert fast == _typer_arguments(args, monkeypatch)


@pytest.mark.parametrize("args", TYPER_ONLY, ids=lambda a: " ".join(a))
def test_fast_parser_leaves_the_rest_to_typer(args: list[str]) -> None:
    from negplan.fastcli import parse_check

    assert parse_check(args) is None


def test_fast_entry_falls_back_for_other_commands() -> None:
    from negplan.fastcli import run

    assert run(["rules"]) is None
    assert run(["--debug", "explain", "NP301"]) is None
    assert run(["--version", "check"]) is None
    assert run([]) is None


def test_fast_entry_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    from negplan import __version__
    from negplan.fastcli import run

    assert run(["--version"]) == 0
    assert capsys.readouterr().out == f"negplan {__version__}\n"


def test_fast_entry_output_equals_the_typer_command(
    run_cli: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from negplan.fastcli import run

    examples = str(ROOT / "examples")
    for args in (
        ["check", examples, "--format", "parsable", "--today", "2026-11-23"],
        ["check", examples, "-f", "json", "--today", "2026-11-23", "--strict"],
        ["check", "missing.yaml", "--format", "parsable"],
        ["check", examples, "--playbook", "missing.yaml"],
        ["check", examples, "--today", "soon"],
    ):
        code = run(args)
        fast = capsys.readouterr()
        typer_result = run_cli(*args)
        assert (code, fast.out, fast.err) == (
            typer_result.exit_code,
            typer_result.stdout,
            typer_result.stderr,
        ), args


def test_check_does_not_import_typer_or_pydantic(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from negplan.fastcli import run\n"
        f"run(['check', {str(ROOT / 'examples' / 'clean-renewal.yaml')!r}, '-f', 'parsable'])\n"
        "heavy = sorted(m for m in ('typer', 'pydantic', 'jinja2', 'rich') if m in sys.modules)\n"
        "print(heavy, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr


# --- brief through the typer-free entry --------------------------------------------------

BRIEF_ARGVS = [
    ["plan.yaml"],
    [""],
    ["plan.yaml", "--format", "md"],
    ["-f", "HTML", "plan.yaml"],
    ["-fpdf", "-o", "brief.pdf", "plan.yaml"],
    ["--format=Md", "plan.yaml"],
    ["--format", "auto", "plan.yaml"],
    ["--output", "out.md", "plan.yaml"],
    ["--output=out.md", "plan.yaml"],
    ["--output=", "plan.yaml"],
    ["-o", "out.html", "--force", "plan.yaml"],
    ["-oout.md", "plan.yaml"],
    ["plan.yaml", "--redact", "--strict"],
    ["--force", "--force", "plan.yaml"],
    ["--playbook", "pb.yaml", "plan.yaml"],
    ["--playbook=pb.yaml", "plan.yaml"],
    ["-p", "pb.yaml", "plan.yaml"],
    ["-ppb.yaml", "plan.yaml"],
    ["-p=pb.yaml", "plan.yaml"],
    ["--today", "2026-11-23", "plan.yaml"],
    ["--today=soon", "plan.yaml"],
    ["--paper", "letter", "-f", "html", "plan.yaml"],
    ["--paper=A4", "plan.yaml"],
    ["--paper", "LETTER", "plan.yaml"],
    ["--format", "md", "--format", "html", "plan.yaml"],
    ["--", "-plan.yaml"],
    ["--strict", "--", "plan.yaml"],
]
#: Brief command lines the fast entry must leave to typer (help, errors, conversions).
BRIEF_TYPER_ONLY = [
    [],
    ["--help"],
    ["-h"],
    ["plan.yaml", "--help"],
    ["a.yaml", "b.yaml"],
    ["--", "a.yaml", "b.yaml"],
    ["plan.yaml", "--", "--strict"],
    ["--format", "xml", "plan.yaml"],
    ["--format", "parsable", "plan.yaml"],
    ["--format"],
    ["plan.yaml", "--format"],
    ["--paper", "a5", "plan.yaml"],
    ["--force=yes", "plan.yaml"],
    ["--no-force", "plan.yaml"],
    ["--unknown", "plan.yaml"],
    ["--jobs", "2", "plan.yaml"],
    ["--skip-unknown", "plan.yaml"],
    ["--out", "x.md", "plan.yaml"],
    ["-o", "--force", "plan.yaml"],
    ["-x", "plan.yaml"],
    ["-"],
]


def _typer_brief_arguments(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any] | None:
    from typer.testing import CliRunner

    import negplan.commands.brief as command
    from negplan.cli import app

    seen: dict[str, Any] = {}

    def capture(plan: str, **kwargs: Any) -> int:
        seen.update(kwargs, plan=plan)
        return 0

    monkeypatch.setattr(command, "run_brief", capture)
    result = CliRunner().invoke(app, ["brief", *args], catch_exceptions=False)
    return seen if result.exit_code == 0 and seen else None


def _typed_values(values: dict[str, Any] | None) -> dict[str, Any] | None:
    # An enum member equals its value: compare the types as well.
    return None if values is None else {k: (type(v), v) for k, v in values.items()}


@pytest.mark.parametrize("args", BRIEF_ARGVS, ids=lambda a: " ".join(a) or "(empty)")
def test_fast_parser_reads_brief_options_like_typer(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from negplan.fastcli import parse_brief

    fast = parse_brief(args)
    assert fast is not None, "the fast entry should handle this command line"
    assert _typed_values(fast) == _typed_values(_typer_brief_arguments(args, monkeypatch))


@pytest.mark.parametrize("args", BRIEF_TYPER_ONLY, ids=lambda a: " ".join(a) or "(none)")
def test_fast_brief_parser_leaves_the_rest_to_typer(args: list[str]) -> None:
    from negplan.fastcli import parse_brief, run

    assert parse_brief(args) is None
    assert run(["brief", *args]) is None
    assert run(["--debug", "brief", *args]) is None


def test_brief_choices_are_the_same_for_both_entries() -> None:
    from negplan.commands.brief import BriefFormat, Paper
    from negplan.commands.brief_run import FORMATS, PAPERS

    assert tuple(f.value for f in BriefFormat) == FORMATS
    assert tuple(p.value for p in Paper) == PAPERS


def _broken_plan(tmp_path: Path) -> Path:
    """The clean example without its walk-away summary (an error) and buyer-side decision
    maker (a warning)."""
    import re

    text = (ROOT / "examples" / "clean-renewal.yaml").read_text("utf-8")
    text = re.sub(r"^walk_away: >-\n(  .*\n)+", "", text, flags=re.MULTILINE)
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace("decision_maker: true", "decision_maker: false"), "utf-8")
    return path


def test_fast_brief_output_equals_the_typer_command(
    run_cli: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from negplan.fastcli import run

    clean = str(ROOT / "examples" / "clean-renewal.yaml")
    broken = str(_broken_plan(tmp_path))
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("kind: plan\nversion: 1\ndeal: {title: x}\n", "utf-8")
    # Valid, but only the models can tell (a number where text goes): no records here.
    models_only = tmp_path / "models-only.yaml"
    text = (ROOT / "examples" / "clean-renewal.yaml").read_text("utf-8")
    models_only.write_text(text.replace("  segment: enterprise", "  segment: 2027"), "utf-8")
    day = ["--today", "2026-11-23"]
    cases = [
        ["brief", clean, "--format", "md", *day],
        ["brief", clean, *day],
        ["brief", clean, "-f", "HTML", "--paper", "letter", *day],
        ["brief", clean, "--redact", *day],
        ["brief", clean, "-f", "html", "--redact", *day],
        ["brief", broken, *day],
        ["brief", broken, "--strict", *day],
        ["brief", str(tmp_path / "missing.yaml"), *day],
        ["brief", str(invalid), *day],
        ["brief", str(models_only), *day],
        ["brief", clean, "--format", "pdf", *day],
        ["brief", clean, "--today", "soon"],
        ["brief", clean, "--playbook", str(tmp_path / "missing-playbook.yaml"), *day],
        ["brief", str(ROOT / "negplan" / "data" / "default-playbook.yaml"), *day],
    ]
    for args in cases:
        code = run(args)
        fast = capsys.readouterr()
        typer_result = run_cli(*args)
        assert (code, fast.out, fast.err) == (
            typer_result.exit_code,
            typer_result.stdout,
            typer_result.stderr,
        ), args
    assert (ROOT / "tests" / "golden" / "clean-renewal.md").read_text("utf-8") == run_cli(
        *cases[0]
    ).stdout
    for suffix in ("md", "html"):
        fast_file, typer_file = tmp_path / f"fast.{suffix}", tmp_path / f"typer.{suffix}"
        code = run(["brief", clean, "-o", str(fast_file), *day])
        fast = capsys.readouterr()
        typer_result = run_cli("brief", clean, "-o", typer_file, *day)
        assert (code, fast.out, fast.err) == (0, "", "")
        assert (typer_result.exit_code, typer_result.stdout, typer_result.stderr) == (0, "", "")
        assert fast_file.read_bytes() == typer_file.read_bytes()
        assert fast_file.read_text("utf-8") == (
            ROOT / "tests" / "golden" / f"clean-renewal.{suffix}"
        ).read_text("utf-8")


def test_markdown_brief_imports_neither_typer_nor_pydantic(tmp_path: Path) -> None:
    import subprocess
    import sys

    plan = str(ROOT / "examples" / "clean-renewal.yaml")
    script = (
        "import sys\n"
        "from negplan.fastcli import run\n"
        f"code = run(['brief', {plan!r}, '--format', 'md', '--today', '2026-11-23'])\n"
        "heavy = sorted(m for m in ('typer', 'click', 'pydantic', 'jinja2', 'rich') "
        "if m in sys.modules)\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "0 ['jinja2']", done.stderr
    golden = (ROOT / "tests" / "golden" / "clean-renewal.md").read_text("utf-8")
    assert done.stdout == golden


# --- progress ---------------------------------------------------------------------------


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("files", "env", "out_tty", "err_tty", "shown"),
    [
        (500, {}, True, True, True),
        (10, {}, True, True, False),
        (500, {"CI": "true"}, True, True, False),
        (500, {"CI": ""}, True, True, False),
        (500, {"PRE_COMMIT": "1"}, True, True, False),
        (500, {"TERM": "dumb"}, True, True, False),
        (500, {}, False, True, False),
        (500, {}, True, False, False),
    ],
)
def test_progress_bar_only_on_an_interactive_terminal(
    files: int, env: dict[str, str], out_tty: bool, err_tty: bool, shown: bool
) -> None:
    from negplan.progress import wanted

    assert wanted(files, environ=env, stdout=_Stream(out_tty), stderr=_Stream(err_tty)) is shown


def test_progress_bar_draws_on_stderr_only(tmp_path: Path) -> None:
    import subprocess
    import sys

    generated = tmp_path / "plans"
    _generator().generate(generated, 70, seed=3)
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PRE_COMMIT")}
    # Pipes, not a terminal: no bar, and stdout holds the findings only.
    done = subprocess.run(
        [sys.executable, "-m", "negplan", "check", str(generated), "-f", "parsable"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == ""
    assert all(line.startswith(str(generated)) for line in done.stdout.splitlines())
