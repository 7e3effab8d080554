"""Deal economics: value models, scenarios, the concession path, the package, `negplan value`.

The small playbook below is chosen so the arithmetic stays readable: a list value of 365,000 a
year and a 10% cost of capital make one day of payment terms worth exactly 100 a year
(365,000 × 10% / 365), and one point of list worth 3,650.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CLEAN, EXAMPLES, PLAYBOOKS, TODAY
from support import CLEAN_TEXT, line_of, mutate

from negplan.discovery import BUNDLED, load_playbook
from negplan.economics import PackageStatus, format_money, format_percent
from negplan.loader import load
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook
from negplan.pricing import analyse, baseline, summarize

PLAYBOOK = """\
kind: playbook
version: 1
company: Test Co
currency: EUR
strategy: {positioning: value}
terms:
  - {id: discount, name: Discount, level: price, unit: percent, direction: lower,
     limits: {min: 0, max: 30}, authority: 10, owner: sales, priority: 1, cost: high,
     worth: {basis: list, per_unit: 1, per_year: true}}
  - {id: free_months, name: Free months, level: price, unit: months, direction: lower,
     limits: {min: 0, max: 6}, authority: 1, owner: finance, priority: 2, cost: high,
     worth: {basis: list_months, per_unit: 1}}
  - {id: payment_terms, name: Payment terms, level: terms, unit: days, direction: lower,
     limits: {min: 0, max: 120}, authority: 60, owner: finance, priority: 3, cost: medium,
     worth: {basis: capital, base: 30, per_year: true}}
  - {id: contract_length, name: Contract length, level: terms, unit: months, direction: higher,
     limits: {min: 12, max: 60}, authority: 24, owner: sales, priority: 3, cost: medium,
     worth: {basis: list, per_unit: 0.25, base: 36}}
  - {id: training_seats, name: Seats, level: creative, unit: count, direction: lower,
     limits: {min: 0, max: 50}, authority: 15, owner: services, priority: 9, cost: low,
     worth: {per_unit: 300}}
  - {id: case_study, name: Case study, level: creative, unit: yes_no, direction: higher,
     authority: false, owner: marketing, priority: 9, cost: low, worth: {per_unit: 15000}}
  - {id: support_tier, name: Support, level: terms, unit: choice, options: [standard, premium],
     authority: premium, owner: services, priority: 8, cost: low,
     worth: {basis: list, options: {standard: 0, premium: -2}, per_year: true}}
  - {id: price_hold, name: Price hold, level: price, unit: months, direction: lower,
     limits: {min: 0, max: 12}, authority: 6, owner: sales, priority: 5, cost: medium}
economics:
  contract_term: contract_length
  cost_of_capital: 10
  floor: 80
  authority: 15
  approvals:
    - {up_to: 18, approver: Regional sales director}
    - {up_to: 20, approver: VP Sales}
"""

PLAN = """\
kind: plan
version: 1
deal: {title: Test deal, customer: Buyer, owner: Rep, list_value: 365000}
variables:
  - {term: discount, opening: 0, target: 4, walk_away: 8}
  - {term: free_months, opening: 0, target: 0, walk_away: 1}
  - {term: payment_terms, opening: 30, target: 45, walk_away: 60}
  - {term: contract_length, opening: 36, target: 36, walk_away: 24}
  - {term: training_seats, opening: 0, target: 5, walk_away: 10}
  - {term: case_study, opening: true, target: true, walk_away: false}
  - {term: support_tier, opening: standard, target: standard, walk_away: premium}
  - {term: price_hold, opening: 0, target: 3, walk_away: 6}
concessions:
  - give: {term: training_seats, value: 5}
    get: {term: case_study, value: true}
  - give: {term: payment_terms, value: 45}
    get: {term: contract_length, value: 36}
  - give: {term: discount, value: 4}
    get: {commitment: signature this quarter, by: 2027-03-31}
  - give: {term: discount, value: 6}
    get: {commitment: two more sites in year 1, by: 2027-06-30}
