"""How the command line presents itself: plain help, and clean errors for a bad choice.

typer prints a parameter's Python type in help (``PLAN <str>``, ``PATH... <list[str]>``) and
wraps required arguments in braces in the usage line (``{PLAN}``); it cuts each command's
summary in ``negplan --help`` to fit a width. :class:`PlainCommand`, passed to each command
with ``cls=`` (as typer documents for custom command classes), names parameters by their
metavar alone and lists every summary whole. Choices are plain strings checked by
:func:`one_of`, whose message names the choices and the closest one.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperCommand


class PlainCommand(TyperCommand):
    """A command whose help and usage name each parameter as its metavar (``PLAN``,
    ``FILE``, ``PATH...``), never by a Python type."""

    # ``ctx`` and ``formatter`` are typer's own Context and HelpFormatter, which it does not
    # export under a stable name.
    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS]``, then each argument: ``PLAN``, ``[PATH]...``."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _metavar(param)
                if not param.required:
                    name = f"[{name}]"
                pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections, each parameter by its metavar."""
        sections: dict[str, list[tuple[str, str]]] = {"Arguments": [], "Options": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                name = _metavar(param) + ("..." if param.nargs != 1 else "")
                sections["Arguments"].append((name, record[1]))
            else:
                sections["Options"].append((_option_names(param), record[1]))
        for title, rows in sections.items():
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first paragraph of the help, whole, for the list of commands."""
        if self.short_help or not self.help:
            return super().get_short_help_str(limit)
        return " ".join(inspect.cleandoc(self.help).split("\n\n")[0].split())


def _metavar(param: Any) -> str:
    return str(param.metavar or param.name.upper())


def _option_names(param: Any) -> str:
    names = ", ".join(sorted(param.opts, key=lambda name: name.startswith("--")))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return names
    return f"{names} {_metavar(param)}"


def listed(choices: Sequence[str]) -> str:
    """``a, b or c``."""
    return ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]


def one_of(choices: Sequence[str]) -> Callable[[str], str]:
    """A typer callback that accepts one of ``choices`` in any case and returns it as
    listed; anything else is a usage error naming the choices and the closest one."""

    def check(value: str) -> str:
        by_case = {choice.lower(): choice for choice in choices}
        if value.lower() in by_case:
            return by_case[value.lower()]
        message = f"'{value}' is not one of {', '.join(choices)}"
        close = difflib.get_close_matches(value.lower(), list(by_case), n=1, cutoff=0.6)
        if close:
            message += f"; did you mean '{by_case[close[0]]}'?"
        raise typer.BadParameter(message)

    return check
