"""``negplan brief --format pdf``: one page per example plan, redaction, nothing fetched.

Laying out a PDF takes about a second, so each plan's brief is laid out once per paper (and
once redacted) in a test session and shared by the tests that read it (:func:`rendered`).

These tests need the PDF extra (``pip install 'negplan[pdf]'``). They are skipped when
WeasyPrint cannot be imported, except under CI (``CI`` set), where that is an error.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from conftest import CLEAN, EXAMPLES, TODAY, Result, cli

try:
    import weasyprint  # noqa: F401
except (ImportError, OSError) as exc:  # OSError: WeasyPrint without its system libraries
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        raise RuntimeError(
            f"CI must run the PDF tests, but WeasyPrint cannot be imported: {exc}"
        ) from exc
    pytest.skip(f"WeasyPrint is not available: {exc}", allow_module_level=True)

from brief_plans import PLANS
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


#: The brief's section headings as the PDF writes them (upper case, by the style sheet).
HEADINGS = (
    "THIS MEETING", "GOALS", "VALUE", "BUYER INTERESTS", "OUR INTERESTS", "POSITIONS",
    "CONCESSION PLAN", "WALK-AWAY", "DEAL ECONOMICS", "ALTERNATIVES", "OBJECTIVE CRITERIA",
    "APPROVALS AND SIGN-OFFS", "QUESTIONS TO ASK", "ANTICIPATED ASKS", "CHECK FINDINGS",
)  # fmt: skip
#: Sections that span the page; the others sit in one of two columns.
FULL_WIDTH = {"THIS MEETING", "POSITIONS", "CONCESSION PLAN", "CHECK FINDINGS"}
MARKER = re.compile(r"^(.|\d+\.)$")  # a list marker, or too short to tell from one
PX = 0.75


class Chunk(NamedTuple):
    """A run of text on a PDF page: page number, x and y from the top-left (pt), text."""

    page: int
    x: float
    y: float
    text: str


def chunks(path: Path) -> list[Chunk]:
    """The page's text runs in drawing order (WeasyPrint draws in document order).

    Text inside the pictures is left out: pypdf does not give the SVG's own transform, so
    its position cannot be read this way. So are list markers, drawn after the text (and
    single characters, which cannot be told from one).
    """
    out: list[Chunk] = []
    for number, page in enumerate(PdfReader(path).pages):
        height = float(page.mediabox[3])

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            *_: object,
            number: int = number,
            height: float = height,
        ) -> None:
            # WeasyPrint draws the page's text at CSS pixels (0.75 pt); the pictures' text
            # comes with their own scale.
            text = _decoded(text)
            if text.strip() and cm[0] == PX and not MARKER.match(text.strip()):
                x = tm[4] * cm[0] + cm[4]
                y = height - (tm[5] * cm[3] + cm[5])
                out.append(Chunk(number, x, y, " ".join(text.split())))

        page.extract_text(visitor_text=visit)
    return out


def _decoded(text: str) -> str:
    """Text pypdf left as UTF-16 bytes (it does with some fallback fonts), decoded."""
    if "\x00" not in text:
        return text
    try:
        return text.encode("latin-1").decode("utf-16-be")
    except (UnicodeError, ValueError):
        return text.replace("\x00", "")


def sections(found: list[Chunk]) -> list[tuple[Chunk, list[Chunk]]]:
    """Each heading with the text runs drawn after it, up to the next heading."""
    out: list[tuple[Chunk, list[Chunk]]] = []
    for chunk in found:
        if chunk.text in HEADINGS:
            out.append((chunk, []))
        elif out:
            out[-1][1].append(chunk)
    return out


ALL_PLANS = [str(p.relative_to(EXAMPLES)) for p in EXAMPLE_PLANS] + [
    "full", "bare", "long", "hostile", "redact",
]  # fmt: skip
PAPERS = ("a4", "letter")
#: Size of each paper's page in points.
PAGE_SIZE = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}


def redacted_paper(name: str) -> str:
    """The paper a plan's redacted brief is laid out on: A4 and Letter in turn."""
    return PAPERS[ALL_PLANS.index(name) % 2]


#: Every plan on both papers, and redacted once (a redacted page only has less on it).
LAYOUTS = [(name, paper, False) for name in ALL_PLANS for paper in PAPERS] + [
    (name, redacted_paper(name), True) for name in ALL_PLANS
]


