"""The shipped brief templates, precompiled (:mod:`negplan.brief.compiled`): current, used, and
rendering exactly what the templates compiled from source render, in the same sandbox."""

from __future__ import annotations

import shutil
import zlib
from datetime import date
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
import pytest
from conftest import CLEAN, EXAMPLES, TODAY

from negplan.brief import compiled, precompile, render
from negplan.brief.data import Brief, build_brief
from negplan.brief.make import CheckedPlan, check_plan, render_brief
from negplan.errors import TemplateError

DAY = date.fromisoformat(TODAY)


SAME_JINJA2 = jinja2.__version__ == compiled.JINJA2


def test_precompiled_templates_follow_the_shipped_templates() -> None:
    # Whatever jinja2 is installed, the modules must come from today's template text.
    for (_, name), (_, checksum) in compiled.MODULES.items():
        text = render.bundled_source(name)
        assert zlib.crc32(text.encode("utf-8")) == checksum, (
            "run `python -m negplan.brief.precompile`"
        )


@pytest.mark.skipif(not SAME_JINJA2, reason="another jinja2 than the modules were compiled with")
def test_precompiled_templates_are_current() -> None:
    wanted = precompile.build()
    on_disk = {p.name: p.read_text("utf-8") for p in precompile.TARGET.glob("*.py")}
    assert on_disk == wanted, "stale: run `python -m negplan.brief.precompile`"


def test_each_format_has_its_template_precompiled_for_this_jinja2() -> None:
    # With the jinja2 they were compiled with the modules are used; with any other jinja2
    # they are not (the templates then compile from source).
    for fmt, name in render.BUNDLED.items():
        code = render.precompiled_code(fmt, name)
        if SAME_JINJA2:
            assert isinstance(code, CodeType), fmt
        else:
            assert code is None, fmt


def _checked(path: Path) -> CheckedPlan:
    checked = check_plan(str(path), playbook=None, today=DAY)
    assert isinstance(checked, CheckedPlan)
    return checked


def _valid_examples() -> list[Path]:
    found = []
    for path in sorted(EXAMPLES.rglob("*.y*ml")):
        if "kind: plan" not in path.read_text("utf-8"):
            continue
        if isinstance(check_plan(str(path), playbook=None, today=DAY), CheckedPlan):
            found.append(path)
    return found


