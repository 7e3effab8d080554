"""Debriefs and the plans they are about: the content hash, the plan at its agreed positions,
which moves the plan prepared, and which plans already have a debrief beside them.

One place for these answers: the debrief rules (NP8xx), ``negplan value DEBRIEF``, the debrief
writer and ``negplan new --from`` all read them from here.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from negplan.errors import NegplanError
from negplan.files import read_bytes
from negplan.findings import FileProblem
from negplan.loader import load
from negplan.models.plan import Alignment, Plan, Variable
from negplan.models.playbook import Playbook

if TYPE_CHECKING:
    from negplan.models.debrief import Debrief, Move

#: The default debrief name beside a plan: ``acme.yaml`` -> ``acme.debrief.yaml``.
SUFFIX = ".debrief.yaml"
#: A folder beside the plans where debriefs may live too.
FOLDER = "debriefs"
_KIND = re.compile(rb"^kind:\s*['\"]?debrief['\"]?\s*(#.*)?$", re.MULTILINE)


def content_hash(data: bytes) -> str:
    """The content hash of a file's bytes, as ``git hash-object`` computes it."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def file_hash(path: str) -> str:
    """:func:`content_hash` of the file at ``path``."""
    return content_hash(read_bytes(path))


def default_path(plan_path: str) -> str:
    """Where ``negplan debrief`` writes by default: ``<plan>.debrief.yaml`` beside the plan."""
    stem, _ = os.path.splitext(plan_path)
    return stem + SUFFIX


def plan_path(debrief_path: str, reference: str) -> str:
    """The plan a debrief's ``plan.path`` names, relative to the debrief's folder."""
    return os.path.normpath(os.path.join(os.path.dirname(debrief_path) or ".", reference))


def reference(plan: str, debrief: str) -> str:
    """``plan`` as a debrief at ``debrief`` names it: relative, with forward slashes."""
    folder = os.path.dirname(os.path.abspath(debrief))
    return os.path.relpath(os.path.abspath(plan), folder).replace(os.sep, "/")


def agreed_positions(debrief: Debrief) -> dict[str, object]:
    """The agreed position of each term that has one (the first entry of a term wins)."""
    found: dict[str, object] = {}
    for entry in debrief.agreed:
        if entry.value is not None:
            found.setdefault(entry.term, entry.value)
    return found


def agreed_plan(plan: Plan, debrief: Debrief) -> Plan:
    """The plan with every agreed term's opening, target and walk-away set to the agreed
    position; a term agreed but not in the plan is added. Priced like any plan, its target is
    the deal as agreed."""
    agreed = agreed_positions(debrief)
    variables: list[Variable] = []
    for variable in plan.variables:
        value = agreed.pop(variable.term, None) if variable.term in agreed else None
        if value is None:
            variables.append(variable)
        else:
            variables.append(
                variable.model_copy(update={"opening": value, "target": value, "walk_away": value})
            )
    for term, value in agreed.items():
        variables.append(Variable(term=term, opening=value, target=value, walk_away=value))
    return plan.model_copy(update={"variables": variables})


def with_signoffs(plan: Plan, debrief: Debrief) -> Plan:
    """The plan with the debrief's sign-offs as its alignment entries (dated when decided),
    for the ladder logic of :mod:`negplan.signoffs`."""
    entries = [
        Alignment.model_validate(
            {
                **entry.model_dump(exclude={"requested", "decided"}),
                "date": entry.decided or entry.date,
            }
        )
        for entry in debrief.alignment
    ]
    return plan.model_copy(update={"alignment": entries})


def planned_reach(plan: Plan, playbook: Playbook) -> dict[str, Decimal]:
    """How far the plan's concessions give on each term (the worst planned give, as the
    term's badness)."""
    reach: dict[str, Decimal] = {}
    for concession in plan.concessions:
        term = playbook.term_map.get(concession.give.term)
        bad = term.badness(concession.give.value) if term is not None else None
        if bad is not None and (
            concession.give.term not in reach or bad > reach[concession.give.term]
        ):
            reach[concession.give.term] = bad
    return reach


def improvised(move: Move, reach: dict[str, Decimal], playbook: Playbook) -> bool:
    """Whether a move gives on a term the plan never gives on, or further than it planned."""
    if move.give is None:
        return False
    if move.give.term not in reach:
        return True
    term = playbook.term_map.get(move.give.term)
    bad = term.badness(move.give.value) if term is not None else None
    return bad is not None and bad > reach[move.give.term]


# ---- debriefs beside a plan ---------------------------------------------------------------------


class _Folder(NamedTuple):
    #: The folder's debriefs, each with the plan (absolute path) it names.
    pairs: tuple[tuple[str, str], ...]
    #: The plans they name.
    plans: frozenset[str]


# Per process: folder -> its debriefs.
_BESIDE: dict[str, _Folder] = {}
# Per process: the ``plan.path`` a debrief names, by the SHA-256 of the debrief's bytes, for
# the contents a caller has read before (the report, from its cache): not parsed again.
_NAMES: dict[str, str] = {}


def remember_names(names: Mapping[str, str]) -> None:
    """Note the ``plan.path`` (a text, not empty) that debriefs of known content name, by the
    SHA-256 of their bytes, so that looking beside a plan does not parse those again."""
    _NAMES.update(names)


def has_debrief(plan_file: str) -> bool:
    """Whether a debrief naming ``plan_file`` lies in the plan's folder or its ``debriefs/``
    folder. Each folder is read once per process."""
    target = os.path.abspath(plan_file)
    folder = os.path.dirname(target)
    return any(target in _read(path).plans for path in (folder, os.path.join(folder, FOLDER)))


def debriefs_beside(plan_file: str) -> list[tuple[str, str]]:
    """The debriefs in ``plan_file``'s folder and its ``debriefs/`` folder, whatever plan
    they name: ``(debrief path, absolute path of the plan it names)``, in name order."""
    folder = os.path.dirname(os.path.abspath(plan_file))
    return [pair for path in (folder, os.path.join(folder, FOLDER)) for pair in _read(path).pairs]


def _read(folder: str) -> _Folder:
    found = _BESIDE.get(folder)
    if found is None:
        pairs = tuple(_scan(folder))
        found = _BESIDE[folder] = _Folder(pairs, frozenset(named for _, named in pairs))
    return found


def _scan(folder: str) -> list[tuple[str, str]]:
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith((".yaml", ".yml")))
    except OSError:
        return []
    named = []
    for name in names:
        path = os.path.join(folder, name)
        try:
            text = read_bytes(path)
            if not _KIND.search(text):
                continue
            known = _NAMES.get(hashlib.sha256(text).hexdigest()) if _NAMES else None
            if known is not None:
                named.append((path, os.path.abspath(plan_path(path, known))))
                continue
            data = load(path).data
        except (NegplanError, FileProblem):  # `check` reports unreadable files, not this
            continue
        ref = data.get("plan") if isinstance(data, dict) else None
        if isinstance(ref, dict) and isinstance(ref.get("path"), str):
            named.append((path, os.path.abspath(plan_path(path, ref["path"]))))
    return named
