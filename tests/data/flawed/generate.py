"""Regenerate tests/data/flawed/NN-*.yaml and sound/*.yaml from base.yaml (one change each).

Run: python tests/data/flawed/generate.py   (overwrites the generated files)
"""

from pathlib import Path

D = Path(__file__).resolve().parent
BASE = (D / "base.yaml").read_text()
BODY = BASE.split("\n", 2)[2]  # drop the two header comment lines


def sub(text, old, new, count=1):
    assert text.count(old) >= 1, old
    return text.replace(old, new, count)


def line_of(text, needle, nth=1):
    seen = 0
    for n, line in enumerate(text.splitlines(), 1):
        if (line.strip() == needle[1:]) if needle.startswith("=") else (needle in line):
            seen += 1
            if seen == nth:
                return n
    raise AssertionError(needle)


PAY = """  - give: {term: payment_terms, value: 45}
    get: {commitment: purchase orders placed through our EDI portal, by: 2027-02-28}
    condition: If all call-offs come through EDI, so invoicing runs without manual work
"""
SAMPLES = """  - give: {term: free_samples, value: 50}
    get: {term: forecast_sharing, value: true}
    condition: If Nordhavn planning shares a monthly rolling six-month forecast
"""
DISC2 = """  - give: {term: unit_price_discount, value: 2}
    get: {term: annual_volume, value: 500}
    condition: If Nordhavn commits to 500k units a year
"""

FLAWS = []  # (name, code, why, mutate(text)->text, needle, nth)


def flaw(name, code, why, needle, nth=1):
    def deco(fn):
        FLAWS.append((name, code, why, fn, needle, nth))
        return fn

    return deco


@flaw(
    "01-give-without-get",
    "NP401",
    "the engineering days are given as goodwill, nothing asked back",
    "- give: {term: engineering_days",
)
def _(t):
    return sub(
        t,
        """    get: {commitment: NX pump line design review scheduled with Sofie Lund, by: 2027-01-15}
    condition: If the design review for the NX line is on the calendar before signature
""",
        """    notes: Goodwill for Sofie's team, Mikael helps qualify the NX parts
""",
    )


@flaw(
    "02-give-past-walk-away",
    "NP402",
    "payment give of 60 days, walk-away is 45",
    "- give: {term: payment_terms, value: 60}",
)
def _(t):
    return sub(
        t, "- give: {term: payment_terms, value: 45}", "- give: {term: payment_terms, value: 60}"
    )


@flaw(
    "03-give-term-not-in-plan",
    "NP402",
    "gives warranty months, a term with no variable in the plan",
    "- give: {term: warranty_months",
)
def _(t):
    return sub(
        t,
        """  - give: {term: lead_time_days, value: 21}
    get: {term: supply_agreement_months, value: 24}
    condition: If Nordhavn signs for 24 months instead of 12""",
        """  - give: {term: warranty_months, value: 18}
    get: {term: supply_agreement_months, value: 24}
    condition: If Nordhavn signs for 24 months, we extend the warranty to 18 months""",
    )


@flaw(
    "04-get-worse-than-walk-away",
    "NP410",
    "asks for 350k units a year, below our own 400k walk-away",
    "get: {term: annual_volume, value: 350}",
)
def _(t):
    t = sub(
        t,
        "    get: {term: annual_volume, value: 500}\n    condition: If Nordhavn commits to 500k units a year",
        "    get: {term: annual_volume, value: 350}\n    condition: If Nordhavn commits to 350k units a year",
    )
    return t


@flaw(
    "05-leads-with-payment-terms",
    "NP403",
    "first concession is on payment terms (dont_lead_with)",
    "- give: {term: payment_terms",
)
def _(t):
    t = sub(t, PAY, "")
    return sub(t, "concessions:\n", "concessions:\n" + PAY)


@flaw(
    "06-costly-give-first",
    "NP404",
    "2% discount (cost high) planned before samples and engineering days (cost low)",
    "- give: {term: unit_price_discount, value: 2}",
)
def _(t):
    t = sub(t, DISC2, "")
    return sub(t, "concessions:\n", "concessions:\n" + DISC2)


@flaw(
    "07-ladder-grows",
    "NP405",
    "discount ladder 0 -> 1 -> 3: the second step (2 points) is bigger than the first",
    "- give: {term: unit_price_discount, value: 3}",
)
def _(t):
    return sub(
        t,
        "- give: {term: unit_price_discount, value: 2}",
        "- give: {term: unit_price_discount, value: 1}",
    )


