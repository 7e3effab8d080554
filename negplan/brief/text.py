"""Plan text as a brief prints it.

:func:`clean` is applied to every piece of plan text that goes into a brief. It keeps the text
readable and honest: control characters become U+FFFD, whitespace collapses to single spaces,
and the invisible characters that can make text display as something else are removed: bidi
embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, the "Trojan Source" set)
and zero-width spaces and joiners of words (U+200B, U+2060, U+FEFF...). The zero-width
(non-)joiners U+200C and U+200D and the bidi marks U+200E, U+200F and U+061C stay: scripts and
emoji need them, and they cannot reorder text.
"""

from __future__ import annotations

import re

# Control characters, and lone surrogates (which cannot be encoded).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Invisible characters that reorder or hide text: bidi embeddings, overrides and isolates;
# zero-width spaces, word joiners, invisible operators, deprecated format characters, the
# byte-order mark, interlinear annotations and tag characters.
_INVISIBLE = re.compile(
    "[\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


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
