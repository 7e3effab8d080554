"""The brief's templates: the shipped ones compile from their text, in the same sandbox as a
playbook's own template; errors name the template file and line; a playbook's template can
extend a shipped one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAN, ROOT, TODAY

from negplan.brief import render
from negplan.brief.build import build_brief
from negplan.brief.data import Brief, FindingGroup, FindingItem
from negplan.checking import CheckedPlan, check_plan
from negplan.errors import TemplateError

DAY = date.fromisoformat(TODAY)
SHIPPED = ROOT / "negplan" / "brief" / "templates"
EXTENDS = '{% extends "brief.md.j2" %}{% block goals %}## Our goals\n\n{{ goals|length }}\n'


def _brief(**changes: Any) -> Brief:
    checked = check_plan(str(CLEAN), playbook=None, today=DAY)
    assert isinstance(checked, CheckedPlan) and checked.plan is not None
    assert checked.playbook.playbook is not None
    brief = build_brief(
        checked.plan, checked.playbook.playbook, checked.findings, playbook_name="x", today=DAY
    )
    return brief._replace(**changes)


def _failure(brief: Brief, **options: Any) -> tuple[str, str | None]:
    with pytest.raises(TemplateError) as caught:
        render.render_template(brief, **options)
    return caught.value.render(), caught.value.hint


def _line_of(fmt: str, text: str) -> int:
    """The line of the shipped ``fmt`` template where ``text`` first occurs."""
    lines = (SHIPPED / render.BUNDLED[fmt]).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_no_module_of_the_brief_is_generated_code() -> None:
    for path in (ROOT / "negplan" / "brief").rglob("*.py"):
        text = path.read_text("utf-8")
        assert "def root(context" not in text, path  # what jinja2 generates for a template
        assert "do not edit" not in text.lower(), path


def test_shipped_templates_render_from_their_text(tmp_path: Path) -> None:
    # A copy of the package with the Markdown template edited: the brief follows the edit.
    copy = tmp_path / "negplan"
    shutil.copytree(ROOT / "negplan", copy, ignore=shutil.ignore_patterns("__pycache__"))
    template = copy / "brief" / "templates" / "brief.md.j2"
    template.write_text(template.read_text("utf-8").replace("## Goals", "## Aims"), "utf-8")
    command = [sys.executable, "-m", "negplan", "brief", str(CLEAN), "-f", "md", "--today", TODAY]

    def brief(cwd: Path) -> str:
        return subprocess.run(command, capture_output=True, text=True, check=True, cwd=cwd).stdout

    shipped, edited = brief(ROOT), brief(tmp_path)
    assert "\n## Goals\n" in shipped and "## Aims" not in shipped
    assert edited == shipped.replace("\n## Goals\n", "\n## Aims\n")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_brief_compiles_only_its_own_template(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    shipped = render.bundled_source

    def spy(name: str) -> str:
        read.append(name)
        return shipped(name)

    monkeypatch.setattr(render, "bundled_source", spy)
    render.render_template(_brief(), fmt=fmt, extra={"paper": "A4"})
    assert read == [render.BUNDLED[fmt]]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_errors_in_a_shipped_template_name_its_file_and_line(fmt: str) -> None:
    rendered, _ = _failure(_brief(readiness=None), fmt=fmt, extra={"paper": "A4"})
    line = _line_of(fmt, "readiness.")
    where = f"negplan/brief/templates/{render.BUNDLED[fmt]}:{line}: error: template error: "
    assert rendered.startswith(where), rendered
    assert "'None' has no attribute" in rendered


def test_limits_apply_inside_a_shipped_template() -> None:
    # The shipped template joins a finding's messages: 300 x 1,000 characters.
    item = FindingItem("NP203", "past-authority", "plain", ("x" * 1000,) * 300, (1,))
    huge = _brief(finding_groups=(FindingGroup("warning", "To look at", (item,)),))
    rendered, hint = _failure(huge, fmt="md")
    line = _line_of("md", "f.details|join")
    assert rendered.startswith(f"negplan/brief/templates/brief.md.j2:{line}: error: "), rendered
    assert "template stopped: value too large" in rendered
    assert hint == "brief templates must stay small and fast"


@pytest.mark.parametrize(
    ("source", "where", "message"),
    [
        ("line one\n\n{% if %}\n", "./team.md.j2:3", "template syntax error: "),
        ("line one\n{{ goals }}\n{{ nothing }}\n", "./team.md.j2:3", "'nothing' is undefined"),
        (EXTENDS + "{% endif %}{% endblock %}", "./team.md.j2:4", "template syntax error: "),
        ("{% include 'brief.md.j2' %}", "negplan/brief/templates/brief.md.j2:", "'None' has no"),
    ],
)
def test_errors_in_a_playbook_template_name_the_file_and_line(
    source: str, where: str, message: str
) -> None:
    brief = _brief(readiness=None)
    rendered, _ = _failure(brief, fmt="md", template="./team.md.j2", source=source)
    assert rendered.startswith(where), rendered
    assert message in rendered


def test_a_playbook_template_extends_a_shipped_one() -> None:
    brief = _brief()
    custom = EXTENDS + "{% endblock %}"
    text = render.render_template(brief, fmt="md", template="./team.md.j2", source=custom)
    assert "## Our goals\n\n3\n" in text and "## Goals" not in text
    # Every other block is the shipped template's.
    shipped = render.render_template(brief, fmt="md")
    assert text[: text.index("## Our goals")] == shipped[: shipped.index("## Goals")]
    assert text[text.index("## Value") :] == shipped[shipped.index("## Value") :]


def test_a_playbook_html_template_extends_the_shipped_one_autoescaped() -> None:
    brief = _brief()
    brief = brief._replace(deal=brief.deal._replace(title="<script>x</script>"))
    source = '{% extends "brief.html.j2" %}{% block goals %}<h2>{{ deal.title }}</h2>{% endblock %}'
    text = render.render_template(
        brief, fmt="html", template="./team.html.j2", source=source, extra={"paper": "A4"}
    )
    assert "<h2>&lt;script&gt;x&lt;/script&gt;</h2>" in text
    assert "<script>x" not in text
    assert text.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "template blocked by the sandbox"),
        ("{{ 'x' * 10**9 }}", "template stopped: repeat too large"),
        ("{{ lipsum() }}", "'lipsum' is undefined"),
    ],
)
def test_a_playbook_template_extending_a_shipped_one_is_sandboxed(block: str, message: str) -> None:
    source = EXTENDS + block + "\n{% endblock %}"
    rendered, _ = _failure(_brief(), fmt="md", template="./team.md.j2", source=source)
    assert rendered.startswith("./team.md.j2:4: error: "), rendered
    assert message in rendered
