"""The ``negplan`` command line: the typer app, global options and error handling.

Each command lives in its own module under :mod:`negplan.commands`; heavy imports happen
inside the commands so that ``negplan --help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from negplan import __version__

app = typer.Typer(
    name="negplan",
    help="Prepare negotiations: check plans against the company playbook and print a "
    "one-page prep brief.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"negplan {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an internal error.")
    ] = False,
) -> None:
    _state["debug"] = debug


def err(message: str) -> None:
    """Write one line to stderr."""
    sys.stderr.write(message + "\n")


@contextmanager
def guard() -> Iterator[None]:
    """Turn :class:`NegplanError` into a one-line message and exit 2; hide our own bugs'
    tracebacks unless ``--debug`` is on."""
    from negplan.errors import NegplanError

    try:
        yield
    except NegplanError as exc:
        err(exc.render())
        if exc.hint:
            err(f"hint: {exc.hint}")
        raise typer.Exit(2) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt, SystemExit):
        raise
    except BrokenPipeError:
        raise typer.Exit(1) from None
    except Exception as exc:
        if _state["debug"]:
            raise
        err(f"negplan: internal error: {type(exc).__name__}: {exc}".splitlines()[0][:300])
        err("hint: this is a bug in negplan; run again with --debug for the full traceback")
        raise typer.Exit(3) from None


def _register() -> None:
    from negplan.commands import check, rules

    app.command("check")(check.check)
    app.command("rules")(rules.rules)
    app.command("explain")(rules.explain)
    from negplan.commands import brief

    app.command("brief")(brief.brief)
    from negplan.commands import new, schema

    app.command("new")(new.new)
    app.command("schema")(schema.schema)
    from negplan.commands import value

    app.command("value")(value.value)


_register()


def main() -> None:
    """Console-script entry point."""
    app()
