"""Property tests: whatever YAML it is fed, ``check`` answers with 0, 1 or 2 and never raises."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from support import CLEAN_TEXT
from typer.testing import CliRunner

from negplan.cli import app

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["2026-02-30", "NO", "yes", ".nan", "1e400", "<script>", "|", "{{ 7*7 }}"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=15,
)


def _run(text: str) -> tuple[int, str, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(
            app,
            ["check", str(path), "--today", "2026-11-23", "--format", "json"],
            catch_exceptions=False,
        )
    return result.exit_code, result.stdout, result.stderr, str(path)


def _assert_answer(text: str) -> None:
    code, out, err, path = _run(text)
    assert code in (0, 1, 2), (code, out, err)
    assert "Traceback" not in out + err
    document = json.loads(out)
    findings = document["files"][0]["findings"] if document["files"] else []
    for finding in findings:
        assert finding["path"] == path
        assert finding["line"] >= 1 and finding["column"] >= 1
    if code == 2:
        assert path in err
    if code == 1:
        assert findings


@SETTINGS
@given(st.text(max_size=200))
def test_random_text(text: str) -> None:
    _assert_answer(text)


@SETTINGS
@given(_values)
def test_random_documents(value: Any) -> None:
    yaml = YAML(typ="safe", pure=True)
    from io import StringIO

    stream = StringIO()
    yaml.dump(value, stream)
    _assert_answer(stream.getvalue())


def _mutations(data: Any, rng: random.Random) -> Any:
    """Replace, drop or retype one random node of the clean plan."""
    paths: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in list(node):
                paths.append((node, key))
                walk(node[key])
        elif isinstance(node, list):
            for i in range(len(node)):
                paths.append((node, i))
                walk(node[i])

    walk(data)
    parent, key = rng.choice(paths)
    action = rng.choice(["drop", "retype", "extreme", "unicode"])
    if action == "drop":
        del parent[key]
    elif action == "retype":
        parent[key] = rng.choice([[1, 2], {"x": 1}, None, True, "text", 3])
    elif action == "extreme":
        parent[key] = rng.choice([10**400, -(10**20), 1e308, 0, -1, "9" * 5000])
    else:
        parent[key] = rng.choice(
            ["\u202e\u0000ab", "日本語テキスト", "🙂" * 50, "a|b\n# c", "\ud7ff"]
        )
    return data


@SETTINGS
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=4))
def test_mutated_clean_plan(seed: int, rounds: int) -> None:
    rng = random.Random(seed)
    yaml = YAML(typ="safe", pure=True)
    data = yaml.load(CLEAN_TEXT)
    for _ in range(rounds):
        data = _mutations(data, rng)
    from io import StringIO

    stream = StringIO()
    yaml.dump(data, stream)
    _assert_answer(stream.getvalue())
