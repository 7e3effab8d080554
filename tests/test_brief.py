"""``negplan brief``: golden briefs, Markdown structure, hostile text, templates, output files.

Regenerate the golden files after an intended change, then review the diff like code::

    NEGPLAN_UPDATE_GOLDEN=1 pytest tests/test_brief.py
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAN, EXAMPLES, ROOT, TODAY
from markdown_it import MarkdownIt
from markdown_it.token import Token

from negplan.checking import check_plan
from negplan.escape import markdown_text

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("NEGPLAN_UPDATE_GOLDEN") == "1"
DEFAULT_PLAYBOOK = ROOT / "negplan" / "data" / "default-playbook.yaml"


def example_plans() -> list[Path]:
    """Every example plan that validates into a model (plans with schema errors have none)."""
    found = []
    for path in sorted(EXAMPLES.rglob("*.y*ml")):
        text = path.read_text(encoding="utf-8")
        if "kind: plan" not in text:
            continue
        checked = check_plan(str(path), playbook=None, today=date.fromisoformat(TODAY))
        if checked.plan is not None:
            found.append(path)
    return found


EXAMPLE_PLANS = example_plans()


def golden_name(plan: Path, suffix: str) -> Path:
    relative = plan.relative_to(EXAMPLES).with_suffix("")
    return GOLDEN / ("__".join(relative.parts) + suffix)


def md_tables(text: str) -> list[list[list[str]]]:
    """Each GFM table in ``text`` as rows of cell texts (the header row first)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables: list[list[list[str]]] = []
    row: list[str] | None = None
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(_plain(token))
        elif token.type == "tr_close" and row is not None:
            tables[-1].append(row)
            row = None
    return tables


def _plain(token: Token) -> str:
    return "".join(
        child.content for child in token.children or [] if child.type in ("text", "code_inline")
    )


def md_tokens(text: str) -> list[Token]:
    """All tokens of ``text``, nested inline tokens included."""
    out: list[Token] = []
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        out.append(token)
        out.extend(token.children or [])
    return out


