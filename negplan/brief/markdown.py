"""Escaping plan text for GitHub-flavoured Markdown, so that it is printed, never interpreted."""

from __future__ import annotations

import re

# Characters that start inline markup anywhere in a line: code, emphasis, links, raw HTML,
# table cells, strikethrough, and the backslash itself.
_INLINE = re.compile(r"([\\`*\[\]<>|~])")
# Underscores only make emphasis at a word boundary (GFM ignores intraword ones).
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# An ampersand that would start an HTML entity (&amp; &#35; ...).
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What starts a block when it opens a line: headings, quotes, lists, setext underlines.
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+](?=\s|$)|[=-]+$|\d{1,9}(?=[.)](\s|$)))")


def escape_markdown(text: object) -> str:
    """Make ``text`` print as itself in Markdown, on one line and safe inside a table cell.

    Whitespace (newlines included) collapses to single spaces, so a value can never end a
    table row or start a heading, list or quote; markup characters are backslash-escaped.
    """
    value = " ".join(str(text).split())
    value = _INLINE.sub(r"\\\1", value)
    value = _UNDERSCORE.sub(r"\\_", value)
    value = _ENTITY.sub(r"\\&", value)
    match = _BLOCK_START.match(value)
    if match:
        if match.group(1)[0].isdigit():
            end = match.end()
            value = value[:end] + "\\" + value[end:]
        else:
            value = "\\" + value
    return value
