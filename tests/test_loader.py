"""The loader: plain data, YAML 1.2 scalars, positions of every key and value, limits."""

from __future__ import annotations

import inspect
from decimal import Decimal
from pathlib import Path

import pytest
from ruamel.yaml import events

from negplan.loader import MAX_DEPTH, load
from negplan.positions import Position

ROOT = Path(__file__).resolve().parent.parent


def _load(text: str):  # type: ignore[no-untyped-def]
    return load("f.yaml", text=text)


def test_scalars_follow_yaml_1_2_core() -> None:
    doc = _load(
        "a: yes\nb: NO\nc: off\nd: true\ne: 1.5\nf: 12\ng: ~\nh: '12'\ni: 2026-12-01\n"
        "j: .nan\nk: 0x1F\nl: 1e25\n"
    )
    assert doc.data == {
        "a": "yes",
        "b": "NO",
        "c": "off",
        "d": True,
        "e": Decimal("1.5"),
        "f": 12,
        "g": None,
        "h": "12",
        "i": "2026-12-01",
        "j": doc.data["j"],
        "k": 31,
        "l": Decimal("1e25"),
    }
    assert doc.data["j"].is_nan()


def test_positions_of_keys_and_values() -> None:
    doc = _load("deal:\n  title: x\nvariables:\n  - term: discount\n    walk_away: 10\n")
    assert doc.index.keys[("deal", "title")] == Position(2, 3)
    assert doc.index.values[("deal", "title")] == Position(2, 10)
    assert doc.index.values[("variables", 0)] == Position(4, 5)
    assert doc.index.values[("variables", 0, "walk_away")] == Position(5, 16)
    # a missing path resolves to its nearest parent
    assert doc.index.locate(("variables", 0, "target")) == Position(4, 5)


def test_duplicate_keys_are_findings_and_the_first_wins() -> None:
    doc = _load("a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 1, "b": 2}
    (finding,) = doc.findings
    assert (finding.code, finding.line, finding.col) == ("NP104", 3, 1)
    assert finding.message == "duplicate key 'a' (first defined on line 1)"


@pytest.mark.parametrize(
    ("text", "code", "position", "fragment"),
    [
        ("a: [1, 2\n", "NP100", (2, 1), "invalid YAML"),
        ("a:\n\tb: 1\n", "NP100", (2, 1), "invalid YAML"),
        (
            "a: !!python/object/apply:os.system ['true']\n",
            "NP105",
            (1, 4),
            "tag !!python/object/apply:os.system",
        ),
        ("a: !custom 1\n", "NP105", (1, 4), "tag !custom"),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "NP105", (3, 3), "merge keys"),
        ("? [a, b]\n: 1\n", "NP105", (1, 3), "cannot be used as a key"),
        ("a: 1\n---\nb: 2\n", "NP105", (2, 1), "more than one YAML document"),
        ("a: *nothing\n", "NP100", (1, 4), "unknown alias"),
    ],
)
def test_refusals_are_positioned_findings(
    text: str, code: str, position: tuple[int, int], fragment: str
) -> None:
    doc = _load(text)
    assert doc.data is None
    (finding,) = doc.findings
    assert (finding.code, (finding.line, finding.col)) == (code, position)
    assert fragment in finding.message


def test_tabs_get_a_hint() -> None:
    (finding,) = _load("a:\n\tb: 1\n").findings
    assert finding.hint is not None and "tabs" in finding.hint


def test_nesting_limit() -> None:
    doc = _load("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    assert [f.code for f in doc.findings] == ["NP105"]
    assert "nesting is deeper than 64 levels" in doc.findings[0].message


def test_alias_bomb_is_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    doc = _load("\n".join(lines) + "\n")
    assert doc.data is None
    assert "more than 100,000 values" in doc.findings[0].message


def test_small_aliases_are_fine() -> None:
    doc = _load("a: &x {b: 1}\nc: *x\n")
    assert doc.data == {"a": {"b": 1}, "c": {"b": 1}}


def test_non_string_keys_become_text() -> None:
    assert _load("1: a\ntrue: b\n~: c\n").data == {"1": "a", "true": "b", "null": "c"}


def test_encodings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "kind: plan\ntitle: Zürich\n"
    for encoding, bom in (
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ):
        path = tmp_path / f"{encoding}.yaml"
        path.write_bytes(bom + text.encode(encoding))
        assert load(str(path)).data == {"kind": "plan", "title": "Zürich"}
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("a: Z\xfcrich\n".encode("latin-1"))
    (finding,) = load(str(bad)).findings
    assert (finding.code, finding.line, finding.col) == ("NP100", 1, 5)
    assert "not valid UTF-8" in finding.message


def test_loading_leaves_ruamel_event_classes_as_shipped() -> None:
    c_module = pytest.importorskip("_ruamel_yaml")
    names = [name for name in dir(c_module) if name.endswith("Event")]
    before = {name: dict(vars(getattr(events, name))) for name in names}
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        assert load(str(path)).ok
    assert len(names) == 10
    for name in names:
        assert getattr(c_module, name) is getattr(events, name)
        assert dict(vars(getattr(events, name))) == before[name]
        for value in vars(getattr(events, name)).values():
            if inspect.isfunction(value):
                assert value.__module__ == "ruamel.yaml.events"
