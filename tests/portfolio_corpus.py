"""A generated corpus of valid plans for the bundled playbook, for the report's tests.

Uniform by default: positions, first gives and sign-offs vary without a pattern. ``planted``
adds three: most discount walk-aways in EMEA sit exactly at the rep's authority (10); the
owner "Owen Planted" always leads with discount; fifteen plans meeting in one week need the
Head of professional services' sign-off and do not have it yet.

With ``debriefs``, every other plan gets a debrief beside it (``plan-0001.debrief.yaml``):
results, reasons, agreed positions, improvised moves and surprise asks vary by plan; at most
three in eight discount agreements sit at or past the walk-away, unless ``planted``, where
three in four do (agreements clustering at the walk-away).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from negplan.debriefs import content_hash

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
        "team: {lead: Dana Reyes, decision_maker: Sam Ortiz}",
        "goals: [{goal: Renew for 36 months, priority: must}]",
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


RESULTS = ("won", "won", "lost", "no_decision", "walked_away", "won", "open")
REASONS = ("value", "price", "timing", "competitor", "scope")
SURPRISES = (
    "Price protection for two years",
    "A named success manager",
    "Price protection for two years",
    "Quarterly business reviews",
    "Price protection for two years",
    "A named success manager",
    "Exit clause after year one",
)


def _agreed_discount(index: int, plan: str, *, planted: bool) -> int:
    """Where the discount was agreed: at target, a point past it, at the walk-away, or a
    point past the walk-away or better than target."""
    target = 4 + index % 4
    walk = int(plan.split("walk_away: ", 1)[1].split("}", 1)[0])
    k = index // 2  # debriefs are written for odd indexes only
    if planted and k % 4 != 0:
        return walk
    return (target, target + 1, walk, walk + 1 if k % 8 == 3 else target - 1)[k % 4]


def debrief_text(index: int, plan: str, *, planted: bool) -> str:
    """The debrief of the plan ``plan`` (text) of number ``index``."""
    meeting = plan.split("meeting: ", 1)[1].split("\n", 1)[0]
    result = RESULTS[index % len(RESULTS)]
    discount = _agreed_discount(index, plan, planted=planted)
    lines = [
        "kind: debrief",
        "version: 1",
        f"plan: {{path: plan-{index:04d}.yaml, hash: {content_hash(plan.encode())}}}",
        f"meeting: {meeting}",
        f"result: {result}",
        f"reason: {REASONS[index % len(REASONS)]}",
        "agreed:",
        f"  - {{term: discount, value: {discount}}}",
        f"  - {{term: payment_terms, value: {(30, 40, 35)[index % 3]}}}",
        f"  - {{term: case_study, value: {'true' if index % 5 else 'false'}}}",
        "moves:",
        "  - give: {term: training_seats, value: 10}",
        "    get: {term: case_study, value: true}",
        "    planned: true",
        "    asked_by: us",
    ]
    if index % 3 == 0:
        lines += [
            f"  - give: {{term: implementation_days, value: {1 + index % 4}}}",
            "    get: {commitment: signed order form, by: 2027-12-31}",
            "    planned: false",
            "    asked_by: Ana Silva",
        ]
    lines += ["unexpected:"]
    lines += [f"  - ask: {SURPRISES[(index + n) % len(SURPRISES)]}" for n in range(index % 3)]
    lines += ["lessons:", "  - {lesson: Prepare the price-hold ask, owner: Dana Reyes}"]
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int, *, planted: bool, debriefs: bool = False) -> Path:
    """Write ``count`` plans under ``folder`` (one sub-folder per region), with a debrief
    beside every other plan when asked; return ``folder``."""
    for index in range(count):
        sub = folder / REGIONS[index % len(REGIONS)].lower()
        sub.mkdir(parents=True, exist_ok=True)
        plan = plan_text(index, planted=planted)
        (sub / f"plan-{index:04d}.yaml").write_text(plan, "utf-8")
        if debriefs and index % 2:
            text = debrief_text(index, plan, planted=planted)
            (sub / f"plan-{index:04d}.debrief.yaml").write_text(text, "utf-8")
    return folder
