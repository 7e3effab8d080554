"""NP1xx: the file itself — YAML syntax, schema, unknown keys, kind and version.

These findings are raised by the loader and the schema, not by a check over a model, and
their severity cannot be changed by a playbook.
"""

from __future__ import annotations

from negplan.findings import Severity
from negplan.rules.base import documented

INVALID_YAML = documented(
    "NP100",
    "invalid-yaml",
    Severity.ERROR,
    """The file is not valid YAML (or not valid UTF-8/UTF-16 text).

    Why it matters:
        Nothing else can be checked until the file parses. The finding points at the line and
        column where the parser stopped; the most common causes are tabs used for indentation,
        a missing space after a colon, and unbalanced quotes or brackets.

    Fails:
        deal:
        \ttitle: 2027 renewal      # indented with a tab

    Passes:
        deal:
          title: 2027 renewal

    Options:
        none; this rule cannot be turned off.
    """,
)

SCHEMA = documented(
    "NP101",
    "schema-violation",
    Severity.ERROR,
    """A required key is missing or a value has the wrong type.

    Why it matters:
        Every later check relies on the plan's structure: a date that is not a date or a
        position that is not a number cannot be compared with the playbook.

    Fails:
        deal:
          title: 2027 renewal
          meeting: next tuesday      # not a date; customer and owner missing

    Passes:
        deal:
          title: 2027 renewal
          customer: Acme Corp
          owner: Dana Reyes
          meeting: 2026-12-03

    Options:
        none; this rule cannot be turned off.
    """,
)

UNKNOWN_KEY = documented(
    "NP102",
    "unknown-key",
    Severity.ERROR,
    """A key that the format does not have, usually a typo; the closest valid key is suggested.

    Why it matters:
        A misspelt key is silently ignored by most tools, so the rep believes a walk-away or a
        target is set when it is not. negplan refuses unknown keys instead.

    Fails:
        variables:
          - term: discount
            walkaway: 12            # did you mean 'walk_away'?

    Passes:
        variables:
          - term: discount
            walk_away: 12

    Options:
        none; this rule cannot be turned off.
    """,
)

UNKNOWN_KIND = documented(
    "NP103",
    "unknown-kind",
    Severity.ERROR,
    """The file is not a plan or playbook negplan can read: no or unknown `kind`, or an
    unsupported `version`.

    Why it matters:
        negplan checks each file by its kind. A file named on the command line that is neither
        a plan nor a playbook is reported; inside a directory such files are skipped quietly.

    Fails:
        kind: plans
        version: 1

    Passes:
        kind: plan
        version: 1

    Options:
        none; this rule cannot be turned off.
    """,
)

DUPLICATE_KEY = documented(
    "NP104",
    "duplicate-key",
    Severity.ERROR,
    """The same key appears twice in one mapping; only the first is read.

    Why it matters:
        With two `walk_away:` lines in one variable, which one counts is a matter of luck in
        most tools. negplan reads the first and reports the second.

    Fails:
        - term: discount
          walk_away: 10
          walk_away: 15

    Passes:
        - term: discount
          walk_away: 10

    Options:
        none; this rule cannot be turned off.
    """,
)

UNSUPPORTED_YAML = documented(
    "NP105",
    "unsupported-yaml",
    Severity.ERROR,
    """The file uses a YAML feature negplan refuses, or exceeds an input limit.

    Why it matters:
        Plans and playbooks are plain data. Custom tags (`!!python/object`), merge keys (`<<`),
        complex keys and several documents in one file are refused, and so are files over
        1 MiB, nesting deeper than 64 levels and aliases that expand past 100,000 values, so
        that no input can run code, hang the check or exhaust memory.

    Fails:
        deal: !!python/object:os.system {}

    Passes:
        deal:
          title: 2027 renewal

    Options:
        none; this rule cannot be turned off.
    """,
)

RULES = [INVALID_YAML, SCHEMA, UNKNOWN_KEY, UNKNOWN_KIND, DUPLICATE_KEY, UNSUPPORTED_YAML]
