"""Plans that stress the one-page brief: every term of the playbook, long texts, a bare plan.

They are written here rather than as files so that each shows what it stresses; the layout
and redaction tests render every one of them with the examples.
"""

from __future__ import annotations

SENTENCE = (
    "Procurement measures the team on savings against last year's invoice, while operations "
    "care only that the warehouse is trained before the spring peak and the CFO wants one "
    "predictable number for three budget years"
)

#: Every term of the default playbook, past authority where a sign-off covers it, with
#: many goals, interests, questions, asks and sign-offs.
FULL = f"""\
kind: plan
version: 1
deal:
  title: Group-wide platform consolidation, five regions and the warehouse roll-out
  customer: Consolidated Logistics Holding International SE
  owner: Dana Reyes
  region: EMEA
  segment: strategic enterprise
  currency: EUR
  list_value: 1250000
  meeting: 2027-02-10
  close: 2027-03-31
team:
  lead: Priya Nair
  decision_maker: Sam Ortiz (Regional sales director)
  members: [{{name: Tom Weber, role: deal desk}}, {{name: Li Wei, role: legal}}]
counterparts:
  - {{name: Ana Silva, role: Chief financial officer, influence: high, stance: neutral, decision_maker: true}}
  - {{name: Lee Park, role: Head of group procurement, influence: high, stance: skeptic}}
  - {{name: Marta Kowalski, role: Head of operations, influence: medium, stance: champion}}
  - {{name: Jonas Berg, role: IT security officer, influence: medium, stance: blocker}}
  - {{name: Ruud de Vries, role: Regional COO Benelux, influence: low, stance: supporter}}
objective:
  outcome: Agreement in principle on a five-year group contract covering all five regions and the warehouse roll-out in year one
  next_step: Ana Silva and Lee Park confirm the five-year term, the regions and the roll-out plan in writing by 20 February
goals:
  - {{goal: A spare goal of low importance that only matters if everything else is done, priority: nice}}
  - {{goal: Sign a five-year group contract at no more than 12% discount with payment at 45 days, priority: must}}
  - {{goal: Expand to the warehouse team (400 more seats) in year one with training before the peak, priority: should}}
  - {{goal: Keep the liability cap at twelve months of fees, priority: must}}
  - {{goal: A published case study and two reference calls a year, priority: nice}}
  - {{goal: "Standard support tier for the first two years, premium afterwards only as a paid add-on", priority: should}}
situation: >-
  {SENTENCE}; a competitor offered 15% and the IT security team must approve any new vendor.
value:
  statement: >-
    {SENTENCE}. Our platform already runs dispatch in two regions with 99.95% uptime, and a
    switch would put the spring peak at risk.
  proof_points:
    - Route planning time down 78% since rollout in the two live regions (their own Q3 report)
    - 99.95% measured uptime over the last 12 months across all customers in the region
    - Globex Freight cut fuel cost 6% in the first year on the same platform
    - Passed the group's security review in 2026 without findings
    - Support tickets resolved 35% faster than with their previous vendor
interests:
  - {{interest: One predictable number for three budget years, holder: Ana Silva (CFO), priority: high, evidence: Said so on the 12 Nov budget call and repeated in the RFP cover letter, status: validated}}
  - {{interest: Savings against last year's invoice, holder: Lee Park (Procurement), priority: medium, evidence: Procurement scorecard shared in the RFP with the weighting of each criterion, status: validated}}
  - {{interest: Warehouse trained before the spring peak, holder: Marta Kowalski (Operations), priority: high, evidence: "Operations kick-off deck, slide 4", status: validated}}
  - {{interest: No new vendor security review this year, holder: Jonas Berg (IT security), priority: high, evidence: Mentioned on the 3 Dec call, status: estimated}}
  - {{interest: Regional autonomy over the roll-out schedule, holder: Ruud de Vries (COO Benelux), priority: low, evidence: A guess from the org chart, status: estimated}}
  - {{interest: Fewer vendors across the group, holder: Lee Park (Procurement), priority: medium, evidence: Group vendor-consolidation policy 2026, status: validated}}
our_interests:
  - {{interest: Predictable recurring revenue from a five-year commitment, priority: high}}
  - {{interest: A published logistics reference for the EMEA pipeline, priority: medium}}
  - {{interest: Keep the services team busy in the first half, priority: low}}
  - {{interest: Land the warehouse product in a flagship account, priority: high}}
alternatives:
  ours:
    description: Redeploy the success team on two other strategic accounts; no revenue gap this year but a weaker EMEA pipeline.
    status: validated
    evidence: Pipeline review of 20 Nov
  theirs:
    description: Re-tender next year and run spreadsheets for the warehouse meanwhile, at the cost of the spring peak.
    status: estimated
    evidence: Lee mentioned a re-tender as "the fallback" on 12 Nov
criteria:
  - {{standard: Published 2026 list price for the Enterprise edition, source: Northwind price book v12}}
  - {{standard: Group renewals of this size averaged 11% discount in 2026, source: Deal desk benchmark Q3 2026}}
  - {{standard: Analyst benchmark of platform cost per seat in logistics, source: Industry report 2026}}
  - {{standard: Precedent five-year deal with Globex Freight, source: Signed contract 2025}}
variables:
  - {{term: discount, opening: 3, target: 9, walk_away: 14, buyer_value: high, notes: Only against the five-year term and the warehouse roll-out in year one}}
  - {{term: free_months, opening: 0, target: 0, walk_away: 1, buyer_value: medium}}
  - {{term: price_hold_months, opening: 0, target: 6, walk_away: 12, buyer_value: medium, notes: Covers the add-on seats of the later regions}}
  - {{term: payment_terms, opening: 30, target: 45, walk_away: 60, buyer_value: high}}
  - {{term: contract_length, opening: 60, target: 60, walk_away: 36, buyer_value: medium}}
  - {{term: price_increase_cap, opening: 5, target: 4, walk_away: 3, buyer_value: medium}}
  - {{term: termination_for_convenience, opening: false, target: false, walk_away: false}}
  - {{term: liability_cap, opening: 12, target: 12, walk_away: 18, buyer_value: high, notes: Legal agreed 18 months only against the five-year term}}
  - {{term: support_tier, opening: standard, target: standard, walk_away: premium}}
  - {{term: implementation_days, opening: 0, target: 5, walk_away: 10}}
  - {{term: training_seats, opening: 0, target: 20, walk_away: 30, buyer_value: high}}
  - {{term: case_study, opening: true, target: true, walk_away: false}}
  - {{term: reference_calls, opening: 2, target: 2, walk_away: 0}}
  - {{term: roadmap_input, opening: none, target: user_group, walk_away: advisory_board}}
walk_away: >-
  Below 950,000 EUR net per year, a term under 36 months, a liability cap above 18 months or
  payment past 60 days: we decline and hand over to Sam Ortiz.
concessions:
  - {{give: {{term: training_seats, value: 10}}, get: {{term: case_study, value: true}}, condition: If they agree to a published case study after go-live}}
  - {{give: {{term: roadmap_input, value: user_group}}, get: {{term: contract_length, value: 60}}, condition: If they commit to five years}}
  - {{give: {{term: implementation_days, value: 5}}, get: {{commitment: warehouse roll-out ordered in year one, by: 2027-03-31}}, condition: If the roll-out is part of this order}}
  - {{give: {{term: support_tier, value: premium}}, get: {{term: reference_calls, value: 2}}, condition: If they take two reference calls a year}}
  - {{give: {{term: payment_terms, value: 45}}, get: {{commitment: signature, by: 2027-03-31}}, condition: If the order is signed this quarter}}
  - {{give: {{term: price_hold_months, value: 6}}, get: {{commitment: all five regions on one order, by: 2027-03-31}}, condition: If the regions sign together}}
  - {{give: {{term: discount, value: 6}}, get: {{commitment: group-wide standard for dispatch, by: 2027-03-31}}, condition: If the platform becomes the group standard}}
  - {{give: {{term: training_seats, value: 20}}, get: {{commitment: Named executive sponsor, by: 2027-03-31}}, condition: If Ana Silva sponsors the roll-out}}
  - {{give: {{term: discount, value: 9}}, get: {{commitment: no competitive tender, by: 2027-03-31}}, condition: "Only as the last step, if procurement waives the tender"}}
asks:
  - {{ask: Match the 15% discount a competitor offered, response: "{SENTENCE}: compare total cost and risk instead."}}
  - {{ask: Payment at 90 days, response: "60 days is our limit, in exchange for signature this quarter."}}
  - {{ask: Unlimited liability for data loss, response: Legal offers 18 months of fees against the five-year term.}}
  - {{ask: Free premium support for five years, response: "Premium for the roll-out year, then a paid add-on."}}
  - {{ask: A price freeze for five years, response: A 3% cap on yearly increases from year two.}}
questions:
  - What happens on your side if the warehouse roll-out slips past the spring peak?
  - Who besides Ana signs off a five-year commitment?
  - How will procurement measure savings this year?
  - What would make a published case study easy for your communications team?
  - Which regions must sign first, and why?
  - What does the security review need from us, and when?
  - How do you compare total cost across vendors?
  - Who owns the roll-out schedule in each region?
alignment:
  - {{with: Regional sales director, term: discount, up_to: 14, status: agreed, date: 2026-11-18, notes: 14% only against five years}}
  - {{with: Finance director, term: payment_terms, up_to: 60, status: agreed, date: 2026-11-18}}
  - {{with: Legal counsel, term: liability_cap, status: pending, date: 2026-11-20}}
  - {{with: Regional sales director, term: price_hold_months, up_to: 12, status: agreed, date: 2026-11-19}}
  - {{with: VP Sales, topic: package, status: pending}}
  - {{with: Head of customer success, topic: premium support capacity, status: agreed, date: 2026-11-10}}
"""

