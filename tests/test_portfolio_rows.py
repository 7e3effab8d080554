"""The facts as compact rows (negplan.portfolio.rows), and the report's bytes pinned on a
generated corpus: the compact facts changed no output byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from portfolio_corpus import generate
from typer.testing import CliRunner

from negplan.cli import app
from negplan.portfolio.debrief_facts import AgreedTerm, DebriefFacts
from negplan.portfolio.facts import PendingSignoff, PlanFacts, Rung, TermFacts
from negplan.portfolio.rows import Reader, encode

#: SHA-256 of the report of ``generate(plans, 120, planted=True, debriefs=True)``, run from
#: its parent folder on 2026-11-23, as written before the facts became compact rows. A change
#: to the report's output or to tests/portfolio_corpus.py changes them: update them then.
PINNED = {
    ("json",): "04bb4d45f57d315df6e5bd08540b27206517da1dbde8118144759b7c55c7f428",
    ("csv",): "249a0b228d34091f621371df831243275b53db0d5f132ddb78d5863d53c39670",
    ("md",): "424708a18aa508992fc1707535092ea18e912da9f893907a3b4af5a0fd24edbc",
    ("json", "--redact"): "6364cb2d725872e770b4a3a808b5269cc3f008b1458a6e062e0d180315c4bab9",
    ("csv", "--redact"): "be7a033379a2f28fef1d214feaedf06999db5df864f39cb6c4351bd48d751416",
}


def test_the_report_bytes_are_pinned_with_and_without_workers_and_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path / "plans", 120, planted=True, debriefs=True)
    monkeypatch.chdir(tmp_path)
    runs = [("--jobs", "2"), ("--jobs", "1"), ("--no-cache", "--jobs", "2")]
    for (fmt, *extra), expected in PINNED.items():
        for run in runs if fmt == "json" and not extra else runs[:1]:
            args = ["report", "plans", "--today", "2026-11-23", "-f", fmt, *extra, *run]
            result = CliRunner().invoke(app, args, catch_exceptions=False)
            assert result.exit_code == 0, result.output
            digest = hashlib.sha256(result.stdout_bytes).hexdigest()
            assert digest == expected, (fmt, extra, run)


def _plan() -> PlanFacts:
    rungs = (Rung(approver="Sales director", up_to=Decimal("15")),)
    term = TermFacts(
        term="discount",
        name="Discount",
        unit="percent",
        numeric=True,
        required=True,
        opening="0",
        target="5",
        walk_away="12.50",
        target_number=Decimal("5"),
        walk_away_number=Decimal("12.50"),
        range_min=Decimal("0"),
        range_max=Decimal("40"),
        authority="10",
        authority_number=Decimal("1E+1"),
        rungs=rungs,
        has_walk_away=True,
        moves=True,
        past_authority=True,
        rung="Sales director",
        value_target=Decimal("-500.00"),
        gives=2,
        give_worth=Decimal("-250.00"),
    )
    return PlanFacts(
        path="emea/plan-0001.yaml",
        valid=True,
        readiness="READY",
        codes=("NP305", "NP809"),
        errors=0,
        warnings=2,
        title="Renewal — ünïcode",
        meeting=dt.date(2027, 1, 5),
        pending=(PendingSignoff(approver="CFO", about="discount", status="pending"),),
        terms=(term,),
    )


def _debrief() -> DebriefFacts:
    return DebriefFacts(
        path="emea/plan-0001.debrief.yaml",
        valid=True,
        reference="plan-0001.yaml",
        plan="emea/plan-0001.yaml",
        result="won",
        improvised=("discount", ""),
        unexpected=("a free pilot",),
        net_target=Decimal("9500.00"),
        terms=(AgreedTerm(term="discount", fell="past walk-away", agreed="13", attained=False),),
    )


@pytest.mark.parametrize("facts", [_plan(), _debrief(), PlanFacts("x.yaml", False, "DRAFT")])
def test_a_row_reads_back_as_the_same_facts(facts: PlanFacts | DebriefFacts) -> None:
    again = Reader().decode(encode(facts))
    assert again == facts
    assert type(again) is type(facts)
    # Decimals keep their exact digits, which the outputs print.
    assert [str(v) for v in again] == [str(v) for v in facts]


def test_facts_read_by_one_reader_share_their_common_values() -> None:
    reader = Reader()
    one, two = reader.decode(encode(_plan())), reader.decode(encode(_plan()))
    assert isinstance(one, PlanFacts) and isinstance(two, PlanFacts)
    assert one.terms[0].rungs is two.terms[0].rungs
    assert one.terms[0].walk_away_number is two.terms[0].walk_away_number
    assert one.codes is two.codes and one.pending is two.pending
    assert one.terms[0] is not two.terms[0]


def _row(values: object) -> bytes:
    return zlib.compress(json.dumps(values).encode("utf-8"))


def _plan_values() -> list[object]:
    values: list[object] = json.loads(zlib.decompress(encode(_plan())))
    return values


@pytest.mark.parametrize(
    "row",
    [
        b"not zlib",
        zlib.compress(b"\xff\xfe"),
        zlib.compress(b"{not json"),
        _row({"kind": "plan"}),
        _row(["board", "x.yaml"]),
        _row(["plan", "x.yaml", False]),  # too short
        _row([*_plan_values()[:3], 1, *_plan_values()[4:]]),  # a number for a text
        _row([*_plan_values()[:3], None, *_plan_values()[4:]]),  # None where one is needed
        _row([*_plan_values()[:-1], [["discount"]]]),  # a term row too short
        _row([*_plan_values()[:4], [1], *_plan_values()[5:]]),  # a code that is no text
        _row([*_plan_values()[:4], [["NP305"]], *_plan_values()[5:]]),  # a list for a code
        _row([*_plan_values()[:14], "Infinity", *_plan_values()[15:]]),
        _row([*_plan_values()[:13], "2027-13-45", *_plan_values()[14:]]),
        _row([*_plan_values()[:14], "lots", *_plan_values()[15:]]),
    ],
)
def test_a_damaged_row_is_refused(row: bytes) -> None:
    with pytest.raises(ValueError):
        Reader().decode(row)
