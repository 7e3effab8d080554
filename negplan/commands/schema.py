"""``negplan schema``: the JSON Schema of plans or playbooks, for editors and validators."""

from __future__ import annotations

import sys

import typer

from negplan.discovery import PlaybookCache
from negplan.errors import NegplanError
from negplan.escape import visible
from negplan.jsonschema_export import SchemaKind, render, write_schema
from negplan.models.playbook import Playbook


def run(kind: SchemaKind, *, output: str | None, force: bool, playbook: str | None = None) -> None:
    """Print the schema of ``kind``, or write it to ``output`` (refusing to replace a file
    negplan did not generate unless ``force``). With ``playbook`` (plans only), the schema
    offers that playbook's terms and their positions."""
    book = _playbook(kind, playbook)
    if output is None or output == "-":
        sys.stdout.write(render(kind, book))
        return
    changed = write_schema(output, kind, force=force, playbook=book)
    typer.echo(visible(f"{'wrote' if changed else 'up to date:'} {output}"))


def _playbook(kind: SchemaKind, source: str | None) -> Playbook | None:
    if source is None:
        return None
    if kind != "plan":
        raise NegplanError(
            "--playbook applies to the plan schema only",
            hint="`negplan schema plan --playbook FILE` offers the playbook's terms in plans",
        )
    loaded = PlaybookCache().usable(source)
    assert loaded.playbook is not None
    return loaded.playbook