@flaw(
    "08-ladder-steps-back",
    "NP409",
    "discount ladder 0 -> 3 -> 2: the second discount step takes back the first",
    "- give: {term: unit_price_discount, value: 2}",
)
def _(t):
    t = sub(
        t,
        "- give: {term: unit_price_discount, value: 2}",
        "- give: {term: unit_price_discount, value: @}",
    )
    t = sub(
        t,
        "- give: {term: unit_price_discount, value: 3}",
        "- give: {term: unit_price_discount, value: 2}",
    )
    return sub(t, "value: @}", "value: 3}")


@flaw(
    "09-price-only-gives",
    "NP406",
    "every give is a unit price discount; no terms or creative give",
    "concessions:",
)
def _(t):
    start = t.index("concessions:\n")
    end = t.index("\nasks:")
    return (
        t[:start]
        + """concessions:
  - give: {term: unit_price_discount, value: 2}
    get: {term: annual_volume, value: 500}
    condition: If Nordhavn commits to 500k units a year
  - give: {term: unit_price_discount, value: 3}
    get: {term: supply_agreement_months, value: 24}
    condition: If Nordhavn signs for 24 months instead of 12
  - give: {term: unit_price_discount, value: 3.5}
    get: {commitment: signed supply agreement, by: 2027-01-29}
    condition: Only as the last price step, if the agreement is signed in January
"""
        + t[end:]
    )


@flaw(
    "10-walk-away-past-authority",
    "NP203",
    "lead time walk-away 14 days, past the rep's 21 (Plant manager), no sign-off",
    "walk_away: 14",
)
def _(t):
    return sub(t, "    target: 25\n    walk_away: 21\n", "    target: 25\n    walk_away: 14\n")


@flaw(
    "11-signoff-role-not-on-ladder",
    "NP601",
    "payment sign-off from the Sales director, who is not on payment_terms' ladder",
    "with: Sales director",
)
def _(t):
    return sub(
        t,
        "  - with: Credit manager\n    person: Lene Dahl\n",
        "  - with: Sales director\n    person: Karin Holm\n",
    )


@flaw(
    "12-signoff-role-too-low",
    "NP601",
    "payment walk-away 60 needs the CFO; the Credit manager's rung ends at 45",
    "- with: Credit manager",
)
def _(t):
    t = sub(t, "    target: 30\n    walk_away: 45\n", "    target: 30\n    walk_away: 60\n")
    t = sub(t, "payment past 45 days", "payment past 60 days")
    t = sub(t, "    up_to: 45\n", "    up_to: 60\n")
    return sub(
        t, "notes: 45 days only with EDI ordering.", "notes: 60 days only with EDI ordering."
    )


@flaw(
    "13-signoff-up-to-too-small",
    "NP601",
    "payment sign-off up to 40 days, walk-away is 45",
    "up_to: 40",
)
def _(t):
    t = sub(t, "    up_to: 45\n", "    up_to: 40\n")
    return sub(
        t, "notes: 45 days only with EDI ordering.", "notes: Lene agreed 40 days with EDI ordering."
    )


@flaw(
    "14-signoff-dated-future",
    "NP601",
    "incoterms sign-off marked agreed, dated 2026-12-04 (after today)",
    "date: 2026-12-04",
)
def _(t):
    return sub(t, "    date: 2026-11-26\n", "    date: 2026-12-04\n")


@flaw(
    "15-package-past-authority",
    "NP702",
    "volume walk-away at the 200k standard run: package concedes ~7.6% (> 6%), no package sign-off",
    "variables:",
)
def _(t):
    t = sub(t, "    target: 500\n    walk_away: 400\n", "    target: 500\n    walk_away: 200\n")
    return sub(t, "Below 400k units a year", "Below 200k units a year")


@flaw(
    "16-position-outside-limits",
    "NP202",
    "lead time opening 63 days, hard limit is 60",
    "opening: 63",
)
def _(t):
    return sub(t, "    opening: 28\n    target: 25\n", "    opening: 63\n    target: 25\n")


@flaw(
    "17-target-worse-than-walk-away",
    "NP301",
    "volume target 350k below the 400k walk-away (higher is better)",
    "target: 350",
)
def _(t):
    return sub(t, "    opening: 600\n    target: 500\n", "    opening: 600\n    target: 350\n")