class TagCollector(HTMLParser):
    """Collects the tags and the text of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_parts(text: str) -> TagCollector:
    parser = TagCollector()
    parser.feed(text)
    parser.close()
    return parser


#: The only tags the shipped HTML template writes.
HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "div", "h1", "h2", "span",
    "b", "br", "section", "ul", "ol", "li", "p", "table", "colgroup", "col", "thead", "tbody",
    "tr", "th", "td", "figure", "figcaption",
    # the pictures, inline SVG
    "svg", "rect", "line", "polygon", "polyline", "circle", "text",
}  # fmt: skip


# ---- golden files -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("plan", EXAMPLE_PLANS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_golden_brief(run_cli: Callable[..., Any], plan: Path, fmt: str) -> None:
    result = run_cli("brief", plan, "--format", fmt, "--today", TODAY)
    assert result.exit_code == 0, result
    golden = golden_name(plan, f".{fmt}")
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8", newline="\n")
    assert golden.exists(), f"missing {golden.name}: run NEGPLAN_UPDATE_GOLDEN=1 pytest {__file__}"
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_the_clean_example_is_golden_tested() -> None:
    assert CLEAN in EXAMPLE_PLANS
    assert golden_name(CLEAN, ".md").exists()
    assert golden_name(CLEAN, ".html").exists()


def test_brief_is_deterministic(run_cli: Callable[..., Any]) -> None:
    first = run_cli("brief", CLEAN, "-f", "html", "--today", TODAY)
    second = run_cli("brief", CLEAN, "-f", "html", "--today", TODAY)
    assert first.stdout == second.stdout


# ---- Markdown structure -------------------------------------------------------------------


def test_markdown_has_the_expected_tables(run_cli: Callable[..., Any]) -> None:
    result = run_cli("brief", CLEAN, "--today", TODAY)
    assert result.exit_code == 0, result
    positions, concessions, economics = md_tables(result.stdout)
    header = ["Term", "Opening", "Target", "Walk-away", "Rep limit", "Range", "Sign-off"]
    assert positions[0] == header
    assert [row[:5] + row[6:] for row in positions[1:]] == [
        ["Discount off list price", "0%", "5%", "10%", "10%", "—"],
        ["Payment terms", "30 days", "30 days", "45 days", "45 days", "—"],
        ["Contract length", "36 months", "36 months", "24 months", "24 months", "—"],
        ["Training academy seats", "0", "10", "15", "15", "—"],
        ["Support tier included", "standard", "standard", "premium", "premium", "—"],
        ["Published case study", "yes", "yes", "no", "no", "—"],
    ]
    # Best for us on the left: opening, target, walk-away, then the rep's limit (┆) and the
    # approval zone (░); the walk-away sits at the limit.
    assert positions[1][5] == "O─T──W┆░░░░░░░░░░░░░░"
    assert concessions[0] == ["#", "Give", "Get", "Condition", "Given", "Kept"]
    assert [row[4:] for row in concessions[1:]] == [
        ["█ EUR 3,000", "101%"],
        ["██▏ EUR 9,600", "99.67%"],
        ["▌ EUR 2,367", "99.34%"],
        ["████████ EUR 36,000", "94.34%"],
        ["████▊ EUR 21,600", "95.5%"],
    ]
    assert economics == [
        ["", "At target", "At walk-away"],
        ["List value", "EUR 720,000 (3 years)", "EUR 480,000 (2 years)"],
        ["Net value", "EUR 696,000 (96.67%)", "EUR 409,122 (85.23%)"],
        ["Concession", "EUR 24,000 (3.33%)", "EUR 70,878 (14.77%)"],
    ]
    assert [row[:3] for row in concessions[1:]] == [
        ["1", "Training academy seats: 10", "Published case study: yes"],
        ["2", "Support tier included: premium", "Contract length: 36 months"],
        ["3", "Payment terms: 45 days", "signed order form by 2027-03-31"],
        [
            "4",
            "Discount off list price: 5%",
            "warehouse expansion (120 seats) in this order by 2027-03-31",
        ],
        ["5", "Discount off list price: 8%", "Reference calls per year: 2"],
    ]


def test_deal_economics_table_and_its_redaction(run_cli: Callable[..., Any]) -> None:
    # Clean example: list 240,000 a year. Target: 3 years, discount 5% = 3 x 12,000 off,
    # training seats 10 x 300 (once) = 3,000 off, case study +15,000: 720,000 - 36,000 - 3,000
    # + 15,000 = 696,000 (96.67% of list). Walk-away: EUR 409,121.92, shown as 409,122.
    for fmt in ("md", "html"):
        shown = run_cli("brief", CLEAN, "--today", TODAY, "-f", fmt).stdout
        assert "EUR 696,000 (96.67%)" in shown and "EUR 409,122 (85.23%)" in shown
        assert "Floor 80% of list (EUR 384,000 at walk-away)" in shown
        assert "within the rep&#39;s authority" in shown or "within the rep's authority" in shown
        assert "409,121.92" not in shown  # whole currency units on the page
        redacted = run_cli("brief", CLEAN, "--today", TODAY, "-f", fmt, "--redact").stdout
        assert "Deal economics" not in redacted and "DEAL ECONOMICS" not in redacted
        assert "696,000" not in redacted and "409,12" not in redacted


def test_markdown_sections_in_order(run_cli: Callable[..., Any]) -> None:
    result = run_cli("brief", CLEAN, "--today", TODAY)
    headings = [
        _plain(tokens[i + 1])
        for tokens in [MarkdownIt("commonmark").enable("table").parse(result.stdout)]
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    assert headings == [
        "2027 platform renewal and expansion",
        "This meeting",
        "Goals",
        "Value",
        "Objective criteria",
        "Their situation",
        "Buyer interests",
        "Our interests",
        "Positions",
        "Concession plan",
        "Walk-away",
        "Deal economics",
        "Alternatives",
        "Approvals and sign-offs",
        "Questions to ask",
        "Anticipated asks",
        "Check findings",
    ]
    readiness = result.stdout.split("## Goals")[0]
    assert "**Readiness: READY** · 0 errors, 0 warnings, 0 notes" in readiness


def test_markdown_on_a_terminal_is_rendered(
    run_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("negplan.commands.brief._terminal", lambda: True)
    shown = run_cli("brief", CLEAN, "--today", TODAY)
    assert shown.exit_code == 0, shown
    assert "Discount off list price" in shown.stdout
    assert "|---|" not in shown.stdout and "**" not in shown.stdout
    raw = run_cli("brief", CLEAN, "--today", TODAY, "--format", "md")
    assert raw.stdout.startswith("# 2027 platform renewal and expansion\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("line one\nline two", "line one line two"),
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("- not a list", "\\- not a list"),
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        ("{{ 7*7 }}", "{{ 7\\*7 }}"),
        ("_em_ and snake_case", "\\_em\\_ and snake_case"),
        ("&amp; R&D", "\\&amp; R&D"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("99.9% uptime", "99.9% uptime"),
    ],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert markdown_text(text) == expected


# ---- hostile plan text --------------------------------------------------------------------

LONG_WORD = "Supercalifragilistic" * 8
HOSTILE = f"""\
kind: plan
version: 1
deal:
  title: "Pipe | deal <script>alert(1)</script> {{{{ 7*7 }}}}"
  customer: "Acme 株式会社 شركة Ελλάδα 🤝"
  owner: "# Not a heading"
  meeting: 2027-02-10
