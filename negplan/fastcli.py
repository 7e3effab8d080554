"""A fast entry for ``negplan check`` and ``negplan --version``, without typer.

``check`` runs on every commit, and importing typer (which builds its parameter types with
pydantic) costs more than checking a plan. :func:`parse_check` reads the ``check`` options
exactly as the typer command does, but only in the plain forms: for anything else (``--help``,
an unknown or repeated-looking option, a value that needs converting or an error message) it
gives up and :func:`negplan.cli.main` hands the whole command line to typer, so messages and
behaviour stay those of the typer application. A test compares both parsers on a table of
command lines.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

_DIGITS = re.compile(r"[0-9]+")
_FORMATS = ("auto", "text", "parsable", "json", "github", "sarif")
_VALUE_OPTIONS = {
    "--playbook": "playbook",
    "-p": "playbook",
    "--format": "output_format",
    "-f": "output_format",
    "--today": "today",
    "--jobs": "jobs",
    "-j": "jobs",
}
_FLAGS = {"--strict": "strict", "--skip-unknown": "skip_unknown"}


def parse_check(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of :func:`~negplan.commands.check_run.run_check` for the
    arguments after ``check``, or ``None`` when only typer should read them."""
    values: dict[str, Any] = {
        "playbook": None,
        "output_format": "auto",
        "strict": False,
        "skip_unknown": False,
        "today": None,
        "jobs": None,
    }
    paths: list[str] = []
    rest = list(args)
    only_paths = False
    while rest:
        arg = rest.pop(0)
        if only_paths or not arg.startswith("-"):
            paths.append(arg)
            continue
        if arg == "--":
            only_paths = True
            continue
        if arg in _FLAGS:
            values[_FLAGS[arg]] = True
            continue
        if arg.startswith("--"):
            name, equals, value = arg.partition("=")
            if name not in _VALUE_OPTIONS:
                return None
            if not equals:
                if not rest or rest[0].startswith("-"):
                    return None
                value = rest.pop(0)
        else:
            name, value = arg[:2], arg[2:]
            if name not in _VALUE_OPTIONS:
                return None
            if not value:
                if not rest or rest[0].startswith("-"):
                    return None
                value = rest.pop(0)
        converted = _convert(_VALUE_OPTIONS[name], value)
        if converted is None:
            return None
        values[_VALUE_OPTIONS[name]] = converted
    from negplan.report import OutputFormat

    values["output_format"] = OutputFormat(values["output_format"])
    values["paths"] = paths or None
    return values


def _convert(option: str, value: str) -> Any:
    if option == "output_format":
        lowered = value.lower()
        return lowered if value.isascii() and lowered in _FORMATS else None
    if option == "jobs":
        if not _DIGITS.fullmatch(value) or int(value) < 1:
            return None
        return int(value)
    return value


def run(argv: list[str]) -> int | None:
    """Run ``argv`` (without the program name) when it is ``--version`` or a ``check`` this
    module fully understands; return the exit code, or ``None`` to leave it to typer."""
    if argv == ["--version"]:
        from negplan import __version__

        sys.stdout.write(f"negplan {__version__}\n")
        return _flushed(0)
    debug = argv[:1] == ["--debug"]
    args = argv[1:] if debug else argv
    if args[:1] != ["check"]:
        return None
    parsed = parse_check(args[1:])
    if parsed is None:
        return None
    from negplan.cli import _state, guard
    from negplan.commands.check_run import run_check

    _state["debug"] = debug
    try:
        with guard():
            code = run_check(parsed.pop("paths"), **parsed)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except Exception as exc:  # typer.Exit, when the typer application is loaded as well
        exit_code = getattr(exc, "exit_code", None)
        if not isinstance(exit_code, int):
            raise
        code = exit_code
    return _flushed(code)


def _flushed(code: int) -> int:
    # A reader that closed the pipe early: exit 1 quietly, as the typer application does.
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code