class Rendered(NamedTuple):
    """One plan's PDF brief: the run, the file, its page count and text, and its text runs."""

    result: Result
    path: Path
    pages: int
    text: str
    chunks: list[Chunk]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str, bool], Rendered]:
    """The PDF brief of a plan (an example's path or a stress plan's name) on a paper,
    redacted or not: laid out once in the test session, then shared by every test."""
    folder = tmp_path_factory.mktemp("pdf")
    stress = {**PLANS, "hostile": HOSTILE, "redact": REDACT_PLAN}
    for name, text in stress.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    done: dict[tuple[str, str, bool], Rendered] = {}

    def render(name: str, paper: str, redact: bool) -> Rendered:
        key = (name, paper, redact)
        if key not in done:
            plan = folder / f"{name}.yaml" if name in stress else EXAMPLES / name
            target = folder / f"{name.replace('/', '__')}-{paper}-{redact}.pdf"
            extra = ["--redact"] if redact else []
            result = cli("brief", plan, "-o", target, "--paper", paper, "--today", TODAY, *extra)
            assert result.exit_code == 0, result
            pages, text = pdf_text(target)
            done[key] = Rendered(result, target, pages, text, chunks(target))
        return done[key]

    return render


@pytest.mark.parametrize(
    ("name", "paper", "redact"),
    LAYOUTS,
    ids=[f"{n}-{p}-{'redacted' if r else 'full'}" for n, p, r in LAYOUTS],
)
def test_every_plan_prints_on_one_page_with_no_section_split(
    rendered: Callable[[str, str, bool], Rendered], name: str, paper: str, redact: bool
) -> None:
    pdf = rendered(name, paper, redact)
    assert pdf.path.read_bytes().startswith(b"%PDF-")
    assert pdf.pages == 1
    if name.endswith(".yaml"):
        assert _title(EXAMPLES / name) in pdf.text
    page = PdfReader(pdf.path).pages[0]
    width, height = (float(v) for v in page.mediabox[2:])
    assert (round(width, 1), round(height, 1)) == PAGE_SIZE[paper]
    found = sections(pdf.chunks)
    assert {h.text for h, _ in found} >= {"GOALS", "POSITIONS", "WALK-AWAY", "CHECK FINDINGS"}
    middle = width / 2
    for heading, items in found:
        assert items, f"{heading.text} has nothing under it"
        first = items[0]
        # The first item sits right under its heading, in the same column, on the same page.
        assert first.page == heading.page, heading.text
        assert 0 < first.y - heading.y < 30, (heading.text, first)
        for item in items:
            assert item.page == heading.page, (heading.text, item)
            assert item.y > heading.y - 1, (heading.text, item)
            if heading.text not in FULL_WIDTH:
                assert (item.x < middle) == (heading.x < middle), (heading.text, item)


def test_format_pdf_is_explicit_or_from_the_suffix(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    target = tmp_path / "brief.out"
    result = run_cli("brief", CLEAN, "-f", "pdf", "-o", target, "--today", TODAY)
    assert result.exit_code == 0, result
    assert target.read_bytes().startswith(b"%PDF-")


def test_redacted_pdf_leaves_out_the_numbers(
    rendered: Callable[[str, str, bool], Rendered],
) -> None:
    full = rendered("redact", "a4", False)
    redacted = rendered("redact", redacted_paper("redact"), True)
    assert "17%" in full.text and "199,999" in full.text
    for secret in REDACTED:
        assert secret not in redacted.text
    assert "Redaction test renewal" in redacted.text


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


def _with_must_goal(clean_text: str, goal: str) -> str:
    """The clean plan with ``goal`` as its must-have goal: text the page never shortens."""
    return clean_text.replace(
        "{goal: Renew for 36 months at no more than 8% discount,", f"{{goal: {goal},"
    )


@pytest.mark.parametrize(
    "goal", ["x" * 40_000, " ".join(["y" * 2_000] * 5)], ids=["one-word", "five-words"]
)
def test_very_long_words_lay_out_in_seconds(
    run_cli: Callable[..., Any],
    tmp_path: Path,
    write: Callable[[str, str], Path],
    clean_text: str,
    goal: str,
) -> None:
    # WeasyPrint took 94 s (one word) and 51 s (five words) before words got break points.
    plan = write("long.yaml", _with_must_goal(clean_text, goal))
    target = tmp_path / "long.pdf"
    started = time.monotonic()
    result = run_cli("brief", plan, "-o", target, "--today", TODAY)
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result
    assert elapsed < 20, f"{elapsed:.1f} s"
    _, text = pdf_text(target)
    assert goal[:2_000] in text.replace("\u200b", "").replace(" ", "")


def test_pdf_layout_stops_at_its_time_limit(
    run_cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("negplan.brief.output.PDF_TIME_LIMIT", 0.001)  # no layout is that fast
    target = tmp_path / "brief.pdf"
    result = run_cli("brief", CLEAN, "-o", target, "--today", TODAY)
    assert result.exit_code == 2, result
    assert result.stderr.splitlines() == [
        "error: cannot render the pdf: layout took longer than 0.001 seconds",
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