@pytest.fixture
def used(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The (format, template) pairs rendered from their precompiled modules."""
    seen: list[tuple[str, str]] = []
    real = render.precompiled_code

    def spy(fmt: str, name: str) -> CodeType | None:
        code = real(fmt, name)
        if code is not None:
            seen.append((fmt, name))
        return code

    monkeypatch.setattr(render, "precompiled_code", spy)
    return seen


def _from_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "precompiled_code", lambda fmt, name: None)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_precompiled_briefs_equal_briefs_from_source(
    fmt: str, used: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = [_checked(path) for path in _valid_examples()]
    assert len(plans) >= 5
    options = [{"redact": False}, {"redact": True, "paper": "letter"}]
    precompiled = [render_brief(p, fmt=fmt, today=DAY, **o) for p in plans for o in options]
    assert set(used) == {(fmt, render.BUNDLED[fmt])}
    _from_source(monkeypatch)
    from_source = [render_brief(p, fmt=fmt, today=DAY, **o) for p in plans for o in options]
    assert precompiled == from_source


def test_precompiled_code_needs_the_same_jinja2_and_template_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    checked = _checked(CLEAN)
    expected = render_brief(checked, fmt="md", today=DAY)
    monkeypatch.setattr(compiled, "JINJA2", "0.0")
    assert render.precompiled_code("md", "brief.md.j2") is None
    assert render_brief(checked, fmt="md", today=DAY) == expected
    monkeypatch.undo()
    # A copy of the package's templates and compiled modules, then the template edited.
    shutil.copytree(precompile.TARGET, tmp_path / "compiled")
    shutil.copytree(precompile.TARGET.parent / "templates", tmp_path / "templates")
    monkeypatch.setattr(compiled, "__file__", str(tmp_path / "compiled" / "__init__.py"))
    assert isinstance(render.precompiled_code("md", "brief.md.j2"), CodeType)
    template = tmp_path / "templates" / "brief.md.j2"
    template.write_text("Edited." + template.read_text("utf-8"), "utf-8")
    assert render.precompiled_code("md", "brief.md.j2") is None
    assert isinstance(render.precompiled_code("html", "brief.html.j2"), CodeType)
    # Rendering then compiles the template text that is there.
    shipped = render.bundled_source
    monkeypatch.setattr(render, "bundled_source", lambda name: "Edited." + shipped(name))
    assert render_brief(checked, fmt="md", today=DAY).startswith("Edited.#")


def test_environments_do_not_share_precompiled_templates() -> None:
    first = render.make_environment("md", {})
    second = render.make_environment("md", {})
    one, two = first.get_template("brief.md.j2"), second.get_template("brief.md.j2")
    assert one.environment is first and two.environment is second
    assert one.root_render_func.__globals__["environment"] is first
    assert two.root_render_func.__globals__["environment"] is second


def _brief(**changes: Any) -> Brief:
    checked = _checked(CLEAN)
    assert checked.playbook.playbook is not None
    brief = build_brief(
        checked.plan, checked.playbook.playbook, checked.findings, playbook_name="x", today=DAY
    )
    return brief._replace(**changes)


def _failure(brief: Brief, **options: Any) -> tuple[str, str | None]:
    with pytest.raises(TemplateError) as caught:
        render.render_template(brief, **options)
    return caught.value.render(), caught.value.hint


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_errors_in_a_precompiled_template_name_the_template_line(
    fmt: str, used: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = _brief(readiness=None, deal=None)
    extra = {"paper": "a4"}
    precompiled = _failure(broken, fmt=fmt, extra=extra)
    assert used == [(fmt, render.BUNDLED[fmt])]
    assert precompiled[0].startswith(f"negplan/brief/templates/{render.BUNDLED[fmt]}:"), precompiled
    _from_source(monkeypatch)
    assert _failure(broken, fmt=fmt, extra=extra) == precompiled


def test_limits_apply_inside_a_precompiled_template(
    used: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The shipped template joins the buyer's decision makers: 300 x 1,000 characters.
    huge = _brief()
    huge = huge._replace(deal=huge.deal._replace(buyer_decision_makers=("x" * 1000,) * 300))
    precompiled = _failure(huge, fmt="md")
    assert used == [("md", "brief.md.j2")]
    assert precompiled[0].startswith("negplan/brief/templates/brief.md.j2:12: error: "), precompiled
    assert "template stopped: value too large" in precompiled[0]
    _from_source(monkeypatch)
    assert _failure(huge, fmt="md") == precompiled


EXTENDS = '{% extends "brief.md.j2" %}{% block goals %}## Our goals\n\n{{ goals|length }}\n'


def test_a_playbook_template_extends_the_precompiled_one(
    used: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = _brief()
    custom = {"fmt": "md", "template": "./team.md.j2", "source": EXTENDS + "{% endblock %}"}
    text = render.render_template(brief, **custom)
    assert used == [("md", "brief.md.j2")]
    assert "## Our goals\n\n3\n" in text and "## Positions" in text
    _from_source(monkeypatch)
    assert render.render_template(brief, **custom) == text


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "template blocked by the sandbox"),
        ("{{ 'x' * 10**9 }}", "template stopped: repeat too large"),
        ("{{ lipsum() }}", "'lipsum' is undefined"),
    ],
)
def test_a_playbook_template_extending_the_precompiled_one_is_sandboxed(
    block: str, message: str, used: list[tuple[str, str]]
) -> None:
    source = EXTENDS + block + "\n{% endblock %}"
    rendered, _ = _failure(_brief(), fmt="md", template="./team.md.j2", source=source)
    assert used == [("md", "brief.md.j2")]
    assert rendered.startswith("./team.md.j2:4: error: "), rendered
    assert message in rendered
