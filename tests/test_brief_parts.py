"""The brief's parts: goal order, one reading of each sign-off, the economics table against
``negplan value``, the pictures, findings in plain words, and what fitting one page keeps."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from brief_plans import FULL, PLANS
from conftest import CLEAN, EXAMPLES, TODAY
from test_brief import EXAMPLE_PLANS, html_parts, md_tables

from negplan.brief import bars, fit, shorten, words
from negplan.brief.build import build_brief
from negplan.brief.data import Brief
from negplan.checking import check_plan
from negplan.models.plan import Variable
from negplan.pricing import analyse
from negplan.rules import RULES

DAY = date.fromisoformat(TODAY)


def _brief(path: Path, **options: Any) -> Brief:
    checked = check_plan(str(path), playbook=None, today=DAY)
    assert checked.plan is not None and checked.playbook.playbook is not None
    playbook = checked.playbook.playbook
    return build_brief(
        checked.plan,
        playbook,
        checked.findings,
        playbook_name="x",
        today=DAY,
        economics=analyse(checked.plan, playbook),
        **options,
    )


@pytest.fixture
def full_plan(write: Callable[[str, str], Path]) -> Path:
    return write("full.yaml", FULL)


# ---- order and consistency ----------------------------------------------------------------


def test_goals_come_must_first_then_should_then_nice(
    run_cli: Callable[..., Any], full_plan: Path
) -> None:
    page = run_cli("brief", full_plan, "-f", "md", "--today", TODAY).stdout
    goals = page.split("## Goals")[1].split("##")[0]
    order = re.findall(r"^- \*\*(must|should|nice)\*\*", goals, flags=re.MULTILINE)
    assert order == ["must", "must", "should", "should", "nice", "nice"]


@pytest.mark.parametrize(
    "path", [*EXAMPLE_PLANS, "full"], ids=lambda p: p if isinstance(p, str) else p.name
)
def test_positions_table_and_approvals_tell_the_same_story(
    path: Path | str, write: Callable[[str, str], Path]
) -> None:
    brief = _brief(write("full.yaml", FULL) if path == "full" else Path(path))
    approvals = {(s.who, s.what.split(" to ")[0]): s for s in brief.signoffs}
    for row in brief.variables:
        if not row.past_authority:
            assert row.signoff is None and not row.signoff_done
            continue
        signed = approvals[(row.signoff, row.name)]
        assert (signed.status, signed.done) == (row.signoff_status, row.signoff_done)
        assert signed.attention == (not row.signoff_done) == row.attention
        if row.signoff_done:
            assert row.signoff_date == signed.date


def test_an_agreed_sign_off_is_green_in_both_places(run_cli: Callable[..., Any]) -> None:
    # Initech: payment at 60 days needs the finance director, who agreed on 2026-11-20.
    plan = EXAMPLES / "playbook-repo" / "plans" / "na" / "initech-renewal.yaml"
    page = run_cli("brief", plan, "-f", "html", "--today", TODAY).stdout
    assert '<span class="ok">✓ Finance director · 2026-11-20</span>' in page
    assert '<span class="ok">✓ agreed 2026-11-20</span>' in page
    assert "needs Finance director" not in page
    markdown = run_cli("brief", plan, "-f", "md", "--today", TODAY).stdout
    positions = md_tables(markdown)[0]
    payment = next(row for row in positions if row[0] == "Payment terms")
    assert payment[-1] == "✓ Finance director, agreed 2026-11-20"


def test_only_what_needs_action_is_red(run_cli: Callable[..., Any]) -> None:
    clean = run_cli("brief", CLEAN, "-f", "html", "--today", TODAY).stdout
    body = clean.split("</style>")[1]
    assert 'class="flag' not in body  # nothing needs action in the clean plan
    past = EXAMPLES / "past-authority-no-signoff.yaml"
    body = run_cli("brief", past, "-f", "html", "--today", TODAY).stdout.split("</style>")[1]
    flagged = re.findall(r'class="flag">([^<]+)<', body)
    assert flagged == [
        "needs Regional sales director",
        "Walk-away package needs VP Sales (rep&#39;s authority 15% of list)",
        "not asked",
        "not asked",
    ]


# ---- deal economics -----------------------------------------------------------------------


def _whole(amount: str, currency: str) -> str:
    rounded = int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{currency} {rounded:,}"


@pytest.mark.parametrize("path", EXAMPLE_PLANS, ids=lambda p: p.name)
def test_economics_are_the_numbers_of_negplan_value(
    run_cli: Callable[..., Any], path: Path
) -> None:
    value = run_cli("value", path, "--format", "json", "--today", TODAY)
    assert value.exit_code == 0, value
    priced = json.loads(value.stdout)
    brief = _brief(path)
    assert brief.economics is not None
    if not brief.economics.priced:
        assert all(v["value"] is None for v in priced["scenarios"]["walk_away"]["terms"])
        return
    cur = priced["currency"]
    rows = {row.label: row for row in brief.economics.rows}
    for scenario, column in (("target", "target"), ("walk_away", "walk_away")):
        figures = priced["scenarios"][scenario]
        assert getattr(rows["List value"], column).startswith(_whole(figures["list_value"], cur))
        net = getattr(rows["Net value"], column)
        assert net == f"{_whole(figures['net_value'], cur)} ({_pct(figures['share_of_list'])})"
        given = getattr(rows["Concession"], column)
        share = _pct(figures["concession_share"])
        assert given == f"{_whole(figures['concession'], cur)} ({share})"
    package = priced["package"]
    assert (package["approver"] or "") in brief.economics.package


def _pct(text: str) -> str:
    return text.rstrip("0").rstrip(".") + "%" if "." in text else text + "%"


def test_a_playbook_without_value_models_prices_nothing(run_cli: Callable[..., Any]) -> None:
    plan = EXAMPLES / "playbook-repo" / "plans" / "na" / "initech-renewal.yaml"
    page = run_cli("brief", plan, "-f", "md", "--today", TODAY).stdout
    assert "The playbook prices none of these terms" in page
    assert "| Net value |" not in page and "Kept" not in page


# ---- pictures -----------------------------------------------------------------------------


def test_html_has_a_range_bar_per_term_and_the_ladder_as_inline_svg(
    run_cli: Callable[..., Any],
) -> None:
    page = run_cli("brief", CLEAN, "-f", "html", "--today", TODAY).stdout
    assert page.count('<td class="bar"><svg ') == 6
    assert (
        page.count('aria-label="Concession ladder: 5 steps, from 98.5% of list to 95.5% kept"') == 1
    )
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.DOTALL)
    tags = html_parts("".join(svgs)).tags
    assert tags <= {"svg", "rect", "line", "polygon", "polyline", "circle", "text"}
    for forbidden in ("<script", "href", "url(", "<image", "<use", "<foreignobject", " on"):
        assert forbidden not in "".join(svgs).lower()


def test_pictures_are_the_same_bytes_every_time() -> None:
    first = _brief(CLEAN, drawing="svg")
    second = _brief(CLEAN, drawing="svg")
    assert [v.bar for v in first.variables] == [v.bar for v in second.variables]
    assert first.ladder is not None and second.ladder is not None
    assert first.ladder.chart == second.ladder.chart
    assert all(re.fullmatch(r"[^<]*(<[^>]*>[^<]*)*", str(v.bar)) for v in first.variables)


def test_the_markdown_brief_draws_no_svg(run_cli: Callable[..., Any]) -> None:
    page = run_cli("brief", CLEAN, "-f", "md", "--today", TODAY).stdout
    assert "<svg" not in page
    assert "`O─T──W┆░░░░░░░░░░░░░░`" in page


@pytest.mark.parametrize(
    ("term", "positions", "expected"),
    [
        # lower is better: 0 at the left; rep limit 10 of 0–35, then the three approvers
        ("discount", (0, 5, 10), "O─T──W┆░░░░░░░░░░░░░░"),
        # higher is better: 60 months at the left, 12 at the right; walk-away at the limit
        ("contract_length", (36, 36, 24), "──────────OT───W┆░░░░"),
        # past the rep's limit: the walk-away sits in the approval zone
        ("discount", (0, 8, 14), "O───T─┆░W░░░░░░░░░░░░"),
        # a choice term: options best first
        ("support_tier", ("standard", "standard", "premium"), "───OT─────W───┆░░░░░░"),
    ],
)
def test_text_bars_run_from_best_to_worst(
    term: str, positions: tuple[Any, ...], expected: str
) -> None:
    checked = check_plan(str(CLEAN), playbook=None, today=DAY)
    assert checked.playbook.playbook is not None
    playbook = checked.playbook.playbook
    opening, target, walk_away = positions
    variable = Variable.model_validate(
        {"term": term, "opening": opening, "target": target, "walk_away": walk_away}
    )
    drawn = bars.range_bar(variable, playbook.term_map[term], past_state=bars.ATTENTION)
    assert drawn is not None
    assert bars.text_bar(drawn) == expected


# ---- findings in plain words --------------------------------------------------------------


def test_every_plan_rule_has_plain_words() -> None:
    missing = [
        code
        for code, rule in RULES.items()
        if rule.target == "plan" and code not in words.PLAIN and not code.startswith("NP70")
    ]
    assert missing == []
    for sentence in words.PLAIN.values():
        assert sentence[0].isupper() and sentence.endswith(".")
        assert "NP" not in sentence and "_" not in sentence


def test_findings_are_grouped_by_severity_in_plain_words(
    run_cli: Callable[..., Any], full_plan: Path
) -> None:
    page = run_cli("brief", full_plan, "-f", "md", "--today", TODAY).stdout
    findings = page.split("## Check findings")[1]
    titles = re.findall(r"^\*\*(.+)\*\*$", findings, flags=re.MULTILINE)
    assert titles == ["To fix before the meeting", "To look at", "Notes"]
    assert "- The walk-away package nets less than the company's floor. — " in findings
    assert "(NP701 package-below-floor, line " in findings
    # one line per rule, with every plan line it points at
    assert findings.count("NP203 past-authority") == 1
    assert re.search(r"NP203 past-authority, lines \d+(, \d+)+\)", findings)


# ---- one page -----------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_full_plan_is_shortened_but_keeps_what_matters(full_plan: Path, paper: str) -> None:
    whole = _brief(full_plan, drawing="svg")
    fitted = fit.fit(whole, paper)
    assert fitted.density == 2  # the smallest type: the PDF tests check it is one page
    assert fitted.shortened and fitted.shortened == shorten.left_out(whole, fitted)
    musts = [g for g in whole.goals if g.priority == "must"]
    assert [g for g in fitted.goals if g.priority == "must"] == musts
    assert fitted.walk_away == whole.walk_away
    assert [v.walk_away for v in fitted.variables] == [v.walk_away for v in whole.variables]
    assert len(fitted.concessions) == len(whole.concessions)
    needed = [s for s in whole.signoffs if not s.done]
    assert [s for s in fitted.signoffs if not s.done] == needed
    assert fitted.economics == whole.economics
    errors = [i.code for g in whole.finding_groups if g.severity == "error" for i in g.items]
    kept = [i.code for g in fitted.finding_groups if g.severity == "error" for i in g.items]
    assert kept == errors


def test_the_page_says_what_was_shortened(run_cli: Callable[..., Any], full_plan: Path) -> None:
    page = run_cli("brief", full_plan, "-f", "html", "--today", TODAY).stdout
    note = re.search(r'<p class="shortened">(.*?)</p>', page)
    assert note is not None
    assert note.group(1).startswith("Shortened to fit one page: ")
    assert "2 nice-to-have goals" in note.group(1)
    assert note.group(1).endswith("The plan holds them all.")
    markdown = run_cli("brief", full_plan, "-f", "md", "--today", TODAY).stdout
    assert "Shortened" not in markdown  # Markdown has no page to fit: it keeps everything


@pytest.mark.parametrize("path", EXAMPLE_PLANS, ids=lambda p: p.name)
def test_the_clean_examples_keep_everything_on_a4(path: Path) -> None:
    brief = _brief(path, drawing="svg")
    fitted = fit.fit(brief, "a4")
    if path.name in ("clean-renewal.yaml", "acme-logistics-renewal.yaml"):
        assert fitted.shortened == ()


def test_stress_plans_are_written_for_these_tests() -> None:
    assert set(PLANS) == {"full", "bare", "long"}