goals:
  - {{goal: "first line\\n# second line | with pipe", priority: must}}
  - {{goal: "{LONG_WORD}", priority: should}}
value:
  statement: "<img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** {{% raw %}}"
  proof_points: ["- not a list", "1. not ordered", "> not a quote", "&amp; entity", "\\e[31mred"]
interests:
  - {{interest: "Emoji 🚀 and हिन्दी", holder: "<b>Holder</b>", evidence: "|a|b|"}}
  - {{interest: "Second | interest", evidence: "cell\\nbreak"}}
variables:
  - {{term: discount, opening: 0, target: 5, walk_away: 10, notes: "pipe | and\\nnewline"}}
  - {{term: payment_terms, opening: 30, target: 30, walk_away: 45}}
  - {{term: contract_length, opening: 36, target: 36, walk_away: 24}}
walk_away: "Below {{{{ 7*7 }}}} | <script>x</script>"
concessions:
  - give: {{term: payment_terms, value: 45}}
    get: {{commitment: "A | get <em>x</em>", by: 2027-03-31}}
    condition: "If | they\\nsign"
questions: ["Q1 | ?", "{{{{ config }}}}", "# 3"]
asks: [{{ask: "<script>alert('ask')</script>", response: "x | y"}}]
"""


@pytest.fixture
def hostile(write: Callable[[str, str], Path]) -> Path:
    return write("hostile.yaml", HOSTILE)


def test_hostile_text_is_inert_in_markdown(run_cli: Callable[..., Any], hostile: Path) -> None:
    result = run_cli("brief", hostile, "--today", TODAY)
    assert result.exit_code == 0, result
    tokens = md_tokens(result.stdout)
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_inline", "html_block", "link_open", "image"}
    # Code spans hold the pictures only: characters negplan draws, never plan text.
    drawn = set("OTW┆─░▓█▉▊▋▌▍▎▏ ")
    spans = [t.content for t in tokens if t.type == "code_inline"]
    assert spans and all(set(span) <= drawn for span in spans), spans
    emphasised = [b.content for a, b in itertools.pairwise(tokens) if a.type == "em_open"]
    assert set(emphasised) <= {
        "estimated",
        "validated",
        "None needed: every position is within the rep's authority.",
        "None recorded.",
    }
    assert "blockquote_open" not in kinds
    headings = [t for t in tokens if t.type == "heading_open"]
    assert [t.tag for t in headings] == ["h1"] + ["h2"] * 13
    positions, concessions = md_tables(result.stdout)
    assert all(len(row) == 7 for row in positions)
    assert all(len(row) == 4 for row in concessions)
    assert concessions[1] == [
        "1",
        "Payment terms: 45 days",
        "A | get <em>x</em> by 2027-03-31",
        "If | they sign",
    ]
    text = " ".join(t.content for t in tokens if t.type == "text")
    for visible in [
        "Pipe | deal <script>alert(1)</script> {{ 7*7 }}",
        "Acme 株式会社 شركة Ελλάδα 🤝",
        "# Not a heading",
        "first line # second line | with pipe",
        LONG_WORD,
        "<img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** {% raw %}",
        "- not a list",
        "Emoji 🚀 and हिन्दी",
        "Below {{ 7*7 }} | <script>x</script>",
        "{{ config }}",
        "\ufffd[31mred",
    ]:
        assert visible in text
    assert "\x1b" not in result.stdout


def test_hostile_text_is_escaped_in_html(run_cli: Callable[..., Any], hostile: Path) -> None:
    result = run_cli("brief", hostile, "-f", "html", "--today", TODAY)
    assert result.exit_code == 0, result
    page = html_parts(result.stdout)
    assert page.tags <= HTML_TAGS
    assert not {a for a in page.attributes if a.startswith("on")}
    text = "".join(page.text)
    assert "Pipe | deal <script>alert(1)</script> {{ 7*7 }}" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "Acme 株式会社 شركة Ελλάδα 🤝" in text
    # The long word is all there, with a break opportunity every 30 characters.
    assert LONG_WORD in text.replace("\u200b", "")
    assert f"{LONG_WORD[:30]}\u200b{LONG_WORD[30:60]}\u200b" in text
    assert "<script" not in result.stdout.lower()
    assert "{{ config }}" in text


# ---- self-contained HTML ------------------------------------------------------------------


def test_html_is_self_contained(run_cli: Callable[..., Any]) -> None:
    result = run_cli("brief", CLEAN, "-f", "html", "--today", TODAY)
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    for forbidden in ("<script", "<link", "<img", "@import", "url(", "http://", "https://"):
        assert forbidden not in page.lower()
    assert "@page { size: A4;" in page
    assert "default-src 'none'" in page
    letter = run_cli("brief", CLEAN, "-f", "html", "--paper", "letter", "--today", TODAY)
    assert "@page { size: letter;" in letter.stdout


# ---- readiness, strict, invalid plans -----------------------------------------------------


def _broken(clean_text: str) -> str:
    """The clean plan with an error (no walk-away summary) and a warning (no decision maker)."""
    text = re.sub(r"^walk_away: >-\n(  .*\n)+", "", clean_text, flags=re.MULTILINE)
    return text.replace("decision_maker: true", "decision_maker: false")


def test_plan_with_errors_renders_not_ready(
    run_cli: Callable[..., Any], write: Callable[[str, str], Path], clean_text: str
) -> None:
    plan = write("broken.yaml", _broken(clean_text))
    result = run_cli("brief", plan, "--today", TODAY)
    assert result.exit_code == 0, result
    assert "**Readiness: NOT READY** · 1 error, 1 warning" in result.stdout
    assert "NP303" in result.stdout and "NP507" in result.stdout
    assert "_No walk-away summary._" in result.stdout
    assert result.stderr.strip().endswith(
        f"brief marked NOT READY (1 error; run `negplan check {plan}`)"
    )


def test_strict_refuses_a_plan_that_is_not_ready(
    run_cli: Callable[..., Any], write: Callable[[str, str], Path], clean_text: str
) -> None:
    plan = write("broken.yaml", _broken(clean_text))
    result = run_cli("brief", plan, "--strict", "--today", TODAY)
    assert result.exit_code == 1, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    # each finding on one line, as `check --format parsable` prints it, hint included
    assert any(line.startswith(f"{plan}:") and "[NP303] hint: " in line for line in lines)
    assert "--strict refuses" in lines[-1]
    clean = run_cli("brief", CLEAN, "--strict", "--today", TODAY)
    assert clean.exit_code == 0, clean


def test_invalid_plan_prints_findings_and_exits_1(
    run_cli: Callable[..., Any], write: Callable[[str, str], Path]
) -> None:
    plan = write("bad.yaml", "kind: plan\nversion: 1\ndeal: {title: x}\n")
    result = run_cli("brief", plan, "--today", TODAY)
    assert result.exit_code == 1, result
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{plan}:3:") and "[NP101]" in first
    assert result.stderr.splitlines()[-1].endswith("the plan is not valid, so no brief can be made")


def test_a_playbook_is_not_a_plan(run_cli: Callable[..., Any]) -> None:
    result = run_cli("brief", DEFAULT_PLAYBOOK, "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{DEFAULT_PLAYBOOK}: error: is a playbook, not a plan")


def test_missing_plan_is_exit_2(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    result = run_cli("brief", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "no such file" in result.stderr


# ---- redaction ----------------------------------------------------------------------------

REDACT_PLAN = """\
kind: plan
version: 1
deal: {title: Redaction test renewal, customer: Initech, owner: Rae, meeting: 2027-02-10}
counterparts: [{name: Bo, role: CFO, decision_maker: true}]
goals: [{goal: Renew, priority: must}]
value: {statement: We cut their costs.}
interests: [{interest: Lower spend, evidence: call, status: validated}]
alternatives: {ours: {description: Other deals}, theirs: {description: Spreadsheets}}
variables:
  - {term: discount, opening: 0, target: 5, walk_away: 17}
  - {term: payment_terms, opening: 30, target: 30, walk_away: 52}
  - {term: contract_length, opening: 36, target: 36, walk_away: 24}
