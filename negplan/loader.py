"""Read a YAML file safely into plain data, keeping the position of every key and value.

The loader never constructs objects from tags. It walks the parser's *events* (libyaml's C
parser when ruamel.yaml.clib is installed) and builds plain dicts, lists and scalars itself,
resolving plain scalars with the YAML 1.2 core schema. Working on events keeps it iterative
(no recursion, whatever the nesting) and lets it enforce limits as it goes:

* the file must be a regular file of at most ``MAX_BYTES``;
* nesting deeper than ``MAX_DEPTH`` levels stops the load;
* the number of nodes, counting every alias expansion, is capped at ``MAX_NODES``, and so is
  the text of all scalars at ``MAX_TEXT`` characters (this is what defuses "billion laughs"
  alias bombs, including ones that repeat one long string);
* numbers have at most ``MAX_NUMBER_DIGITS`` digits before and after the decimal point, so no
  later formatting or arithmetic can blow up (``1e999999999``, 5,000-digit integers);
* custom tags, merge keys (``<<``), complex keys and several documents in one file are refused.

Floats are read as :class:`~decimal.Decimal` so money and positions stay exact.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError, YAMLStreamError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from negplan.errors import InputError
from negplan.findings import Finding, Severity
from negplan.positions import IndexNode, Pair, Position, PositionIndex

try:
    from _ruamel_yaml import CParser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - ruamel.yaml.clib is a dependency on CPython
    CParser = None

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 100_000
MAX_TEXT = 2 * MAX_BYTES
MAX_NUMBER_DIGITS = 30

_CORE = "tag:yaml.org,2002:"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = frozenset({".nan", ".NaN", ".NAN"})


@dataclass
class Document:
    """A loaded YAML file: its data (``None`` when it could not be read) and positions."""

    path: str
    data: Any
    index: PositionIndex = field(default_factory=PositionIndex)
    findings: list[Finding] = field(default_factory=list)
    text: str | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """Whether the file parsed into a document at all."""
        return self.data is not None


class _Stop(Exception):
    """Abort the load with one finding."""

    def __init__(self, code: str, message: str, position: Pair, hint: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.position = Position(*position)  # the loader passes plain (line, col) pairs
        self.hint = hint
        #: A lossy reading of an undecodable file, so a folder walk can still tell that it
        #: claims to be a plan or playbook.
        self.text: str | None = None


def read_text(path: str) -> str:
    """Read a file as text, refusing anything that is not a small regular file.

    Raises :class:`~negplan.errors.InputError` for a missing, unreadable or special file, and
    :class:`_Stop` (turned into a finding by :func:`load`) for bad encodings and oversize files.
    """
    fd = _open(path)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory, not a file", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (device, pipe or socket)", path=path)
        if info.st_size > MAX_BYTES:
            raise _Stop(
                "NP105",
                f"file is {info.st_size:,} bytes, over the {MAX_BYTES:,}-byte limit",
                Position(1, 1),
                "a plan or playbook is a few kilobytes; split or trim this file",
            )
        raw = _read_all(fd, MAX_BYTES + 1, expected=info.st_size)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(raw) > MAX_BYTES:
        raise _Stop("NP105", f"file is over the {MAX_BYTES:,}-byte limit", Position(1, 1))
    return _decode(raw)


def _open(path: str) -> int:
    """A read-only descriptor of ``path`` that never blocks on a pipe or takes a terminal."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        return os.open(path, flags)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise InputError("broken or looping symbolic link", path=path) from None
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=path) from None
    except PermissionError:
        raise InputError("permission denied", path=path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("broken or looping symbolic link", path=path) from None
        raise InputError(f"cannot open: {exc.strerror or exc}", path=path) from None


def _read_all(fd: int, limit: int, *, expected: int) -> bytes:
    """Up to ``limit`` bytes from ``fd``, to the end of the file (``expected`` bytes long,
    as far as ``fstat`` knows: a file that grows meanwhile is read on to the limit)."""
    chunks: list[bytes] = []
    size = 0
    want = min(limit, expected + 1)
    while size < limit:
        chunk = os.read(fd, want)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        want = min(limit - size, 64 * 1024)
    return b"".join(chunks)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode(raw: bytes) -> str:
    body, encoding = raw, "utf-8"
    for bom, name in _BOMS:
        if raw.startswith(bom):
            body, encoding = raw[len(bom) :], name
            break
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        stop = _Stop(
            "NP100",
            f"file is not valid {encoding.upper()} (byte 0x{body[exc.start]:02x})",
            Position(line, col),
            "save the file as UTF-8",
        )
        stop.text = body.decode(encoding, errors="replace")
        raise stop from None


def load(path: str, *, display: str | None = None, text: str | None = None) -> Document:
    """Load one YAML file into a :class:`Document`.

    ``display`` is the path used in findings (defaults to ``path``); ``text`` skips reading the
    file. Raises :class:`~negplan.errors.InputError` only when the file cannot be read at all;
    everything wrong *inside* the file becomes a finding on the document.
    """
    shown = display or path
    try:
        if text is None:
            text = read_text(path)
        data, index, findings = _build(text, shown)
    except _Stop as stop:
        finding = Finding(
            shown,
            stop.position.line,
            stop.position.col,
            stop.code,
            Severity.ERROR,
            stop.message,
            stop.hint,
        )
        return Document(shown, None, PositionIndex(), [finding], text or stop.text)
    return Document(shown, data, index, findings, text)


class _EventParser:
    """Yields the parser events of a text straight from libyaml (ruamel.yaml.clib), without
    the per-event generator of ``YAML.parse``."""

    def parse(self, text: str) -> Iterator[Any]:
        """The events of ``text``, in order."""
        if CParser is None:  # pragma: no cover
            return iter(YAML(typ="safe").parse(text))
        return iter(CParser(text).get_event, None)


_PARSER = _EventParser()


def _yaml_parser() -> _EventParser:
    """The parser :func:`_build` reads events from."""
    return _PARSER


def _pair(event: Any) -> Pair:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def _syntax_stop(exc: Exception, text: str) -> _Stop:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    position = Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)
    offset = getattr(exc, "position", None)  # a ReaderError gives a character offset instead
    if mark is None and isinstance(offset, int) and 0 <= offset <= len(text):
        before = text[:offset]
        position = Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)
    text_lines = str(exc).splitlines()
    problem = getattr(exc, "problem", None) or (text_lines[0] if text_lines else "")
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {problem}" if problem else "invalid YAML"
    if context:
        message += f" ({context})"
    hint = None
    lines = text.splitlines()
    tab_line = 0 < position.line <= len(lines) and "\t" in lines[position.line - 1]
    if tab_line or "found character '\\t'" in message:
        hint = "indent with spaces: YAML does not allow tabs for indentation"
    return _Stop("NP100", " ".join(message.split()), position, hint)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _scalar(event: Any, position: Pair) -> Any:
    value: str = event.value
    tag = event.tag
    if tag is not None and tag != "!":
        if not tag.startswith(_CORE):
            raise _bad_tag(tag, position)
        kind = tag[len(_CORE) :]
        if kind == "str":
            return value
        if kind in ("int", "float", "bool", "null"):
            resolved = _resolve_plain(value, position)
            number = isinstance(resolved, (int, Decimal)) and not isinstance(resolved, bool)
            if kind == "float" and number:
                return Decimal(resolved)
            if kind == "int" and isinstance(resolved, int) and not isinstance(resolved, bool):
                return resolved
            if (kind == "bool" and isinstance(resolved, bool)) or (
                kind == "null" and resolved is None
            ):
                return resolved
            raise _Stop("NP105", f"{value!r} is not a valid !!{kind}", position)
        raise _Stop("NP105", f"tag {_show_tag(tag)} is not allowed on a scalar", position)
    if tag is None and event.implicit[0]:
        return _resolve_plain(value, position)
    return value


