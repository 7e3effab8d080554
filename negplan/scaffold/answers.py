"""What the rep tells ``negplan new``, by flag or at a prompt, read and checked."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from negplan.errors import NegplanError
from negplan.escape import visible
from negplan.models.playbook import Playbook, Term
from negplan.schema import suggest

#: Folders that mark the top of a plans repository, where the plan schema is kept.
ROOT_MARKERS = (".git", ".negplan", "playbook.yaml", "playbook.yml")


@dataclass(frozen=True)
class Answers:
    """What the rep told ``negplan new`` (flags or prompts); ``None`` means not given."""

    customer: str | None = None
    title: str | None = None
    owner: str | None = None
    meeting: date | None = None
    list_value: Decimal | None = None
    currency: str | None = None
    terms: tuple[str, ...] = field(default_factory=tuple)


def parse_text(text: str) -> str:
    """A name or title (customer, deal title, owner) with its whitespace collapsed to single
    spaces; ``ValueError`` when it is empty or holds a character that ``check`` refuses in a
    plan file: a control character (ESC, NUL, DEL...) or a byte that is not UTF-8."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValueError("cannot be empty")
    for char in cleaned:
        if 0xDC80 <= ord(char) <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            raise ValueError(f"'{visible(text)}' is not UTF-8 text")
        if unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff":
            raise ValueError(
                f"'{visible(text)}' holds the control character {visible(char)}; write plain text"
            )
    return cleaned


def parse_date(text: str) -> date:
    """A meeting date written YYYY-MM-DD; ``ValueError`` with a short reason otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{visible(text)}' is not a date; write YYYY-MM-DD") from None


def parse_value(text: str) -> Decimal:
    """A non-negative amount such as ``240000`` or ``240,000.50``; ``ValueError`` otherwise."""
    cleaned = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"'{visible(text)}' is not a number; write digits, e.g. 240000") from None
    if not number.is_finite() or number < 0:
        raise ValueError(f"'{visible(text)}' is not a usable amount; write a number of 0 or more")
    return number


def parse_currency(text: str) -> str:
    """A 3-letter ISO 4217 code, upper-cased; ``ValueError`` otherwise."""
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"'{visible(text)}' is not a currency code; write 3 letters, e.g. EUR")
    return code


def optional_terms(playbook: Playbook) -> list[Term]:
    """Terms a rep may add to a plan (the required ones are always in it)."""
    return [t for t in playbook.term_map.values() if not t.required]


def resolve_terms(playbook: Playbook, wanted: Iterable[str], *, source: str) -> tuple[str, ...]:
    """Check term ids against the playbook, keeping playbook order and dropping repeats.

    Raises :class:`NegplanError` naming the playbook, with a did-you-mean hint.
    """
    chosen: set[str] = set()
    for raw in wanted:
        term_id = raw.strip()
        if not term_id:
            continue
        if term_id not in playbook.term_map:
            ids = list(playbook.term_map)
            hint = suggest(term_id, ids) or "terms: " + ", ".join(ids)
            raise NegplanError(f"unknown term '{term_id}' in this playbook", path=source, hint=hint)
        chosen.add(term_id)
    return tuple(t for t in playbook.term_map if t in chosen)


def slug(*parts: str) -> str:
    """A file-name slug: ``slug("Acme", "2027 renewal")`` is ``acme-2027-renewal``."""
    text = unicodedata.normalize("NFKD", " ".join(parts)).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:80].rstrip("-") or "plan"


def find_root(folder: str) -> str:
    """The top of the plans repository holding ``folder``: the nearest folder upwards with a
    ``.git``, ``.negplan`` or ``playbook.yaml``; ``folder`` itself when there is none."""
    start = current = os.path.abspath(folder)
    while True:
        if any(os.path.exists(os.path.join(current, name)) for name in ROOT_MARKERS):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return start
        current = parent