@flaw(
    "18-missing-required-term",
    "NP204",
    "no incoterms variable (required by the playbook)",
    "variables:",
)
def _(t):
    t = sub(
        t,
        """  - term: incoterms
    opening: EXW
    target: FCA
    walk_away: CPT
    buyer_value: medium
""",
        "",
    )
    t = sub(
        t,
        """  - with: Logistics manager
    person: Oskar Vik
    term: incoterms
    up_to: CPT
    status: agreed
    date: 2026-11-26
""",
        "",
    )
    t = sub(t, " or freight\n  beyond CPT:", ":")
    t = sub(t, "payment past 45 days", "or payment past 45 days")
    return sub(t, "4% off catalogue, or payment", "4% off catalogue or payment")


@flaw(
    "19-unknown-term-typo",
    "NP201",
    "variable term `free_sample` (typo for free_samples)",
    "- term: free_sample",
)
def _(t):
    return sub(t, "  - term: free_samples\n", "  - term: free_sample\n")


@flaw(
    "20-ask-without-response",
    "NP511",
    "the 60-day payment ask has no prepared response",
    "- ask: Payment at 60 days",
)
def _(t):
    return sub(t, "    response: 45 days is our limit, and only with orders through EDI.\n", "")


@flaw("21-alternatives-ours-na", "NP503", "alternatives.ours is `n/a`", "description: n/a")
def _(t):
    return sub(
        t,
        """    description: >-
      Fill the capacity with the Vestas service-parts tender that closes in February; the
      plant stays loaded without this deal.
    status: validated
""",
        "    description: n/a\n",
    )


@flaw(
    "22-value-without-figure-or-proof",
    "NP512",
    "value statement with no figure and no proof points",
    "statement:",
)
def _(t):
    return sub(
        t,
        """  statement: >-
    Nordhavn gets the lowest landed cost in its category with 98.7% on-time delivery, so the
    assembly line in Esbjerg stops less often than with its current two suppliers.
  proof_points:
    - 98.7% on-time delivery across our Nordic OEM accounts in the last 12 months
    - Unit prices 6-9% below Nordhavn's current supplier on the 40 highest-volume part numbers
    - Parts per million defect rate of 38 in 2026 (quality report Q3)
""",
        """  statement: >-
    We are a reliable, low-cost partner who understands Nordhavn's needs and keeps their
    assembly line running.
""",
    )


@flaw(
    "23-currency-ukp",
    "NP101",
    "deal currency `UKP`, not an ISO 4217 code (GBP meant)",
    "currency: UKP",
)
def _(t):
    return sub(t, "  currency: USD\n", "  currency: UKP\n")


@flaw(
    "24-todo-placeholders",
    "NP509",
    "criteria and the buyer's alternative still hold the scaffold's TODO text",
    "TODO",
)
def _(t):
    t = sub(
        t,
        """    description: Stay with their two current suppliers and accept the line stops for another year.
    status: estimated
    evidence: Freja said switching costs them a full requalification
""",
        """    description: TODO what they do if there is no deal
    status: estimated
""",
    )
    start = t.index("criteria:\n")
    end = t.index("\nvariables:")
    return (
        t[:start]
        + """criteria:
  - standard: TODO a benchmark, published price or precedent deal
    source: TODO where it comes from
"""
        + t[end:]
    )


@flaw(
    "25-empty-questions",
    "NP504",
    "`questions:` key left empty after deleting the TODO items",
    "questions:",
)
def _(t):
    return sub(
        t,
        """questions:
  - What did the last line stop on the pump lines cost you?
  - Who besides Anders signs a 24-month supply agreement?
  - How firm is the 600k-unit forecast for the NX ramp-up?
""",
        "questions:\n",
    )


# ---- own ideas -------------------------------------------------------------
@flaw(
    "26-close-before-meeting",
    "NP603",
    "close date 2026-12-04 is before the 2026-12-09 meeting",
    "close: 2026-12-04",
)
def _(t):
    return sub(t, "  close: 2027-01-29\n", "  close: 2026-12-04\n")


@flaw(
    "27-meeting-in-past",
    "NP603",
    "meeting date copied from the discovery call: 2026-11-20, before today",
    "meeting: 2026-11-20",
)
def _(t):
    return sub(t, "  meeting: 2026-12-09\n", "  meeting: 2026-11-20\n")


@flaw(
    "28-incoterm-not-an-option",
    "NP202",
    "incoterms walk-away CIF, not one of the playbook's options",
    "walk_away: CIF",
)
def _(t):
    return sub(t, "    walk_away: CPT\n", "    walk_away: CIF\n")


