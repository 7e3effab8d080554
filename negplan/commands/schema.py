"""``negplan schema``: the JSON Schema of plans or playbooks, for editors and validators."""

from __future__ import annotations

import sys

import typer

from negplan.jsonschema_export import SchemaKind, render, write_schema


def run(kind: SchemaKind, *, output: str | None, force: bool) -> None:
    """Print the schema of ``kind``, or write it to ``output`` (refusing to replace a file
    negplan did not generate unless ``force``)."""
    if output is None or output == "-":
        sys.stdout.write(render(kind))
        return
    changed = write_schema(output, kind, force=force)
    typer.echo(f"{'wrote' if changed else 'up to date:'} {output}")
