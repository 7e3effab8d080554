"""Positions in a YAML file, and the index that maps a data path to them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

#: A path into loaded data: mapping keys and list indexes, e.g. ("variables", 2, "target").
Path = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass
class PositionIndex:
    """Where each key and each value of a loaded document starts.

    ``values`` maps a path to the position of the value at that path; ``keys`` maps the
    path of a mapping entry to the position of its key.
    """

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> Position:
        """Return the position of ``path``, or of its nearest parent that has one.

        With ``key=True`` the position of the mapping key is preferred over its value.
        """
        current = tuple(path)
        while True:
            if key and current in self.keys:
                return self.keys[current]
            if current in self.values:
                return self.values[current]
            if not current:
                return Position(1, 1)
            current = current[:-1]
