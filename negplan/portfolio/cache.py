"""The report's cache of per-file facts: one sqlite3 file under ``.negplan/``.

A plan's facts depend on the plan file's content, its playbook's content, the negplan version
and the day the plans are checked against (``--today``); a cached entry is used only when all
four are the same. A debrief's facts depend on the plan it names too: its entry also keeps
that plan file's content hash. A plan whose meeting is past due depends on whether a debrief
of it lies beside it (NP809): its entry keeps that answer, and is used only while it holds.

Files whose size and modification time are what the cache last saw are not read at all: their
content hash comes from the cache. The file is safe to delete at any time (the next report
rebuilds it); a cache that cannot be opened or read is left alone and the report runs without
it. When the cache is opened, it drops the entries of other negplan versions, and those of
other ``--today`` days not used for :data:`KEEP_DAYS` days, then the file hashes no entry
needs: it holds what the recent reports used, and does not grow for ever.

The same file keeps the report's drawn charts (:mod:`negplan.portfolio.charts`): each chart's
SVG text by a hash of its name, the data it draws and the negplan and matplotlib versions, so
that a report whose charts draw the same data draws none of them again. Charts of other
negplan versions go when the cache is opened, the others once unused for :data:`KEEP_DAYS`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from negplan import __version__
from negplan.discovery import BUNDLED, bundled_text

#: Where the cache lives, relative to the folder the report runs in.
CACHE_PATH = os.path.join(".negplan", "report-cache.sqlite3")
#: The playbook digest of a file that needed no playbook (it did not validate as a plan).
NO_PLAYBOOK = "-"

#: Days the entries of another ``--today`` are kept after they were last used.
KEEP_DAYS = 7
#: The layout of the tables; a cache of another layout is emptied when opened.
_LAYOUT = 4
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, "
    "sha TEXT)",
    "CREATE TABLE IF NOT EXISTS facts (sha TEXT, version TEXT, today TEXT, playbook TEXT, "
    "plan_key TEXT, reference TEXT, plan_sha TEXT, beside INTEGER, used TEXT, "
    "facts BLOB, PRIMARY KEY (sha, version, today, playbook))",
    "CREATE TABLE IF NOT EXISTS charts (key TEXT PRIMARY KEY, version TEXT, used TEXT, svg TEXT)",
)
_TABLES = ("files", "facts", "charts")
_PRUNE = (
    ("DELETE FROM facts WHERE version != :version", ("version",)),
    ("DELETE FROM facts WHERE today != :today AND used < :cutoff", ("today", "cutoff")),
    ("UPDATE facts SET used = :now WHERE today = :today AND used != :now", ("now", "today")),
    ("DELETE FROM files WHERE sha NOT IN (SELECT sha FROM facts)", ()),
    ("DELETE FROM charts WHERE version != :version OR used < :cutoff", ("version", "cutoff")),
)
#: Not a file: what a debrief entry keeps as its plan's hash when the plan cannot be read.
NO_FILE = "-"


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
    """What the cache keeps of one checked file: its facts as a row
    (:func:`negplan.portfolio.rows.encode`; None for a file that is neither a plan nor a
    debrief), the ``playbook:`` key of the plan (the named plan's, for a debrief) and the
    digest of the playbook it was checked with."""

    row: bytes | None
    plan_key: str | None
    playbook: str
    #: A debrief's plan, as the debrief names it, and that file's content hash.
    reference: str | None = None
    plan_sha: str | None = None
    #: A plan whose meeting is past due: whether a debrief of it lay beside it.
    beside: bool | None = None


class FactCache:
    """The facts of checked plans, by content hash, playbook hash, version and day."""

    def __init__(self, path: str, *, today: str, now: dt.date | None = None) -> None:
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._today = today
        self._now = (now or dt.date.today()).isoformat()
        self._files: list[tuple[str, int, int, str]] = []
        self._facts: list[tuple[object, ...]] = []
        self._charts: list[tuple[str, str, str, str]] = []
        self._charts_used: list[tuple[str, str, str]] = []
        # What the cache holds, read in one query each the first time it is needed.
        self._known: dict[str, tuple[int, int, str]] | None = None
        self._entries: dict[str, list[Entry]] | None = None
        with self._db:
            self._lay_out()
            self._prune(now or dt.date.today())

    def _lay_out(self) -> None:
        if self._db.execute("PRAGMA user_version").fetchone()[0] != _LAYOUT:
            for table in _TABLES:
                self._db.execute(f"DROP TABLE IF EXISTS {table}")
            self._db.execute(f"PRAGMA user_version = {_LAYOUT}")
        for statement in _SCHEMA:
            self._db.execute(statement)

    def _prune(self, now: dt.date) -> None:
        values = {
            "version": __version__,
            "today": self._today,
            "cutoff": (now - dt.timedelta(days=KEEP_DAYS)).isoformat(),
            "now": self._now,
        }
        for statement, names in _PRUNE:
            self._db.execute(statement, {name: values[name] for name in names})

    @classmethod
    def open(cls, path: str, *, today: str, now: dt.date | None = None) -> FactCache | None:
        """The cache at ``path``, or None when it cannot be used (read-only folder, a file
        that is not a database): the report then runs without one."""
        try:
            return cls(path, today=today, now=now)
        except (OSError, sqlite3.Error):
            return None

    def digest(self, path: str) -> str:
        """The content hash of a file: from the cache when its size and modification time
        are unchanged, else read and hashed (and remembered)."""
        info = os.stat(path)
        if self._known is None:
            rows = self._db.execute("SELECT path, size, mtime, sha FROM files")
            self._known = {row[0]: (row[1], row[2], row[3]) for row in rows}
        known = self._known.get(path)
        if known is not None and known[:2] == (info.st_size, info.st_mtime_ns):
            return str(known[2])
        sha = file_digest(path)
        self._files.append((path, info.st_size, info.st_mtime_ns, sha))
        return sha

    def candidates(self, sha: str) -> list[Entry]:
        """The entries kept for a file content on this day and version (one per playbook),
        their facts still as rows: only the one used is read."""
        return list(self._read_entries().get(sha, ()))

    def _read_entries(self) -> dict[str, list[Entry]]:
        """Every entry of this day and version, by content hash (read once)."""
        if self._entries is None:
            self._entries = {}
            rows = self._db.execute(
                "SELECT sha, plan_key, playbook, reference, plan_sha, beside, facts FROM facts "
                "WHERE version = ? AND today = ? ORDER BY sha, playbook",
                (__version__, self._today),
            )
            for sha_, plan_key, playbook, reference, plan_sha, beside, row in rows:
                found = None if beside is None else bool(beside)
                entry = Entry(row, plan_key, playbook, reference, plan_sha, found)
                self._entries.setdefault(sha_, []).append(entry)
        return self._entries

    def debrief_names(self) -> dict[str, str]:
        """The ``plan.path`` each debrief content kept on this day and version names, by its
        content hash (for :func:`negplan.debriefs.remember_names`)."""
        return {
            sha: entry.reference
            for sha, entries in self._read_entries().items()
            for entry in entries
            if entry.reference
        }

    def chart(self, key: str) -> str | None:
        """The SVG text of the chart kept under ``key`` (see :func:`negplan.portfolio.charts.
        drawn`), or None; a chart found is marked used (by :meth:`save`)."""
        try:
            found = self._db.execute("SELECT svg FROM charts WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if found is None or not isinstance(found[0], str):
            return None
        self._charts_used.append((self._now, key, self._now))
        return found[0]

    def put_chart(self, key: str, svg: str) -> None:
        """Keep a drawn chart's SVG text under ``key`` (written by :meth:`save`)."""
        self._charts.append((key, __version__, self._now, svg))

    def put(self, sha: str, entry: Entry) -> None:
        """Remember the entry of a file content (written by :meth:`save`)."""
        beside = None if entry.beside is None else int(entry.beside)
        key = (sha, __version__, self._today, entry.playbook)
        self._facts.append(
            (*key, entry.plan_key, entry.reference, entry.plan_sha, beside, self._now, entry.row)
        )

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
                    "INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    self._facts,
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO charts VALUES (?, ?, ?, ?)", self._charts
                )
                self._db.executemany(
                    "UPDATE charts SET used = ? WHERE key = ? AND used != ?", self._charts_used
                )
        except sqlite3.Error:
            pass
        self._files.clear()
        self._facts.clear()
        self._charts.clear()
        self._charts_used.clear()
        self._known = self._entries = None  # read again, with what was just written

    def close(self) -> None:
        """Close the database."""
        self._db.close()
