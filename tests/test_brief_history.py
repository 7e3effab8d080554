"""The brief's "last time with this customer" box, from a debrief of an earlier plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import CLEAN_TEXT, ROOT, TODAY, mutate

from negplan.brief.history import last_time
from negplan.loader import load
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook

DEBRIEF = (ROOT / "examples" / "debriefs" / "clean-renewal.debrief.yaml").read_text("utf-8")
NEXT = mutate(
    CLEAN_TEXT,
    ("meeting: 2027-02-10", "meeting: 2029-02-10"),
    ("close: 2027-03-31", "close: 2029-03-31"),
    ("title: 2027 platform renewal and expansion", "title: 2029 renewal"),
)
BOX = "**Last time with this customer:** 2027 platform renewal and expansion · **won (value)** 2027-02-10"
AGREED = (
    "agreed Discount off list price: 5%, Payment terms: 45 days, Contract length: 36 months, "
    "Training academy seats: 10, Support tier included: premium, Published case study: yes"
)
SURPRISE = "asks nobody expected: Price protection on the 120 warehouse seats for two years"


def _repo(tmp_path: Path, *, debrief: str = DEBRIEF, folder: str = "debriefs") -> Path:
    """An earlier plan with its debrief (in ``folder``), and the next plan beside it."""
    (tmp_path / "old.yaml").write_text(CLEAN_TEXT, "utf-8")
    where = tmp_path / folder
    where.mkdir(exist_ok=True)
    reference = "old.yaml" if folder == "." else "../old.yaml"
    text = debrief.replace("path: ../clean-renewal.yaml", f"path: {reference}")
    (where / "old.debrief.yaml").write_text(text, "utf-8")
    plan = tmp_path / "next.yaml"
    plan.write_text(NEXT, "utf-8")
    return plan


def _brief(run_cli, plan: Path, *args: str) -> str:
    result = run_cli("brief", plan, "--today", TODAY.isoformat(), *args)
    assert result.exit_code == 0, result
    return result.stdout


@pytest.mark.parametrize("folder", ["debriefs", "."])
def test_the_brief_shows_last_time_with_this_customer(run_cli, tmp_path: Path, folder) -> None:
    md = _brief(run_cli, _repo(tmp_path, folder=folder))
    line = next(line for line in md.splitlines() if "Last time" in line)
    assert line == f"> {BOX} · {AGREED} · {SURPRISE}"
    html = _brief(run_cli, tmp_path / "next.yaml", "--format", "html")
    assert '<div class="lasttime"><b>Last time with this customer:</b>' in html
    assert "Payment terms: 45 days" in html and ".lasttime {" in html


def test_a_redacted_brief_withholds_the_agreed_numbers(run_cli, tmp_path: Path) -> None:
    # price_hold_months was agreed last time but is not in this plan: no walk-away withheld.
    debrief = DEBRIEF.replace(
        "  - {term: case_study, value: true}\n",
        "  - {term: case_study, value: true}\n  - {term: price_hold_months, value: 12}\n",
    )
    md = _brief(run_cli, _repo(tmp_path, debrief=debrief), "--redact")
    line = next(line for line in md.splitlines() if "Last time" in line)
    assert "Discount off list price: (withheld)" in line
    assert "Payment terms: (withheld)" in line and "45 days" not in line and "5%" not in line
    assert line.endswith(": 12 months · " + SURPRISE)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (("customer: Acme Logistics GmbH", "customer: Globex Freight BV"), "another customer"),
        (("meeting: 2029-02-10", "meeting: 2027-02-10"), "not earlier"),
    ],
)
def test_no_box_for_another_customer_or_a_later_deal(
    run_cli, tmp_path: Path, change: tuple[str, str], why: str
) -> None:
    plan = _repo(tmp_path)
    plan.write_text(mutate(NEXT, change), "utf-8")
    assert "Last time" not in _brief(run_cli, plan), why


def test_no_box_from_the_plans_own_debrief_or_a_broken_one(run_cli, tmp_path: Path) -> None:
    plan = tmp_path / "old.yaml"
    plan.write_text(CLEAN_TEXT, "utf-8")
    (tmp_path / "old.debrief.yaml").write_text(
        DEBRIEF.replace("path: ../clean-renewal.yaml", "path: old.yaml"), "utf-8"
    )
    (tmp_path / "broken.debrief.yaml").write_text("kind: debrief\nversion: 1\nplan: [\n", "utf-8")
    assert "Last time" not in _brief(run_cli, plan)


def test_the_latest_earlier_debrief_wins_and_its_strings_are_clean(tmp_path: Path) -> None:
    plan_file = _repo(tmp_path)
    later = mutate(
        CLEAN_TEXT,
        ("meeting: 2027-02-10", "meeting: 2028-01-20"),
        ("title: 2027 platform renewal and expansion", 'title: "2028 expansion\\e[31m"'),
    )
    (tmp_path / "mid.yaml").write_text(later, "utf-8")
    (tmp_path / "debriefs" / "mid.debrief.yaml").write_text(
        DEBRIEF.replace("path: ../clean-renewal.yaml", "path: ../mid.yaml")
        .replace("meeting: 2027-02-10", "meeting: 2028-01-20")
        .replace("result: won\nreason: value", "result: lost\nreason: price"),
        "utf-8",
    )
    playbook = Playbook.model_validate(
        load(str(ROOT / "negplan" / "data" / "default-playbook.yaml")).data
    )
    plan = Plan.model_validate(load(str(plan_file)).data)
    box = last_time(str(plan_file), plan, playbook, today=TODAY, redact=False)
    assert box is not None
    assert (box.result, box.date) == ("lost (price)", "2028-01-20")
    assert "\x1b" not in box.deal and box.deal.startswith("2028 expansion")
    assert box.agreed[0] == "Discount off list price: 5%"
    # Without a meeting date, a debrief up to today counts.
    undated = plan.model_copy(update={"deal": plan.deal.model_copy(update={"meeting": None})})
    assert (
        last_time(str(plan_file), undated, playbook, today=date(2026, 11, 23), redact=False) is None
    )
    assert last_time(str(plan_file), undated, playbook, today=date(2028, 1, 20), redact=False)


def test_the_pdf_with_the_box_still_prints_on_one_page(run_cli, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    target = tmp_path / "brief.pdf"
    plan = _repo(tmp_path)
    result = run_cli("brief", plan, "--format", "pdf", "-o", target, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    assert "Last time with this customer" in (reader.pages[0].extract_text() or "")
