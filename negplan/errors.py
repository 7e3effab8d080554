"""Errors that stop negplan from doing its job (as opposed to findings in a file)."""

from __future__ import annotations

from negplan.escape import visible
from negplan.positions import Position


class NegplanError(Exception):
    """negplan cannot run: a missing file, a broken playbook, a template that won't render.

    The command line prints it as ``path:line:col: error: message`` (plus an optional hint)
    and exits 2. The message and hint often quote a file or a value from one, so they are kept
    :func:`~negplan.escape.visible`, as findings' are; the path is escaped where it is printed.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        position: Position | None = None,
        hint: str | None = None,
    ) -> None:
        message = visible(message)
        super().__init__(message)
        self.message = message
        self.path = path
        self.position = position
        self.hint = None if hint is None else visible(hint)

    def render(self) -> str:
        """The one-line form, prefixed with the file and position when known."""
        where = ""
        if self.path is not None:
            where = visible(self.path)
            if self.position is not None:
                where += f":{self.position.line}:{self.position.col}"
            where += ": "
        return f"{where}error: {self.message}"


class InputError(NegplanError):
    """A file or path the user named cannot be read."""


class PlaybookError(NegplanError):
    """The playbook a plan needs is missing or invalid."""


class TemplateError(NegplanError):
    """A brief template cannot be loaded or rendered."""
