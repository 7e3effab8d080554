"""The data a brief template sees: plain, immutable records built from a checked plan.

Every piece of plan text is cleaned (:func:`~negplan.brief.text.clean`: control characters
replaced, bidi and zero-width characters removed, whitespace and newlines collapsed to single
spaces) and every position is formatted in its term's unit, so templates only print strings.
Escaping for the output format is the template environment's job. :mod:`negplan.brief.build`
fills the records.

The records are named tuples rather than frozen dataclasses, and this module does not
postpone the evaluation of annotations: their classes are defined on every run of ``negplan
brief``, and frozen dataclasses take about three times longer to define, named tuples with
postponed annotations a third longer.
"""

from typing import TYPE_CHECKING, NamedTuple

from negplan.brief.text import WITHHELD

if TYPE_CHECKING:
    from negplan.brief.history import LastTime

__all__ = ["WITHHELD"]  # shown instead of a value left out of a redacted brief


class Readiness(NamedTuple):
    """The check's verdict: DRAFT, NOT READY, READY WITH WARNINGS or READY."""

    ready: bool
    label: str
    errors: int
    warnings: int
    infos: int
    summary: str
    rules: tuple[str, ...]


class PersonRow(NamedTuple):
    """Someone on the buyer's side: who they are and where they stand."""

    name: str
    role: str | None
    decides: bool
    stance: str | None
    influence: str | None


class DealInfo(NamedTuple):
    """The header facts about the deal.

    ``facts`` are the header's items in order, each a ``(label, value)`` pair such as
    ``("Meeting", "2027-02-10")`` (the label may be empty), so a template joins them with one
    separator and they never run together. ``buyer_side`` lists the buyer's people.
    """

    title: str
    customer: str
    owner: str
    region: str | None
    segment: str | None
    currency: str
    list_value: str | None
    meeting: str | None
    close: str | None
    lead: str | None
    approver: str | None
    buyer_decision_makers: tuple[str, ...]
    facts: tuple[tuple[str, str], ...] = ()
    buyer_side: tuple[PersonRow, ...] = ()


class ObjectiveInfo(NamedTuple):
    """This meeting: the outcome we want and the next step (commitment) we ask for."""

    outcome: str | None
    next_step: str | None


class GoalRow(NamedTuple):
    """One goal and its priority (must, should, nice); goals come must first."""

    goal: str
    priority: str


class ValueInfo(NamedTuple):
    """The value statement and its proof points."""

    statement: str | None
    proof_points: tuple[str, ...]


class InterestRow(NamedTuple):
    """One buyer interest."""

    interest: str
    holder: str | None
    priority: str | None
    evidence: str | None
    status: str


class OwnInterestRow(NamedTuple):
    """One of our own interests."""

    interest: str
    priority: str | None


class VariableRow(NamedTuple):
    """One traded term with its positions formatted in the term's unit.

    ``signoff`` names the approver a position past the rep's authority needs, and
    ``signoff_status`` says where that sign-off stands (``agreed``, ``pending``,
    ``disputed`` or ``not asked``), the same as the approvals section; ``attention`` is true
    when the row needs action (past authority without an agreed sign-off, or outside the
    hard limits). ``bar`` is the range picture: inline SVG in HTML, a line of text in
    Markdown. In a redacted brief ``walk_away``, ``authority``, ``signoff`` and ``bar`` are
    ``None``.
    """

    term: str
    name: str
    opening: str
    target: str
    walk_away: str | None
    authority: str | None
    past_authority: bool
    signoff: str | None
    buyer_value: str | None
    notes: str | None
    signoff_status: str | None = None
    signoff_done: bool = False
    signoff_date: str | None = None
    outside_limits: bool = False
    attention: bool = False
    bar: str | None = None


class ConcessionRow(NamedTuple):
    """One planned trade: give, get and the condition, in order.

    ``given`` is the value the step gives away and ``kept`` the share of list value kept
    after it (from the deal economics, ``None`` when not priced); ``bar`` is the step's size
    as a line of text (Markdown only).
    """

    step: int
    give: str
    get: str | None
    condition: str | None
    given: str | None = None
    kept: str | None = None
    bar: str | None = None


