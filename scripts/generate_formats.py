"""Regenerate the field tables in docs/formats.md from the pydantic models.

Usage: ``python scripts/generate_formats.py`` rewrites the tables between the
``<!-- fields:plan -->`` / ``<!-- fields:playbook -->`` markers; ``--check`` exits 1 if the
file is out of date (the test suite runs it).
"""

from __future__ import annotations

import enum
import re
import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel

from negplan.models.debrief import Debrief
from negplan.models.plan import Plan
from negplan.models.playbook import Playbook

DOC = Path(__file__).resolve().parent.parent / "docs" / "formats.md"
README = Path(__file__).resolve().parent.parent / "README.md"
DEBRIEF_DOC = Path(__file__).resolve().parent.parent / "docs" / "debrief.md"
_NAMES = {
    "Decimal": "number",
    "str": "text",
    "date": "date (YYYY-MM-DD)",
    "bool": "true/false",
    "int": "whole number",
}


def _type(annotation: typing.Any) -> str:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        if any("PlainValidator" in type(m).__name__ for m in annotation.__metadata__):
            return "position"
        return _type(args[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(dict.fromkeys(_type(a) for a in args if a is not type(None)))
    if origin is list:
        return f"list of {_type(args[0])}"
    if origin is dict:
        return f"map of {_type(args[0])} to {_type(args[1])}"
    if origin is typing.Literal:
        return " / ".join(str(a) for a in args)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return " / ".join(str(m.value) for m in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    name = getattr(annotation, "__name__", str(annotation))
    return _NAMES.get(name, name)


def _models(annotation: typing.Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def tables(root: type[BaseModel]) -> str:
    """Markdown tables for a model and every model nested in it."""
    out: list[str] = []
    seen: set[type[BaseModel]] = set()
    queue = [root]
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.add(model)
        doc = " ".join((model.__doc__ or "").split())
        out += [
            f"#### {model.__name__}",
            "",
            doc,
            "",
            "| key | type | required | meaning |",
            "|---|---|---|---|",
        ]
        for name, field in model.model_fields.items():
            key = field.alias or name
            description = (field.description or "").replace("|", "\\|")
            required = "yes" if field.is_required() else "no"
            out.append(f"| `{key}` | {_type(field.annotation)} | {required} | {description} |")
            queue += _models(field.annotation)
        out.append("")
    return "\n".join(out)


def render(text: str) -> str:
    """``text`` with both marker blocks regenerated."""
    for kind, model in (("plan", Plan), ("playbook", Playbook), ("debrief", Debrief)):
        pattern = re.compile(
            rf"(<!-- fields:{kind} -->\n).*?(<!-- /fields:{kind} -->)", flags=re.DOTALL
        )
        text = pattern.sub(lambda m, model=model: m.group(1) + tables(model) + m.group(2), text)
    return text


def rule_table() -> str:
    """The README's rule table, from the rule registry."""
    from negplan.rules import RULES

    rows = ["| code | name | default | checks |", "|---|---|---|---|"]
    for rule in RULES.values():
        summary = rule.summary.replace("|", "\\|")
        rows.append(f"| {rule.code} | `{rule.name}` | {rule.severity.value} | {summary} |")
    return "\n".join(rows) + "\n"


def render_readme(text: str) -> str:
    """``text`` with the rule table regenerated."""
    pattern = re.compile(r"(<!-- rules -->\n).*?(<!-- /rules -->)", flags=re.DOTALL)
    return pattern.sub(lambda m: m.group(1) + rule_table() + m.group(2), text)


def main() -> int:
    """Rewrite docs/formats.md, docs/debrief.md and the README's rule table; ``--check`` only
    compares."""
    stale = []
    for path, renderer in ((DOC, render), (DEBRIEF_DOC, render), (README, render_readme)):
        current = path.read_text("utf-8")
        fresh = renderer(current)
        if fresh != current:
            stale.append(path.name)
            if "--check" not in sys.argv:
                path.write_text(fresh, "utf-8")
    if stale and "--check" in sys.argv:
        print(", ".join(stale) + " out of date: run python scripts/generate_formats.py")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
