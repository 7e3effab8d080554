"""Every command reads plans and playbooks the same way: through the pydantic models, parsed by
one command line, checked by one sequence; what a rule can do in a unit test it can do in
``negplan check``, in one process or in many."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAN, ROOT, TODAY
from support import TODAY as TODAY_DATE
from support import check_text

from negplan import engine
from negplan.checking import CheckOptions, check_paths
from negplan.findings import Severity
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook
from negplan.rules import RULES
from negplan.rules.base import Issue, PlanContext, rule


@rule("NP599", "dumps-the-plan", Severity.WARNING, target="plan")
def _dumps_the_plan(ctx: PlanContext) -> Iterator[Issue]:
    """A rule written against the models' own API, as a contributor would write one.

    Why it matters:
        none: it exists for a test.

    Fails:
        any plan.

    Passes:
        none.

    Options:
        none.
    """
    plan = ctx.plan.model_dump(mode="json")
    book = ctx.playbook.model_dump(mode="json", exclude_none=True)
    copy = ctx.plan.model_copy(update={"walk_away": None})
    yield Issue(
        ("deal", "title"),
        f"{plan['deal']['title']} under {book['company']}, {len(plan['variables'])} variables, "
        f"copy without walk-away: {copy.walk_away is None}",
    )


@pytest.fixture
def extra_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    rules = dict(RULES)
    rules["NP599"] = _dumps_the_plan
    monkeypatch.setattr(engine, "RULES", rules)
    engine._ACTIVE.clear()
    yield
    engine._ACTIVE.clear()


def test_a_rule_using_the_models_methods_works_in_check(extra_rule: None, run_cli: Any) -> None:
    result = run_cli("check", CLEAN, "--format", "parsable", "--today", TODAY)
    assert result.exit_code == 0, result
    [line] = [line for line in result.stdout.splitlines() if "[NP599]" in line]
    assert (
        ": warning: 2027 platform renewal and expansion under Northwind Cloud, 6 variables" in line
    )
    assert line.endswith("copy without walk-away: True [NP599]")


def test_a_rule_using_the_models_methods_works_in_worker_processes(
    extra_rule: None, tmp_path: Path
) -> None:
    text = CLEAN.read_text(encoding="utf-8")
    for n in range(70):
        (tmp_path / f"plan-{n:02}.yaml").write_text(text, encoding="utf-8")
    options = CheckOptions(today=TODAY_DATE)
    results = list(check_paths([str(tmp_path)], options, jobs=2))
    assert len(results) == 70
    assert all(r.error is None for r in results)
    assert all([f.code for f in r.findings] == ["NP599"] for r in results)


def test_check_validates_with_the_models(tmp_path: Path) -> None:
    result = check_text(tmp_path, CLEAN.read_text(encoding="utf-8"))
    assert isinstance(result.plan, Plan)
    assert result.findings == []


def test_a_playbook_is_a_model_with_its_term_logic() -> None:
    from negplan.discovery import BUNDLED, load_playbook

    loaded = load_playbook(BUNDLED)
    assert isinstance(loaded.playbook, Playbook)
    discount = loaded.playbook.term_map["discount"]
    assert discount.past_authority(discount.limits.max if discount.limits else None)


@pytest.mark.parametrize(
    "module", ["negplan.records", "negplan.fastcli", "negplan.brief.compiled", "negplan.app"]
)
def test_no_second_road_is_left(module: str) -> None:
    with pytest.raises(ModuleNotFoundError):
        __import__(module)


def _modules_after(*args: str) -> set[str]:
    code = (
        "import sys\n"
        "from negplan.cli import app\n"
        "try:\n    app(sys.argv[1:])\n"
        "except SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(done.stdout.splitlines()[-1].split())


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check", "--help"]])
def test_help_and_version_load_no_checking_code(args: list[str]) -> None:
    # typer builds its parameter types with pydantic, so only our own code is looked for.
    loaded = _modules_after(*args)
    heavy = {"negplan.models", "negplan.checking", "negplan.rules", "ruamel", "jinja2", "rich"}
    assert heavy & loaded == set()