#: The bare minimum that validates: no optional section at all.
BARE = """\
kind: plan
version: 1
deal: {title: Small renewal, customer: Acme, owner: Dana}
"""

#: Long texts in every field a rep writes.
LONG = f"""\
kind: plan
version: 1
deal:
  title: "{SENTENCE[:150]}"
  customer: "{SENTENCE[:90]}"
  owner: Dana Reyes
  list_value: 240000
  meeting: 2027-02-10
counterparts: [{{name: Ana Silva, role: CFO, decision_maker: true}}]
objective: {{outcome: "{SENTENCE}", next_step: "{SENTENCE}"}}
goals:
  - {{goal: "{SENTENCE}", priority: must}}
  - {{goal: "{SENTENCE}", priority: must}}
  - {{goal: "{SENTENCE}", priority: should}}
situation: "{SENTENCE}. {SENTENCE}."
value: {{statement: "{SENTENCE}. {SENTENCE}.", proof_points: ["{SENTENCE}", "{SENTENCE}"]}}
interests:
  - {{interest: "{SENTENCE}", holder: Ana Silva, evidence: "{SENTENCE}", status: validated}}
  - {{interest: "{SENTENCE}", holder: Ana Silva, evidence: "{SENTENCE}", status: validated}}
our_interests: [{{interest: "{SENTENCE}", priority: high}}]
alternatives:
  ours: {{description: "{SENTENCE}", status: validated}}
  theirs: {{description: "{SENTENCE}", status: validated}}
criteria: [{{standard: "{SENTENCE}", source: "{SENTENCE[:60]}"}}]
variables:
  - {{term: discount, opening: 0, target: 5, walk_away: 10, notes: "{SENTENCE}"}}
  - {{term: payment_terms, opening: 30, target: 30, walk_away: 45, notes: "{SENTENCE}"}}
  - {{term: contract_length, opening: 36, target: 36, walk_away: 24}}
walk_away: "{SENTENCE}. {SENTENCE}."
concessions:
  - {{give: {{term: payment_terms, value: 45}}, get: {{commitment: "{SENTENCE}", by: 2027-03-31}}, condition: "{SENTENCE}"}}
  - {{give: {{term: discount, value: 5}}, get: {{commitment: "{SENTENCE}", by: 2027-03-31}}, condition: "{SENTENCE}"}}
asks: [{{ask: "{SENTENCE}", response: "{SENTENCE}"}}, {{ask: "{SENTENCE}", response: "{SENTENCE}"}}]
questions: ["{SENTENCE}?", "{SENTENCE}?", "{SENTENCE}?"]
"""

#: The stress plans by name.
PLANS = {"full": FULL, "bare": BARE, "long": LONG}