walk_away: Below 199,999 per year we decline.
concessions:
  - {give: {term: discount, value: 12}, get: {commitment: signature this month, by: 2026-12-20}}
  - {give: {term: payment_terms, value: 52}, get: {term: contract_length, value: 36}}
alignment:
  - {with: Finance director, term: payment_terms, status: agreed, notes: OK up to 52}
"""
#: Walk-aways, the rep's authority, the approval thresholds and approvers of those terms.
REDACTED = [
    "17%", "52 days", "24 months", "10%", "45 days", "20%", "60 days", "199,999",
    "Regional sales director", "Finance director", "up to 52", "within",
]  # fmt: skip


@pytest.fixture
def redact_plan(write: Callable[[str, str], Path]) -> Path:
    return write("redact.yaml", REDACT_PLAN)


def test_unredacted_brief_shows_the_numbers(run_cli: Callable[..., Any], redact_plan: Path) -> None:
    text = run_cli("brief", redact_plan, "-f", "md", "--today", TODAY).stdout
    for secret in ["17%", "52 days", "24 months", "10%", "45 days", "199,999"]:
        assert secret in text
    assert "**needs Regional sales director**" in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_redacted_brief_leaves_out_the_numbers(
    run_cli: Callable[..., Any], redact_plan: Path, fmt: str
) -> None:
    result = run_cli("brief", redact_plan, "-f", fmt, "--redact", "--today", TODAY)
    assert result.exit_code == 0, result
    for secret in REDACTED:
        assert secret not in result.stdout
    # Both gives lie between the target and the walk-away: each would bound the walk-away.
    assert "Discount off list price: (withheld)" in result.stdout
    assert "Payment terms: (withheld)" in result.stdout
    # The get is shown: it is what we ask for.
    assert "Contract length: 36 months" in result.stdout
    assert "Redaction test renewal" in result.stdout


# ---- templates from a playbook ------------------------------------------------------------


@pytest.fixture
def playbook_dir(tmp_path: Path, clean_text: str) -> Callable[[str, str], Path]:
    """A folder with a playbook naming ``template`` (written with ``text``) and the clean plan;
    returns the plan's path."""

    def make(template: str, text: str) -> Path:
        folder = tmp_path / "repo"
        folder.mkdir(exist_ok=True)
        playbook = DEFAULT_PLAYBOOK.read_text(encoding="utf-8")
        (folder / "playbook.yaml").write_text(
            playbook + f"  template: {template}\n", encoding="utf-8"
        )
        target = folder / template
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        plan = folder / "plan.yaml"
        plan.write_text(clean_text, encoding="utf-8")
        return plan

    return make


