"""What the rep tells ``negplan new``, by flag or at a prompt, read and checked."""

from __future__ import annotations

import difflib
import os
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from negplan.domain import Unit, ValueBasis
from negplan.errors import NegplanError
from negplan.escape import visible
from negplan.models.playbook import Playbook, Term

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
    region: str | None = None
    segment: str | None = None


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
    """The terms named in ``wanted``, in playbook order and without repeats.

    Each item may name several terms, separated by commas or spaces, each by its id or its
    name, in any case: ``"Support tier, training seats"`` and ``"support_tier case_study"``
    both work. Raises :class:`NegplanError` naming the playbook, with a did-you-mean hint.
    """
    keys = _term_keys(playbook)
    chosen: set[str] = set()
    for raw in wanted:
        for chunk in raw.split(","):
            words = chunk.split()
            start = 0
            while start < len(words):
                end = _longest_name(words, start, keys)
                if end is None:
                    unknown = _unknown(words, start, keys)
                    raise NegplanError(
                        f"unknown term '{unknown}' in this playbook",
                        path=source,
                        hint=_closest(unknown, keys) or "terms: " + ", ".join(playbook.term_map),
                    )
                chosen.add(keys[_key(" ".join(words[start:end]))])
                start = end
    return tuple(t for t in playbook.term_map if t in chosen)


def _key(text: str) -> str:
    """A term's id or name as compared: lower case, words joined by ``_``."""
    return "_".join(re.findall(r"[^\W_]+", text.casefold()))


def _term_keys(playbook: Playbook) -> dict[str, str]:
    """Every way to name a term (its id, its name) as compared, mapped to the term's id."""
    keys = {_key(t.name): t.id for t in reversed(playbook.terms)}
    keys.update({_key(t.id): t.id for t in playbook.terms})  # an id wins over a name
    return keys


def _longest_name(words: list[str], start: int, keys: dict[str, str]) -> int | None:
    """The end of the longest run of words from ``start`` that names a term."""
    for end in range(len(words), start, -1):
        if _key(" ".join(words[start:end])) in keys:
            return end
    return None


def _unknown(words: list[str], start: int, keys: dict[str, str]) -> str:
    """The words from ``start`` up to where a known term begins again."""
    end = start + 1
    while end < len(words) and _longest_name(words, end, keys) is None:
        end += 1
    return " ".join(words[start:end])


def _closest(text: str, keys: dict[str, str]) -> str | None:
    match = difflib.get_close_matches(_key(text), list(keys), n=1, cutoff=0.6)
    return f"did you mean '{keys[match[0]]}'?" if match else None


def currency_warning(playbook: Playbook, currency: str | None) -> list[str]:
    """What a deal currency other than the playbook's means, in plain lines (none if same).

    negplan converts no currency: amounts the playbook states in money are in its currency.
    """
    ours = playbook.currency
    if currency is None or currency == ours:
        return []
    money = [t.id for t in playbook.terms if t.worth and t.worth.basis is ValueBasis.MONEY]
    shares = [t.id for t in playbook.terms if t.worth and t.worth.basis is not ValueBasis.MONEY]
    lines = [
        f"warning: the deal is in {currency}, the playbook in {ours}; negplan converts no currency:"
    ]
    if money:
        lines.append(
            f"  - terms the playbook values in {ours} ({', '.join(money)}) are left out of the "
            "deal's package, so `negplan value` and the package checks (floor NP701, "
            "approvals NP702) do not count them"
        )
    if shares:
        lines.append(
            f"  - terms valued as a share of list value ({', '.join(shares)}) are priced in "
            f"{currency}, from the deal's list value"
        )
    priced = [t.id for t in playbook.terms if t.unit is Unit.MONEY]
    if priced:
        lines.append(
            f"  - positions on money terms ({', '.join(priced)}) are compared with the "
            f"playbook's limits and authority, which are in {ours}"
        )
    lines.append(
        f"hint: keep {currency} if the customer pays in {currency}; valuing other currencies is "
        "for the playbook's owner"
    )
    return [part for line in lines for part in textwrap.wrap(line, 100, subsequent_indent="    ")]


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
