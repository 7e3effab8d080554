"""A seeded generator of realistic plans for the bundled default playbook.

Each plan is about 150 lines: a deal, both teams, goals, value, interests, alternatives,
criteria, five to seven variables with positions inside the playbook's limits, a concession
plan, asks, questions and sign-offs. About a third of the plans carry one or two typical
mistakes (a give without a get, discount first, positions out of order, a walk-away past
authority, missing preparation, a misspelt key, a ``TODO`` the scaffold left), so that
checking them exercises the rules and the positions of findings, not only the happy path.

With ``debriefs``, three in four plans whose meeting is a week or more before
:data:`DEBRIEF_BEFORE` get a debrief beside them (``plan-00001.debrief.yaml``): a result and
its reason, agreed positions between the target and a point past the walk-away, the planned
moves, sometimes an improvised one, surprise asks and lessons; the others are overdue (NP809)
when checked on :data:`DEBRIEF_BEFORE`.

Usage: ``python -m bench.generate OUT_DIR COUNT [--seed N] [--debriefs]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
from pathlib import Path

REGIONS = ["emea", "na", "apac", "latam"]
REPS = ["Dana Reyes", "Ola Nordmann", "Kenji Sato", "Maria Garcia", "Sam Okafor", "Lena Vogel"]
CUSTOMERS = [
    "Acme Logistics",
    "Globex Freight",
    "Initech",
    "Umbrella Health",
    "Stark Components",
    "Wayne Retail",
    "Tyrell Biotech",
    "Cyberdyne Systems",
    "Soylent Foods",
    "Hooli Media",
]
STANCES = ["champion", "supporter", "neutral", "skeptic", "blocker"]
#: The day a corpus with debriefs is reported on: meetings before it may have a debrief.
DEBRIEF_BEFORE = dt.date(2027, 6, 30)
REASONS = ["value", "price", "timing", "competitor", "scope", "no_budget", "relationship"]
RESULTS = ["won", "won", "won", "lost", "no_decision", "walked_away", "open"]
SURPRISES = [
    "Price protection on expansion seats for two years",
    "A named customer success manager",
    "An exit clause after the first year",
    "Quarterly business reviews with their CFO",
    "Data residency in their own region",
]
MISTAKES = [
    "give_without_get",
    "discount_first",
    "out_of_order",
    "past_authority",
    "no_preparation",
    "typo",
    "placeholder",
]


def _variables(rng: random.Random) -> list[tuple[str, object, object, object]]:
    discount_target = rng.choice([3, 4, 5, 6])
    optional = [
        ("training_seats", 0, rng.choice([5, 8, 10]), 15),
        ("support_tier", "standard", "standard", "premium"),
        ("case_study", "true", "true", "false"),
        ("implementation_days", 0, 2, 5),
        ("price_hold_months", 0, 3, 6),
        ("reference_calls", 2, 1, 0),
    ]
    chosen = rng.sample(optional, k=rng.randint(2, 4))
    return [
        ("discount", 0, discount_target, rng.choice([8, 9, 10])),
        ("payment_terms", 30, 30, rng.choice([40, 45])),
        ("contract_length", 36, rng.choice([24, 36]), 24),
        *chosen,
    ]


def plan_text(index: int, rng: random.Random) -> str:
    """One plan as YAML text."""
    customer = f"{rng.choice(CUSTOMERS)} {index}"
    rep = rng.choice(REPS)
    region = rng.choice(REGIONS).upper()
    value = rng.randrange(60, 900) * 1000
    month = rng.randint(1, 9)
    mistakes = set(rng.sample(MISTAKES, k=rng.choice([1, 2]))) if rng.random() < 0.35 else set()
    variables = _variables(rng)
    if "out_of_order" in mistakes:
        term, opening, target, walk = variables[0]
        variables[0] = (term, opening, 12, walk)
    if "past_authority" in mistakes:
        term, opening, target, walk = variables[0]
        variables[0] = (term, opening, target, 18)
    lines = [
        f"# Generated plan {index} for the benchmark",
        "kind: plan",
        "version: 1",
        "",
        "deal:",
        f"  title: 2027 renewal {index}",
        f"  customer: {customer}",
        f"  owner: {rep}",
        f"  region: {region}",
        f"  segment: {rng.choice(['enterprise', 'mid-market', 'public sector'])}",
        "  currency: EUR",
        f"  list_value: {value}",
        f"  meeting: 2027-{month:02d}-{rng.randint(1, 27):02d}",
        f"  close: 2027-{month + 2:02d}-{rng.randint(1, 27):02d}",
        "",
        "team:",
        f"  lead: {rep}",
        "  decision_maker: Sam Ortiz (Regional sales director)",
        "  members:",
        "    - {name: Priya Nair, role: solutions engineer}",
        "    - {name: Tom Weber, role: deal desk}",
        "",
        "counterparts:",
    ]
    for n, role in enumerate(["CFO", "Procurement manager", "Head of operations"]):
        lines += [
            f"  - name: Person {index}-{n}",
            f"    role: {role}",
            f"    influence: {rng.choice(['high', 'medium', 'low'])}",
            f"    stance: {rng.choice(STANCES)}",
            f"    decision_maker: {'true' if n == 0 else 'false'}",
        ]
    lines += [
        "",
        "goals:",
        "  - {goal: Renew for 36 months at no more than 8% discount, priority: must}",
        f"  - {{goal: Expand by {rng.randint(20, 200)} seats in year 1, priority: should}}",
        "  - {goal: A published case study after go-live, priority: nice}",
        "",
    ]
    if "no_preparation" not in mistakes:
        lines += [
            "value:",
            "  statement: >-",
            f"    {customer} plans routes in 40 minutes instead of 3 hours, with a named",
            "    success team and a 99.9% uptime record.",
            "  proof_points:",
            "    - Route planning time down 78% since rollout",
            "    - 99.95% measured uptime over the last 12 months",
            "",
            "interests:",
        ]
        for n in range(rng.randint(2, 4)):
            lines += [
                f"  - interest: Interest {n} of {customer}",
                f"    holder: Person {index}-{n % 3}",
                f"    priority: {rng.choice(['high', 'medium', 'low'])}",
                f"    evidence: Call notes {n}",
                f"    status: {rng.choice(['validated', 'validated', 'estimated'])}",
            ]
        lines += [
            "",
            "alternatives:",
            "  ours:",
            "    description: Redeploy the success team on another expansion.",
            "    status: validated",
            "  theirs:",
            "    description: Re-tender next year and stay on spreadsheets meanwhile.",
            f"    status: {rng.choice(['validated', 'estimated'])}",
            "",
        ]
    lines += [
        "criteria:",
        "  - standard: Published 2026 list price for the Enterprise edition",
        "    source: Northwind price book v12",
        "",
        "variables:",
    ]
    for term, opening, target, walk in variables:
        walk_key = "walkaway" if "typo" in mistakes and term == "payment_terms" else "walk_away"
        lines += [
            f"  - term: {term}",
            f"    opening: {opening}",
            f"    target: {target}",
            f"    {walk_key}: {walk}",
            f"    buyer_value: {rng.choice(['high', 'medium', 'low'])}",
        ]
    lines += [
        "",
        "walk_away: >-",
        f"  Below {value * 9 // 10:,} EUR net per year, under 24 months, or payment past 45 days.",
        "",
        "concessions:",
    ]
    gives = [
        ("payment_terms", 40, "{term: contract_length, value: 36}", "If they commit to 36 months"),
        (
            "discount",
            variables[0][2],
            f"{{commitment: expansion ordered in year 1, by: 2027-{month + 1:02d}-28}}",
            "If the expansion is in",
        ),
    ]
    if variables[3][0] == "training_seats":
        gives.insert(0, ("training_seats", 5, "{term: case_study, value: true}", "Case study"))
    if "discount_first" in mistakes:
        gives.reverse()
    for n, (term, value_, get, condition) in enumerate(gives):
        lines.append(f"  - give: {{term: {term}, value: {value_}}}")
        if not ("give_without_get" in mistakes and n == len(gives) - 1):
            lines.append(f"    get: {get}")
        lines.append(f"    condition: {condition}")
    lines += [
        "",
        "asks:",
        "  - ask: Match the 15% discount a competitor offered",
        "    response: Compare total cost and risk; we can add training seats instead.",
        "  - ask: Payment at 90 days",
        "    response: 45 days is our limit, in exchange for signature this quarter.",
        "",
        "questions:",
        "  - What happens on your side if the rollout slips past the spring peak?",
        "  - Who besides the CFO signs off a three-year commitment?",
        "  - How will procurement measure savings this year?",
        "  - What would make a published case study easy for your team?",
        *(["  - TODO ask what procurement needs to see"] if "placeholder" in mistakes else []),
        "",
        "alignment:",
        "  - with: Finance director",
        "    person: Ines Kovac",
        "    term: payment_terms",
        "    up_to: 45",
        "    status: agreed",
        "    date: 2026-11-18",
        "    notes: 45 days approved if the order is signed this quarter.",
        "",
    ]
    return "\n".join(lines)


def _position(plan: str, term: str, key: str) -> int | None:
    found = re.search(
        rf"term: {term}\n    opening: \S+\n    target: (\d+)\n    walk_?away: (\d+)", plan
    )
    if found is None:
        return None
    return int(found.group(1 if key == "target" else 2))


def debrief_text(name: str, plan: str, rng: random.Random) -> str | None:
    """A debrief of ``plan`` (the text of the file ``name``), or None when its meeting is
    not over or it is one of the plans whose debrief is overdue."""
    meeting = dt.date.fromisoformat(plan.split("  meeting: ", 1)[1][:10])
    if meeting + dt.timedelta(days=7) >= DEBRIEF_BEFORE or rng.random() < 0.25:
        return None
    target, walk = _position(plan, "discount", "target"), _position(plan, "discount", "walk")
    discount = rng.choice([target, target, (target or 0) + 1, walk, (walk or 0) + 1])
    git_hash = hashlib.sha1(b"blob %d\0" % len(plan.encode()) + plan.encode()).hexdigest()
    lines = [
        "kind: debrief",
        "version: 1",
        f"plan: {{path: {name}, hash: {git_hash}}}",
        f"meeting: {meeting.isoformat()}",
        f"result: {rng.choice(RESULTS)}",
        f"reason: {rng.choice(REASONS)}",
        "agreed:",
        f"  - {{term: discount, value: {discount}}}",
        f"  - {{term: payment_terms, value: {rng.choice([30, 40, 45])}}}",
        f"  - {{term: contract_length, value: {rng.choice([24, 36])}}}",
        "moves:",
        "  - give: {term: payment_terms, value: 40}",
        "    get: {term: contract_length, value: 36}",
        "    planned: true",
        "    asked_by: us",
    ]
    if rng.random() < 0.3:
        lines += [
            f"  - give: {{term: implementation_days, value: {rng.randint(1, 4)}}}",
            f"    get: {{commitment: signed order form, by: {meeting + dt.timedelta(days=30)}}}",
            "    planned: false",
            "    asked_by: the buyer's CFO",
        ]
    lines += ["unexpected:"]
    lines += [f"  - ask: {ask}" for ask in rng.sample(SURPRISES, k=rng.choice([0, 0, 1, 2]))]
    lines += ["lessons:", "  - {lesson: Prepare the price-hold ask earlier, owner: Tom Weber}"]
    return "\n".join(lines) + "\n"


def generate(out: Path, count: int, *, seed: int = 2026, debriefs: bool = False) -> list[Path]:
    """Write ``count`` plans under ``out/<region>/`` (and, with ``debriefs``, their
    debriefs beside them); return the plans' paths."""
    rng = random.Random(seed)
    paths: list[Path] = []
    for index in range(count):
        region = REGIONS[index % len(REGIONS)]
        folder = out / region
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"plan-{index:05d}.yaml"
        text = plan_text(index, rng)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        debrief = debrief_text(path.name, text, rng) if debriefs else None
        if debrief is not None:
            path.with_suffix(".debrief.yaml").write_text(debrief, encoding="utf-8")
    return paths


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--debriefs", action="store_true", help="write debriefs too")
    args = parser.parse_args()
    generate(args.out, args.count, seed=args.seed, debriefs=args.debriefs)


if __name__ == "__main__":
    main()