@flaw(
    "29-give-on-firm-term",
    "NP402",
    "payment terms held firm at 30 (firm: true) but a concession still gives 45 days",
    "- give: {term: payment_terms",
)
def _(t):
    t = sub(
        t,
        """  - term: payment_terms
    opening: 30
    target: 30
    walk_away: 45
""",
        """  - term: payment_terms
    firm: true
    opening: 30
    target: 30
    walk_away: 30
""",
    )
    t = sub(t, "payment past 45 days", "payment past 30 days")
    return t


@flaw(
    "30-same-get-sold-twice",
    "NP703",
    "the 3% step 'gets' the 24-month agreement already obtained in concession 3",
    "- give: {term: unit_price_discount, value: 3}",
)
def _(t):
    return sub(
        t,
        "    get: {commitment: signed supply agreement, by: 2027-01-29}\n",
        "    get: {term: supply_agreement_months, value: 24}\n",
    )


@flaw(
    "31-variable-without-walk-away",
    "NP302",
    "engineering_days has no walk-away",
    "- term: engineering_days",
)
def _(t):
    return sub(t, "    target: 1\n    walk_away: 2\n", "    target: 1\n")


@flaw(
    "32-disputed-signoff",
    "NP602",
    "the incoterms sign-off is disputed by logistics",
    "status: disputed",
)
def _(t):
    return sub(
        t,
        "    status: agreed\n    date: 2026-11-26\n",
        "    status: disputed\n    date: 2026-11-26\n",
    )


@flaw(
    "33-commitment-date-passed",
    "NP603",
    "a get's commitment is due 2026-11-15, already past today",
    "by: 2026-11-15",
)
def _(t):
    return sub(
        t,
        "scheduled with Sofie Lund, by: 2027-01-15}",
        "scheduled with Sofie Lund, by: 2026-11-15}",
    )


@flaw("34-no-walk-away-summary", "NP303", "the one-line walk-away summary is missing", "kind: plan")
def _(t):
    start = t.index("walk_away: >-\n  Below")
    end = t.index("concessions:")
    return t[:start] + t[end:]


@flaw(
    "35-signoff-for-give-not-walk-away",
    "NP601",
    "lead time walk-away 14 days; plant manager signed only up to the 21-day give",
    "up_to: 21",
)
def _(t):
    t = sub(t, "    target: 25\n    walk_away: 21\n", "    target: 25\n    walk_away: 14\n")
    return (
        t
        + """  - with: Plant manager
    term: lead_time_days
    up_to: 21
    status: agreed
    date: 2026-11-27
"""
    )


@flaw(
    "36-give-in-wrong-direction",
    "NP409",
    "lead time 'given' as 35 days: longer is better for us, so it moves away from the buyer",
    "- give: {term: lead_time_days, value: 35}",
)
def _(t):
    return sub(
        t, "- give: {term: lead_time_days, value: 21}", "- give: {term: lead_time_days, value: 35}"
    )


@flaw(
    "37-pending-signoff-day-before",
    "NP602",
    "incoterms sign-off still pending with the meeting in 2 days",
    "status: pending",
)
def _(t):
    t = sub(t, "  meeting: 2026-12-09\n", "  meeting: 2026-12-03\n")
    return sub(
        t,
        "    status: agreed\n    date: 2026-11-26\n",
        "    status: pending\n    date: 2026-11-26\n",
    )


@flaw(
    "38-signoff-term-typo",
    "NP201",
    "the payment sign-off names `payment_term` (typo), so nothing covers the 45 days",
    "=term: payment_term",
)
def _(t):
    return sub(
        t, "    term: payment_terms\n    up_to: 45\n", "    term: payment_term\n    up_to: 45\n"
    )


@flaw(
    "39-volume-in-units-not-thousands",
    "NP202",
    "annual volume opening written in units (600000), the term counts thousands",
    "opening: 600000",
)
def _(t):
    return sub(t, "    opening: 600\n", "    opening: 600000\n")


EXTRA = {"24-todo-placeholders": ", readiness DRAFT", "25-empty-questions": ", not NP101"}


def main():
    for old in D.glob("[0-9][0-9]-*.yaml"):
        old.unlink()
    for name, code, why, fn, needle, nth in FLAWS:
        body = fn(BODY)
        assert body != BODY, name
        text = "# expect: X line 0\n# Mistake: " + why + "\n" + body
        line = line_of(text.split("\n", 2)[2], needle, nth) + 2
        more = EXTRA.get(name, "")
        text = f"# expect: {code} line {line}{more}\n# Mistake: {why}\n" + body
        (D / f"{name}.yaml").write_text(text)
        print(f"{name}: {code} line {line}")


main()


SOUND = []


def sound(name, why):
    def deco(fn):
        SOUND.append((name, why, fn))
        return fn

    return deco


