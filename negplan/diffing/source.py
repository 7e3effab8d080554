"""The two playbooks a diff compares: the file as it is, and an older version of it from
``--old FILE`` or from a git revision (``git show REV:path``)."""

from __future__ import annotations

import os
import subprocess

from negplan.discovery import LoadedPlaybook, PlaybookCache, load_playbook
from negplan.engine import check_playbook_document
from negplan.errors import InputError, NegplanError
from negplan.files import MAX_BYTES
from negplan.loader import load


def usable(loaded: LoadedPlaybook) -> LoadedPlaybook:
    """``loaded``, or the error ``check`` gives for a playbook plans cannot be checked with."""
    cache = PlaybookCache()
    cache.add(loaded)
    return cache.usable(loaded.source)


def current(path: str) -> LoadedPlaybook:
    """The playbook file as it is now, checked."""
    return usable(load_playbook(path))


def older(path: str, *, old: str | None, against: str | None) -> LoadedPlaybook:
    """The version to compare with: the file ``old``, or ``path`` at git revision
    ``against`` (exactly one of them)."""
    if (old is None) == (against is None):
        raise NegplanError(
            "say what to compare the playbook with",
            hint="give --against REV (a git revision, e.g. HEAD~1) or --old FILE",
        )
    if old is not None:
        return usable(load_playbook(old))
    assert against is not None
    shown, text = git_show(path, against)
    return usable(loaded(shown, text))


def loaded(shown: str, text: str) -> LoadedPlaybook:
    """A playbook from its text, checked; ``shown`` names it in messages."""
    document = load(shown, text=text)
    playbook, findings = check_playbook_document(document)
    return LoadedPlaybook(shown, playbook, document, findings)


def git_show(path: str, revision: str) -> tuple[str, str]:
    """``REV:path`` and the text of ``path`` at ``revision``, read with ``git show``."""
    if not os.path.isfile(path):
        raise InputError("no such file", path=path)
    if revision.startswith("-") or not revision.strip():
        raise NegplanError(f"--against: '{revision}' is not a git revision", hint=_REV_HINT)
    folder, name = os.path.split(os.path.abspath(path))
    shown = f"{revision}:{path}"
    if _git(folder, "rev-parse", "--git-dir").returncode != 0:
        raise NegplanError(
            "not in a git repository: --against reads the playbook from git",
            path=path,
            hint="compare with a file instead: --old FILE",
        )
    if _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode:
        raise NegplanError(f"--against: unknown git revision '{revision}'", hint=_REV_HINT)
    spec = f"{revision}:./{name}"
    if _git(folder, "cat-file", "-e", spec).returncode != 0:
        raise NegplanError(
            f"the playbook did not exist at revision {revision}",
            path=path,
            hint="choose a revision where it existed, or compare with --old FILE",
        )
    shown_out = _git(folder, "show", spec)
    if shown_out.returncode != 0 or len(shown_out.stdout) > MAX_BYTES:
        raise NegplanError("cannot read the playbook with git show", path=shown)
    try:
        return shown, shown_out.stdout.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NegplanError("the playbook at that revision is not UTF-8", path=shown) from None


_REV_HINT = "give a commit, branch or tag, e.g. --against HEAD~1 or --against main"


def _git(folder: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", folder, *args], capture_output=True, check=False, stdin=subprocess.DEVNULL
        )
    except OSError as exc:
        raise NegplanError(
            f"cannot run git: {exc.strerror or exc}",
            hint="install git, or compare with a file instead: --old FILE",
        ) from None
