"""``negplan new``: a starter plan from the playbook.

:mod:`~negplan.scaffold.answers` reads what the rep gives, :mod:`~negplan.scaffold.terms` works
out each term's starting positions and comment, :mod:`~negplan.scaffold.plan` writes the plan.
"""

from negplan.scaffold.answers import (
    Answers,
    currency_warning,
    find_root,
    optional_terms,
    parse_currency,
    parse_date,
    parse_value,
    resolve_terms,
    slug,
)
from negplan.scaffold.plan import PLACEHOLDER, Scaffold, build_plan, render_plan
from negplan.scaffold.terms import positions, term_notes

__all__ = [
    "PLACEHOLDER",
    "Answers",
    "Scaffold",
    "build_plan",
    "currency_warning",
    "find_root",
    "optional_terms",
    "parse_currency",
    "parse_date",
    "parse_value",
    "positions",
    "render_plan",
    "resolve_terms",
    "slug",
    "term_notes",
]
