"""The loader: plain data, YAML 1.2 scalars, positions of every key and value, limits."""

from __future__ import annotations

import inspect
from decimal import Decimal
from pathlib import Path

import pytest
from ruamel.yaml import events

from negplan.loader import MAX_DEPTH, MAX_NODES, load
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


def test_positions_in_nested_and_flow_collections() -> None:
    text = (
        "deal:\n"
        "  parties:\n"
        "    - name: Acme\n"
        "      roles: [buyer, payer]\n"
        "    - {name: Initech, roles: []}\n"
        "  grid:\n"
        "    - [1, 2]\n"
        "    -   - 3\n"
    )
    doc = _load(text)
    assert doc.data["deal"]["grid"] == [[1, 2], [3]]
    assert doc.index.values[()] == Position(1, 1)
    assert doc.index.values[("deal",)] == Position(2, 3)
    assert doc.index.keys[("deal", "parties")] == Position(2, 3)
    assert doc.index.values[("deal", "parties")] == Position(3, 5)
    assert doc.index.keys[("deal", "parties", 0, "roles")] == Position(4, 7)
    assert doc.index.values[("deal", "parties", 0, "roles")] == Position(4, 14)
    assert doc.index.values[("deal", "parties", 0, "roles", 1)] == Position(4, 22)
    assert doc.index.values[("deal", "parties", 1)] == Position(5, 7)
    assert doc.index.keys[("deal", "parties", 1, "roles")] == Position(5, 23)
    assert doc.index.values[("deal", "parties", 1, "roles")] == Position(5, 30)
    assert doc.index.values[("deal", "grid", 0, 1)] == Position(7, 11)
    assert doc.index.values[("deal", "grid", 1, 0)] == Position(8, 11)
    # lists have no keys
    assert not any(isinstance(path[-1], int) for path in doc.index.keys)


def test_a_scalar_document_is_placed_at_the_root() -> None:
    doc = _load("\n  just text\n")
    assert doc.data == "just text"
    assert doc.index.values == {(): Position(2, 3)}


def test_duplicate_keys_are_findings_and_the_first_wins() -> None:
    doc = _load("a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 1, "b": 2}
    (finding,) = doc.findings
    assert (finding.code, finding.line, finding.col) == ("NP104", 3, 1)
    assert finding.message == "duplicate key 'a' (first defined on line 1)"


def test_duplicate_keys_inside_nested_mappings() -> None:
    text = "deal:\n  terms:\n    net: 30\n    cap: 5\n  terms:\n    net: 60\n  owner: x\n"
    doc = _load(text)
    assert doc.data == {"deal": {"terms": {"net": 30, "cap": 5}, "owner": "x"}}
    (finding,) = doc.findings
    assert (finding.code, finding.path, finding.line, finding.col) == ("NP104", "f.yaml", 5, 3)
    assert finding.message == "duplicate key 'terms' (first defined on line 2)"
    assert doc.index.keys[("deal", "terms")] == Position(2, 3)
    assert doc.index.keys[("deal", "owner")] == Position(7, 3)


def test_keys_that_read_the_same_as_text_are_duplicates() -> None:
    doc = _load("1: a\n'1': b\nnull: c\n~: d\n")
    assert doc.data == {"1": "a", "null": "c"}
    assert [(f.line, f.message) for f in doc.findings] == [
        (2, "duplicate key '1' (first defined on line 1)"),
        (4, "duplicate key 'null' (first defined on line 3)"),
    ]


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
        ("a: &x [1]\n*x : 2\n", "NP105", (2, 1), "cannot be used as a key"),
        ("a: !!seq {b: 1}\n", "NP105", (1, 4), "tag !!seq is not allowed"),
        ("a: !!set {b}\n", "NP105", (1, 4), "tag !!set is not allowed"),
        ("a: !!binary aGk=\n", "NP105", (1, 4), "tag !!binary is not allowed on a scalar"),
        ("a: !!int x\n", "NP105", (1, 4), "'x' is not a valid !!int"),
        ("a: 1\n---\nb: 2\n---\nc: 3\n", "NP105", (2, 1), "more than one YAML document"),
        ("a:\n  - 1e99999\n", "NP105", (2, 5), "number 1e99999 is out of range"),
        ("a: [1, " + "9" * 31 + "]\n", "NP105", (1, 8), "is out of range"),
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


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("a: !!str 12\n", {"a": "12"}),
        ("a: !!int '7'\n", {"a": 7}),
        ("a: !!float 1\n", {"a": Decimal(1)}),
        ("a: !!bool true\n", {"a": True}),
        ("a: !!null ~\n", {"a": None}),
        ("a: ! 12\n", {"a": "12"}),
        ("a: !!map {b: 1}\n", {"a": {"b": 1}}),
        ("a: !!seq [1]\n", {"a": [1]}),
        ("'<<': 1\nb: <<\n", {"<<": 1, "b": "<<"}),
        ("--- \na: 1\n...\n", {"a": 1}),
        ("a: " + "9" * 30 + "\n", {"a": 10**30 - 1}),
    ],
)
def test_core_tags_quoted_merge_signs_and_one_explicit_document_load(
    text: str, data: object
) -> None:
    doc = _load(text)
    assert doc.findings == []
    assert doc.data == data


def test_tabs_get_a_hint() -> None:
    (finding,) = _load("a:\n\tb: 1\n").findings
    assert finding.hint is not None and "tabs" in finding.hint


def test_nesting_limit() -> None:
    doc = _load("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    assert [f.code for f in doc.findings] == ["NP105"]
    assert "nesting is deeper than 64 levels" in doc.findings[0].message
    # the root mapping is the first level: the 64th bracket opens the 65th
    assert (doc.findings[0].line, doc.findings[0].col) == (1, 4 + MAX_DEPTH - 1)
    assert _load("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n").findings == []


def test_alias_bomb_is_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    doc = _load("\n".join(lines) + "\n")
    assert doc.data is None
    assert "more than 100,000 values" in doc.findings[0].message


def test_every_alias_counts_the_whole_value_it_repeats() -> None:
    # root list 1 + anchored list (1 + n) + its alias (1 + n) + one more item = MAX_NODES
    n = (MAX_NODES - 4) // 2
    items = ", ".join(["x"] * n)
    at_the_limit = _load(f"- &a [{items}]\n- *a\n- y\n")
    assert at_the_limit.findings == []
    assert at_the_limit.data[1] is at_the_limit.data[0]
    over = _load(f"- &a [{items}]\n- *a\n- y\n- z\n")
    (finding,) = over.findings
    assert (finding.code, finding.line, finding.col) == ("NP105", 4, 3)
    assert finding.message == f"document expands to more than {MAX_NODES:,} values"


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
