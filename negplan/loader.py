"""Read a YAML file safely into plain data, keeping the position of every key and value.

The loader never constructs objects from tags. It walks the parser's *events* (libyaml's C
parser, from ruamel.yaml.clib) and builds plain dicts, lists and scalars itself, resolving plain
scalars with the YAML 1.2 core schema (:mod:`negplan.scalars`). Working on events keeps it
iterative (no recursion, whatever the nesting) and lets it enforce limits as it goes:

* the file must be a small regular file in a Unicode encoding (:mod:`negplan.files`);
* nesting deeper than ``MAX_DEPTH`` levels stops the load;
* the number of nodes, counting every alias expansion, is capped at ``MAX_NODES``, and so is
  the text of all scalars at ``MAX_TEXT`` characters (this is what defuses "billion laughs"
  alias bombs, including ones that repeat one long string);
* numbers are held to :data:`~negplan.scalars.MAX_NUMBER_DIGITS` digits;
* custom tags, merge keys (``<<``), complex keys and several documents in one file are refused.

Every refusal is one finding; a file that cannot be read at all is an
:class:`~negplan.errors.InputError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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

from negplan.files import MAX_BYTES, read_text
from negplan.findings import FileProblem, Finding, Severity
from negplan.positions import IndexNode, Pair, Position, PositionIndex
from negplan.scalars import CORE, KEYWORDS, NUMBER_START, bad_tag, resolve_plain, tagged_scalar

try:
    from _ruamel_yaml import CParser  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - ruamel.yaml.clib is a dependency on CPython
    CParser = None

MAX_DEPTH = 64
MAX_NODES = 100_000
MAX_TEXT = 2 * MAX_BYTES


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
    except FileProblem as problem:
        return Document(
            shown, None, PositionIndex(), [problem.finding(shown)], text or problem.text
        )
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


def _syntax_stop(exc: Exception, text: str) -> FileProblem:
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
    lines = text.splitlines()
    context_mark = getattr(exc, "context_mark", None)
    if "quoted scalar" in (context or "") and context_mark is not None:
        # an unclosed quote: the parser stops at the end; the slip is where the quote opens
        position = Position(context_mark.line + 1, context_mark.column + 1)
    source = lines[position.line - 1] if 0 < position.line <= len(lines) else None
    problem = FileProblem("NP100", " ".join(message.split()), position, _slip(message, source))
    problem.source = source
    return problem


def _slip(message: str, source: str | None) -> str | None:
    """A hint for the common slips behind a YAML syntax error."""
    line = source or ""
    if "\t" in line or "found character '\\t'" in message:
        return "indent with spaces: YAML does not allow tabs for indentation"
    if "quoted scalar" in message:
        return "a quote opens here and is never closed: close it, or drop it"
    if "flow mapping" in message or "flow sequence" in message:
        return (
            "inside `{...}` or `[...]` a comma separates entries and ': ' starts one: put text "
            "holding a comma or ': ' in quotes"
        )
    if "mapping values are not allowed" in message:
        return (
            "the text holds ': ', which YAML reads as a new key: put the whole text in quotes, "
            'e.g. walk_away: "below 10: no deal"'
        )
    if "expected key" in message and "}" in line:
        return "a `{...}` mapping ends the entry: start the next key on its own line"
    return None


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


def _too_big(nodes: int, position: Pair) -> FileProblem:
    if nodes > MAX_NODES:
        return FileProblem(
            "NP105",
            f"document expands to more than {MAX_NODES:,} values",
            position,
            "aliases (*name) that repeat large parts make the document too big to check",
        )
    return FileProblem(
        "NP105",
        f"document expands to more than {MAX_TEXT:,} characters of text",
        position,
        "aliases (*name) that repeat long text make the document too big to check",
    )


def _too_deep(position: Pair) -> FileProblem:
    return FileProblem(
        "NP105",
        f"nesting is deeper than {MAX_DEPTH} levels",
        position,
        "plans and playbooks are only a few levels deep",
    )


def _complex_key(position: Pair) -> FileProblem:
    return FileProblem(
        "NP105",
        "a mapping or list cannot be used as a key",
        position,
        "keys are plain names such as `term:`",
    )


def _build(text: str, shown: str) -> tuple[Any, PositionIndex, list[Finding]]:
    builder = _Builder(shown)
    try:
        builder.feed(_yaml_parser().parse(text))
    except FileProblem:
        raise
    except (YAMLError, YAMLStreamError) as exc:
        raise _syntax_stop(exc, text) from None
    except RecursionError:
        raise FileProblem("NP105", "nesting is too deep", Position(1, 1)) from None
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
        """Build from ``events``; raises :class:`FileProblem` at the first refusal."""
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
            if raw in KEYWORDS:
                value = KEYWORDS[raw]
            elif raw[0] in NUMBER_START:
                value = resolve_plain(raw, position)
            else:
                value = raw
        else:
            value = tagged_scalar(event, position)
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
            raise FileProblem("NP100", f"invalid YAML: unknown alias *{event.anchor}", position)
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
            raise FileProblem(
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
            raise FileProblem(
                "NP105",
                "merge keys (<<) are not supported",
                position,
                "write the keys out in full",
            )


def _check_collection_tag(tag: str, mapping: bool, position: Pair) -> None:
    if tag != "!" and tag != (CORE + "map" if mapping else CORE + "seq"):
        raise bad_tag(tag, position)


def _key_text(value: Any, position: Pair) -> str:
    """The text a scalar key is read as (a mapping or list cannot be a key)."""
    if isinstance(value, (dict, list)):
        raise _complex_key(position)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
