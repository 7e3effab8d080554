"""Positions in a YAML file, and the index that maps a data path to them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

#: A path into loaded data: mapping keys and list indexes, e.g. ("variables", 2, "target").
Path = tuple[str | int, ...]


class Position(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    col: int


#: A position as the loader records it: (line, column), 1-based.
Pair = tuple[int, int]


class IndexNode:
    """The positions inside one mapping or list: of each entry's value and key, and the
    nodes of the entries that are mappings or lists themselves."""

    __slots__ = ("children", "keys", "values")

    def __init__(self) -> None:
        self.values: dict[str | int, Pair] = {}
        self.keys: dict[str | int, Pair] = {}
        self.children: dict[str | int, IndexNode] = {}


class PositionIndex:
    """Where each key and each value of a loaded document starts.

    ``values`` maps a path to the position of the value at that path; ``keys`` maps the
    path of a mapping entry to the position of its key. Both are kept as a tree of
    :class:`IndexNode` (one per mapping or list, the way the loader meets them), which is
    cheaper to build than a path per value; the path dicts are built when asked for.
    """

    def __init__(self) -> None:
        #: The position of the whole document (the path ``()``).
        self.root_value: Pair | None = None
        #: The node of the top-level mapping or list.
        self.root = IndexNode()

    @property
    def values(self) -> dict[Path, Position]:
        """Value positions by path."""
        result: dict[Path, Position] = {}
        if self.root_value is not None:
            result[()] = Position(*self.root_value)
        for path, node in self._nodes():
            for part, position in node.values.items():
                full = (*path, part)
                result[full] = Position(*position)
        return result

    @property
    def keys(self) -> dict[Path, Position]:
        """Key positions by path (mapping entries only)."""
        result: dict[Path, Position] = {}
        for path, node in self._nodes():
            for part, position in node.keys.items():
                full = (*path, part)
                result[full] = Position(*position)
        return result

    def _nodes(self) -> list[tuple[Path, IndexNode]]:
        found: list[tuple[Path, IndexNode]] = []
        pending: list[tuple[Path, IndexNode]] = [((), self.root)]
        while pending:
            path, node = pending.pop()
            found.append((path, node))
            pending.extend(((*path, part), child) for part, child in node.children.items())
        return found

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> Position:
        """Return the position of ``path``, or of its nearest parent that has one.

        With ``key=True`` the position of the mapping key is preferred over its value.
        """
        parts = tuple(path)
        # nodes[i] holds the entries of parts[:i] (None where the tree has no such node).
        nodes: list[IndexNode | None] = [self.root]
        for part in parts[:-1]:
            node = nodes[-1]
            nodes.append(None if node is None else node.children.get(part))
        for length in range(len(parts), 0, -1):
            parent = nodes[length - 1]
            if parent is None:
                continue
            part = parts[length - 1]
            if key and part in parent.keys:
                return Position(*parent.keys[part])
            if part in parent.values:
                return Position(*parent.values[part])
        return Position(*(self.root_value or (1, 1)))
