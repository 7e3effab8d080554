"""``negplan brief --redact``: nothing on the page gives a withheld number away.

Two checks on every example and stress plan, in Markdown and HTML:

* none of the withheld numbers is on the page (walk-aways, the rep's authority, approval
  thresholds and approvers, the walk-away package's figures, the floor), once the plan's own
  free text (printed as written) is set aside;
* the page does not change when the withheld numbers change: a reader cannot derive what
  does not move the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from brief_plans import PLANS
from conftest import CLEAN, EXAMPLES, TODAY
from markdown_it import MarkdownIt
from test_brief import EXAMPLE_PLANS, HOSTILE, REDACT_PLAN, html_parts

from negplan.brief.money import whole
from negplan.checking import check_plan
from negplan.economics import cents, format_money, format_percent
from negplan.models.plan import Plan, Trade
from negplan.models.playbook import Playbook
from negplan.pricing import analyse
from negplan.rules._util import POSITIONS, show

DAY = date.fromisoformat(TODAY)
DEFAULT_PLAYBOOK = CLEAN.parent.parent / "negplan" / "data" / "default-playbook.yaml"


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("stress")
    plans = {**PLANS, "hostile": HOSTILE, "redact": REDACT_PLAN}
    out = {}
    for name, text in plans.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        out[name] = folder / f"{name}.yaml"
    return out


PLAN_IDS = [str(p.relative_to(EXAMPLES)) for p in EXAMPLE_PLANS] + [
    "full", "bare", "long", "hostile", "redact",
]  # fmt: skip


def _path(name: str, stress: dict[str, Path]) -> Path:
    return stress[name] if name in stress else EXAMPLES / name


def _checked(path: Path) -> tuple[Plan, Playbook]:
    checked = check_plan(str(path), playbook=None, today=DAY)
    assert checked.plan is not None and checked.playbook is not None
    assert checked.playbook.playbook is not None
    return checked.plan, checked.playbook.playbook


def visible(text: str, fmt: str) -> str:
    """The words a reader sees on the page (markup and escapes gone)."""
    if fmt == "html":
        body = re.sub(r"<(style|title)>.*?</\1>", " ", text, flags=re.DOTALL)
        return " ".join("".join(html_parts(body).text).split())
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    words = [
        child.content
        for token in tokens
        for child in token.children or []
        if child.type in ("text", "code_inline")
    ]
    return " ".join(" ".join(words).split())


def free_text(plan: Plan) -> Iterator[str]:
    """Every text the rep wrote (the brief prints it as written, documented as such)."""

    def walk(value: Any) -> Iterator[str]:
        if type(value) is str:  # not the enums' values
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    exclude = {"variables": True, "alignment": True, "walk_away": True, "deal": {"currency"}}
    data = plan.model_dump(mode="python", exclude=exclude)
    for text in walk(data):
        yield " ".join(text.split())
    for variable in plan.variables:
        if variable.notes:
            yield " ".join(variable.notes.split())


def withheld(plan: Plan, playbook: Playbook) -> set[str]:
    """What a redacted brief of ``plan`` must not show, as it would be printed."""
    secrets: set[str] = set()
    for variable in plan.variables:
        term = playbook.term_map.get(variable.term)
        if term is None:
            continue
        if variable.walk_away is not None:
            secrets.add(show(term, variable.walk_away))
        if term.authority is not None:
            secrets.add(show(term, term.authority))
        for rung in term.approvals:
            secrets |= {show(term, rung.up_to), rung.approver}
    for entry in plan.alignment:
        secrets.add(entry.with_)
        if entry.notes:
            secrets.add(" ".join(entry.notes.split()))
    if plan.walk_away:
        secrets.add(" ".join(plan.walk_away.split()))
    economics = analyse(plan, playbook)
    if economics is not None:
        walk = economics.scenario("walk_away")
        package = economics.package
        cur = economics.currency
        for amount in (walk.net, walk.concession):
            secrets |= {format_money(amount, cur), whole(amount, cur), f"{cents(amount):,}"}
        for share in (walk.share, walk.concession_share, package.floor, package.authority):
            if share is not None:
                secrets.add(format_percent(share))
        if package.floor is not None:
            secrets.add(whole(package.floor * walk.list_total / Decimal(100), cur))
    return secrets


def shown_positions(page: str, plan: Plan, playbook: Playbook) -> set[str]:
    """Positions the redacted page shows: openings, targets and trades written out."""
    out = set()
    for variable in plan.variables:
        term = playbook.term_map.get(variable.term)
        for name in POSITIONS[:2]:
            value = getattr(variable, name)
            if term is not None and value is not None:
                out.add(show(term, value))
    if plan.deal.list_value is not None:  # the list value is in the header
        currency = plan.deal.currency or playbook.currency
        out.add(whole(plan.deal.list_value, currency))
    for concession in plan.concessions:
        for move in (concession.give, concession.get):
            term = playbook.term_map.get(getattr(move, "term", ""))
            if term is not None and f"{term.name}: {show(term, move.value)}" in page:  # type: ignore[union-attr]
                out.add(show(term, move.value))  # type: ignore[union-attr]
    return out


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("name", PLAN_IDS)
def test_redacted_brief_shows_no_withheld_number(
    run_cli: Callable[..., Any], stress: dict[str, Path], name: str, fmt: str
) -> None:
    path = _path(name, stress)
    plan, playbook = _checked(path)
    result = run_cli("brief", path, "-f", fmt, "--redact", "--today", TODAY)
    assert result.exit_code == 0, result
    page = visible(result.stdout, fmt)
    for text in sorted(set(free_text(plan)), key=len, reverse=True):
        page = page.replace(text, " ")
    page = re.sub(r"NP\d{3} [a-z-]+, lines? [\d, ]+", " ", page)  # plan line numbers
    shown = shown_positions(page, plan, playbook)
    found = []
    # yes and no are words as well as positions: the page-invariance test covers them.
    for secret in withheld(plan, playbook) - {"yes", "no"}:
        word = re.compile(rf"(?<![\w.,:-]){re.escape(secret)}(?![\w]|[.,]\d)")
        if any(word.search(position) for position in shown):
            continue  # the same figure is a position the page shows (e.g. 30 in "30 days")
        if word.search(page):
            found.append(secret)
    assert found == [], f"withheld values on the redacted page: {found}"
    assert "<svg" not in result.stdout  # no picture to measure a withheld position from


def _nudge(variable: Any, term: Any) -> Decimal | None:
    """A walk-away a little closer to the target (still past it), or None for other units."""
    walk, target = variable.walk_away, variable.target
    if not isinstance(walk, Decimal) or isinstance(walk, bool) or not isinstance(target, Decimal):
        return None
    if walk == target:
        return None
    return walk + (target - walk) / 4


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("name", PLAN_IDS)
def test_redacted_brief_does_not_move_with_the_walk_aways(
    run_cli: Callable[..., Any], stress: dict[str, Path], tmp_path: Path, name: str, fmt: str
) -> None:
    path = _path(name, stress)
    plan, playbook = _checked(path)
    text = path.read_text(encoding="utf-8")
    before = check_plan(str(path), playbook=None, today=DAY).findings
    moved = 0
    for variable in plan.variables:
        term = playbook.term_map.get(variable.term)
        nudged = _nudge(variable, term) if term is not None else None
        if nudged is None or term is None:
            continue
        quoted = re.compile(rf"(?<![\w.,]){re.escape(show(term, variable.walk_away))}(?![\w%])")
        if any(quoted.search(words) for words in free_text(plan)):
            continue  # the rep's own text quotes it: taken out, see the test below
        changed = _with_walk_away(text, variable.term, nudged)
        if changed is None:
            continue
        copy = _beside(path, tmp_path, changed)
        after = check_plan(str(copy), playbook=None, today=DAY).findings
        if [(f.code, f.line, f.col) for f in after] != [(f.code, f.line, f.col) for f in before]:
            continue  # the check would see the change; the page may say so
        original = run_cli("brief", path, "-f", fmt, "--redact", "--today", TODAY).stdout
        nudged_page = run_cli("brief", copy, "-f", fmt, "--redact", "--today", TODAY).stdout
        assert nudged_page == original, f"the page moved with the walk-away of {variable.term}"
        moved += 1
    if name in ("clean-renewal.yaml", "full"):
        assert moved >= 3


def _beside(path: Path, tmp_path: Path, text: str) -> Path:
    """A copy of the plan with ``text`` where the original's playbook is found the same way."""
    if path.is_relative_to(EXAMPLES / "playbook-repo"):
        folder = tmp_path / "repo" / path.parent.relative_to(EXAMPLES / "playbook-repo")
        folder.mkdir(parents=True, exist_ok=True)
        playbook = EXAMPLES / "playbook-repo" / "playbook.yaml"
        (tmp_path / "repo" / "playbook.yaml").write_text(playbook.read_text("utf-8"), "utf-8")
        target = folder / path.name
    else:
        target = tmp_path / path.name
    target.write_text(text, encoding="utf-8")
    return target


