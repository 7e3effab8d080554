"""The report's cache of per-plan facts: one sqlite3 file under ``.negplan/``.

A plan's facts depend on the plan file's content, its playbook's content, the negplan version
and the day the plans are checked against (``--today``); a cached entry is used only when all
four are the same. Files whose size and modification time are what the cache last saw are not
read at all: their content hash comes from the cache. The file is safe to delete at any time
(the next report rebuilds it); a cache that cannot be opened or read is left alone and the
report runs without it. Entries of other negplan versions are dropped when the cache is opened.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from negplan import __version__
from negplan.discovery import BUNDLED, bundled_text
from negplan.portfolio.facts import PlanFacts

#: Where the cache lives, relative to the folder the report runs in.
CACHE_PATH = os.path.join(".negplan", "report-cache.sqlite3")
#: The playbook digest of a file that needed no playbook (it did not validate as a plan).
NO_PLAYBOOK = "-"

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, "
    "sha TEXT)",
    "CREATE TABLE IF NOT EXISTS facts (sha TEXT, version TEXT, today TEXT, playbook TEXT, "
    "plan_key TEXT, facts BLOB, PRIMARY KEY (sha, version, today, playbook))",
)


def file_digest(path: str) -> str:
    """The SHA-256 of a file's bytes."""
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


_PLAYBOOK_DIGESTS: dict[str, str] = {}


def playbook_digest(source: str | None) -> str:
    """The SHA-256 of a playbook's text (once per process), or :data:`NO_PLAYBOOK`."""
    if source is None:
        return NO_PLAYBOOK
    found = _PLAYBOOK_DIGESTS.get(source)
    if found is None:
        try:
            if source == BUNDLED:
                found = hashlib.sha256(bundled_text().encode("utf-8")).hexdigest()
            else:
                found = file_digest(source)
        except OSError:
            found = "unreadable"
        _PLAYBOOK_DIGESTS[source] = found
    return found


@dataclass(frozen=True)
class Entry:
    """What the cache keeps of one checked file: its facts (None for a file that is not a
    plan), the plan's ``playbook:`` key and the digest of the playbook it was checked with."""

    facts: PlanFacts | None
    plan_key: str | None
    playbook: str


class FactCache:
    """The facts of checked plans, by content hash, playbook hash, version and day."""

    def __init__(self, path: str, *, today: str) -> None:
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._today = today
        self._files: list[tuple[str, int, int, str]] = []
        self._facts: list[tuple[str, str, str, str, str | None, bytes | None]] = []
        for statement in _SCHEMA:
            self._db.execute(statement)
        self._db.execute("DELETE FROM facts WHERE version != ?", (__version__,))
        self._db.commit()

    @classmethod
    def open(cls, path: str, *, today: str) -> FactCache | None:
        """The cache at ``path``, or None when it cannot be used (read-only folder, a file
        that is not a database): the report then runs without one."""
        try:
            return cls(path, today=today)
        except (OSError, sqlite3.Error):
            return None

    def digest(self, path: str) -> str:
        """The content hash of a file: from the cache when its size and modification time
        are unchanged, else read and hashed (and remembered)."""
        info = os.stat(path)
        row = self._db.execute(
            "SELECT sha FROM files WHERE path = ? AND size = ? AND mtime = ?",
            (path, info.st_size, info.st_mtime_ns),
        ).fetchone()
        if row is not None:
            return str(row[0])
        sha = file_digest(path)
        self._files.append((path, info.st_size, info.st_mtime_ns, sha))
        return sha

    def candidates(self, sha: str) -> list[Entry]:
        """The entries kept for a file content on this day and version (one per playbook)."""
        rows = self._db.execute(
            "SELECT plan_key, playbook, facts FROM facts WHERE sha = ? AND version = ? "
            "AND today = ? ORDER BY playbook",
            (sha, __version__, self._today),
        ).fetchall()
        out = []
        for plan_key, playbook, blob in rows:
            try:
                facts = None if blob is None else _decode(blob)
            except (ValueError, zlib.error):
                continue  # a damaged entry is checked again and replaced
            out.append(Entry(facts, plan_key, playbook))
        return out

    def put(self, sha: str, entry: Entry) -> None:
        """Remember the entry of a file content (written by :meth:`save`)."""
        blob = None if entry.facts is None else _encode(entry.facts)
        self._facts.append((sha, __version__, self._today, entry.playbook, entry.plan_key, blob))

    def save(self, entries: Iterable[tuple[str, Entry]] = ()) -> None:
        """Write what this run learnt, in one transaction; a failure leaves the cache as it
        was (the report is right either way)."""
        for sha, entry in entries:
            self.put(sha, entry)
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", self._files
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?, ?)", self._facts
                )
        except sqlite3.Error:
            pass
        self._files.clear()
        self._facts.clear()

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def _encode(facts: PlanFacts) -> bytes:
    return zlib.compress(facts.model_dump_json().encode("utf-8"))


def _decode(blob: bytes) -> PlanFacts:
    return PlanFacts.model_validate_json(zlib.decompress(blob))
