"""``negplan schema``: the JSON Schema of plans or playbooks, for editors and validators."""

from __future__ import annotations

import enum
import sys
from typing import Annotated, Literal

import typer


class SchemaKind(str, enum.Enum):
    """Which file kind to describe."""

    PLAN = "plan"
    PLAYBOOK = "playbook"


def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(help="plan or playbook.", metavar="KIND", case_sensitive=False),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (atomically) instead of stdout. An existing file is "
            "replaced only if negplan generated it, or with --force.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite FILE even if negplan did not write it.")
    ] = False,
) -> None:
    """Print the JSON Schema (draft-07) of a plan or a playbook, generated from the models."""
    from negplan.cli import guard
    from negplan.jsonschema_export import render, write_schema

    with guard():
        name: Literal["plan", "playbook"] = "plan" if kind is SchemaKind.PLAN else "playbook"
        if output is None or output == "-":
            sys.stdout.write(render(name))
            return
        changed = write_schema(output, name, force=force)
        typer.echo(f"{'wrote' if changed else 'up to date:'} {output}")