"""


def _playbook(text: str = PLAYBOOK) -> Playbook:
    return Playbook.model_validate(load("playbook.yaml", text=text).data)


def _plan(text: str = PLAN) -> Plan:
    return Plan.model_validate(load("plan.yaml", text=text).data)


def _values(plan: Plan, playbook: Playbook, scenario: str) -> dict[str, Decimal | None]:
    economics = analyse(plan, playbook)
    assert economics is not None
    return {v.term: v.amount for v in economics.scenario(scenario).valuations}


# ---- each value model ------------------------------------------------------------------------


def test_value_models_at_walk_away() -> None:
    values = _values(_plan(), _playbook(), "walk_away")  # 24 months: 2 contract years
    # discount, list basis, per year: 8 points × 1% × 365,000 × 2 years
    assert values["discount"] == Decimal("-58400")
    # free months, list_months basis, once: 1 × 365,000 / 12 = 30,416.666…
    assert values["free_months"] == -(Decimal(365000) / 12)
    # payment terms, capital basis from 30 days, per year: 30 extra days × 100 × 2 years
    assert values["payment_terms"] == Decimal("-6000")
    # contract length, higher is better, base 36, once: 12 months short × 0.25% × 365,000
    assert values["contract_length"] == Decimal("-10950")
    # training seats, money, once: 10 × 300
    assert values["training_seats"] == Decimal("-3000")
    # case study, yes/no, base no: no is worth nothing
    assert values["case_study"] == 0
    # support tier, choice, per year: -2% × 365,000 × 2 years
    assert values["support_tier"] == Decimal("-14600")
    # price hold has no value model
    assert values["price_hold"] is None


def test_value_models_at_opening_and_target() -> None:
    opening = _values(_plan(), _playbook(), "opening")  # 36 months: 3 years
    assert opening["case_study"] == Decimal("15000")  # yes, higher is better: +1 × 15,000
    assert opening["payment_terms"] == 0  # 30 days is the base
    target = _values(_plan(), _playbook(), "target")
    assert target["discount"] == Decimal("-43800")  # 4 × 3,650 × 3 years
    assert target["payment_terms"] == Decimal("-4500")  # 15 days × 100 × 3 years
    assert target["training_seats"] == Decimal("-1500")  # 5 × 300


def test_contract_length_above_base_gains_value() -> None:
    text = mutate(PLAN, ("opening: 36, target: 36", "opening: 48, target: 36"))
    # 12 months past 36 × 0.25% × 365,000 = +10,950 (once)
    assert _values(_plan(text), _playbook(), "opening")["contract_length"] == Decimal("10950")


# ---- scenarios and package -------------------------------------------------------------------


def test_scenario_totals() -> None:
    economics = analyse(_plan(), _playbook())
    assert economics is not None
    opening, target, walk = economics.scenarios
    # opening: 3 years × 365,000 = 1,095,000, plus the case study 15,000
    assert (opening.years, opening.list_total, opening.net) == (3, 1095000, 1110000)
    assert format_percent(opening.share) == "101.37%"  # 1,110,000 / 1,095,000
    # target: 1,095,000 - 43,800 - 4,500 - 1,500 + 15,000 = 1,060,200
    assert target.net == Decimal("1060200")
    assert format_percent(target.share) == "96.82%"
    # walk-away: 730,000 - 58,400 - 30,416.67 - 6,000 - 10,950 - 3,000 - 14,600 = 606,633.33
    assert walk.list_total == Decimal("730000")
    assert format_money(walk.net, "EUR") == "EUR 606,633.33"
    assert format_percent(walk.share) == "83.1%"  # 606,633.33 / 730,000 = 83.1005%
    assert format_percent(walk.concession_share) == "16.9%"
    # 16.90% is past the rep's 15% but within the Regional sales director's 18%
    assert economics.package.status is PackageStatus.NEEDS_APPROVAL
    assert economics.package.approver == "Regional sales director"


def test_concession_path() -> None:
    economics = analyse(_plan(), _playbook())
    assert economics is not None
    nets = [step.net for step in economics.path]
    # The path starts from the baseline package, not the opening: no standard positions in
    # this playbook, so each term sits at its value model's base (30 days, 36 months) or zero
    # (no case study): 3 years × 365,000 = 1,095,000. Then -1,500 seats, +15,000 case study;
    # -4,500 payment (15 days × 100 × 3 years), 36 months is the base (0); -43,800 discount
    # 0 → 4; -21,900 discount 4 → 6 (2 × 3,650 × 3 years, measured from the previous give)
    assert nets == [1095000, 1108500, 1104000, 1060200, 1038300]
    first, second, third = economics.path[1:4]
    assert first.give is not None and first.give.worth == Decimal("-1500")
    assert first.get is not None and first.get.worth == Decimal("15000")
    assert second.get is not None and second.get.worth == 0
    # a sentence has no value
    assert third.get is not None and third.get.text == "signature this quarter by 2027-03-31"
    assert third.get.worth is None


def test_gives_and_gets_are_measured_from_the_standard_not_the_opening() -> None:
    # A standard 24-month term; the plan opens at 60 months and plans to settle on 36.
    book = mutate(
        PLAYBOOK,
        (
            "limits: {min: 12, max: 60}, authority: 24,",
            "limits: {min: 12, max: 60}, standard: 24, authority: 24,",
        ),
    )
    plan = mutate(
        PLAN, ("opening: 36, target: 36, walk_away: 24", "opening: 60, target: 36, walk_away: 24")
    )
    economics = analyse(_plan(plan), _playbook(book))
    assert economics is not None
    # step 0 is the standard deal: 2 years, whatever the opening says
    assert economics.path[0].years == 2
    second = economics.path[2]
    assert second.get is not None and second.get.term == "contract_length"
    # 36 months against the standard 24: one more year of list value (365,000), the 12 months
    # short of the value model's base no longer lost (+10,950), and a third year of the
    # payment terms already given (-1,500): a gain, not the loss it was from a 60-month opening
    assert second.get.worth == Decimal("374450")
    assert second.net > economics.path[1].net


def test_the_baseline_of_a_term() -> None:
    book = _playbook(
        mutate(
            PLAYBOOK,
            (
                "limits: {min: 0, max: 120}, authority: 60,",
                "limits: {min: 0, max: 120}, standard: 45, authority: 60,",
            ),
        )
    )
    terms = book.term_map
    assert baseline(terms["payment_terms"]) == 45  # the standard position first
    assert baseline(terms["contract_length"]) == 36  # else the value model's base
    assert baseline(terms["discount"]) == 0  # else the value model's zero
    assert baseline(terms["case_study"]) is False
    assert baseline(terms["support_tier"]) is None  # a choice term's options carry their value
    assert baseline(terms["price_hold"]) == 0


def test_below_floor_and_within_authority() -> None:
    below = mutate(PLAN, ("walk_away: 8}", "walk_away: 12}"))
    # 4 more points × 3,650 × 2 years = 29,200 more: 577,433.33 / 730,000 = 79.1%
    economics = analyse(_plan(below), _playbook())
    assert economics is not None and economics.package.below_floor
    within = mutate(PLAN, ("walk_away: 8}", "walk_away: 4}"))
    # 29,200 less: 123,366.67 - 29,200 = 94,166.67 = 12.9% of 730,000
    economics = analyse(_plan(within), _playbook())
    assert economics is not None
    assert economics.package.status is PackageStatus.WITHIN_AUTHORITY


def test_contract_years_fall_back_to_the_deal_then_one_year() -> None:
    contract = "  - {term: contract_length, opening: 36, target: 36, walk_away: 24}\n"
    without = mutate(PLAN, (contract, ""))
    economics = analyse(_plan(without), _playbook())
    assert economics is not None and economics.contract_source == "default"
    assert economics.scenario("walk_away").years == 1
    with_years = mutate(without, ("list_value: 365000}", "list_value: 365000, contract_years: 2}"))
    economics = analyse(_plan(with_years), _playbook())
    assert economics is not None and economics.contract_source == "deal.contract_years"
    assert economics.scenario("target").list_total == Decimal("730000")


def test_money_amounts_need_the_playbook_currency() -> None:
    text = mutate(PLAN, ("list_value: 365000", "list_value: 365000, currency: USD"))
    economics = analyse(_plan(text), _playbook())
    assert economics is not None and economics.currency == "USD"
    seats = next(v for v in economics.scenario("target").valuations if v.term == "training_seats")
    assert seats.amount is None and seats.reason == "amounts are in EUR, the deal in USD"


def test_no_list_value_means_no_economics() -> None:
    text = mutate(PLAN, (", list_value: 365000", ""))
    assert analyse(_plan(text), _playbook()) is None
    assert summarize(_plan(text), _playbook()) is None


def test_formatting_is_exact_and_locale_independent() -> None:
    assert format_money(Decimal("216000"), "EUR") == "EUR 216,000"
    assert format_money(Decimal("-1578.082191"), "EUR") == "EUR -1,578.08"
    assert format_money(Decimal("0.005"), "USD") == "USD 0.01"  # half up
    assert format_money(Decimal("-0.001"), "EUR") == "EUR 0"  # no negative zero
    assert format_percent(Decimal("14.766")) == "14.77%"
    assert format_percent(Decimal("80")) == "80%"
    # no float drift: 0.1 + 0.2 in Decimal is exactly 0.3
    assert format_money(Decimal("0.1") + Decimal("0.2"), "EUR") == "EUR 0.30"


# ---- the shipped playbooks and the clean example ---------------------------------------------


def _bundled() -> Playbook:
    loaded = load_playbook(BUNDLED)
    assert loaded.playbook is not None and loaded.usable
    return loaded.playbook


def test_clean_example_figures() -> None:
    plan = _plan(CLEAN_TEXT)
    economics = analyse(plan, _bundled())
    assert economics is not None
    opening, target, walk = economics.scenarios
    # opening: 720,000 (3 years) + 15,000 case study
    assert opening.net == 735000
    # target: 720,000 - 36,000 discount (5 × 2,400 × 3) - 3,000 seats (10 × 300) + 15,000
    assert target.net == 696000
    # walk-away (2 years): 480,000 - 48,000 discount - 1,578.08 payment (15 days × 240,000
    # × 8% / 365 × 2) - 7,200 contract (12 × 0.25% × 240,000) - 4,500 seats - 9,600 premium
    # support (2% × 240,000 × 2)
    assert format_money(walk.net, "EUR") == "EUR 409,121.92"
    assert format_percent(walk.concession_share) == "14.77%"
    assert economics.package.status is PackageStatus.WITHIN_AUTHORITY
    # The path starts from the standard deal: 24 months (2 years, 480,000), 7,200 short of
    # the contract value model's base of 36 months, no case study.
    assert [format_money(s.net, "EUR") for s in economics.path] == [
        "EUR 472,800",
        "EUR 484,800",  # -3,000 seats, +15,000 case study
        "EUR 717,600",  # -9,600 premium support (2 years); +242,400 for 36 months
        "EUR 715,232.88",  # 45 days: 15 × 240,000 × 8% / 365 × 3 = 2,367.12
        "EUR 679,232.88",
        "EUR 687,632.88",  # -21,600 discount, +30,000 reference calls (2 × 5,000 × 3)
    ]
    contract = economics.path[2].get
    assert contract is not None and contract.worth == Decimal("242400")


def test_summarize_for_the_brief() -> None:
    summary = summarize(_plan(CLEAN_TEXT), _bundled())
    assert summary is not None
    assert (summary.target_net, summary.walk_away_net.quantize(Decimal("0.01"))) == (
        Decimal("696000"),
        Decimal("409121.92"),
    )
    assert format_percent(summary.target_share) == "96.67%"
    assert summary.floor == 80 and not summary.below_floor
    assert summary.line == (
        "net value at target EUR 696,000 (96.67% of list); at walk-away EUR 409,121.92 "
        "(85.23% of list); walk-away package within the rep's authority (80% floor)"
    )


def test_manufacturing_playbook_prices_a_usd_plan() -> None:
    loaded = load_playbook(str(PLAYBOOKS / "manufacturing-cost-leader.yaml"))
    assert loaded.playbook is not None and loaded.usable
    plan = _plan(
        "kind: plan\nversion: 1\n"
        "deal: {title: Frame parts, customer: Buyer, owner: Rep, list_value: 1000000}\n"
        "variables:\n"
        "  - {term: unit_price_discount, opening: 0, target: 2, walk_away: 4}\n"
        "  - {term: incoterms, opening: FCA, target: FCA, walk_away: FCA}\n"
        "  - {term: supply_agreement_months, opening: 24, target: 24, walk_away: 12}\n"
    )
    economics = analyse(plan, loaded.playbook)
    assert economics is not None and economics.currency == "USD"
    # target, 2 years: -2 × 10,000 × 2 - 0.5% × 1,000,000 × 2 + 12 months × 0.1% × 1,000,000
    assert economics.scenario("target").net == 2000000 - 40000 - 10000 + 12000
    # walk-away, 1 year: -40,000 - 5,000 = 4.5% concession, within the rep's 6%
    assert economics.package.share == Decimal("4.5")
    assert economics.package.status is PackageStatus.WITHIN_AUTHORITY


def test_shipped_default_playbooks_are_identical() -> None:
    bundled = Path(__file__).resolve().parent.parent / "negplan" / "data" / "default-playbook.yaml"
    assert (PLAYBOOKS / "default.yaml").read_bytes() == bundled.read_bytes()


# ---- negplan value ---------------------------------------------------------------------------


def test_value_text_on_the_clean_example(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("value", CLEAN, "--today", TODAY)
    assert result.exit_code == 0, result
    out = result.stdout
    for figure in ("EUR 735,000", "EUR 696,000", "EUR 409,121.92", "85.23%", "EUR 687,632.88"):
        assert figure in out, (figure, result)
    assert "Scenarios" in out and "Concession path" in out
    assert "within the rep's authority (15%); floor 80%" in out
    assert result.stderr == ""


def test_value_text_fits_a_narrow_terminal(run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli("value", CLEAN, "--today", TODAY)
    assert result.exit_code == 0, result
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "EUR 409,121.92" in result.stdout and "…" not in result.stdout


def test_value_json(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("value", CLEAN, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result
    doc = json.loads(result.stdout)
    assert doc["currency"] == "EUR" and doc["list_value"] == "240000.00"
    assert doc["contract_years_from"] == "contract_length"
    walk = doc["scenarios"]["walk_away"]
    assert (walk["years"], walk["net_value"], walk["share_of_list"]) == ("2", "409121.92", "85.23")
    assert walk["terms"][1] == {
        "term": "payment_terms",
        "position": "45",
        "value": "-1578.08",
        "not_valued": None,
    }
    assert doc["scenarios"]["target"]["net_value"] == "696000.00"
    assert [s["net_value"] for s in doc["path"]][-1] == "687632.88"
    assert doc["path"][5]["get"] == {
        "term": "reference_calls",
        "position": "2",
        "text": None,
        "worth": "30000.00",
    }
    assert doc["path"][0]["net_value"] == "472800.00"  # the standard deal
    assert doc["package"] == {
        "status": "within-authority",
        "concession": "70878.08",
        "concession_share": "14.77",
        "authority": "15.00",
        "floor": "80.00",
        "approver": None,
    }
    assert doc["findings"] == []


def test_value_flags_the_package_over_floor_example(run_cli) -> None:  # type: ignore[no-untyped-def]
    path = EXAMPLES / "package-over-floor.yaml"
    result = run_cli("value", path, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result
    doc = json.loads(result.stdout)
    assert doc["package"]["status"] == "below-floor"
    assert doc["scenarios"]["walk_away"]["share_of_list"] == "79.19"
    assert [f["code"] for f in doc["findings"]] == ["NP701"]
    text = run_cli("value", path, "--today", TODAY)
    assert "netting 79.19%: below the 80% floor" in text.stdout


def test_value_missing_file_exits_2(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("value", tmp_path / "nope.yaml", "--today", TODAY)
    assert result.exit_code == 2, result
    assert "no such file" in result.stderr and result.stdout == ""


def test_value_schema_failure_prints_findings_and_exits_1(run_cli, write) -> None:  # type: ignore[no-untyped-def]
    path = write("plan.yaml", mutate(CLEAN_TEXT, ("list_value: 240000", "list_value: 240k")))
    result = run_cli("value", path, "--today", TODAY)
    assert result.exit_code == 1, result
    assert result.stdout == ""
    line = line_of(path.read_text("utf-8"), "list_value: 240k")
    assert result.stderr.startswith(f"{path}:{line}:15: error: deal.list_value")
    assert result.stderr.rstrip().endswith("[NP101]")


def test_value_without_list_value_exits_2(run_cli, write) -> None:  # type: ignore[no-untyped-def]
    path = write("plan.yaml", mutate(CLEAN_TEXT, ("  list_value: 240000\n", "")))
    result = run_cli("value", path, "--today", TODAY)
    assert result.exit_code == 2, result
    assert "deal.list_value is not set" in result.stderr
    assert "hint: add `list_value:`" in result.stderr


def test_value_refuses_a_playbook(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("value", PLAYBOOKS / "default.yaml", "--today", TODAY)
    assert result.exit_code == 2, result
    assert "error: is a playbook, not a plan" in result.stderr


@pytest.mark.parametrize("flag", ["--playbook", "-p"])
def test_value_with_an_explicit_playbook(run_cli, write, flag) -> None:  # type: ignore[no-untyped-def]
    book = write("book.yaml", PLAYBOOK)
    plan = write("plan.yaml", PLAN)
    result = run_cli("value", plan, flag, book, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result
    doc = json.loads(result.stdout)
    assert doc["scenarios"]["walk_away"]["net_value"] == "606633.33"
    assert doc["package"]["approver"] == "Regional sales director"
    hold = doc["scenarios"]["target"]["terms"][-1]
    assert (hold["term"], hold["value"], hold["not_valued"]) == (
        "price_hold",
        None,
        "no value model",
    )


def test_pricing_only_the_walk_away_scenario_changes_nothing_else() -> None:
    # What the rules price (the walk-away scenario, the path, the package) is the same as
    # in the full analysis the brief and `negplan value` show.
    from pydantic import ValidationError

    playbook = load_playbook(BUNDLED).playbook
    assert playbook is not None
    compared = 0
    for path in sorted(EXAMPLES.glob("*.yaml")):
        try:
            plan = Plan.model_validate(load(str(path)).data)
        except ValidationError:
            continue
        full = analyse(plan, playbook)
        walk_only = analyse(plan, playbook, scenarios=("walk_away",))
        assert full is not None and walk_only is not None
        assert [s.name for s in walk_only.scenarios] == ["walk_away"]
        assert walk_only.scenario("walk_away") == full.scenario("walk_away")
        assert (walk_only.path, walk_only.package) == (full.path, full.package)
        compared += 1
    assert compared >= 5


def test_a_new_plan_trading_for_36_months_shows_a_gain(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The case: a plan from `negplan new`, in USD against the EUR playbook, trading
    # premium support for a 36-month term. From the 60-month opening the scaffold used to
    # write, the get read as a loss of two years of revenue.
    target = tmp_path / "plan.yaml"
    made = run_cli(
        "new", target, "--no-input", "--customer", "Acme", "--title", "2027 renewal",
        "--value", "240000", "--currency", "USD", "--term", "support_tier",
    )  # fmt: skip
    assert made.exit_code == 0, made
    text = target.read_text(encoding="utf-8")
    start = text.index("\nconcessions:\n") + 1
    end = text.index("\n\n", start)
    trade = (
        "concessions:\n"
        "  - give: {term: support_tier, value: premium}\n"
        "    get: {term: contract_length, value: 36}\n"
    )
    target.write_text(text[:start] + trade + text[end + 1 :], encoding="utf-8")
    result = run_cli("value", target, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result
    doc = json.loads(result.stdout)
    assert doc["scenarios"]["opening"]["years"] == "3"  # opens at 36 months, not 60
    give, get = doc["path"][1]["give"], doc["path"][1]["get"]
    # the standard 24 months: 2 years of 2% premium support; 36 months adds a year of list
    # value, 3% of list in renewal risk no longer lost, minus a third year of support
    assert give["worth"] == "-9600.00"
    assert get["worth"] == str(240000 + 7200 - 4800) + ".00"
    assert "NP703" not in [f["code"] for f in doc["findings"]]