def _with_walk_away(text: str, term: str, value: Decimal) -> str | None:
    """``text`` with ``term``'s walk-away replaced, in either YAML style the plans use."""
    shown = format(value.normalize(), "f")
    flow = re.compile(rf"(\{{term: {term},[^}}\n]*walk_away: )([^,}}]+)")
    if flow.search(text):
        return flow.sub(rf"\g<1>{shown}", text, count=1)
    block = re.compile(rf"(- term: {term}\n(?:    .*\n)*?    walk_away: )(\S+)")
    if block.search(text):
        return block.sub(rf"\g<1>{shown}", text, count=1)
    return None


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_redacted_brief_does_not_move_with_authority_or_approvers(
    run_cli: Callable[..., Any], tmp_path: Path, fmt: str
) -> None:
    # The same plan against a playbook whose rep authority (a little further out, so no
    # finding changes), approval thresholds and approvers differ: the same redacted page.
    original = DEFAULT_PLAYBOOK.read_text(encoding="utf-8")
    changed = original.replace("    authority: 10\n", "    authority: 11\n", 1)
    changed = changed.replace(
        "{up_to: 20, approver: Regional sales director}", "{up_to: 22, approver: Area manager}"
    )
    changed = changed.replace("approver: VP Sales}", "approver: Chief revenue officer}")
    changed = changed.replace("  authority: 15 ", "  authority: 16 ")
    assert changed.count("Area manager") == 1 and "authority: 11" in changed
    (tmp_path / "a.yaml").write_text(original, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(changed, encoding="utf-8")
    pages = [
        run_cli("brief", CLEAN, "-f", fmt, "--redact", "--today", TODAY, "-p", tmp_path / name)
        for name in ("a.yaml", "b.yaml")
    ]
    assert pages[0].exit_code == 0 and pages[1].exit_code == 0
    assert pages[0].stdout.replace("a.yaml", "X") == pages[1].stdout.replace("b.yaml", "X")
    full = [
        run_cli("brief", CLEAN, "-f", fmt, "--today", TODAY, "-p", tmp_path / name).stdout
        for name in ("a.yaml", "b.yaml")
    ]
    assert full[0].replace("a.yaml", "X") != full[1].replace("b.yaml", "X")  # it does change


def test_a_target_at_the_walk_away_is_withheld(
    run_cli: Callable[..., Any], write: Callable[[str, str], Path]
) -> None:
    text = REDACT_PLAN.replace(
        "{term: discount, opening: 0, target: 5, walk_away: 17}",
        "{term: discount, opening: 0, target: 17, walk_away: 17}",
    )
    plan = write("at.yaml", text)
    page = run_cli("brief", plan, "-f", "md", "--redact", "--today", TODAY).stdout
    assert "| Discount off list price | 0% | (withheld) |" in page
    assert "17%" not in page


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("name", PLAN_IDS)
def test_redacted_concessions_go_no_further_than_the_target(
    run_cli: Callable[..., Any], stress: dict[str, Path], name: str, fmt: str
) -> None:
    # A planned concession past the target tells the reader the walk-away is at least that
    # far: "Discount 8%" beside a withheld 10% walk-away. The page shows none.
    path = _path(name, stress)
    plan, playbook = _checked(path)
    page = visible(run_cli("brief", path, "-f", fmt, "--redact", "--today", TODAY).stdout, fmt)
    for variable in plan.variables:
        term = playbook.term_map.get(variable.term)
        if term is None or variable.walk_away is None:
            continue
        bound = variable.target if variable.target is not None else variable.opening
        for concession in plan.concessions:
            for move in (concession.give, concession.get):
                if not isinstance(move, Trade) or move.term != variable.term:
                    continue
                written = f"{term.name}: {show(term, move.value)}"
                further = (term.badness(move.value) or 0) > (term.badness(bound) or 0)
                if further or bound is None:
                    assert written not in page, written


def test_the_reps_own_words_lose_the_withheld_figures(
    run_cli: Callable[..., Any], write: Callable[[str, str], Path]
) -> None:
    text = REDACT_PLAN.replace(
        "walk_away: Below",
        "questions: ['Can you live with 52 days, or 17% off?']\nwalk_away: Below",
    ).replace(
        "value: {statement: We cut their costs.}", "value: {statement: We cut 17.5% and 10 %.}"
    )
    plan = write("words.yaml", text)
    page = run_cli("brief", plan, "-f", "md", "--redact", "--today", TODAY).stdout
    assert "Can you live with (withheld), or (withheld) off?" in page
    assert "We cut 17.5% and 10 %." in page  # only the figures as the brief writes them
