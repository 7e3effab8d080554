"""The hostile-text corpus through ``negplan report --format html``: every file of
``corpus/``, and plans and debriefs carrying markup, template syntax and control characters
in every field the report shows. The page stays inert and self-contained, and its bytes do
not depend on the number of worker processes."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from robust_cases import CORPUS, TODAY, assert_one_line_messages

from negplan.debriefs import content_hash

pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parents[2]
CLEAN = (ROOT / "examples" / "clean-renewal.yaml").read_text(encoding="utf-8")
EVIL = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<a href='javascript:alert(3)'>a</a>",
    "<link rel=stylesheet href='http://127.0.0.1:9/x'>",
    "{{ 7*7 }} {% if 1 %}x{% endif %}",
    "$x^2$ ]]> --> <!-- &amp; | cell |",
    "\u202e\x1b[2J\u0000 url(http://127.0.0.1:9/y)",
]
#: Plans (each with a debrief) carrying hostile text: enough files, with the corpus, for
#: the report's worker processes.
COUNT = 28


def _quoted(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in body) + '"'


def _plan(index: int) -> str:
    evil = _quoted(f"{EVIL[index % len(EVIL)]} {index}")
    plan = CLEAN
    for key in ("title", "customer", "owner", "region", "segment"):
        line = f"  {key}: {evil}"
        plan = re.sub(rf"^  {key}: .*$", lambda _, line=line: line, plan, count=1, flags=re.M)
    return plan


def _debrief(index: int, plan: str) -> str:
    evil = _quoted(f"{EVIL[(index + 3) % len(EVIL)]} {index % 4}")
    return "\n".join(
        [
            "kind: debrief",
            "version: 1",
            f"plan: {{path: plan-{index:02d}.yaml, hash: {content_hash(plan.encode())}}}",
            "meeting: 2027-02-10",
            "result: lost",
            f"reason: {evil}",
            "agreed:",
            "  - {term: discount, value: 8}",
            "moves:",
            "  - give: {term: discount, value: 8}",
            f"    get: {{commitment: {evil}, by: 2027-03-31}}",
            "    planned: false",
            f"    asked_by: {evil}",
            "unexpected:",
            f"  - ask: {evil}",
            f"lessons: [{{lesson: {evil}, owner: {evil}}}]",
            "",
        ]
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-report")
    shutil.copytree(CORPUS, folder / "corpus")
    for index in range(COUNT):
        plan = _plan(index)
        (folder / f"plan-{index:02d}.yaml").write_text(plan, encoding="utf-8")
        (folder / f"plan-{index:02d}.debrief.yaml").write_text(
            _debrief(index, plan), encoding="utf-8"
        )
    return folder


class _Tags(HTMLParser):
    """The tags of a page with their attributes, and the text of its style sheets."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.css: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1][0] == "style":
            self.css.append(data)


def _inert(page: str) -> None:
    assert "<script" not in page.lower()
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "img", "iframe", "object", "embed", "link", "a"), tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "href") or (value or "").startswith("#"), (tag, name)
            assert "url(" not in (value or "").replace("url(#", ""), (tag, name, value)
    css = "".join(parser.css)
    assert "url(" not in css and "@import" not in css
    assert "&lt;script&gt;" in page


def test_the_hostile_corpus_reports_inert_html_the_same_whatever_the_jobs(
    run_cli: Any, hostile: Path
) -> None:
    pages = []
    for jobs in ("1", "2"):
        result = run_cli(
            "report", str(hostile), "-f", "html", "--no-cache", "--jobs", jobs, "--today", TODAY
        )
        assert result.exit_code == 0, result.stderr
        assert_one_line_messages(result.stderr)
        pages.append(result.stdout)
    assert pages[0] == pages[1]
    page = pages[0]
    _inert(page)
    assert f"{COUNT} debriefs" in page
    assert "{{ 7*7 }}" in page  # shown as text, never run as a template
