"""A fast entry for ``negplan check``, ``negplan brief`` and ``negplan --version``, without
typer.

``check`` runs on every commit and ``brief`` before every meeting, and importing typer (which
builds its parameter types with pydantic) costs more than checking a plan. :func:`parse_check`
and :func:`parse_brief` read the options exactly as the typer commands do, but only in the
plain forms: for anything else (``--help``, an unknown or repeated-looking option, a value
that needs converting or an error message) they give up and :func:`negplan.cli.main` hands the
whole command line to typer, so messages and behaviour stay those of the typer application.
Tests compare both parsers on tables of command lines.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from typing import Any

_DIGITS = re.compile(r"[0-9]+")


def _choice(*choices: str) -> Callable[[str], str | None]:
    # A case-insensitive choice; anything but plain ASCII is left to typer's own matching.
    def convert(value: str) -> str | None:
        lowered = value.lower()
        return lowered if value.isascii() and lowered in choices else None

    return convert


def _positive(value: str) -> int | None:
    if not _DIGITS.fullmatch(value) or int(value) < 1:
        return None
    return int(value)


class _Spec:
    """The options of one command: value options and flags by name, and their defaults.

    (A plain class: a dataclass or a named tuple would add a millisecond or more to every
    start, ``--version`` included.)
    """

    __slots__ = ("convert", "defaults", "flags", "values")

    def __init__(
        self,
        *,
        defaults: dict[str, Any],
        values: dict[str, str],
        flags: dict[str, str],
        convert: dict[str, Callable[[str], Any]],
    ) -> None:
        self.defaults = defaults
        #: option name -> keyword argument, for options that take a value
        self.values = values
        #: option name -> keyword argument, for on/off flags
        self.flags = flags
        #: keyword argument -> conversion (``None`` when the value is not acceptable)
        self.convert = convert


_CHECK = _Spec(
    defaults={
        "playbook": None,
        "output_format": "auto",
        "strict": False,
        "skip_unknown": False,
        "today": None,
        "jobs": None,
    },
    values={
        "--playbook": "playbook",
        "-p": "playbook",
        "--format": "output_format",
        "-f": "output_format",
        "--today": "today",
        "--jobs": "jobs",
        "-j": "jobs",
    },
    flags={"--strict": "strict", "--skip-unknown": "skip_unknown"},
    convert={
        "output_format": _choice("auto", "text", "parsable", "json", "github", "sarif"),
        "jobs": _positive,
    },
)
_BRIEF = _Spec(
    defaults={
        "output_format": "auto",
        "output": None,
        "force": False,
        "redact": False,
        "strict": False,
        "playbook": None,
        "today": None,
        "paper": "a4",
    },
    values={
        "--format": "output_format",
        "-f": "output_format",
        "--output": "output",
        "-o": "output",
        "--playbook": "playbook",
        "-p": "playbook",
        "--today": "today",
        "--paper": "paper",
    },
    flags={"--force": "force", "--redact": "redact", "--strict": "strict"},
    convert={
        "output_format": _choice("auto", "md", "html", "pdf"),
        "paper": _choice("a4", "letter"),
    },
)


def _parse(spec: _Spec, args: list[str]) -> tuple[dict[str, Any], list[str]] | None:
    # The options and the positional arguments, or None when only typer should read them.
    values = dict(spec.defaults)
    positional: list[str] = []
    rest = list(args)
    only_positional = False
    while rest:
        arg = rest.pop(0)
        if only_positional or not arg.startswith("-"):
            positional.append(arg)
            continue
        if arg == "--":
            only_positional = True
            continue
        if arg in spec.flags:
            values[spec.flags[arg]] = True
            continue
        if arg.startswith("--"):
            name, equals, value = arg.partition("=")
            if name not in spec.values:
                return None
            if not equals:
                if not rest or rest[0].startswith("-"):
                    return None
                value = rest.pop(0)
        else:
            name, value = arg[:2], arg[2:]
            if name not in spec.values:
                return None
            if not value:
                if not rest or rest[0].startswith("-"):
                    return None
                value = rest.pop(0)
        keyword = spec.values[name]
        convert = spec.convert.get(keyword)
        converted = value if convert is None else convert(value)
        if converted is None:
            return None
        values[keyword] = converted
    return values, positional


def parse_check(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of :func:`~negplan.commands.check_run.run_check` for the
    arguments after ``check``, or ``None`` when only typer should read them."""
    parsed = _parse(_CHECK, args)
    if parsed is None:
        return None
    values, paths = parsed
    from negplan.report import OutputFormat

    values["output_format"] = OutputFormat(values["output_format"])
    values["paths"] = paths or None
    return values


def parse_brief(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of :func:`~negplan.commands.brief_run.run_brief` (the plan as
    ``plan``) for the arguments after ``brief``, or ``None`` when only typer should read
    them (including a missing plan or more than one)."""
    parsed = _parse(_BRIEF, args)
    if parsed is None:
        return None
    values, plans = parsed
    if len(plans) != 1:
        return None
    values["plan"] = plans[0]
    return values


def run(argv: list[str]) -> int | None:
    """Run ``argv`` (without the program name) when it is ``--version``, or a ``check`` or
    ``brief`` this module fully understands; return the exit code, or ``None`` to leave it
    to typer."""
    if argv == ["--version"]:
        from negplan import __version__

        sys.stdout.write(f"negplan {__version__}\n")
        return _flushed(0)
    debug = argv[:1] == ["--debug"]
    args = argv[1:] if debug else argv
    body: Callable[[], int]
    if args[:1] == ["check"]:
        checking = parse_check(args[1:])
        if checking is None:
            return None
        from negplan.commands.check_run import run_check

        body = functools.partial(run_check, checking.pop("paths"), **checking)
    elif args[:1] == ["brief"]:
        briefing = parse_brief(args[1:])
        if briefing is None:
            return None
        from negplan.commands.brief_run import run_brief

        body = functools.partial(run_brief, briefing.pop("plan"), **briefing)
    else:
        return None
    from negplan.cli import _state, guard

    _state["debug"] = debug
    try:
        with guard():
            code = body()
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
