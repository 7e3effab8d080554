"""What a playbook change does to each plan: each plan is loaded once, checked against both
playbooks exactly as ``negplan check`` checks it (:func:`~negplan.checking.check_document`)
and priced as ``negplan value`` prices it (:func:`~negplan.pricing.analyse`); only the
differences are kept. Many plans are handled by worker processes
(:func:`~negplan.parallel.ordered_map`), in input order.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from negplan.checking import (
    PARALLEL_MIN_FILES,
    CheckOptions,
    FileResult,
    Task,
    check_document,
    default_jobs,
)
from negplan.discovery import BUNDLED, LoadedPlaybook, PlaybookCache
from negplan.economics import DealEconomics, PackageStatus, cents
from negplan.errors import InputError
from negplan.findings import Finding, sort_findings
from negplan.loader import Document, load
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook
from negplan.pricing import analyse
from negplan.signoffs import worst_past_authority

#: How a plan past every approver on a ladder shows among the approvers it needs.
NOBODY = "nobody (past the approval ladder)"
#: The key of the package approver among the approvers a plan needs.
PACKAGE = "package"
#: The scenarios a diff compares (the package is judged on the walk-away one).
_PRICED = ("target", "walk_away")


@dataclass(frozen=True)
class Money:
    """A plan's net value at target and at walk-away, before and after, rounded to cents as
    ``negplan value`` shows them."""

    currency: str
    target: tuple[Decimal, Decimal]
    walk_away: tuple[Decimal, Decimal]

    @property
    def changed(self) -> bool:
        """Whether either net value moved."""
        return self.target[0] != self.target[1] or self.walk_away[0] != self.walk_away[1]


Approvers = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PlanImpact:
    """One plan under the old and the new playbook.

    ``status`` is ``compared``, ``other`` (the plan uses another playbook, or is too broken
    to say which), ``skipped`` (not a plan) or ``lost`` (its worker process died).
    """

    path: str
    status: str
    appeared: tuple[Finding, ...] = ()
    disappeared: tuple[Finding, ...] = ()
    failed_before: bool = False
    fails_after: bool = False
    approvers: tuple[Approvers, Approvers] = ((), ())
    money: Money | None = None
    #: The changes that alone make the plan fail (all of them when only together they do).
    broken_by: tuple[str, ...] = ()

    @property
    def newly_failing(self) -> bool:
        """Passed with the old playbook, fails with the new one."""
        return self.fails_after and not self.failed_before

    @property
    def newly_passing(self) -> bool:
        """Failed with the old playbook, passes with the new one."""
        return self.failed_before and not self.fails_after

    @property
    def changed(self) -> bool:
        """Whether anything about the plan differs between the two playbooks."""
        money = self.money is not None and self.money.changed
        return bool(
            self.appeared or self.disappeared or money or self.approvers[0] != self.approvers[1]
        )


@dataclass(frozen=True)
class Setup:
    """What every plan is compared with: the playbook's path, both versions, the names of
    the changes and, when there are several, the old version with each change alone."""

    path: str
    old: LoadedPlaybook
    new: LoadedPlaybook
    names: tuple[str, ...]
    variants: tuple[Playbook, ...]
    today: date
    strict: bool = False


@dataclass
class Impact:
    """Every plan's impact, and what they add up to."""

    plans: list[PlanImpact] = field(default_factory=list)

    @property
    def compared(self) -> list[PlanImpact]:
        """The plans checked against both playbooks."""
        return [p for p in self.plans if p.status == "compared"]

    def count(self, status: str) -> int:
        """How many plans have ``status``."""
        return sum(1 for p in self.plans if p.status == status)

    def approval_load(self) -> list[tuple[str, int, int]]:
        """Per approver: how many plans need them before and after, where that changed."""
        before: Counter[str] = Counter()
        after: Counter[str] = Counter()
        for plan in self.compared:
            before.update({who for _, who in plan.approvers[0] if who != NOBODY})
            after.update({who for _, who in plan.approvers[1] if who != NOBODY})
        names = sorted(set(before) | set(after))
        return [(n, before[n], after[n]) for n in names if before[n] != after[n]]

    def money_totals(self) -> dict[str, tuple[Decimal, Decimal]]:
        """Per currency: the total change of net value at target and at walk-away."""
        totals: dict[str, tuple[Decimal, Decimal]] = {}
        for plan in self.compared:
            if plan.money is None:
                continue
            target, walk = totals.get(plan.money.currency, (Decimal(0), Decimal(0)))
            money = plan.money
            totals[money.currency] = (
                target + money.target[1] - money.target[0],
                walk + money.walk_away[1] - money.walk_away[0],
            )
        return totals


