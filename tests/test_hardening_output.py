"""What negplan prints can never be steered by a file name or by text in a plan or playbook:
no terminal control sequence, no forged output line or CI command, no crash on a file name that
is not UTF-8, no live link in the GitHub step summary, no hidden bidi or zero-width text in a
brief, and no plan from ``new`` that ``check`` would refuse."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAN, ROOT, TODAY

from negplan.brief.limits import resident_limit
from negplan.brief.text import BREAK, LONG_WORD, break_words, clean
from negplan.checking import FileResult
from negplan.errors import NegplanError
from negplan.escape import json_text, markdown_text, visible
from negplan.findings import Finding, Severity
from negplan.report.base import Summary
from negplan.report.github import step_summary

Runner = Callable[..., Any]
FORMATS = ("text", "parsable", "json", "github", "sarif")
DEFAULT_PLAYBOOK = ROOT / "negplan" / "data" / "default-playbook.yaml"

# Clear the screen, set the clipboard (OSC 52), open a hyperlink (OSC 8), ring the bell.
CLEAR = "\x1b[2J"
CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
LINK = "\x1b]8;;https://evil.example\x1b\\Acme\x1b]8;;\x1b\\"


def _yaml(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (with YAML's escapes for control characters)."""
    return json.dumps(text)  # JSON strings are YAML double-quoted strings


def _no_controls(text: str) -> None:
    """Nothing that a terminal would obey: no ESC, BEL, CR, and no bidi override."""
    for char in ("\x1b", "\x07", "\r", "\x9b", "\u202e"):
        assert char not in text, (char, text)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)


def _clean_text() -> str:
    return CLEAN.read_text(encoding="utf-8")


def _warning_plan() -> str:
    """The clean plan with one warning (no buyer-side decision maker): exit 0, one finding."""
    return _clean_text().replace("decision_maker: true", "decision_maker: false")


# ---- the escaping functions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text", "plain text"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        (CLEAR, "\\x1b[2J"),
        (CLIPBOARD, "\\x1b]52;c;ZXZpbA==\\x07"),
        ("\u202eevil\u2066x\u2069\u200b", "\\u202eevil\\u2066x\\u2069\\u200b"),
        ("m" + os.fsdecode(b"\xfc") + "ller", "m\\xfcller"),
        ("::error::forged", "\\x3a:error::forged"),
        ("  ::warning x", "  \\x3a:warning x"),
        ("##[error]forged", "\\x23#[error]forged"),
        ("a::b", "a::b"),
        ("Acme 株式会社 🤝", "Acme 株式会社 🤝"),
    ],
)
def test_visible(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert visible(shown) == shown  # escaping twice changes nothing


def test_json_text_keeps_everything_but_undecodable_bytes() -> None:
    assert json_text("a\nb\x1b") == "a\nb\x1b"  # JSON escapes these itself
    assert json_text(os.fsdecode(b"m\xfcller.yaml")) == "m\\xfcller.yaml"


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("[click](https://evil.example)", "\\[click\\](https\\://evil.example)"),
        ("![x](https://evil.example/t.png)", "!\\[x\\](https\\://evil.example/t.png)"),
        ("see https://evil.example now", "see https\\://evil.example now"),
        ("WWW.evil.example", "WWW\\.evil.example"),
        ("<img src=https://evil.example/t.png>", "\\<img src=https\\://evil.example/t.png\\>"),
        ("a:b, 10:30, mailto:x", "a:b, 10:30, mailto:x"),
        ("awww.example", "awww.example"),
    ],
)
def test_markdown_text_makes_no_link_or_image(raw: str, escaped: str) -> None:
    assert markdown_text(raw) == escaped


def test_negplan_error_renders_one_visible_line() -> None:
    error = NegplanError(
        f"cannot read {CLEAR}", path=f"plans/a\n::error::b{CLIPBOARD}.yaml", hint=f"x{LINK}"
    )
    line = error.render()
    assert line == (
        "plans/a\\n::error::b\\x1b]52;c;ZXZpbA==\\x07.yaml: error: cannot read \\x1b[2J"
    )
    assert error.hint is not None
    _no_controls(error.hint)
    assert "\n" not in error.hint


# ---- defect 3: paths in one-line errors ------------------------------------------------------


def _plan_naming_a_playbook(name: str) -> str:
    return _clean_text().replace("kind: plan\n", f"kind: plan\nplaybook: {_yaml(name)}\n", 1)


