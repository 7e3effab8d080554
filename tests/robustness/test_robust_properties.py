"""Property tests over plan-shaped documents, valid and mutated.

Whatever the plan holds, ``check`` exits 0, 1 or 2 with JSON that parses and names the file
for every problem, and ``brief`` never lets plan text become Markdown or HTML markup.
"""

from __future__ import annotations

import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from robust_cases import TODAY
from test_robust_outputs import _assert_no_active_markup, _table_shapes
from typer.testing import CliRunner

from negplan.cli import app
from negplan.loader import load

ROOT = Path(__file__).resolve().parents[2]
CLEAN = load(str(ROOT / "examples" / "clean-renewal.yaml")).data
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: YAML written as is (not quoted) in place of a value.
RAW = [
    ".nan", ".inf", "-.inf", "1e400", "-1e999999999", "9" * 4_400, "0x" + "f" * 40, "yes",
    "NO", "off", "~", "2024-02-30", "2026-13-01", "!!python/object/apply:os.system ['true']",
    "!custom x", "*undefined", "[]", "{}", "'1e999999999'", "-0", "0.0000000000000000000001",
]  # fmt: skip
MARKUP = [
    "<script>alert(1)</script>", "|", "a | b", "\n# heading\n", "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))", "{{ 7*7 }}", "{% raw %}", "**", "`", "\\", "&amp;", "<!--",
    "\u202e", "\u0000", "\x1b[2J", "\r\n", "\t", "\ud7ff\ue000", "😀", "\u0301", " ",
]  # fmt: skip

_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(MARKUP),
    st.lists(st.sampled_from(MARKUP), min_size=1, max_size=5).map("".join),
)
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(lambda d: Decimal(d)),
    _text,
    st.sampled_from(RAW).map(lambda raw: ("raw", raw)),
)
_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*prefix, i))
    return found


_ALL_PATHS = _paths(CLEAN)


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


_STRING_PATHS = [p for p in _ALL_PATHS if isinstance(_get(CLEAN, p), str)]

_mutation = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(_ALL_PATHS), _value),
    st.tuples(st.just("delete"), st.sampled_from(_ALL_PATHS), st.none()),
    st.tuples(st.just("text"), st.sampled_from(_STRING_PATHS), _text),
)


def _copy(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))


def _apply(data: Any, mutations: list[tuple[str, tuple[Any, ...], Any]]) -> Any:
    for action, path, value in mutations:
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            key = path[-1]
            if action == "delete":
                del parent[key]
            else:
                parent[key] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced the path
    return data


def _to_yaml(data: Any) -> str:
    """JSON is YAML; raw values and Decimals are spliced in as plain YAML scalars."""
    raws: list[str] = []

    def encode(value: Any) -> Any:
        if isinstance(value, tuple) and len(value) == 2 and value[0] == "raw":
            raws.append(value[1])
            return f"@@RAW{len(raws) - 1}@@"
        if isinstance(value, Decimal):
            raws.append(str(value))
            return f"@@RAW{len(raws) - 1}@@"
        if isinstance(value, dict):
            return {str(k): encode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [encode(v) for v in value]
        return value

    text = json.dumps(encode(data), indent=1, ensure_ascii=True)
    return re.sub(r'"@@RAW(\d+)@@"', lambda m: raws[int(m.group(1))], text) + "\n"


def _plan_text(mutations: list[tuple[str, tuple[Any, ...], Any]]) -> str:
    data = _apply(_copy(CLEAN), mutations)
    # Numbers in the clean plan came from YAML; keep them numbers.
    return _to_yaml(_restore_numbers(data, CLEAN))


def _restore_numbers(data: Any, original: Any) -> Any:
    if isinstance(data, dict) and isinstance(original, dict):
        return {k: _restore_numbers(v, original.get(k)) for k, v in data.items()}
    if isinstance(data, list) and isinstance(original, list):
        return [
            _restore_numbers(v, original[i] if i < len(original) else None)
            for i, v in enumerate(data)
        ]
    if isinstance(original, Decimal) and isinstance(data, str) and data == str(original):
        return original
    return data


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _check(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "plan.yaml")
        Path(path).write_text(text, encoding="utf-8")
        code, out, err = _invoke("check", path, "--today", TODAY, "--format", "json")
        assert code in (0, 1, 2), (code, out, err)
        assert "Traceback" not in out + err and "internal error" not in err, err
        document = json.loads(out)
        [entry] = document["files"]
        assert entry["path"] == path
        if code == 1:
            assert entry["findings"], document
        if code == 2:
            assert entry["error"] is not None and entry["error"]["path"] == path
            assert err.startswith(f"{path}")
        for finding in entry["findings"]:
            assert finding["path"] == path
            assert finding["line"] >= 1 and finding["column"] >= 1
            assert "\n" not in finding["message"]
        assert document["summary"]["exit_code"] == code


@SETTINGS
@given(st.lists(_mutation, max_size=4))
def test_check_on_mutated_plans(mutations: list[tuple[str, tuple[Any, ...], Any]]) -> None:
    _check(_plan_text(mutations))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "replace")))
def test_check_on_arbitrary_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "plan.yaml")
        Path(path).write_bytes(b"kind: plan\nversion: 1\n" + data)
        code, out, err = _invoke("check", path, "--today", TODAY, "--format", "json")
        assert code in (0, 1, 2), (code, out, err)
        assert "Traceback" not in out + err and "internal error" not in err, err
        json.loads(out)


_CLEAN_MD_TABLES: list[set[int]] = []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.just("text"), st.sampled_from(_STRING_PATHS), _text), max_size=6))
def test_brief_never_emits_markup_from_the_plan(
    mutations: list[tuple[str, tuple[Any, ...], Any]],
) -> None:
    text = _plan_text(mutations)
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "plan.yaml")
        Path(path).write_text(text, encoding="utf-8")
        code, md, err = _invoke("brief", path, "--today", TODAY, "--format", "md")
        assert code in (0, 1, 2), (code, err)
        assert "Traceback" not in md + err and "internal error" not in err, err
        if code != 0:
            assert err.startswith(path), err
            return
        html = MarkdownIt("commonmark").enable("table").render(md)
        _assert_no_active_markup(html)
        assert all(len(shape) == 1 for shape in _table_shapes(html)), md
        assert "\x1b" not in md
        code, page, err = _invoke("brief", path, "--today", TODAY, "--format", "html")
        assert code == 0, err
        _assert_no_active_markup(page)
