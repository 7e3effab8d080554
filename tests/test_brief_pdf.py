"""``negplan brief --format pdf``: one page per example plan, redaction, nothing fetched.

These tests need the PDF extra (``pip install 'negplan[pdf]'``). They are skipped when
WeasyPrint cannot be imported, except under CI (``CI`` set), where that is an error.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAN, EXAMPLES, TODAY

try:
    import weasyprint  # noqa: F401
except (ImportError, OSError) as exc:  # OSError: WeasyPrint without its system libraries
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        raise RuntimeError(
            f"CI must run the PDF tests, but WeasyPrint cannot be imported: {exc}"
        ) from exc
    pytest.skip(f"WeasyPrint is not available: {exc}", allow_module_level=True)

from pypdf import PdfReader
from test_brief import EXAMPLE_PLANS, HOSTILE, REDACT_PLAN, REDACTED


def pdf_text(path: Path) -> tuple[int, str]:
    """Page count and the whitespace-normalised text of a PDF."""
    reader = PdfReader(path)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def _title(plan: Path) -> str:
    for line in plan.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("title:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    raise AssertionError(f"no deal title in {plan}")


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("plan", EXAMPLE_PLANS, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_prints_on_one_page(
    run_cli: Callable[..., Any], tmp_path: Path, plan: Path, paper: str
) -> None:
    target = tmp_path / "brief.pdf"
    result = run_cli("brief", plan, "-o", target, "--paper", paper, "--today", TODAY)
    assert result.exit_code == 0, result
    assert target.read_bytes().startswith(b"%PDF-")
    pages, text = pdf_text(target)
    assert pages == 1
    assert _title(plan) in text
    width, height = (float(v) for v in PdfReader(target).pages[0].mediabox[2:])
    expected = (595.3, 841.9) if paper == "a4" else (612.0, 792.0)
    assert (round(width, 1), round(height, 1)) == expected


def test_format_pdf_is_explicit_or_from_the_suffix(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    target = tmp_path / "brief.out"
    result = run_cli("brief", CLEAN, "-f", "pdf", "-o", target, "--today", TODAY)
    assert result.exit_code == 0, result
    assert target.read_bytes().startswith(b"%PDF-")


def test_redacted_pdf_leaves_out_the_numbers(
    run_cli: Callable[..., Any], tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    plan = write("redact.yaml", REDACT_PLAN)
    full, redacted = tmp_path / "full.pdf", tmp_path / "redacted.pdf"
    assert run_cli("brief", plan, "-o", full, "--today", TODAY).exit_code == 0
    assert run_cli("brief", plan, "-o", redacted, "--redact", "--today", TODAY).exit_code == 0
    _, full_text = pdf_text(full)
    _, text = pdf_text(redacted)
    assert "17%" in full_text and "199,999" in full_text
    for secret in REDACTED:
        assert secret not in text
    assert "Redaction test renewal" in text


def test_hostile_plan_prints_on_one_page(
    run_cli: Callable[..., Any], tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    plan = write("hostile.yaml", HOSTILE)
    target = tmp_path / "hostile.pdf"
    result = run_cli("brief", plan, "-o", target, "--today", TODAY)
    assert result.exit_code == 0, result
    pages, _ = pdf_text(target)
    assert pages == 1


def test_pdf_fetches_nothing(run_cli: Callable[..., Any], tmp_path: Path, clean_text: str) -> None:
    from PIL import Image

    folder = tmp_path / "repo"
    folder.mkdir()
    picture = folder / "logo.png"
    Image.new("RGB", (4, 4), "red").save(picture)
    template = (
        f'<html><body><h1>{{{{ deal.title }}}}</h1><img src="{picture.as_uri()}">'
        f'<img src="logo.png"><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        "</body></html>\n"
    )
    (folder / "brief.html.j2").write_text(template, encoding="utf-8")
    playbook = (CLEAN.parent.parent / "negplan" / "data" / "default-playbook.yaml").read_text(
        encoding="utf-8"
    )
    (folder / "playbook.yaml").write_text(playbook + "  template: brief.html.j2\n", "utf-8")
    (folder / "plan.yaml").write_text(clean_text, encoding="utf-8")
    target = tmp_path / "brief.pdf"
    result = run_cli("brief", folder / "plan.yaml", "-o", target, "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stderr == ""
    page = PdfReader(target).pages[0]
    assert "2027 platform renewal and expansion" in " ".join((page.extract_text() or "").split())
    assert list(page.images) == []


# ---- bounded layout -----------------------------------------------------------------------


def _with_question(clean_text: str, question: str) -> str:
    return clean_text.replace(
        "  - Who besides Ana signs off a three-year commitment?", f"  - {question}"
    )


@pytest.mark.parametrize(
    "question", ["x" * 40_000, " ".join(["y" * 2_000] * 5)], ids=["one-word", "five-words"]
)
def test_very_long_words_lay_out_in_seconds(
    run_cli: Callable[..., Any],
    tmp_path: Path,
    write: Callable[[str, str], Path],
    clean_text: str,
    question: str,
) -> None:
    # WeasyPrint took 94 s (one word) and 51 s (five words) before words got break points.
    plan = write("long.yaml", _with_question(clean_text, question))
    target = tmp_path / "long.pdf"
    started = time.monotonic()
    result = run_cli("brief", plan, "-o", target, "--today", TODAY)
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result
    assert elapsed < 20, f"{elapsed:.1f} s"
    _, text = pdf_text(target)
    assert question[:2_000] in text.replace("\u200b", "").replace(" ", "")


def test_pdf_layout_stops_at_its_time_limit(
    run_cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("negplan.brief.output.PDF_TIME_LIMIT", 0.05)
    target = tmp_path / "brief.pdf"
    result = run_cli("brief", CLEAN, "-o", target, "--today", TODAY)
    assert result.exit_code == 2, result
    assert result.stderr.splitlines() == [
        "error: cannot render the pdf: layout took longer than 0.05 seconds",
        "hint: shorten the plan's text, or write the brief as html or md",
    ]
    assert not target.exists()
    assert sorted(tmp_path.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory is watched on Linux")
def test_pdf_layout_stops_at_its_memory_limit(tmp_path: Path) -> None:
    # A fresh process, so that the layout's memory is new memory, not memory freed earlier.
    target = tmp_path / "brief.pdf"
    code = (
        "import negplan.brief.output as output, negplan.cli as cli; "
        "output.PDF_MEMORY = 2**20; cli.main()"
    )
    args = ["brief", str(CLEAN), "-o", str(target), "--today", TODAY]
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2, result
    assert result.stderr.splitlines() == [
        "error: cannot render the pdf: it needs more than 1 MiB of memory",
        "hint: shorten the plan's text, or write the brief as html or md",
    ]
    assert not target.exists()