def test_playbook_template_extends_the_shipped_one(
    run_cli: Callable[..., Any], playbook_dir: Callable[[str, str], Path]
) -> None:
    plan = playbook_dir(
        "team-brief.md.j2",
        '{% extends "brief.md.j2" %}{% block goals %}## Our goals\n\n'
        "{% for g in goals %}- {{ g.goal }}\n{% endfor %}{% endblock %}",
    )
    result = run_cli("brief", plan, "--today", TODAY)
    assert result.exit_code == 0, result
    assert "## Our goals\n\n- Renew for 36 months at no more than 8% discount\n" in result.stdout
    assert "## Positions" in result.stdout
    html = run_cli("brief", plan, "-f", "html", "--today", TODAY)
    assert "Our goals" not in html.stdout  # a Markdown template leaves HTML to the shipped one


def test_playbook_html_template_is_autoescaped(
    run_cli: Callable[..., Any], playbook_dir: Callable[[str, str], Path]
) -> None:
    plan = playbook_dir("brief.html.j2", "<h1>{{ deal.title }}</h1><p>{{ '<b>' }}</p>\n")
    result = run_cli("brief", plan, "-f", "html", "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == "<h1>2027 platform renewal and expansion</h1><p>&lt;b&gt;</p>\n"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "blocked by the sandbox"),
        ("{{ cycler.__init__.__globals__.os.system('touch PWNED') }}", "blocked by the sandbox"),
        ("{{ self.__init__.__globals__ }}", "blocked by the sandbox"),
        ("{{ deal|attr('__class__') }}", "blocked by the sandbox"),
        ("{{ 'x' * 10**9 }}", "repeat too large"),
        ("{{ 7 ** 77777777 }}", "power too large"),
        ("{{ 'x'|center(10**9) }}", "number argument is over"),
        ("{{ '%999999999d' % 1 }}", "huge width"),
        ("{{ range(10**7)|list }}", "over the 200,000 limit"),
        (
            "{% set ns = namespace(x='ab') %}{% for i in range(64) %}"
            "{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x }}",
            "value too large",
        ),
        ("{{ 'ab'|replace('a', 'x' * 100000)|replace('x', 'y' * 100000) }}", "replace would"),
        ("{{ lipsum() }}", "'lipsum' is undefined"),
        ("{{ no_such_thing }}", "'no_such_thing' is undefined"),
        ("{% if %}", "syntax error"),
        ("{% include 'secret.txt' %}", "template not found"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "recursed too deeply"),
    ],
)
def test_unsafe_templates_fail_safely(
    run_cli: Callable[..., Any],
    playbook_dir: Callable[[str, str], Path],
    template: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = playbook_dir("evil.md.j2", f"line one\n{template}\n")
    monkeypatch.chdir(plan.parent)
    result = run_cli("brief", plan, "--today", TODAY)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(str(plan.parent / "evil.md.j2")), first
    assert message in first
    if "recursed" not in message:
        assert first.startswith(f"{plan.parent / 'evil.md.j2'}:2: error: ")
    assert "Traceback" not in result.stderr
    assert not (plan.parent / "PWNED").exists()


def test_a_slow_template_is_stopped(
    run_cli: Callable[..., Any],
    playbook_dir: Callable[[str, str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("negplan.brief.render.TIME_LIMIT", 0.5)
    loops = "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}"
    plan = playbook_dir("slow.md.j2", loops)
    result = run_cli("brief", plan, "--today", TODAY)
    assert result.exit_code == 2, result
    assert "took longer than 0.5 seconds" in result.stderr


@pytest.mark.parametrize("where", ["../outside.md.j2", "/etc/hostname"])
def test_template_must_be_inside_the_playbook_folder(
    run_cli: Callable[..., Any], tmp_path: Path, clean_text: str, where: str
) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    (tmp_path / "outside.md.j2").write_text("stolen\n", encoding="utf-8")
    playbook = DEFAULT_PLAYBOOK.read_text(encoding="utf-8") + f"  template: {where}\n"
    (folder / "playbook.yaml").write_text(playbook, encoding="utf-8")
    (folder / "plan.yaml").write_text(clean_text, encoding="utf-8")
    result = run_cli("brief", folder / "plan.yaml", "--today", TODAY)
    assert result.exit_code == 2, result
    assert "brief template must be" in result.stderr
    assert "stolen" not in result.stdout


# ---- output files -------------------------------------------------------------------------


def test_output_file_format_from_suffix(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    result = run_cli("brief", CLEAN, "-o", target, "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    markdown = tmp_path / "brief.md"
    run_cli("brief", CLEAN, "-o", markdown, "--today", TODAY)
    assert markdown.read_text(encoding="utf-8") == golden_name(CLEAN, ".md").read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html", "brief.md"]


def test_existing_file_is_not_overwritten_without_force(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    target = tmp_path / "brief.md"
    target.write_text("my notes\n", encoding="utf-8")
    refused = run_cli("brief", CLEAN, "-o", target, "--today", TODAY)
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"{target}: error: already exists; not overwriting it",
        "hint: add --force to replace it",
    ]
    assert target.read_text(encoding="utf-8") == "my notes\n"
    forced = run_cli("brief", CLEAN, "-o", target, "--force", "--today", TODAY)
    assert forced.exit_code == 0, forced
    assert target.read_text(encoding="utf-8").startswith("# 2027 platform renewal")


def test_symlink_is_never_written_through(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "brief.md"
    link.symlink_to(victim)
    refused = run_cli("brief", CLEAN, "-o", link, "--today", TODAY)
    assert refused.exit_code == 2
    forced = run_cli("brief", CLEAN, "-o", link, "--force", "--today", TODAY)
    assert forced.exit_code == 0, forced
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8").startswith("# 2027")
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_render_failure_leaves_the_old_brief(
    run_cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from negplan.errors import TemplateError

    target = tmp_path / "brief.md"
    target.write_text("earlier brief\n", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> str:
        raise TemplateError("template error: boom", path="brief.md.j2:3")

    monkeypatch.setattr("negplan.commands.brief.render_brief", fail)
    result = run_cli("brief", CLEAN, "-o", target, "--force", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith("brief.md.j2:3: error: template error: boom")
    assert target.read_text(encoding="utf-8") == "earlier brief\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_write_failure_leaves_the_old_brief_and_no_temporary_file(
    run_cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.md"
    target.write_text("earlier brief\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("negplan.atomic.os.replace", broken_replace)
    result = run_cli("brief", CLEAN, "-o", target, "--force", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{target}: error: cannot write: No space left on device")
    assert target.read_text(encoding="utf-8") == "earlier brief\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_output_into_a_missing_folder(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    result = run_cli("brief", CLEAN, "-o", tmp_path / "no" / "brief.md", "--today", TODAY)
    assert result.exit_code == 2
    assert "folder does not exist" in result.stderr


# ---- PDF without the extra, and lazy imports ---------------------------------------------


def test_pdf_without_weasyprint_says_how_to_install(
    run_cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    result = run_cli("brief", CLEAN, "-o", tmp_path / "b.pdf", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr == "error: pdf output needs WeasyPrint: pip install 'negplan[pdf]'\n"
    assert list(tmp_path.iterdir()) == []


def test_pdf_needs_an_output_file(run_cli: Callable[..., Any]) -> None:
    result = run_cli("brief", CLEAN, "-f", "pdf", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: pdf output needs a file",
        "hint: add -o brief.pdf",
    ]


def test_jinja2_and_weasyprint_are_imported_only_by_brief() -> None:
    code = (
        "import sys\n"
        "from negplan.cli import app\n"
        "for args in (['--help'], ['check', sys.argv[1], '--today', sys.argv[2]]):\n"
        "    try:\n"
        "        app(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('jinja2', 'weasyprint') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(CLEAN), TODAY],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
