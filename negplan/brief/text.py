"""Plan text as a brief prints it: cleaned for every format, and breakable for HTML and PDF.

:func:`clean` is applied to every piece of plan text that goes into a brief. It keeps the text
readable and honest: control characters become U+FFFD, whitespace collapses to single spaces,
and the invisible characters that can make text display as something else are removed: bidi
embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, the "Trojan Source" set)
and zero-width spaces and joiners of words (U+200B, U+2060, U+FEFF...). The zero-width
(non-)joiners U+200C and U+200D and the bidi marks U+200E, U+200F and U+061C stay: scripts and
emoji need them, and they cannot reorder text.

:func:`breakable` gives the HTML (and so the PDF) brief a break opportunity (U+200B) every
:data:`LONG_WORD` characters inside longer words of plan text; the brief's own markup (its SVG
pictures) is left alone. Browsers and WeasyPrint then wrap such a word inside its column, and
WeasyPrint's layout, whose time grows steeply with the length of an unbreakable word (a
40,000-character word took over a minute and a half), stays fast.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TypeVar, cast

T = TypeVar("T")

#: Longest run of characters without a break opportunity in an HTML or PDF brief.
LONG_WORD = 30
#: The break opportunity inserted into longer words: ZERO WIDTH SPACE.
BREAK = "\u200b"
#: Shown instead of a value left out of a redacted brief.
WITHHELD = "(withheld)"

# Control characters, and lone surrogates (which cannot be encoded).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Invisible characters that reorder or hide text: bidi embeddings, overrides and isolates;
# zero-width spaces, word joiners, invisible operators, deprecated format characters, the
# byte-order mark, interlinear annotations and tag characters.
_INVISIBLE = re.compile(
    "[\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_LONG_RUN = re.compile(rf"[^ ]{{{LONG_WORD + 1},}}")


def clean(text: object) -> str:
    """Plan text made safe to print on one line: control characters and lone surrogates
    become U+FFFD, invisible bidi and zero-width characters are removed, and all whitespace
    (newlines included) collapses to single spaces."""
    value = _CONTROL.sub("\ufffd", str(text))
    return " ".join(_INVISIBLE.sub("", value).split())


def optional(text: object | None) -> str | None:
    """:func:`clean` text, or ``None`` for a missing or blank one."""
    if text is None:
        return None
    value = clean(text)
    return value or None


def _joins(char: str) -> bool:
    """Whether ``char`` belongs to the character before it (a break there would split a
    letter from its accent, or an emoji sequence)."""
    return (
        unicodedata.category(char).startswith("M")
        or char in "\u200c\u200d"
        or "\ufe00" <= char <= "\ufe0f"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
    )


def _break_run(match: re.Match[str]) -> str:
    run = match.group()
    parts: list[str] = []
    since = 0
    for i, char in enumerate(run):
        if since >= LONG_WORD and run[i - 1] != "\u200d" and not _joins(char):
            parts.append(BREAK)
            since = 0
        parts.append(char)
        since += 1
    return "".join(parts)


def break_words(text: str) -> str:
    """``text`` with a break opportunity at least every :data:`LONG_WORD` characters of a
    longer word (never inside a letter with its accents or an emoji sequence)."""
    if len(text) <= LONG_WORD:
        return text
    return _LONG_RUN.sub(_break_run, text)


def breakable(value: T) -> T:
    """``value`` (a brief, or any string, tuple or named tuple of them) with
    :func:`break_words` applied to every string of plan text in it.

    Markup negplan wrote itself (anything with ``__html__``, such as the brief's SVG pictures)
    is left as it is: it is not text to wrap, and breaking it would break the markup."""
    result: Any = value
    if hasattr(value, "__html__"):
        return value
    if isinstance(value, str):
        result = break_words(value)
    elif isinstance(value, tuple):
        items = [breakable(item) for item in value]
        result = type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    return cast(T, result)
