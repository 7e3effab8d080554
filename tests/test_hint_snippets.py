"""Every YAML snippet a hint offers (in backticks) is valid YAML when pasted."""

from __future__ import annotations

import functools
import re

from ruamel.yaml import YAML
from support import ROOT, TODAY

from negplan.checking import CheckOptions, check_file
from negplan.discovery import PlaybookCache
from negplan.findings import Finding

SNIPPET = re.compile(r"`([^`]+)`")
PLANS = sorted(
    [
        *(ROOT / "examples").rglob("*.yaml"),
        *(ROOT / "tests" / "data" / "flawed").rglob("*.yaml"),
    ]
)


@functools.cache
def _findings() -> list[Finding]:
    cache = PlaybookCache()
    found: list[Finding] = []
    for path in PLANS:
        result = check_file(
            str(path), explicit=True, options=CheckOptions(today=TODAY), cache=cache
        )
        found += result.findings
    return found


def test_every_pasteable_snippet_in_a_hint_parses() -> None:
    findings = _findings()
    snippets = {
        snippet
        for finding in findings
        if finding.hint
        for snippet in SNIPPET.findall(finding.hint)
        if ":" in snippet and not snippet.startswith("negplan ")
    }
    # the hints that offer an entry to paste are among them
    assert any(s.startswith("- {with: ") for s in snippets), sorted(snippets)
    assert any(s.startswith("give: {term: ") for s in snippets) or any(
        s.startswith("{term: ") for s in snippets
    )
    yaml = YAML(typ="safe")
    for snippet in sorted(snippets):
        yaml.load(snippet)  # raises on invalid YAML


def test_the_sign_off_snippet_is_a_pending_entry_with_its_reach() -> None:
    findings = [f for f in _findings() if f.code in ("NP203", "NP702") and f.hint]
    assert findings
    yaml = YAML(typ="safe")
    for finding in findings:
        assert finding.hint is not None
        entries = [s for s in SNIPPET.findall(finding.hint) if s.startswith("- {with: ")]
        if not entries:
            continue  # "beyond the approval ladder": nothing to paste
        (entry,) = yaml.load(entries[0])
        assert entry["status"] == "pending" and "up_to" in entry