@pytest.mark.parametrize("command", ["check", "brief", "value"])
def test_a_playbook_key_is_printed_visibly(run_cli: Runner, tmp_path: Path, command: str) -> None:
    (tmp_path / "plan.yaml").write_text(
        _plan_naming_a_playbook(f"{CLIPBOARD}{CLEAR}.yaml"), encoding="utf-8"
    )
    result = run_cli(command, "plan.yaml", "--today", TODAY)
    assert result.exit_code == 2, result
    _no_controls(result.stderr)
    assert result.stderr.splitlines() == [
        "\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J.yaml: error: cannot read playbook: no such file"
    ]


def test_a_playbook_key_in_a_github_annotation(run_cli: Runner, tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        _plan_naming_a_playbook(f"a\n::error::b{CLEAR}.yaml"), "utf-8"
    )
    result = run_cli("check", "plan.yaml", "--today", TODAY, "--format", "github")
    assert result.exit_code == 2, result
    _no_controls(result.stdout)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::error file=plan.yaml,title=negplan%3A not checked::"
        "a\\n::error::b\\x1b[2J.yaml: error: cannot read playbook: no such file"
    )
    assert lines[1:] == ["negplan: 1 file could not be checked"]


def test_a_template_path_is_printed_visibly(run_cli: Runner, tmp_path: Path) -> None:
    playbook = DEFAULT_PLAYBOOK.read_text(encoding="utf-8")
    (tmp_path / "playbook.yaml").write_text(
        playbook + f"  template: {_yaml('x' + CLEAR + chr(0x202E) + '.md.j2')}\n", "utf-8"
    )
    (tmp_path / "plan.yaml").write_text(_clean_text(), encoding="utf-8")
    result = run_cli("brief", "plan.yaml", "--today", TODAY)
    assert result.exit_code == 2, result
    _no_controls(result.stderr)
    assert result.stderr == f"{tmp_path}/x\\x1b[2J\\u202e.md.j2: error: brief template not found\n"


# ---- defects 3 and 7: file names in line-oriented output -------------------------------------

NEWLINE_NAME = "a\n::error file=x.yaml::forged\nb.yaml"


@pytest.mark.parametrize(
    "name", [NEWLINE_NAME, "c\rd.yaml", f"e{CLEAR}{CLIPBOARD}f.yaml", "::error::forged.yaml"]
)
@pytest.mark.parametrize("fmt", ["parsable", "text", "github"])
def test_a_file_name_cannot_forge_a_line(
    run_cli: Runner, tmp_path: Path, name: str, fmt: str
) -> None:
    (tmp_path / name).write_text(_warning_plan(), encoding="utf-8")
    result = run_cli("check", ".", "--today", TODAY, "--format", fmt)
    assert result.exit_code == 0, result
    _no_controls(result.stdout)
    lines = result.stdout.splitlines()
    # One finding: one parsable line; a text group (name, finding, hint, blank) and the
    # summary; one annotation and the summary.
    expected = {"parsable": 1, "text": 5, "github": 2}[fmt]
    assert len(lines) == expected, result
    commands = [line for line in lines if line.lstrip().startswith(("::", "##["))]
    assert commands == ([lines[0]] if fmt == "github" else []), result
    if fmt != "github":
        assert visible(name) in result.stdout


def test_parsable_names_a_newline_path_on_one_line(run_cli: Runner, tmp_path: Path) -> None:
    (tmp_path / NEWLINE_NAME).write_text(_warning_plan(), encoding="utf-8")
    result = run_cli("check", NEWLINE_NAME, "--today", TODAY, "--format", "parsable")
    assert result.stdout.splitlines() == [
        "a\\n::error file=x.yaml::forged\\nb.yaml:24:1: warning: "
        "no buyer-side decision maker identified [NP507] hint: mark who decides with "
        "`decision_maker: true`, or add a question to find out"
    ]


# ---- defect 5: a file name that is not UTF-8 -------------------------------------------------

