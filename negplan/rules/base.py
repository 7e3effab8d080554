"""The Rule record, the contexts rules read, and the issues they yield."""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from negplan.findings import Severity
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook, Term
from negplan.positions import Path

if TYPE_CHECKING:
    from negplan.models.debrief import Debrief

T = TypeVar("T")

#: The headings every rule docstring carries, in order.
DOC_HEADINGS = ("Why it matters:", "Fails:", "Passes:", "Options:")


@dataclass(frozen=True)
class Issue:
    """What a rule reports: where (a data path), what, and how to fix it."""

    path: Path
    message: str
    hint: str | None = None
    key: bool = False


@dataclass(frozen=True)
class PlanContext:
    """What a plan rule sees: the plan, its playbook and today's date.

    ``source`` is the plan's YAML text when it is known: a rule may read it to skip work that
    cannot find anything (it never replaces looking at ``plan``).
    """

    plan: Plan
    playbook: Playbook
    today: date
    source: str | None = field(default=None, compare=False, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: The plan's file, when it is one: rules about files beside it (a debrief) need it.
    path: str | None = field(default=None, compare=False)

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a value once per plan and share it between rules."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def term(self, term_id: str) -> Term | None:
        """The playbook term with this id, if any."""
        return self.playbook.term_map.get(term_id)


@dataclass(frozen=True)
class PlaybookContext:
    """What a playbook rule sees: the playbook, and every rule by code (the playbook's
    ``rules:`` settings name them)."""

    playbook: Playbook
    rules: Mapping[str, Rule]


@dataclass(frozen=True)
class DebriefContext:
    """What a debrief rule sees: the debrief, the plan it is about (as it is now), that
    plan's playbook, today's date, and whether the plan changed since the debrief was written
    (its content hash now)."""

    debrief: Debrief
    plan: Plan
    playbook: Playbook
    today: date
    plan_hash: str
    source: str | None = field(default=None, compare=False, repr=False)

    def term(self, term_id: str) -> Term | None:
        """The playbook term with this id, if any."""
        return self.playbook.term_map.get(term_id)


Target = Literal["file", "plan", "playbook", "debrief"]
Check = Callable[..., Iterator[Issue]]


@dataclass(frozen=True)
class Rule:
    """A rule: stable code, kebab-case name, default severity and documentation.

    ``target`` says what it checks: ``file`` rules are raised by the loader and the schema
    (their severity cannot be changed), ``plan``, ``playbook`` and ``debrief`` rules run on
    models.
    """

    code: str
    name: str
    severity: Severity
    target: Target
    doc: str
    check: Check | None = field(default=None, compare=False)
    ideas: tuple[int, ...] = ()

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        first = self.doc.split("\n\n", 1)[0]
        return " ".join(first.split()).rstrip(".")

    @property
    def configurable(self) -> bool:
        """Whether a playbook may change this rule's severity."""
        return self.target != "file"

    def section(self, heading: str) -> str:
        """The text under one of :data:`DOC_HEADINGS`."""
        lines = self.doc.splitlines()
        out: list[str] = []
        inside = False
        for line in lines:
            if line.strip() in DOC_HEADINGS:
                inside = line.strip() == heading
                continue
            if inside:
                out.append(line)
        return textwrap.dedent("\n".join(out)).strip("\n")


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    target: Target,
    ideas: tuple[int, ...] = (),
) -> Callable[[Check], Rule]:
    """Declare a rule; the decorated function's docstring is its documentation."""

    def wrap(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            target=target,
            doc=inspect.cleandoc(check.__doc__ or ""),
            check=check,
            ideas=ideas,
        )

    return wrap


def documented(
    code: str,
    name: str,
    severity: Severity,
    doc: str,
    *,
    ideas: tuple[int, ...] = (),
) -> Rule:
    """Declare a ``file`` rule, raised by the loader or the schema rather than a check."""
    return Rule(code, name, severity, "file", inspect.cleandoc(doc), None, ideas)
