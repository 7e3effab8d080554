"""Output formats of ``negplan check``: text, parsable, json, github, sarif and auto."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CLEAN, EXAMPLES, ROOT, TODAY

from negplan.checking import FileResult
from negplan.errors import InputError
from negplan.escape import annotation_data, annotation_property, markdown_cell
from negplan.findings import Finding, Severity
from negplan.report import resolve_format
from negplan.report.base import Summary
from negplan.report.github import GithubReport, annotation
from negplan.report.sarif import SarifReport
from negplan.report.text import TextReport
from negplan.rules import RULES

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
PLAYBOOK_REPO = EXAMPLES / "playbook-repo"

# Two schema findings whose positions are easy to count: line 7 col 12 is the value of
# `meeting`, line 11 col 5 the misspelt key.
TYPO = """\
kind: plan
version: 1
deal:
  title: Small renewal
  customer: Acme
  owner: Dana
  meeting: next tuesday
variables:
  - term: discount
    opening: 0
    walkaway: 10
"""
TYPO_PARSABLE = [
    "typo.yaml:7:12: error: deal.meeting: expected a date like 2026-12-01 "
    "(got 'next tuesday') [NP101] hint: write dates as YYYY-MM-DD",
    "typo.yaml:11:5: error: unknown key 'walkaway' in variables[0] [NP102] "
    "hint: did you mean 'walk_away'?",
]
# A tab where YAML needs spaces: the parser stops on line 4, column 1.
SYNTAX_ERROR = "kind: plan\nversion: 1\ndeal:\n\ttitle: x\n"

Runner = Callable[..., Any]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from a temporary folder (so paths are short and relative), outside any workspace."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """A plan with findings, a clean plan and a file with a YAML syntax error, by kind."""
    (tmp_path / "typo.yaml").write_text(TYPO, encoding="utf-8")
    (tmp_path / "clean.yaml").write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(SYNTAX_ERROR, encoding="utf-8")
    return {"findings": "typo.yaml", "clean": "clean.yaml", "syntax": "broken.yaml"}


def check(run_cli: Runner, *args: str | Path) -> Any:
    return run_cli("check", "--today", TODAY, *args)


def sarif_errors(document: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft4Validator(
        SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


# ---- parsable ------------------------------------------------------------------------------


def test_parsable_lines_are_exact(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "parsable", files["findings"])
    assert result.exit_code == 1, result
    assert result.stdout.splitlines() == TYPO_PARSABLE
    assert result.stderr == ""


def test_parsable_clean_file_prints_nothing(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "parsable", files["clean"])
    assert result.exit_code == 0, result
    assert result.stdout == ""


def test_parsable_syntax_error(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "parsable", files["syntax"])
    assert result.exit_code == 1, result
    assert re.fullmatch(
        r"broken\.yaml:4:1: error: invalid YAML: .+ \[NP100\] hint: indent with spaces: .+\n",
        result.stdout,
    )


# ---- text ----------------------------------------------------------------------------------


def test_text_findings_with_hints_and_summary(
    run_cli: Runner, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = check(run_cli, "--format", "text", files["findings"])
    assert result.exit_code == 1, result
    # The path once in the header; then line:col, code, severity and the message, wrapped
    # between words under the message column; each hint on its own line under its message.
    assert result.stdout == (
        "typo.yaml (2 errors)  NOT READY\n"
        "  7:12  NP101  error    deal.meeting: expected a date like 2026-12-01 (got 'next\n"
        "                        tuesday')\n"
        "                        hint: write dates as YYYY-MM-DD\n"
        "  11:5  NP102  error    unknown key 'walkaway' in variables[0]\n"
        "                        hint: did you mean 'walk_away'?\n"
        "\n"
        "Checked 1 file (1 plan) [NOT READY]: 2 errors\n"
    )
    assert result.stderr == ""


def test_text_wraps_long_messages_between_words() -> None:
    words = [f"word{n}" for n in range(60)]
    finding = Finding("p.yaml", 120, 15, "NP203", Severity.WARNING, " ".join(words), "ask")
    out = io.StringIO()
    report = TextReport(out, color=False)
    report.console.width = 80
    report.file(FileResult("p.yaml", kind="plan", findings=[finding]))
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 80 and line == line.rstrip() for line in lines), lines
    body = lines[1:-2]  # after the header, before the hint and the blank line
    assert body[0].startswith("  120:15  NP203  warning  word0 word1 ")
    assert all(line.startswith(" " * 26 + "word") for line in body[1:]), body
    assert " ".join(line[26:] for line in body).split() == words
    assert lines[-2] == " " * 26 + "hint: ask"


def test_text_shows_a_shared_hint_once() -> None:
    hint = "replace the TODO text with your own, or remove the entry"
    findings = [
        Finding("new.yaml", line, 5, "NP509", Severity.WARNING, f"placeholder {line}", hint)
        for line in (3, 4, 7)
    ]
    findings.insert(2, Finding("new.yaml", 5, 1, "NP507", Severity.WARNING, "no decider", "ask"))
    out = io.StringIO()
    TextReport(out, color=False).file(FileResult("new.yaml", kind="plan", findings=findings))
    assert out.getvalue().splitlines() == [
        "new.yaml (4 warnings)  DRAFT",
        "  3:5  NP509  warning  placeholder 3",
        f"                       hint: {hint} (also for 2 more NP509 below)",
        "  4:5  NP509  warning  placeholder 4",
        "  5:1  NP507  warning  no decider",
        "                       hint: ask",
        "  7:5  NP509  warning  placeholder 7",
        "",
    ]


def test_text_clean_file(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "text", files["clean"])
    assert result.exit_code == 0, result
    assert result.stdout.strip() == "Checked 1 file (1 plan) [READY]: no problems found"


def test_text_syntax_error(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "text", files["syntax"])
    assert result.exit_code == 1, result
    assert result.stdout.startswith("broken.yaml (1 error)\n  4:1  NP100  error    invalid YAML")
    assert "hint: indent with spaces" in result.stdout


def test_text_missing_file_is_one_line_on_stderr(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "text", "missing.yaml")
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr == "missing.yaml: error: no such file or directory\n"


def test_a_file_not_checked_is_never_counted_as_checked(
    run_cli: Runner, files: dict[str, str]
) -> None:
    result = check(run_cli, "--format", "text", files["clean"], "missing.yaml")
    assert result.exit_code == 2, result
    assert (
        result.stdout
        == "Checked 1 file (1 plan) [READY]: no findings; 1 file could not be checked\n"
    )


# ---- which plans fail, when several are checked ---------------------------------------------


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """A playbook and four plans in two regions, two of which fail."""
    clean = CLEAN.read_text(encoding="utf-8")
    for name, text in [
        ("playbook.yaml", (ROOT / "playbooks" / "default.yaml").read_text(encoding="utf-8")),
        ("plans/emea/a.yaml", TYPO),
        ("plans/emea/b.yaml", clean),
        ("plans/na/c.yaml", (EXAMPLES / "give-without-get.yaml").read_text(encoding="utf-8")),
        ("plans/na/d.yaml", clean),
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "plans"


def test_text_ends_with_the_plans_that_fail(run_cli: Runner, plans: Path) -> None:
    result = check(run_cli, "--format", "text")
    assert result.exit_code == 1, result
    assert result.stdout.splitlines()[-2:] == [
        "Checked 5 files (4 plans, 1 playbook) [2 NOT READY, 2 READY]: 3 errors",
        "2 of 4 plans fail: plans/emea/a.yaml, plans/na/c.yaml",
    ]
    assert result.stderr == ""


def test_parsable_says_which_plans_fail_on_stderr(run_cli: Runner, plans: Path) -> None:
    result = check(run_cli, "--format", "parsable")
    assert result.exit_code == 1, result
    lines = result.stdout.splitlines()
    assert len(lines) == 3  # stdout stays one finding per line
    assert lines[:2] == [line.replace("typo.yaml", "plans/emea/a.yaml") for line in TYPO_PARSABLE]
    assert lines[2].startswith("plans/na/c.yaml:")
    assert "without getting anything [NP401] hint: add `get:`" in lines[2]
    assert result.stderr == "negplan: 2 of 4 plans fail: plans/emea/a.yaml, plans/na/c.yaml\n"


def test_files_that_are_not_plans_are_named_as_files(run_cli: Runner, plans: Path) -> None:
    # A file whose YAML does not parse has no kind; neither has a file named explicitly
    # without `kind:`. The line then counts files.
    (plans / "na" / "c.yaml").write_text(SYNTAX_ERROR, encoding="utf-8")
    (plans / "ci.yaml").write_text("steps: [build]\n", encoding="utf-8")
    result = check(run_cli, "--format", "text", "plans/na", "plans/ci.yaml")
    assert result.exit_code == 1, result
    assert result.stdout.splitlines()[-2:] == [
        "Checked 3 files (1 plan) [READY]: 2 errors",
        "2 of 3 files fail: plans/na/c.yaml, plans/ci.yaml",
    ]


def test_no_plans_summary_for_one_plan_or_none_failing(run_cli: Runner, plans: Path) -> None:
    one = check(run_cli, "--format", "parsable", "plans/emea/a.yaml")
    assert one.exit_code == 1 and one.stderr == "", one
    clean = check(run_cli, "--format", "text", "plans/emea/b.yaml", "plans/na/d.yaml")
    assert clean.exit_code == 0, clean
    assert clean.stdout == "Checked 2 files (2 plans) [2 READY]: no problems found\n"


def test_strict_counts_plans_with_warnings_as_failing(run_cli: Runner, tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(
            (EXAMPLES / "discount-first.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    (tmp_path / "c.yaml").write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    assert check(run_cli, "--format", "parsable", ".").stderr == ""
    strict = check(run_cli, "--format", "parsable", "--strict", ".")
    assert strict.exit_code == 1, strict
    assert strict.stderr == "negplan: 2 of 3 plans fail: a.yaml, b.yaml\n"


# ---- nothing to check -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "parsable"])
def test_a_folder_without_plans_says_so_and_exits_0(
    run_cli: Runner, tmp_path: Path, fmt: str
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "ci.yaml").write_text("steps: [build]\n", encoding="utf-8")
    result = check(run_cli, "--format", fmt, "empty", "other")
    assert result.exit_code == 0, result
    assert result.stdout == ""
    which = "no plans or playbooks found (YAML files with `kind: plan` or `kind: playbook`)"
    assert result.stderr == f"empty: warning: {which}\nother: warning: {which}\n"


def test_the_current_folder_without_plans(run_cli: Runner) -> None:
    result = check(run_cli, "--format", "text")
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert result.stderr == (
        "warning: no plans or playbooks found in the current folder "
        "(YAML files with `kind: plan` or `kind: playbook`)\n"
    )


def test_only_the_folder_without_plans_is_named(run_cli: Runner, plans: Path) -> None:
    (plans.parent / "empty").mkdir()
    result = check(run_cli, "--format", "parsable", "plans/na", "empty")
    assert result.exit_code == 1, result
    assert result.stderr.splitlines() == [
        "negplan: 1 of 2 plans fails: plans/na/c.yaml",
        "empty: warning: no plans or playbooks found (YAML files with `kind: plan` or "
        "`kind: playbook`)",
    ]


def test_skipped_files_alone_are_quiet(run_cli: Runner, tmp_path: Path) -> None:
    (tmp_path / "ci.yaml").write_text("steps: [build]\n", encoding="utf-8")
    for fmt in ("text", "parsable"):
        result = check(run_cli, "--format", fmt, "--skip-unknown", "ci.yaml")
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", ""), result


# ---- json ----------------------------------------------------------------------------------


def test_json_findings(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "json", files["findings"])
    assert result.exit_code == 1, result
    document = json.loads(result.stdout)
    (entry,) = document["files"]
    assert entry["path"] == "typo.yaml"
    assert entry["kind"] == "plan"
    found = [(f["line"], f["column"], f["code"], f["severity"]) for f in entry["findings"]]
    assert found == [(7, 12, "NP101", "error"), (11, 5, "NP102", "error")]
    assert entry["findings"][1]["hint"] == "did you mean 'walk_away'?"
    assert document["summary"]["errors"] == 2
    assert document["summary"]["exit_code"] == 1


def test_json_clean_file(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "json", files["clean"])
    assert result.exit_code == 0, result
    document = json.loads(result.stdout)
    assert document["files"][0]["findings"] == []
    assert document["summary"]["exit_code"] == 0


def test_json_syntax_error(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "json", files["syntax"])
    assert result.exit_code == 1, result
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert (finding["line"], finding["column"], finding["code"]) == (4, 1, "NP100")


# ---- github --------------------------------------------------------------------------------


def test_github_annotations_are_exact(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "github", files["findings"])
    assert result.exit_code == 1, result
    assert result.stdout.splitlines() == [
        "::error file=typo.yaml,line=7,col=12,title=NP101 schema-violation::"
        "deal.meeting: expected a date like 2026-12-01 (got 'next tuesday')"
        "%0Ahint: write dates as YYYY-MM-DD",
        "::error file=typo.yaml,line=11,col=5,title=NP102 unknown-key::"
        "unknown key 'walkaway' in variables[0]%0Ahint: did you mean 'walk_away'?",
        "negplan: checked 1 file (1 plan) [NOT READY]: 2 errors",
    ]


def test_github_clean_file(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "github", files["clean"])
    assert result.exit_code == 0, result
    assert result.stdout == "negplan: checked 1 file (1 plan) [READY]: no problems found\n"


def test_github_syntax_error(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "github", files["syntax"])
    assert result.exit_code == 1, result
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        "::error file=broken.yaml,line=4,col=1,title=NP100 invalid-yaml::invalid YAML: "
    )
    assert first.endswith("%0Ahint: indent with spaces: YAML does not allow tabs for indentation")


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("100% sure", "100%25 sure", "100%25 sure"),
        ("a: b, c", "a: b, c", "a%3A b%2C c"),
        # Line breaks separate the lines of a message; in a property, and any CR, they are
        # written visibly, so that a file name cannot split an annotation.
        ("one\ntwo\r\n", "one%0Atwo\\r%0A", "one\\ntwo\\r\\n"),
        ("%0A", "%250A", "%250A"),
        ("plain", "plain", "plain"),
    ],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert annotation_data(raw) == data
    assert annotation_property(raw) == prop


def test_github_severities_and_escaped_annotation() -> None:
    findings = [
        Finding("q3, 100%: emea\nx/a.yaml", 3, 5, "NP302", Severity.ERROR, "x: 5%, y", "fix: it"),
        Finding("plan.yaml", 4, 1, "NP203", Severity.WARNING, "past authority"),
        Finding("plan.yaml", 5, 2, "NP505", Severity.INFO, "estimated"),
    ]
    lines = [annotation(f, {}) for f in findings]
    # Messages keep `:` and `,` (data); properties escape them; the hint goes on a second line.
    assert lines == [
        "::error file=q3%2C 100%25%3A emea\\nx/a.yaml,line=3,col=5,title=NP302 no-walk-away::"
        "x: 5%25, y%0Ahint: fix: it",
        "::warning file=plan.yaml,line=4,col=1,title=NP203 past-authority::past authority",
        f"::notice file=plan.yaml,line=5,col=2,title=NP505 {RULES['NP505'].name}::estimated",
    ]
    assert all("\n" not in line for line in lines)


def test_github_paths_with_special_characters(
    run_cli: Runner, tmp_path: Path, files: dict[str, str]
) -> None:
    folder = tmp_path / "q3, 100%: emea"
    folder.mkdir()
    (folder / "plan.yaml").write_text(TYPO, encoding="utf-8")
    result = check(run_cli, "--format", "github", "q3, 100%: emea/plan.yaml")
    assert result.stdout.splitlines()[1] == (
        "::error file=q3%2C 100%25%3A emea/plan.yaml,line=11,col=5,title=NP102 unknown-key::"
        "unknown key 'walkaway' in variables[0]%0Ahint: did you mean 'walk_away'?"
    )


def test_github_paths_are_relative_to_the_workspace(
    run_cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = tmp_path / "sales" / "plans"
    sub.mkdir(parents=True)
    (sub / "typo.yaml").write_text(TYPO, encoding="utf-8")
    monkeypatch.chdir(sub)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    result = check(run_cli, "--format", "github", "typo.yaml")
    assert result.stdout.startswith("::error file=sales/plans/typo.yaml,line=7,col=12,")


def test_github_file_not_checked(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, "--format", "github", "missing.yaml")
    assert result.exit_code == 2, result
    assert result.stdout.splitlines()[0] == (
        "::error file=missing.yaml,title=negplan%3A not checked::"
        "missing.yaml: error: no such file or directory"
    )
    assert "missing.yaml: error: no such file or directory" in result.stderr


def test_github_step_summary_is_appended(
    run_cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]
) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = check(run_cli, "--format", "github", files["findings"], files["clean"], "gone.yaml")
    assert result.exit_code == 2, result
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### negplan check\n")
    assert (
        "Checked 2 files (2 plans) \\[1 NOT READY, 1 READY\\]: 2 errors; 1 file could not be "
        "checked." in text
    )
    assert "| Severity | Location | Rule | Message |" in text
    assert (
        "| error | typo.yaml:11:5 | NP102 unknown-key | unknown key 'walkaway' in variables\\[0\\]"
        "<br>hint: did you mean 'walk_away'? |"
    ) in text
    assert "- gone.yaml: error: no such file or directory" in text
    # Every finding is listed, not only the first ten annotations GitHub shows.
    rows = [line for line in text.splitlines() if line.startswith("| error ")]
    assert len(rows) == 2


def test_github_step_summary_lists_more_than_ten_findings(tmp_path: Path) -> None:
    findings = [
        Finding("p.yaml", n, 1, "NP101", Severity.ERROR, f"problem | {n}") for n in range(1, 26)
    ]
    summary_file = tmp_path / "summary.md"
    report = GithubReport(io.StringIO(), {"GITHUB_STEP_SUMMARY": str(summary_file)})
    report.file(FileResult("p.yaml", kind="plan", findings=findings))
    summary = Summary()
    summary.add(FileResult("p.yaml", kind="plan", findings=findings))
    report.finish(summary)
    rows = [line for line in summary_file.read_text("utf-8").splitlines() if "NP101" in line]
    assert len(rows) == 25
    assert rows[-1] == "| error | p.yaml:25:1 | NP101 schema-violation | problem \\| 25 |"
    # It renders as one table: a header row and 25 rows of exactly four cells.
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(summary_file.read_text("utf-8"))
    assert html.count("<tr>") == 26
    assert html.count("<td>") == 25 * 4
    assert "problem | 25" in html


def test_github_without_step_summary_writes_no_file(
    run_cli: Runner, tmp_path: Path, files: dict[str, str]
) -> None:
    before = set(tmp_path.iterdir())
    check(run_cli, "--format", "github", files["findings"])
    assert set(tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        ("a | b", "a \\| b"),
        ("one\ntwo", "one<br>two"),
        ("<b>&", "\\<b\\>&"),
        ("![x](https://example.com/t.png)", "!\\[x\\](https\\://example.com/t.png)"),
        ("", ""),
    ],
)
def test_markdown_cells_are_escaped(raw: str, cell: str) -> None:
    assert markdown_cell(raw) == cell


# ---- auto ----------------------------------------------------------------------------------


def test_auto_is_github_under_github_actions(
    run_cli: Runner, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = check(run_cli, files["findings"])
    assert result.stdout.startswith("::error file=typo.yaml,line=7,col=12,")


def test_auto_is_parsable_when_not_a_terminal(run_cli: Runner, files: dict[str, str]) -> None:
    result = check(run_cli, files["findings"])
    assert result.stdout.splitlines() == TYPO_PARSABLE


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("environ", "tty", "expected"),
    [
        ({"GITHUB_ACTIONS": "true"}, True, "github"),
        ({"GITHUB_ACTIONS": "true"}, False, "github"),
        ({"GITHUB_ACTIONS": "false"}, False, "parsable"),
        ({}, True, "text"),
        ({"TERM": "dumb"}, True, "parsable"),
        ({}, False, "parsable"),
    ],
)
def test_resolve_auto(environ: dict[str, str], tty: bool, expected: str) -> None:
    stream = _Tty() if tty else io.StringIO()
    assert resolve_format("auto", stream, environ) == expected


def test_an_explicit_format_wins_over_auto() -> None:
    environ = {"GITHUB_ACTIONS": "true"}
    assert resolve_format("sarif", io.StringIO(), environ) == "sarif"


# ---- sarif ---------------------------------------------------------------------------------


def sarif(run_cli: Runner, *args: str | Path) -> tuple[Any, dict[str, Any]]:
    result = check(run_cli, "--format", "sarif", *args)
    document = json.loads(result.stdout)
    assert sarif_errors(document) == []
    return result, document


def test_sarif_findings(run_cli: Runner, files: dict[str, str]) -> None:
    result, document = sarif(run_cli, files["findings"])
    assert result.exit_code == 1, result
    assert document["version"] == "2.1.0"
    (run,) = document["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    got = [
        (
            r["ruleId"],
            rules[r["ruleIndex"]]["id"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in run["results"]
    ]
    location = {"uri": "typo.yaml", "uriBaseId": "%SRCROOT%"}
    assert got == [
        ("NP101", "NP101", "error", location, {"startLine": 7, "startColumn": 12}),
        ("NP102", "NP102", "error", location, {"startLine": 11, "startColumn": 5}),
    ]
    assert run["results"][1]["message"]["text"] == (
        "unknown key 'walkaway' in variables[0]\nhint: did you mean 'walk_away'?"
    )
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path.cwd().as_uri() + "/"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_rules_carry_their_documentation(run_cli: Runner, files: dict[str, str]) -> None:
    _, document = sarif(run_cli, files["clean"])
    rules = {r["id"]: r for r in document["runs"][0]["tool"]["driver"]["rules"]}
    rule = rules["NP302"]
    assert rule["name"] == "no-walk-away"
    assert rule["shortDescription"]["text"] == RULES["NP302"].summary
    assert RULES["NP302"].section("Why it matters:").split()[0] in rule["fullDescription"]["text"]
    assert rule["help"]["text"] == RULES["NP302"].doc
    assert "**Why it matters**" in rule["help"]["markdown"]
    assert "```yaml" in rule["help"]["markdown"]
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rules["NP203"]["defaultConfiguration"]["level"] == "warning"
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for code, descriptor in rules.items():
        assert descriptor["defaultConfiguration"]["level"] == levels[RULES[code].severity.value]


def test_sarif_clean_file(run_cli: Runner, files: dict[str, str]) -> None:
    result, document = sarif(run_cli, files["clean"])
    assert result.exit_code == 0, result
    assert document["runs"][0]["results"] == []


def test_sarif_syntax_error(run_cli: Runner, files: dict[str, str]) -> None:
    result, document = sarif(run_cli, files["syntax"])
    assert result.exit_code == 1, result
    (finding,) = document["runs"][0]["results"]
    assert finding["ruleId"] == "NP100"
    region = finding["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 4, "startColumn": 1}


def test_sarif_files_not_checked_are_notifications(run_cli: Runner, files: dict[str, str]) -> None:
    result, document = sarif(run_cli, files["clean"], "missing.yaml")
    assert result.exit_code == 2, result
    invocation = document["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "missing.yaml: error: no such file or directory"
    location = note["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "missing.yaml", "uriBaseId": "%SRCROOT%"}


def test_sarif_levels_per_severity() -> None:
    findings = [
        Finding("p.yaml", 1, 1, "NP502", Severity.ERROR, "e"),
        Finding("p.yaml", 2, 1, "NP203", Severity.WARNING, "w"),
        Finding("p.yaml", 3, 1, "NP505", Severity.INFO, "i"),
    ]
    out = io.StringIO()
    report = SarifReport(out, {})
    report.file(FileResult("p.yaml", kind="plan", findings=findings))
    report.file(FileResult("other.yaml", skipped=True))
    report.file(FileResult("x.yaml", error=InputError("permission denied", path="x.yaml")))
    report.finish(Summary())
    document = json.loads(out.getvalue())
    assert sarif_errors(document) == []
    run = document["runs"][0]
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]
    assert len(run["invocations"][0]["toolExecutionNotifications"]) == 1


def test_sarif_paths_outside_the_root_are_absolute_uris(
    run_cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = tmp_path / "repo"
    inside.mkdir()
    (tmp_path / "odd name%.yaml").write_text(TYPO, encoding="utf-8")
    monkeypatch.chdir(inside)
    _, document = sarif(run_cli, "../odd name%.yaml")
    uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"] == {"uri": (tmp_path / "odd name%.yaml").as_uri()}


def test_sarif_escapes_relative_uris(run_cli: Runner, tmp_path: Path) -> None:
    (tmp_path / "q3 100%").mkdir()
    (tmp_path / "q3 100%" / "plan #1.yaml").write_text(TYPO, encoding="utf-8")
    _, document = sarif(run_cli, "q3 100%/plan #1.yaml")
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "q3%20100%25/plan%20%231.yaml"


def test_sarif_validates_for_all_examples(run_cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result, document = sarif(run_cli, "examples")
    assert result.exit_code in (0, 1), result
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    }
    assert all(uri.startswith("examples/") for uri in uris), uris


def test_sarif_validates_for_the_clean_example(
    run_cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result, document = sarif(run_cli, CLEAN.relative_to(ROOT))
    assert result.exit_code == 0, result
    assert document["runs"][0]["results"] == []


# ---- the example playbook repository --------------------------------------------------------


def test_the_example_playbook_repo_checks_clean(
    run_cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PLAYBOOK_REPO)
    result = check(run_cli, "--format", "json")
    assert result.exit_code == 0, result
    document = json.loads(result.stdout)
    kinds = sorted((f["path"], f["kind"]) for f in document["files"])
    assert ("playbook.yaml", "playbook") in kinds
    plans = [path for path, kind in kinds if kind == "plan"]
    assert len(plans) >= 3
    assert {Path(p).parts[1] for p in plans} >= {"emea", "na"}  # plans/<region>/...
    for entry in document["files"]:
        if entry["kind"] == "plan":
            assert Path(entry["playbook"]).resolve() == PLAYBOOK_REPO / "playbook.yaml"
    assert document["summary"]["errors"] == 0


def test_the_example_playbook_repo_checks_clean_from_the_project_root(
    run_cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = check(run_cli, "--format", "parsable", "examples/playbook-repo")
    assert result.exit_code == 0, result
    assert ": error:" not in result.stdout