PAY_VAR = """  - term: payment_terms
    opening: 30
    target: 30
    walk_away: 45
    buyer_value: high
"""
PAY_SIGNOFF = """  - with: Credit manager
    person: Lene Dahl
    term: payment_terms
    up_to: 45
    status: agreed
    date: 2026-11-24
    notes: 45 days only with EDI ordering.
"""


def _firm_payment(t, var):
    t = sub(t, PAY_VAR, var)
    t = sub(t, PAY, "")
    t = sub(t, PAY_SIGNOFF, "")
    t = sub(t, "payment past 45 days", "payment past 30 days")
    return sub(
        t,
        "    response: 45 days is our limit, and only with orders through EDI.\n",
        "    response: 30 days is firm; we can offer EDI ordering to speed up their invoicing.\n",
    )


@sound(
    "01-required-term-held-firm",
    "payment_terms held at 30/30/30 (required term, no movement), no marker",
)
def _(t):
    return _firm_payment(
        t,
        """  - term: payment_terms
    opening: 30
    target: 30
    walk_away: 30
    buyer_value: high
    notes: Cash first; 30 days is firm.
""",
    )


@sound("02-firm-marker-target-only", "payment_terms `firm: true` with the one position as target")
def _(t):
    return _firm_payment(
        t,
        """  - term: payment_terms
    firm: true
    target: 30
    buyer_value: high
""",
    )


@sound("03-firm-marker-all-positions", "payment_terms `firm: true` at 30/30/30")
def _(t):
    return _firm_payment(
        t,
        """  - term: payment_terms
    firm: true
    opening: 30
    target: 30
    walk_away: 30
    buyer_value: high
""",
    )


@sound("04-gets-are-dated-commitments", "every get is a dated commitment")
def _(t):
    t = sub(
        t,
        "    get: {term: forecast_sharing, value: true}\n",
        "    get: {commitment: monthly rolling six-month forecast from Nordhavn planning, by: 2027-02-01}\n",
    )
    t = sub(
        t,
        "    get: {term: supply_agreement_months, value: 24}\n",
        "    get:\n      commitment: 24-month term written into the supply agreement\n      by: 2027-01-29\n      who: Anders Kjaer\n",
    )
    return sub(
        t,
        "    get: {term: annual_volume, value: 500}\n",
        "    get: {commitment: 500k units a year committed in the agreement, by: 2027-01-29}\n",
    )


@sound(
    "05-signoff-from-higher-rung",
    "payment 45 days signed off by the CFO, above the Credit manager's rung",
)
def _(t):
    return sub(
        t,
        "  - with: Credit manager\n    person: Lene Dahl\n",
        "  - with: CFO\n    person: Henrik Aalto\n",
    )


@sound(
    "06-signoff-names-team-member",
    "payment sign-off names Lene Dahl, a team member whose role is Credit manager",
)
def _(t):
    return sub(t, "  - with: Credit manager\n    person: Lene Dahl\n", "  - with: Lene Dahl\n")


@sound("07-signoff-dated-today", "incoterms sign-off agreed today (2026-12-01)")
def _(t):
    return sub(t, "    date: 2026-11-26\n", "    date: 2026-12-01\n")


@sound(
    "08-package-signed-off",
    "volume walk-away at 200k (package ~7.6%) with the Sales director's package sign-off up to 8%",
)
def _(t):
    t = sub(t, "    target: 500\n    walk_away: 400\n", "    target: 500\n    walk_away: 200\n")
    t = sub(t, "Below 400k units a year", "Below 200k units a year")
    return (
        t
        + """  - with: Sales director
    person: Karin Holm
    topic: package
    up_to: 8
    status: agreed
    date: 2026-11-27
"""
    )


@sound("09-three-step-shrinking-ladder", "discount ladder 0 -> 2 -> 3 -> 3.5, steps shrinking")
def _(t):
    return sub(
        t,
        PAY,
        """  - give: {term: unit_price_discount, value: 3.5}
    get: {term: supply_agreement_months, value: 36}
    condition: Last resort, only if Nordhavn signs for 36 months
"""
        + PAY,
    )


def main_sound():
    S = D / "sound"
    S.mkdir(exist_ok=True)
    for old in S.glob("*.yaml"):
        old.unlink()
    for name, why, fn in SOUND:
        body = fn(BODY)
        assert body != BODY, name
        (S / f"{name}.yaml").write_text(f"# expect: sound\n# Sound variant: {why}\n" + body)
        print("sound", name)


main_sound()
