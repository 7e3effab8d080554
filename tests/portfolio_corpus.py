"""A generated corpus of valid plans for the bundled playbook, for the report's tests.

Uniform by default: positions, first gives and sign-offs vary without a pattern. ``planted``
adds three: most discount walk-aways in EMEA sit exactly at the rep's authority (10); the
owner "Owen Planted" always leads with discount; fifteen plans meeting in one week need the
Head of professional services' sign-off and do not have it yet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

TODAY = dt.date(2026, 11, 23)
REGIONS = ("EMEA", "NA", "APAC", "LATAM")
SEGMENTS = ("enterprise", "mid-market", "public sector")
OWNERS = (*tuple(f"Rep {chr(65 + n)}. Example" for n in range(19)), "Owen Planted")
PLANTED_OWNER = "Owen Planted"
PEAK_DAY = TODAY + dt.timedelta(days=30)
PEAK_APPROVER = "Head of professional services"
#: Discount walk-aways of the uniform corpus: never the authority (10) but one in ten plans.
WALKS = (6, 7, 8, 9, 11, 12, 13, 14)


def _discount_walk(index: int, region: str, planted: bool) -> int:
    if planted and region == "EMEA" and index % 5 != 0:
        return 10
    if index % 10 == 3:
        return 10
    return WALKS[(index // 4 * 3) % len(WALKS)]


def plan_text(index: int, *, planted: bool) -> str:
    """One valid plan."""
    region = REGIONS[index % len(REGIONS)]
    owner = OWNERS[index % len(OWNERS)]
    meeting = TODAY + dt.timedelta(days=1 + (index * 37) % 280)
    peak = planted and 100 <= index < 115
    if peak:
        meeting = PEAK_DAY
    target = 4 + index % 4
    walk = _discount_walk(index, region, planted)
    pay_walk = (40, 40, 42, 45)[(index // 4) % 4]
    lines = [
        "kind: plan",
        "version: 1",
        "deal:",
        f"  title: Renewal {index}",
        f"  customer: Customer {index}",
        f"  owner: {owner}",
        f"  region: {region}",
        f"  segment: {SEGMENTS[index % 3]}",
        "  currency: EUR",
        f"  list_value: {100000 + (index * 7919) % 400000}",
        f"  meeting: {meeting.isoformat()}",
        "counterparts:",
        "  - {name: Ana Silva, role: CFO, decision_maker: true}",
        "value: {statement: Routes planned in minutes, proof_points: [uptime 99.95%]}",
        "interests:",
        "  - {interest: Predictable spend, evidence: budget call, status: validated}",
        "  - {interest: Savings to show, evidence: scorecard, status: validated}",
        "alternatives:",
        "  ours: {description: Redeploy the team, status: validated}",
        "  theirs: {description: Re-tender next year, status: validated}",
        "criteria: [{standard: Published list price}]",
        "variables:",
        f"  - {{term: discount, opening: 0, target: {target}, walk_away: {walk}}}",
        f"  - {{term: payment_terms, opening: 30, target: 30, walk_away: {pay_walk}}}",
        f"  - {{term: contract_length, opening: 36, target: 36, walk_away: {(30, 36, 27)[index % 3]}}}",
        f"  - {{term: training_seats, opening: 0, target: 10, walk_away: {12 + index % 3}}}",
        "  - {term: case_study, opening: true, target: true, walk_away: false}",
    ]
    if peak:
        lines.append("  - {term: implementation_days, opening: 0, target: 2, walk_away: 8}")
    lines += ["walk_away: Below 80% of list, we decline.", "concessions:"]
    discount = [
        f"  - give: {{term: discount, value: {target}}}",
        "    get: {commitment: signed order form, by: 2027-12-31}",
    ]
    others = [
        "  - give: {term: training_seats, value: 10}",
        "    get: {term: case_study, value: true}",
        "  - give: {term: payment_terms, value: 40}",
        "    get: {term: contract_length, value: 36}",
    ]
    leads = owner == PLANTED_OWNER if planted else index % 13 == 0
    lines += discount + others if leads else others + discount
    lines += [
        "asks: [{ask: Match 15%, response: Compare total cost}]",
        "questions:",
        "  - What slips if the rollout is late?",
        "  - Who signs besides the CFO?",
        "  - How is the saving measured?",
        "alignment:",
    ]
    lines.append(
        "  - {with: Finance director, term: payment_terms, up_to: 45, status: agreed, "
        "date: 2026-11-01}"
    )
    if walk > 10:
        status = "pending" if index % 7 == 0 else "agreed, date: 2026-11-01"
        lines.append(
            f"  - {{with: Regional sales director, term: discount, up_to: {walk}, status: {status}}}"
        )
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int, *, planted: bool) -> Path:
    """Write ``count`` plans under ``folder`` (one sub-folder per region); return ``folder``."""
    for index in range(count):
        sub = folder / REGIONS[index % len(REGIONS)].lower()
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"plan-{index:04d}.yaml").write_text(plan_text(index, planted=planted), "utf-8")
    return folder