def _resolve_plain(value: str, position: Pair) -> Any:
    """Resolve a plain scalar with the YAML 1.2 core schema (numbers as int or Decimal)."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT.fullmatch(value):
            sign = "-" if value[0] == "-" else ""
            digits = value.lstrip("+-").lstrip("0") or "0"
            if len(digits) > MAX_NUMBER_DIGITS:
                raise _out_of_range(value, position)
            return int(sign + digits)
        if _OCT.fullmatch(value) or _HEX.fullmatch(value):
            digits = value[2:].lstrip("0") or "0"
            number = int(digits[: MAX_NUMBER_DIGITS + 1], 8 if value[1] == "o" else 16)
            if len(digits) > MAX_NUMBER_DIGITS or number >= 10**MAX_NUMBER_DIGITS:
                raise _out_of_range(value, position)
            return number
        if _FLOAT.fullmatch(value):
            decimal = Decimal(value)
            if not number_in_range(decimal):
                raise _out_of_range(value, position)
            return decimal
        if _INF.fullmatch(value):
            return Decimal("-Infinity") if value[0] == "-" else Decimal("Infinity")
        if value in _NAN:
            return Decimal("NaN")
    return value


def number_in_range(value: Decimal) -> bool:
    """Whether a finite number has at most ``MAX_NUMBER_DIGITS`` digits before and after the
    decimal point (NaN and infinities are left to the models, which reject them)."""
    if not value.is_finite():
        return True
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return exponent >= -MAX_NUMBER_DIGITS and value.adjusted() < MAX_NUMBER_DIGITS


def _out_of_range(value: str, position: Pair) -> _Stop:
    shown = value if len(value) <= 24 else value[:20] + "..."
    return _Stop(
        "NP105",
        f"number {shown} is out of range",
        position,
        f"numbers may have at most {MAX_NUMBER_DIGITS} digits before and after the decimal "
        "point; put it in quotes if it is text",
    )


class _Frame:
    __slots__ = (
        "anchor",
        "chars_at_start",
        "container",
        "discard",
        "key",
        "node",
        "nodes_at_start",
        "start",
    )

    def __init__(
        self,
        container: Any,
        node: IndexNode,
        start: Pair,
        anchor: str | None,
        nodes: int,
        chars: int,
    ) -> None:
        self.container = container
        self.node = node
        self.start = start
        self.anchor = anchor
        self.nodes_at_start = nodes
        self.chars_at_start = chars
        self.key: str | None = None
        self.discard = False


def _too_big(nodes: int, position: Pair) -> _Stop:
    if nodes > MAX_NODES:
        return _Stop(
            "NP105",
            f"document expands to more than {MAX_NODES:,} values",
            position,
            "aliases (*name) that repeat large parts make the document too big to check",
        )
    return _Stop(
        "NP105",
        f"document expands to more than {MAX_TEXT:,} characters of text",
        position,
        "aliases (*name) that repeat long text make the document too big to check",
    )


def _too_deep(position: Pair) -> _Stop:
    return _Stop(
        "NP105",
        f"nesting is deeper than {MAX_DEPTH} levels",
        position,
        "plans and playbooks are only a few levels deep",
    )


def _bad_tag(tag: str, position: Pair) -> _Stop:
    return _Stop(
        "NP105",
        f"tag {_show_tag(tag)} is not allowed",
        position,
        "plans and playbooks hold plain data: remove the tag",
    )


def _complex_key(position: Pair) -> _Stop:
    return _Stop(
        "NP105",
        "a mapping or list cannot be used as a key",
        position,
        "keys are plain names such as `term:`",
    )


#: The first characters of plain scalars that may be numbers (only ASCII digits make numbers).
_NUMBER_START = frozenset("0123456789+-.")
#: Plain scalars that resolve to null or a boolean (YAML 1.2 core schema).
_KEYWORDS: dict[str, Any] = {
    **dict.fromkeys(_NULLS),
    **dict.fromkeys(_TRUE, True),
    **dict.fromkeys(_FALSE, False),
}


def _build(text: str, shown: str) -> tuple[Any, PositionIndex, list[Finding]]:
    builder = _Builder(shown)
    try:
        builder.feed(_yaml_parser().parse(text))
    except _Stop:
        raise
    except (YAMLError, YAMLStreamError) as exc:
        raise _syntax_stop(exc, text) from None
    except RecursionError:
        raise _Stop("NP105", "nesting is too deep", Position(1, 1)) from None
    except (ValueError, TypeError, AssertionError, NotImplementedError, UnicodeError) as exc:
        raise _syntax_stop(exc, text) from None
    return builder.root, builder.index, builder.findings


class _Builder:
    """Plain data and its positions, built from the parser's events one at a time.

    Each event kind has a handler; :meth:`place` is the one way a finished value (a scalar,
    a closed mapping or list, an alias) goes into the open collection or becomes the root.
    """

    __slots__ = (
        "anchors",
        "chars",
        "documents",
        "findings",
        "index",
        "nodes",
        "root",
        "shown",
        "stack",
        "top",
    )

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.index = PositionIndex()
        self.findings: list[Finding] = []
        #: Anchored values with the nodes and characters each repeat of them adds.
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None  # the innermost open collection
        self.root: Any = None
        self.nodes = 0
        self.chars = 0
        self.documents = 0

    def feed(self, events: Iterator[Any]) -> None:
        """Build from ``events``; raises :class:`_Stop` at the first refusal."""
        scalar, end, start = self.scalar, self.end, self.start
        others: dict[type, Callable[[Any], None]] = {
            AliasEvent: self.alias,
            DocumentStartEvent: self.document,
        }
        scalar_event, mapping_end, sequence_end = ScalarEvent, MappingEndEvent, SequenceEndEvent
        mapping_start, sequence_start = MappingStartEvent, SequenceStartEvent
        for event in events:
            kind = type(event)  # most frequent first: this loop runs for every event
            if kind is scalar_event:
                scalar(event)
            elif kind is mapping_end or kind is sequence_end:
                end()
            elif kind is mapping_start or kind is sequence_start:
                start(event)
            else:
                handler = others.get(kind)
                if handler is not None:
                    handler(event)

    def scalar(self, event: ScalarEvent) -> None:
        """A scalar: counted, resolved (YAML 1.2 core schema when plain) and placed."""
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1)
        raw: str = event.value
        nodes = self.nodes = self.nodes + 1
        chars = self.chars = self.chars + len(raw)
        if nodes > MAX_NODES or chars > MAX_TEXT:
            raise _too_big(nodes, position)
        # ``ctag`` is what the ``tag`` property reads; None exactly when tag is None.
        if event.ctag is None and event.implicit[0]:
            if raw in _KEYWORDS:
                value = _KEYWORDS[raw]
            elif raw[0] in _NUMBER_START:
                value = _resolve_plain(raw, position)
            else:
                value = raw
        else:
            value = _scalar(event, position)
        if raw == "<<" and event.implicit[0]:
            self._refuse_merge_key(position)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, len(raw))
        self.place(value, position)

    def start(self, event: CollectionStartEvent) -> None:
        """A mapping or list opens: counted, checked, and its index node made."""
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1)
        mapping = type(event) is MappingStartEvent
        if event.ctag is not None:
            _check_collection_tag(str(event.ctag), mapping, position)
        self.nodes += 1
        if self.nodes > MAX_NODES or self.chars > MAX_TEXT:
            raise _too_big(self.nodes, position)
        if len(self.stack) >= MAX_DEPTH:
            raise _too_deep(position)
        top = self.top
        if top is None:
            node = self.index.root
            self.index.root_value = position
        else:
            if type(top.container) is list:
                part: str | int = len(top.container)
            elif top.key is None:
                raise _complex_key(position)
            else:
                part = top.key
            # An existing node means a duplicate key: its positions overwrite, as they would
            # under the same path.
            found = top.node.children.get(part)
            if found is None:
                found = top.node.children[part] = IndexNode()
            node = found
            top.node.values[part] = position
        container: Any = {} if mapping else []
        self.top = _Frame(container, node, position, event.anchor, self.nodes, self.chars)
        self.stack.append(self.top)

    def end(self) -> None:
        """The open mapping or list closes and is placed in its parent."""
        stack = self.stack
        frame = stack.pop()
        self.top = stack[-1] if stack else None
        if frame.anchor:
            size = self.nodes - frame.nodes_at_start + 1
            self.anchors[frame.anchor] = (frame.container, size, self.chars - frame.chars_at_start)
        self.place(frame.container, frame.start)

    def alias(self, event: AliasEvent) -> None:
        """An alias: its anchor's value again, counted in full against the limits."""
        position = _pair(event)
        if event.anchor not in self.anchors:
            raise _Stop("NP100", f"invalid YAML: unknown alias *{event.anchor}", position)
        value, size, text_size = self.anchors[event.anchor]
        self.nodes += size
        self.chars += text_size
        if self.nodes > MAX_NODES or self.chars > MAX_TEXT:
            raise _too_big(self.nodes, position)
        self.place(value, position)

    def document(self, event: DocumentStartEvent) -> None:
        """A document starts: only one is allowed."""
        self.documents += 1
        if self.documents > 1:
            raise _Stop(
                "NP105",
                "more than one YAML document in the file",
                _pair(event),
                "keep one plan or playbook per file (remove the extra '---')",
            )

    def place(self, value: Any, position: Pair) -> None:
        """Put a finished value into the open collection (as a key or a value), or make it
        the root when no collection is open."""
        top = self.top
        if top is None:
            self.root = value
            self.index.root_value = position
            return
        container = top.container
        if type(container) is list:
            top.node.values[len(container)] = position
            container.append(value)
        elif top.key is None:
            key = value if type(value) is str else _key_text(value, position)
            top.key = key
            if key in container:
                self._duplicate(top, key, position)
            else:
                top.node.keys[key] = position
        else:
            if not top.discard:
                container[top.key] = value
                top.node.values[top.key] = position
            top.key = None
            top.discard = False

    def _duplicate(self, top: _Frame, key: str, position: Pair) -> None:
        top.discard = True  # only the first is read
        first = top.node.keys.get(key, (1, 1))
        self.findings.append(
            Finding(
                self.shown,
                position[0],
                position[1],
                "NP104",
                Severity.ERROR,
                f"duplicate key '{key}' (first defined on line {first[0]})",
                "remove or rename one of them: only the first is read",
            )
        )

    def _refuse_merge_key(self, position: Pair) -> None:
        top = self.top
        if top is not None and top.key is None and type(top.container) is dict:
            raise _Stop(
                "NP105",
                "merge keys (<<) are not supported",
                position,
                "write the keys out in full",
            )


def _check_collection_tag(tag: str, mapping: bool, position: Pair) -> None:
    if tag != "!" and tag != (_CORE + "map" if mapping else _CORE + "seq"):
        raise _bad_tag(tag, position)


def _key_text(value: Any, position: Pair) -> str:
    """The text a scalar key is read as (a mapping or list cannot be a key)."""
    if isinstance(value, (dict, list)):
        raise _complex_key(position)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
