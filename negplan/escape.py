"""Escaping: one function for each place negplan prints text, so that text taken from a file,
or a file's name, is shown and never obeyed.

============================  ===============================================================
where the text goes           function
============================  ===============================================================
a terminal, stderr, one-line  :func:`visible`: control, format and undecodable characters
errors, ``text``, ``parsable``  written as escapes; never starts a CI workflow command
JSON (``json``, ``sarif``)    :func:`json_text`: undecodable bytes of a file name as ``\\xNN``
a GitHub workflow command     :func:`annotation_data` (the message), :func:`annotation_property`
Markdown                      :func:`markdown_text` (inline), :func:`markdown_cell` (a cell)
HTML                          the brief's jinja2 environment escapes every value (autoescape)
============================  ===============================================================

File names that are not valid UTF-8 reach Python with each bad byte as a lone surrogate
(U+DC80–U+DCFF, the file system's ``surrogateescape``); every function here writes such a
byte as ``\\xNN``, so the name prints readably and never stops the output.
"""

from __future__ import annotations

import re

# A line that starts like a GitHub Actions workflow command (`::error ...`, legacy `##[...]`),
# after the spaces the runner ignores.
_WORKFLOW = re.compile(r" *(?=::|##\[)")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return repr(char)[1:-1]  # \n, \x1b, \u202e, \ud800 ...


def visible(text: str) -> str:
    """``text`` for a terminal or one line of text output.

    Line breaks, terminal control sequences, bidi and zero-width characters and undecodable
    bytes are written as Python-style escapes (``\\n``, ``\\x1b``, ``\\u202e``, ``\\xfc``);
    a text that would start a GitHub Actions workflow command (``::``, ``##[``) has its first
    character written as an escape too. Printable text is returned unchanged, so applying it
    twice changes nothing.
    """
    if not text.isprintable():
        text = "".join(c if c.isprintable() else _escape(c) for c in text)
    match = _WORKFLOW.match(text)
    if match:
        end = match.end()
        text = f"{text[:end]}\\x{ord(text[end]):02x}{text[end + 1 :]}"
    return text


def json_text(text: str) -> str:
    """``text`` for a JSON string: JSON escapes control characters itself, losslessly; only
    the undecodable bytes of a file name (which JSON cannot hold) are written as escapes."""
    return _SURROGATE.sub(lambda m: _escape(m.group()), text)


def _workflow_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_data(text: str) -> str:
    """The message of a GitHub workflow command (after ``::``): each line made
    :func:`visible`, the line breaks kept as ``%0A``, which GitHub shows as new lines."""
    return _workflow_data("\n".join(visible(line) for line in text.split("\n")))


def annotation_property(text: str) -> str:
    """A property value of a GitHub workflow command (``file=``, ``title=``...): one
    :func:`visible` line, with ``:`` and ``,`` escaped as GitHub requires."""
    return _workflow_data(visible(text)).replace(":", "%3A").replace(",", "%2C")


# Characters that start inline markup anywhere in a line: code, emphasis, links, images, raw
# HTML, table cells, strikethrough, and the backslash itself.
_INLINE = re.compile(r"([\\`*\[\]<>|~])")
# Underscores only make emphasis at a word boundary (GFM ignores intraword ones).
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# An ampersand that would start an HTML entity (&amp; &#35; ...).
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What GFM turns into a link without any markup: `https://...`, `www....`.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)|(?<![0-9a-z.-])(www)(\.)")
# What starts a block when it opens a line: headings, quotes, lists, setext underlines.
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+](?=\s|$)|[=-]+$|\d{1,9}(?=[.)](\s|$)))")


def markdown_text(text: object) -> str:
    """Make ``text`` print as itself in Markdown, on one line and safe inside a table cell.

    Whitespace (newlines included) collapses to single spaces, so a value can never end a
    table row or start a heading, list or quote; markup characters are backslash-escaped, and
    so are the ``:`` of ``https://`` and the ``.`` of ``www.``, so that no link or image is
    live.
    """
    value = " ".join(str(text).split())
    value = _INLINE.sub(r"\\\1", value)
    value = _UNDERSCORE.sub(r"\\_", value)
    value = _ENTITY.sub(r"\\&", value)
    value = _AUTOLINK.sub(lambda m: "\\:" if m.group(1) else m.group(2) + "\\.", value)
    match = _BLOCK_START.match(value)
    if match:
        if match.group(1)[0].isdigit():
            end = match.end()
            value = value[:end] + "\\" + value[end:]
        else:
            value = "\\" + value
    return value


def markdown_cell(text: str) -> str:
    """``text`` for one cell of a Markdown table: each line :func:`markdown_text`, the lines
    joined by ``<br>``."""
    return "<br>".join(markdown_text(line) for line in text.splitlines())