class AlternativeInfo(NamedTuple):
    """One side's alternative to a deal."""

    description: str
    status: str
    evidence: str | None


class SignoffRow(NamedTuple):
    """An approval needed or an internal sign-off recorded, with where it stands.

    ``attention`` is true when it is needed and not agreed.
    """

    who: str
    what: str
    status: str
    done: bool
    date: str | None
    notes: str | None
    attention: bool = False


class EconomicsRow(NamedTuple):
    """One line of the deal-economics table: a figure at target and at walk-away."""

    label: str
    target: str
    walk_away: str


class EconomicsInfo(NamedTuple):
    """The deal economics as a small table, in whole currency units (as ``negplan value``).

    ``floor`` and ``package`` are sentences; ``package_state`` is ``ok`` (within the rep's
    authority), ``covered`` (an agreed package sign-off, in ``signoff``), ``attention``
    (needs a sign-off not agreed yet, or below the floor) or ``none`` (no package authority
    set). ``priced`` is false when the playbook prices none of the plan's terms.
    """

    currency: str
    rows: tuple[EconomicsRow, ...]
    floor: str | None
    below_floor: bool
    package: str
    package_state: str
    signoff: SignoffRow | None
    priced: bool = True


class LadderInfo(NamedTuple):
    """The concession ladder: what each step gives away and the value kept after it.

    ``chart`` is the picture (inline SVG, HTML only); ``note`` says what the chart leaves
    out (steps not priced).
    """

    start: str | None
    chart: str | None
    note: str | None


class AskRow(NamedTuple):
    """An anticipated buyer ask with our response."""

    ask: str
    response: str | None


class FindingRow(NamedTuple):
    """One finding of the check (its message is ``None`` in a redacted brief).

    ``plain`` says what the finding means in plain words, for a manager.
    """

    line: int
    col: int
    severity: str
    code: str
    name: str
    message: str | None
    plain: str = ""


class FindingItem(NamedTuple):
    """The findings of one rule at one severity: what they mean in plain words, their
    messages (none in a redacted brief) and the plan lines they point at."""

    code: str
    name: str
    plain: str
    details: tuple[str, ...]
    lines: tuple[int, ...]


class FindingGroup(NamedTuple):
    """The findings of one severity, under a heading in plain words, one item per rule."""

    severity: str
    title: str
    items: tuple[FindingItem, ...]


class Brief(NamedTuple):
    """Everything a brief template can print; each field is a top-level template variable.

    ``economics`` and ``ladder`` are ``None`` in a redacted brief or when the plan has no
    list value. ``shortened`` lists what was left out to keep the page to one sheet (HTML
    and PDF only), each as a short phrase; ``density`` asks for the smaller type a full plan
    needs to fit (0 normal, 1 smaller, 2 smallest). ``legend`` is the key to the range
    bars (small SVG pictures with words in HTML, a line of text in Markdown). ``splits``
    says, for each two-column region of the HTML page, which of its sections (counted from
    0, in template order) starts the second column.
    """

    title: str
    company: str
    playbook: str
    today: str
    redacted: bool
    deal: DealInfo
    readiness: Readiness
    goals: tuple[GoalRow, ...]
    value: ValueInfo
    interests: tuple[InterestRow, ...]
    criteria: tuple[str, ...]
    variables: tuple[VariableRow, ...]
    concessions: tuple[ConcessionRow, ...]
    walk_away: str | None
    ours: AlternativeInfo | None
    theirs: AlternativeInfo | None
    signoffs: tuple[SignoffRow, ...]
    questions: tuple[str, ...]
    asks: tuple[AskRow, ...]
    findings: tuple[FindingRow, ...]
    economics: EconomicsInfo | None = None
    objective: ObjectiveInfo = ObjectiveInfo(None, None)
    situation: str | None = None
    our_interests: tuple[OwnInterestRow, ...] = ()
    ladder: LadderInfo | None = None
    finding_groups: tuple[FindingGroup, ...] = ()
    shortened: tuple[str, ...] = ()
    density: int = 0
    legend: str | None = None
    splits: tuple[int, ...] = (2, 3)
    last_time: "LastTime | None" = None