LATIN1 = b"angebot-m\xfcller.yaml"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_latin1_file_name_prints_readably(
    run_cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    with open(os.path.join(os.fsencode(tmp_path), LATIN1), "wb") as handle:
        handle.write(_warning_plan().encode("utf-8"))
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    # The test runner's stdout is strict UTF-8, as under a UTF-8 locale.
    result = run_cli("check", ".", "--today", TODAY, "--format", fmt)
    assert result.exit_code == 0, result
    assert result.stderr == ""
    if fmt == "json":
        [entry] = json.loads(result.stdout)["files"]
        assert entry["path"] == "angebot-m\\xfcller.yaml"
        assert entry["findings"][0]["path"] == "angebot-m\\xfcller.yaml"
    elif fmt == "sarif":
        [run] = json.loads(result.stdout)["runs"]
        location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uri"] == "angebot-m%FCller.yaml"  # the file's own bytes
    else:
        assert "angebot-m\\xfcller.yaml" in result.stdout
    if fmt == "github":
        assert "angebot-m\\\\xfcller.yaml:24:1" in summary.read_text(encoding="utf-8")


def test_a_latin1_file_that_cannot_be_checked(
    run_cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open(os.path.join(os.fsencode(tmp_path), LATIN1), "wb") as handle:
        handle.write(_plan_naming_a_playbook("missing.yaml").encode("utf-8"))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    for fmt in FORMATS:
        result = run_cli("check", ".", "--today", TODAY, "--format", fmt)
        assert result.exit_code == 2, (fmt, result)
        assert "negplan: internal error" not in result.stderr, (fmt, result)
        assert "missing.yaml: error: cannot read playbook" in result.stderr, (fmt, result)
    assert "**Not checked:**" in (tmp_path / "summary.md").read_text(encoding="utf-8")


# ---- defect 3: plan text printed by `negplan value` ------------------------------------------


def _hostile_value_plan() -> str:
    text = _clean_text()
    text = text.replace(
        "title: 2027 platform renewal and expansion",
        f"title: {_yaml('Renewal' + CLEAR + CLIPBOARD)}",
    )
    text = text.replace(
        "customer: Acme Logistics GmbH",
        f"customer: {_yaml(LINK + ' [link=https://evil.example]click[/link]')}",
    )
    return text.replace(
        "commitment: signed order form,",
        f"commitment: {_yaml('Signature' + CLEAR + ' [bold]red[/bold] ' + CLIPBOARD)},",
    )


def test_value_prints_plan_text_visibly(run_cli: Runner, tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(_hostile_value_plan(), encoding="utf-8")
    result = run_cli("value", "plan.yaml", "--today", TODAY)
    assert result.exit_code == 0, result
    _no_controls(result.stdout)
    out = " ".join(result.stdout.split())
    assert "Renewal\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07" in out
    assert "\\x1b]8;;https://evil.example\\x1b\\Acme" in out
    # rich reads no markup in plan text: the brackets print as they are.
    assert "[link=https://evil.example]click[/link]" in out
    assert "[bold]red[/bold]" in result.stdout


def test_value_json_keeps_plan_text_exact(run_cli: Runner, tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(_hostile_value_plan(), encoding="utf-8")
    result = run_cli("value", "plan.yaml", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result
    _no_controls(result.stdout)  # JSON escapes them: "\u001b"
    texts = [step["get"]["text"] for step in json.loads(result.stdout)["path"] if step["get"]]
    assert f"Signature{CLEAR} [bold]red[/bold] {CLIPBOARD} by 2027-03-31" in texts


# ---- defect 10: the GitHub step summary ------------------------------------------------------


def test_step_summary_shows_links_and_images_as_text() -> None:
    message = (
        "unknown term '![pixel](https://evil.example/t.png) [click](https://evil.example) "
        "https://evil.example/x <img src=https://evil.example/y.png>'"
    )
    finding = Finding(
        "plans/[x](https://evil.example).yaml", 3, 5, "NP201", Severity.ERROR, message
    )
    result = FileResult(finding.path, kind="plan", findings=[finding])
    summary = Summary()
    summary.add(result)
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(step_summary([result], summary, {}))
    assert "<a " not in html and "<img" not in html
    assert "https\\://" in step_summary([result], summary, {})
    assert "![pixel](https://evil.example/t.png)" in html  # shown as text, escapes undone


# ---- defect 10: bidi and zero-width characters in briefs -------------------------------------

HIDDEN = "Ac\u200bme\u202e evil\u2066 x\u2069\ufeff"


def test_clean_removes_bidi_and_zero_width_characters() -> None:
    assert clean(HIDDEN) == "Acme evil x"
    assert (
        clean("emoji 👩\u200d💻, زبان\u200cها, a\u200eb")
        == "emoji 👩\u200d💻, زبان\u200cها, a\u200eb"
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_briefs_hold_no_bidi_or_zero_width_characters(
    run_cli: Runner, tmp_path: Path, fmt: str
) -> None:
    text = _clean_text().replace("customer: Acme Logistics GmbH", f"customer: {_yaml(HIDDEN)}")
    text = text.replace(
        "  - Who besides Ana signs off a three-year commitment?",
        "  - " + _yaml("Who \u202esigns\u202c off?\u200b"),
    )
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = run_cli("brief", "plan.yaml", "--today", TODAY, "--format", fmt)
    assert result.exit_code == 0, result
    for char in "\u200b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff":
        assert char not in result.stdout, repr(char)
    assert "Acme evil x" in result.stdout
    assert "Who signs off?" in result.stdout


# ---- defect 4: long words in HTML and PDF briefs ---------------------------------------------


def test_long_words_get_break_opportunities_in_html_only(run_cli: Runner, tmp_path: Path) -> None:
    # In a must-have goal, which the HTML brief never shortens to fit its page.
    word = "x" * 40_000
    text = _clean_text().replace(
        "{goal: Renew for 36 months at no more than 8% discount,", f"{{goal: {word},"
    )
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    html = run_cli("brief", "plan.yaml", "--today", TODAY, "--format", "html").stdout
    runs = re.findall(r"x+", html)
    assert max(len(run) for run in runs) == LONG_WORD
    assert html.count(BREAK) >= 40_000 // LONG_WORD - 1
    markdown = run_cli("brief", "plan.yaml", "--today", TODAY, "--format", "md").stdout
    assert word in markdown and BREAK not in markdown


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory is watched on Linux")
def test_resident_limit_stops_a_block_that_grows() -> None:
    class TooBig(BaseException):
        pass

    held: list[bytes] = []
    with pytest.raises(TooBig), resident_limit(8 * 2**20, TooBig, every=0.01):
        held += [bytes([n]) * 2**20 for n in range(32)]  # 32 MiB, every page written
        deadline = time.process_time() + 5
        while time.process_time() < deadline:  # CPU time, which the limit is checked in
            pass
    held.clear()
    with resident_limit(64 * 2**20, TooBig, every=0.01):
        deadline = time.process_time() + 0.1
        while time.process_time() < deadline:
            pass


def test_break_words_never_splits_a_letter_or_an_emoji() -> None:
    accented = "e\u0301" * 40  # e + combining acute, 80 code points
    broken = break_words(accented)
    assert broken.replace(BREAK, "") == accented
    assert f"{BREAK}\u0301" not in broken
    family = "👩\u200d👩\u200d👧\u200d👦" * 10
    assert f"\u200d{BREAK}" not in break_words(family)
    assert break_words("short words stay as they are") == "short words stay as they are"


# ---- defect 10: `new` refuses what `check` would refuse --------------------------------------


@pytest.mark.parametrize(
    ("flag", "value", "why"),
    [
        ("--customer", f"Acme{CLEAR}", "'Acme\\x1b[2J' holds the control character \\x1b"),
        ("--title", "renewal\x07", "'renewal\\x07' holds the control character \\x07"),
        ("--owner", "Dana\x7f", "'Dana\\x7f' holds the control character \\x7f"),
    ],
)
def test_new_refuses_control_characters_in_flags(
    run_cli: Runner, tmp_path: Path, flag: str, value: str, why: str
) -> None:
    args = {"--customer": "Acme", "--title": "2027 renewal", "--owner": "Dana", flag: value}
    flags = [part for pair in args.items() for part in pair]
    result = run_cli("new", "--no-input", *flags, "plan.yaml")
    assert result.exit_code == 2, result
    assert result.stderr == f"error: {flag}: {why}; write plain text\n"
    assert not (tmp_path / "plan.yaml").exists()


def test_new_refuses_a_flag_that_is_not_utf8(run_cli: Runner, tmp_path: Path) -> None:
    customer = os.fsdecode(b"M\xfcller")  # how a Latin-1 argument reaches Python
    result = run_cli("new", "--no-input", "--customer", customer, "--title", "t", "plan.yaml")
    assert result.exit_code == 2, result
    assert result.stderr == "error: --customer: 'M\\xfcller' is not UTF-8 text\n"
    assert not (tmp_path / "plan.yaml").exists()


def test_new_re_asks_for_an_answer_with_a_control_character(
    run_cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("negplan.commands.new.stdin_is_interactive", lambda: True)
    answers = [f"Acme{CLEAR}", "Acme", "2027 renewal", "Dana", "", "", "", ""]
    result = run_cli("new", "plan.yaml", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result
    assert "'Acme\\x1b[2J' holds the control character \\x1b" in result.stderr
    check = run_cli("check", "plan.yaml", "--today", TODAY, "--format", "parsable")
    assert ": error: " not in check.stdout, check


def test_new_takes_text_that_check_accepts(run_cli: Runner, tmp_path: Path) -> None:
    customer = "Acme\u202e 株式会社 👩\u200d💻"
    result = run_cli(
        "new", "--no-input", "--customer", customer, "--title", "a\tb\nc", "--owner", "D", "p.yaml"
    )
    assert result.exit_code == 0, result
    check = run_cli("check", "p.yaml", "--today", TODAY, "--format", "parsable")
    assert "[NP100]" not in check.stdout and ": error: " not in check.stdout, check
    assert "  title: a b c\n" in (tmp_path / "p.yaml").read_text(encoding="utf-8")
