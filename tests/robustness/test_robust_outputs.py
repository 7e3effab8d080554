"""Plan text cannot inject markup into a brief, and ``new`` / ``brief -o`` never lose work."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from robust_cases import HAS_PDF, TODAY, tree_digest

from negplan import atomic

ROOT = Path(__file__).resolve().parents[2]
CLEAN_TEXT = (ROOT / "examples" / "clean-renewal.yaml").read_text(encoding="utf-8")

EVIL = (
    "<script>alert(1)</script> | cell | <img src=x onerror=alert(2)> "
    "[click](javascript:alert(3)) <a href='javascript:alert(4)'>a</a> {{ 7*7 }} {% if 1 %}x{% endif %} "
    "**bold** `code` <!-- c --> &amp; \\| # not a heading"
)
#: Where the text goes: (text in the clean plan, replacement template).
PLACES = [
    ("title: 2027 platform renewal and expansion", "title: {q}"),
    ("customer: Acme Logistics GmbH", "customer: {q}"),
    ("  - What happens on your side", "  - {q}\n  - What happens on your side"),
    ("notes: Only against the 36-month term and the warehouse expansion.", "notes: {q}"),
    ("- ask: Payment at 90 days", "- ask: {q}"),
    ("commitment: signed order form,", "commitment: {q},"),
    ("condition: If the order is signed this quarter", "condition: {q}"),
    ("  - interest: Predictable software", "  - interest: {q}\n    status: validated\n  - "
     "interest: Predictable software"),
]  # fmt: skip


def _quoted(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in body) + '"'


def _evil_plan(text: str = EVIL) -> str:
    plan = CLEAN_TEXT
    for old, new in PLACES:
        assert old in plan, old
        plan = plan.replace(old, new.format(q=_quoted(text)), 1)
    return plan


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _assert_no_active_markup(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "img", "iframe", "object", "embed"), tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)


def _table_shapes(html: str) -> list[set[int]]:
    """For each table, the set of cell counts of its rows (one count means intact rows)."""
    shapes = []
    for table in html.split("<table>")[1:]:
        rows = table.split("</table>")[0].split("<tr>")[1:]
        shapes.append({row.count("<td") + row.count("<th") for row in rows})
    return shapes


@pytest.mark.parametrize(
    "text", [EVIL, "a\nb | c\n# heading\n- item", "x" * 300 + " |" * 50, "\u202e\u0000\x1b[2J"]
)
def test_markdown_brief_escapes_plan_text(run_cli: Any, write: Any, text: str) -> None:
    path = write("plan.yaml", _evil_plan(text))
    result = run_cli("brief", path, "--today", TODAY, "--format", "md")
    assert result.exit_code == 0, result
    md = result.stdout
    html = MarkdownIt("commonmark").enable("table").render(md)
    _assert_no_active_markup(html)
    clean = (
        MarkdownIt("commonmark")
        .enable("table")
        .render(run_cli("brief", ROOT / "examples" / "clean-renewal.yaml", "--today", TODAY).stdout)
    )
    # Same tables, each with rows of one width: no `|` or newline broke out of a cell.
    assert [len(s) for s in _table_shapes(html)] == [1] * len(_table_shapes(clean))
    assert _table_shapes(html) == _table_shapes(clean)
    # No plan text became a heading.
    assert html.count("<h1>") == clean.count("<h1>") and html.count("<h2>") == clean.count("<h2>")
    assert "\x1b" not in md and "\x00" not in md


def test_html_brief_escapes_plan_text(run_cli: Any, write: Any, tmp_path: Path) -> None:
    path = write("plan.yaml", _evil_plan())
    result = run_cli("brief", path, "--today", TODAY, "--format", "html")
    assert result.exit_code == 0, result
    _assert_no_active_markup(result.stdout)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    assert "{{ 7*7 }}" in result.stdout and "49" not in result.stdout.replace("2049", "")


@pytest.mark.skipif(not HAS_PDF, reason="the PDF extra is not installed")
def test_pdf_brief_of_hostile_text_renders_and_fetches_nothing(
    run_cli: Any, write: Any, tmp_path: Path
) -> None:
    marker = tmp_path / "fetched.txt"
    marker.write_text("local file")
    text = EVIL + f" <img src='file://{marker}'> <link rel=stylesheet href='http://127.0.0.1:9/x'>"
    path = write("plan.yaml", _evil_plan(text))
    out = tmp_path / "brief.pdf"
    result = run_cli("brief", path, "--today", TODAY, "--format", "pdf", "-o", out)
    assert result.exit_code == 0, result
    assert out.read_bytes().startswith(b"%PDF")


# --- new: never overwrite, write atomically, never write through a symbolic link ----------


def _new(run_cli: Any, target: Path, *extra: str) -> Any:
    return run_cli(
        "new", target, "--no-input", "--no-schema",
        "--customer", "Acme", "--title", "Renewal", "--owner", "Dana", *extra,
    )  # fmt: skip


def test_new_refuses_to_overwrite_without_force(run_cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("my work\n")
    result = _new(run_cli, target)
    assert result.exit_code == 2, result
    assert result.stderr.startswith(f"{target}: error: already exists")
    assert target.read_text() == "my work\n"
    result = _new(run_cli, target, "--force")
    assert result.exit_code == 0, result
    assert target.read_text().startswith("#") or "kind: plan" in target.read_text()


@pytest.mark.parametrize("force", [False, True])
def test_new_never_writes_through_a_symlink(run_cli: Any, tmp_path: Path, force: bool) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = tmp_path / "plan.yaml"
    link.symlink_to(victim)
    result = _new(run_cli, link, *(["--force"] if force else []))
    assert victim.read_text() == "precious\n"
    if force:
        assert result.exit_code == 0, result
        assert not link.is_symlink() and "kind: plan" in link.read_text()
    else:
        assert result.exit_code == 2, result
        assert link.is_symlink()


def test_new_does_not_follow_a_dangling_symlink(run_cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "created.yaml"
    link = tmp_path / "plan.yaml"
    link.symlink_to(target)
    result = _new(run_cli, link)
    assert result.exit_code == 2, result
    assert not target.exists() and not target.parent.exists()


def test_new_is_atomic_when_the_write_fails(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("my work\n")
    before = tree_digest(tmp_path)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    result = _new(run_cli, target, "--force")
    assert result.exit_code == 2, result
    assert result.stderr.startswith(f"{target}: error: cannot write: No space left on device")
    assert "Traceback" not in result.stdout + result.stderr
    assert tree_digest(tmp_path) == before
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml"]  # no temporary file left behind


def test_brief_output_refuses_to_overwrite_and_leaves_no_partial_file(
    run_cli: Any, tmp_path: Path
) -> None:
    out = tmp_path / "brief.html"
    out.write_text("last week's brief\n")
    clean = ROOT / "examples" / "clean-renewal.yaml"
    result = run_cli("brief", clean, "--today", TODAY, "--format", "html", "-o", out)
    assert result.exit_code == 2, result
    assert str(out) in result.stderr.splitlines()[0]
    assert out.read_text() == "last week's brief\n"
    assert sorted(os.listdir(tmp_path)) == ["brief.html"]
