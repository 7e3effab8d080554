"""``whatif --set PATH=VALUE``: the playbook's loaded document with edits applied, as if the
file had been edited (it is not touched).

A path names a term and a field (``discount.authority``, ``discount.limits.max``,
``discount.approvals.0.up_to``) or a top-level section (``economics.floor``,
``requirements.min_questions``, ``rules.NP406``, ``strategy.positioning``). A value is read by
the same loader as the file, so ``8`` is a number, ``true`` a boolean and ``[a, b]`` a list.
The edited document is then validated and checked like any playbook.
"""

from __future__ import annotations

import copy
import difflib
from typing import Any

from negplan.discovery import LoadedPlaybook
from negplan.engine import check_playbook_document
from negplan.errors import NegplanError
from negplan.findings import Severity
from negplan.loader import Document, load
from negplan.models.playbook import Playbook

#: Top-level keys a path may start with (anything else names a term).
SECTIONS = tuple(name for name in Playbook.model_fields if name not in ("kind", "version", "terms"))


def parse_setting(text: str) -> tuple[str, Any]:
    """``PATH=VALUE`` as the path and the value read as YAML."""
    path, sep, raw = text.partition("=")
    if not sep or not path.strip():
        raise NegplanError(
            f"--set {text}: expected PATH=VALUE",
            hint="e.g. --set discount.authority=8 or --set economics.floor=82",
        )
    if "\n" in raw or "\r" in raw:
        raise NegplanError(f"--set {path}: the value must be on one line")
    value = load("--set", text=f"value: {raw}\n")
    if not value.ok or value.findings:
        why = value.findings[0].message if value.findings else "not a YAML value"
        raise NegplanError(f"--set {text}: {why}", hint="quote text that YAML would misread")
    return path.strip(), value.data["value"]


def edited(loaded: LoadedPlaybook, settings: list[str]) -> LoadedPlaybook:
    """``loaded`` with every ``--set`` applied, checked; an edit that leaves the playbook
    invalid is an error naming that edit."""
    data = copy.deepcopy(loaded.document.data)
    for text in settings:
        path, value = parse_setting(text)
        _apply(data, path, value)
    doc = loaded.document
    document = Document(doc.path, data, doc.index, list(doc.findings), doc.text)
    playbook, findings = check_playbook_document(document)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if playbook is None or errors:
        first = errors[0]
        raise NegplanError(
            f"--set {', '.join(settings)}: the playbook would be invalid: {first.message} "
            f"[{first.code}]",
            hint=first.hint,
        )
    return LoadedPlaybook(loaded.source, playbook, document, findings)


def _apply(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    head = parts[0]
    terms = [str(t.get("id")) for t in data.get("terms", []) if isinstance(t, dict)]
    if head == "terms" and len(parts) > 1:
        parts, head = parts[1:], parts[1]
    if head in SECTIONS:
        container: Any = data
    elif head in terms:
        container, parts = data["terms"][terms.index(head)], parts[1:]
    else:
        close = difflib.get_close_matches(head, [*terms, *SECTIONS], n=1)
        raise NegplanError(
            f"--set {path}: no term or section '{head}' in the playbook",
            hint=f"did you mean '{close[0]}'?" if close else "write TERM.FIELD or SECTION.FIELD",
        )
    if not parts:
        raise NegplanError(f"--set {path}: name a field of the term, e.g. {head}.authority")
    _put(container, parts, value, path)


def _put(container: Any, parts: list[str], value: Any, path: str) -> None:
    """Set ``parts`` under ``container``, making mappings for keys that are not there yet."""
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(container, list):
            if not part.isdigit() or int(part) >= len(container):
                raise NegplanError(
                    f"--set {path}: '{part}' is not an item of the list (0 to {len(container) - 1})"
                )
            key: str | int = int(part)
        elif isinstance(container, dict):
            key = part
        else:
            raise NegplanError(f"--set {path}: '{parts[i - 1]}' holds a value, not fields")
        if last:
            container[key] = value
        else:
            if isinstance(container, dict) and container.get(key) is None:
                container[key] = {}
            container = container[key]