def needed_approvers(plan: Plan, playbook: Playbook, economics: DealEconomics | None) -> Approvers:
    """Who must sign the plan off: per term past the rep's authority, the approver on its
    ladder for the furthest such position, and the package approver."""
    needs: list[tuple[str, str]] = []
    for variable in plan.variables:
        term = playbook.term_map.get(variable.term)
        if term is None:
            continue
        worst = worst_past_authority(term, variable)
        if worst is not None:
            rung = term.approver_for(getattr(variable, worst))
            needs.append((variable.term, rung.approver if rung else NOBODY))
    if economics is not None:
        status = economics.package.status
        if status is PackageStatus.NEEDS_APPROVAL and economics.package.approver:
            needs.append((PACKAGE, economics.package.approver))
        elif status is PackageStatus.NO_APPROVER:
            needs.append((PACKAGE, NOBODY))
    return tuple(needs)


def measure(tasks: Sequence[Task], setup: Setup, *, jobs: int | None) -> Impact:
    """Compare every plan among ``tasks`` (files from :func:`~negplan.checking.expand`)."""
    workers = min(default_jobs() if jobs is None else jobs, len(tasks))
    results: Iterator[PlanImpact]
    if workers > 1 and len(tasks) >= PARALLEL_MIN_FILES:
        from negplan.parallel import ordered_map  # worker processes only for many files

        results = ordered_map(
            compare_task, tasks, jobs=workers, initializer=start, initargs=(setup,), lost=_lost
        )
    else:
        start(setup)
        results = map(compare_task, tasks)
    return Impact(list(results))


class _State:
    """What each process compares with (set in the parent, inherited by forked workers)."""

    def __init__(self, setup: Setup) -> None:
        self.setup = setup
        self.options = CheckOptions(today=setup.today)
        self.old = _cache(setup.path, setup.old)
        self.new = _cache(setup.path, setup.new)
        self.variants = [
            (name, _cache(setup.path, LoadedPlaybook(setup.path, book, setup.new.document)))
            for name, book in zip(setup.names, setup.variants, strict=False)
        ]
        self.key = _key(setup.path)


_STATE: _State | None = None


def start(setup: Setup) -> None:
    """Prepare this process to compare plans under ``setup``."""
    global _STATE
    _STATE = _State(setup)


def _cache(path: str, loaded: LoadedPlaybook) -> PlaybookCache:
    cache = PlaybookCache()
    cache.add(loaded, source=path)
    return cache


def _key(source: str) -> str:
    return source if source == BUNDLED else os.path.abspath(source)


def _lost(task: Task, why: str) -> PlanImpact:
    return PlanImpact(task[0], "lost")


def compare_task(task: Task) -> PlanImpact:
    """Load one file and compare it under both playbooks (see :class:`PlanImpact`)."""
    assert _STATE is not None
    state = _STATE
    path, explicit = task
    try:
        doc = load(path)
    except InputError:
        return PlanImpact(path, "other")
    before = check_document(doc, explicit=explicit, options=state.options, cache=state.old)
    if before.kind != "plan" or before.skipped:
        return PlanImpact(path, "skipped")
    if before.playbook is None or _key(before.playbook) != state.key or before.error:
        return PlanImpact(path, "other")
    after = check_document(doc, explicit=explicit, options=state.options, cache=state.new)
    strict = state.setup.strict
    old_set, new_set = set(before.findings), set(after.findings)
    impact = PlanImpact(
        path,
        "compared",
        appeared=tuple(sort_findings(list(new_set - old_set))),
        disappeared=tuple(sort_findings(list(old_set - new_set))),
        failed_before=_fails(before, strict),
        fails_after=_fails(after, strict),
    )
    return _priced(impact, before, after, state, doc)


def _fails(result: FileResult, strict: bool) -> bool:
    return any(f.fails(strict=strict) for f in result.findings)


def _priced(
    impact: PlanImpact, before: FileResult, after: FileResult, state: _State, doc: Document
) -> PlanImpact:
    """The impact with approvers, money and, for a plan that newly fails, its causes."""
    old, new = state.setup.old.playbook, state.setup.new.playbook
    assert old is not None and new is not None
    if before.plan is not None and after.plan is not None:
        was, now = (
            analyse(plan, book, scenarios=_PRICED)
            for plan, book in ((before.plan, old), (after.plan, new))
        )
        impact = replace(
            impact,
            approvers=(
                needed_approvers(before.plan, old, was),
                needed_approvers(after.plan, new, now),
            ),
            money=_money(was, now),
        )
    if impact.newly_failing:
        impact = replace(impact, broken_by=_causes(doc, state))
    return impact


def _money(was: DealEconomics | None, now: DealEconomics | None) -> Money | None:
    """Net values at target and walk-away, as ``negplan value`` rounds them."""
    if was is None or now is None:
        return None
    return Money(
        now.currency,
        (cents(was.scenario("target").net), cents(now.scenario("target").net)),
        (cents(was.scenario("walk_away").net), cents(now.scenario("walk_away").net)),
    )


def _causes(doc: Document, state: _State) -> tuple[str, ...]:
    """The changes that alone make the plan fail; all of them when none does alone."""
    names = state.setup.names
    if len(state.variants) < 2:
        return names
    alone = tuple(
        name
        for name, cache in state.variants
        if _fails(
            check_document(doc, explicit=True, options=state.options, cache=cache),
            state.setup.strict,
        )
    )
    return alone or names
