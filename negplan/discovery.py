"""Find the playbook a plan is checked against, and load it once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources

from negplan.engine import check_playbook_document
from negplan.errors import InputError, PlaybookError
from negplan.findings import Finding, Severity
from negplan.loader import Document, load
from negplan.models.playbook import Playbook
from negplan.positions import Position

#: How the bundled default playbook is shown in messages.
BUNDLED = "<bundled default playbook>"
PLAYBOOK_NAMES = ("playbook.yaml", "playbook.yml")


@dataclass
class LoadedPlaybook:
    """A playbook with where it came from and the findings of checking it."""

    source: str
    playbook: Playbook | None
    document: Document
    findings: list[Finding] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """Whether plans can be checked against it (it parsed and has no errors)."""
        return self.playbook is not None and not any(
            f.severity is Severity.ERROR for f in self.findings
        )

    @property
    def directory(self) -> str | None:
        """The folder the playbook lives in (None for the bundled default)."""
        return None if self.source == BUNDLED else os.path.dirname(os.path.abspath(self.source))


def bundled_text() -> str:
    """The text of the bundled default playbook."""
    return (resources.files("negplan") / "data" / "default-playbook.yaml").read_text("utf-8")


def locate(plan_path: str, *, explicit: str | None, plan_key: str | None) -> str:
    """Which playbook applies to a plan: a path, or :data:`BUNDLED`.

    Order: ``--playbook``, the plan's ``playbook:`` key (relative to the plan), the nearest
    ``playbook.yaml`` walking up from the plan's folder, the bundled default.
    """
    if explicit:
        return explicit
    folder = os.path.dirname(os.path.abspath(plan_path))
    if plan_key:
        return os.path.normpath(os.path.join(os.path.dirname(plan_path) or ".", plan_key))
    while True:
        for name in PLAYBOOK_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return os.path.relpath(candidate) if not os.path.isabs(plan_path) else candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return BUNDLED
        folder = parent


class PlaybookCache:
    """Loads and checks each playbook once per run."""

    def __init__(self) -> None:
        self._cache: dict[str, LoadedPlaybook] = {}
        self._found: dict[tuple[str, bool], str] = {}

    def locate(self, plan_path: str, *, explicit: str | None, plan_key: str | None) -> str:
        """:func:`locate`, remembering the playbook found for each folder during the run."""
        if explicit or plan_key:
            return locate(plan_path, explicit=explicit, plan_key=plan_key)
        key = (os.path.dirname(plan_path), os.path.isabs(plan_path))
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = locate(plan_path, explicit=None, plan_key=None)
        return found

    def add(self, loaded: LoadedPlaybook, *, source: str | None = None) -> None:
        """Use ``loaded`` for the playbook at ``source`` (default: its own source) from now
        on, instead of reading that file (``diff`` checks plans against other versions)."""
        source = loaded.source if source is None else source
        self._cache[source if source == BUNDLED else os.path.abspath(source)] = loaded

    def get(self, source: str) -> LoadedPlaybook:
        """Load (once) and check the playbook at ``source`` (a path or :data:`BUNDLED`)."""
        key = source if source == BUNDLED else os.path.abspath(source)
        if key not in self._cache:
            self._cache[key] = load_playbook(source)
        return self._cache[key]

    def usable(self, source: str) -> LoadedPlaybook:
        """Like :meth:`get`, but raise :class:`PlaybookError` if plans cannot use it."""
        loaded = self.get(source)
        if loaded.usable:
            return loaded
        errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
        first = errors[0] if errors else None
        raise PlaybookError(
            f"playbook is invalid ({len(errors)} error{'s' if len(errors) != 1 else ''}"
            + (f"; first: {first.message} [{first.code}]" if first else "")
            + ")",
            path=source,
            position=Position(first.line, first.col) if first else None,
            hint=f"run `negplan check {source}` to see every problem"
            if source != BUNDLED
            else None,
        )


def load_playbook(source: str) -> LoadedPlaybook:
    """Load and check one playbook. Raises :class:`PlaybookError` if it cannot be read."""
    try:
        text = bundled_text() if source == BUNDLED else None
        document = load(source, text=text)
    except InputError as exc:
        raise PlaybookError(f"cannot read playbook: {exc.message}", path=source) from None
    playbook, findings = check_playbook_document(document)
    return LoadedPlaybook(source, playbook, document, findings)
