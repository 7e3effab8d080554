"""The typer application: global options and every command.

Each command lives in its own module under :mod:`negplan.commands`; heavy imports happen
inside the commands so that ``negplan --help`` and ``--version`` stay fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from negplan import __version__, cli

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
    cli._state["debug"] = debug


def _register() -> None:
    from negplan.commands import brief, check, new, rules, schema, value

    app.command("check")(check.check)
    app.command("brief")(brief.brief)
    app.command("new")(new.new)
    app.command("value")(value.value)
    app.command("schema")(schema.schema)
    app.command("rules")(rules.rules)
    app.command("explain")(rules.explain)


_register()
