"""The documentation stays in step with the code."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_formats_reference_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_formats.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_lists_every_rule() -> None:
    from negplan.rules import RULES

    readme = (ROOT / "README.md").read_text("utf-8")
    missing = [code for code in RULES if code not in readme]
    assert missing == []
