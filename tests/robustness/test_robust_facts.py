"""One test per measured library behaviour on hostile input that applies to negplan's design.

Each test names the behaviour it guards against (ruamel.yaml, pydantic, the file system) and
proves that the loader, the models or the command line handle it.
"""

from __future__ import annotations

import inspect
import os
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from robust_cases import CORPUS, TODAY

import negplan.loader as loader
from negplan.loader import MAX_DEPTH, MAX_NODES, MAX_TEXT, load
from negplan.models import common, plan, playbook

PLAN = "kind: plan\nversion: 1\n"


def _load_text(tmp_path: Path, text: str) -> loader.Document:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return load(str(path))


def _only(doc: loader.Document) -> tuple[str, int, str]:
    assert doc.data is None, doc.data
    [finding] = doc.findings
    return finding.code, finding.line, finding.message


# --- ruamel.yaml: tags --------------------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        'x: !!python/object/apply:os.system ["touch {marker}"]\n',
        "x: !!python/object/apply:subprocess.check_call [[touch, {marker}]]\n",
        "x: !!python/object/new:subprocess.Popen [[touch, {marker}]]\n",
        "x: !!python/object/apply:builtins.exec [\"open('{marker}', 'w')\"]\n",
        'x: !python/object/apply:os.system ["touch {marker}"]\n',
        'x: !<tag:yaml.org,2002:python/object/apply:os.system> ["touch {marker}"]\n',
    ],
)
def test_no_tag_runs_code(run_cli: Any, tmp_path: Path, template: str) -> None:
    marker = Path(f"/tmp/pwned-{uuid.uuid4().hex}")
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN + template.format(marker=marker), encoding="utf-8")
    for args in (
        ["check", path, "--today", TODAY],
        ["brief", path, "--today", TODAY, "--format", "html", "-o", tmp_path / "b.html"],
        ["new", tmp_path / "n.yaml", "--playbook", path, "--no-input", "--customer", "A",
         "--title", "T", "--owner", "O"],
    ):  # fmt: skip
        result = run_cli(*args)
        assert result.exit_code in (1, 2), result
        assert f"{path}:3:4: error: " in result.stdout + result.stderr, result
        assert "is not allowed" in result.stdout + result.stderr
    assert not marker.exists()
    assert not (tmp_path / "b.html").exists() and not (tmp_path / "n.yaml").exists()


def test_unknown_tags_are_refused_not_kept_as_tagged_data(tmp_path: Path) -> None:
    # The round-trip loader keeps unknown tags silently; negplan refuses them.
    for text in ("x: !secret abc\n", "x: !env {a: 1}\n", "x: !!set {a, b}\n", "x: !!binary aGk=\n"):
        code, line, message = _only(_load_text(tmp_path, text))
        assert (code, line) == ("NP105", 1)
        assert "is not allowed" in message


# --- ruamel.yaml: alias and merge-key bombs -----------------------------------------------


def test_alias_bomb_is_stopped_while_loading_not_on_the_first_walk(tmp_path: Path) -> None:
    # Aliases are shared references, so a bomb loads fast and explodes when walked (repr,
    # json, pydantic). The loader counts every expansion, so the bomb never gets that far.
    start = time.perf_counter()
    code, line, message = _only(load(str(CORPUS / "alias-bomb.yaml")))
    assert (code, line) == ("NP105", 9)
    assert f"more than {MAX_NODES:,} values" in message
    assert time.perf_counter() - start < 2


def test_aliases_within_the_limits_still_work(tmp_path: Path) -> None:
    doc = _load_text(tmp_path, "a: &a [1, 2, 3]\nb: *a\nc: &t some text\nd: *t\n")
    assert doc.data == {"a": [1, 2, 3], "b": [1, 2, 3], "c": "some text", "d": "some text"}


def test_alias_of_long_text_counts_its_characters(tmp_path: Path) -> None:
    text = 'a: &s "' + "x" * 100_000 + '"\nb: [' + ", ".join(["*s"] * 25) + "]\n"
    code, line, message = _only(_load_text(tmp_path, text))
    assert (code, line) == ("NP105", 2)
    assert f"more than {MAX_TEXT:,} characters" in message


def test_merge_key_bomb_is_refused_before_any_expansion(tmp_path: Path) -> None:
    # A safe load expands merge keys as it goes (7 levels took 14 s); negplan refuses `<<`
    # at the first one.
    levels = "".join(
        f"l{i}: &l{i} {{<<: [" + ", ".join([f"*l{i - 1}"] * 10) + "]}\n" for i in range(1, 12)
    )
    start = time.perf_counter()
    code, line, message = _only(_load_text(tmp_path, "l0: &l0 {a: 1, b: 2}\n" + levels))
    assert (code, line) == ("NP105", 2)
    assert "merge keys (<<) are not supported" in message
    assert time.perf_counter() - start < 1


def test_recursive_alias_is_invalid(tmp_path: Path) -> None:
    code, line, message = _only(_load_text(tmp_path, "a: &a [1, *a]\n"))
    assert (code, line) == ("NP100", 1)
    assert "unknown alias *a" in message


# --- ruamel.yaml: nesting depth -----------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 30_000, 400_000])
def test_depth_limit_stops_before_any_recursion_or_crash(tmp_path: Path, depth: int) -> None:
    # The pure loader raises RecursionError above ~490 levels; the C loader segfaults above
    # ~27,000. Events are read iteratively and the load stops at MAX_DEPTH.
    code, line, message = _only(_load_text(tmp_path, "a: " + "[" * depth + "]" * depth + "\n"))
    assert (code, line) == ("NP105", 1)
    assert f"nesting is deeper than {MAX_DEPTH} levels" in message


def test_depth_at_the_limit_loads(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 1  # the top-level mapping is the first level
    doc = _load_text(tmp_path, "a: " + "[" * depth + "]" * depth + "\n")
    assert doc.findings == [] and doc.data is not None


# --- ruamel.yaml: exceptions that are not YAMLError ---------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("d: 2024-02-30\n", None, None),  # impossible date: stays text, no ValueError
        ("n: " + "9" * 4_400 + "\n", "NP105", 1),  # over 4,300 digits: no ValueError
        ("%YAML 1.3\n---\na: 1\n", "NP100", 1),  # AssertionError in the pure parser
        ("? [a, b]\n: 1\n", "NP105", 1),  # unhashable complex key: TypeError in a dict
        ("? {a: 1}\n: 1\n", "NP105", 1),
        ("a: 1\n# comment\n  # indented comment\nb: 2\n", None, None),  # rt NotImplementedError
    ],
)
def test_inputs_that_raise_odd_exceptions_in_ruamel(
    tmp_path: Path, text: str, code: str | None, line: int | None
) -> None:
    doc = _load_text(tmp_path, text)
    if code is None:
        assert doc.findings == [] and doc.data is not None
    else:
        assert [(f.code, f.line) for f in doc.findings] == [(code, line)]


@pytest.mark.parametrize(
    "error",
    [
        RecursionError("maximum recursion depth exceeded"),
        ValueError("day is out of range for month"),
        AssertionError(),
        NotImplementedError("comment layout"),
        TypeError("unhashable type: 'list'"),
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
    ],
)
def test_any_parser_exception_becomes_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    class Exploding:
        def parse(self, text: str) -> Any:
            yield from ()
            raise error

    monkeypatch.setattr(loader, "_yaml_parser", lambda: Exploding())
    doc = _load_text(tmp_path, PLAN)
    [finding] = doc.findings
    assert finding.code in ("NP100", "NP105") and finding.line == 1


def test_yaml_stream_error_becomes_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ruamel.yaml.error import YAMLError, YAMLStreamError

    assert not issubclass(YAMLStreamError, YAMLError)

    class Exploding:
        def parse(self, text: str) -> Any:
            raise YAMLStreamError("stream is closed")

    monkeypatch.setattr(loader, "_yaml_parser", lambda: Exploding())
    [finding] = _load_text(tmp_path, PLAN).findings
    assert finding.code == "NP100" and "invalid YAML" in finding.message


# --- ruamel.yaml: cost traps and YAML 1.2 semantics ---------------------------------------


def test_the_c_parser_is_used(tmp_path: Path) -> None:
    # A 1 MiB single line takes 35-48 s in the pure parser and well under a second in C.
    from ruamel.yaml import CParser  # type: ignore[attr-defined]

    assert CParser is not None
    start = time.perf_counter()
    doc = _load_text(tmp_path, "notes: " + "word " * 200_000 + "\n")
    assert doc.findings == [] and len(doc.data["notes"]) == 999_999
    assert time.perf_counter() - start < 3


def test_integer_keys_with_colliding_hashes_are_fast(tmp_path: Path) -> None:
    # 40k colliding integer keys took ~14 s in ruamel's constructor; negplan keys are text.
    keys = "".join(f"{i * (2**61 - 1)}: {i}\n" for i in range(1, 25_001))
    start = time.perf_counter()
    doc = _load_text(tmp_path, keys)
    assert len(doc.data) == 25_000
    assert time.perf_counter() - start < 3


def test_yaml_1_2_scalars_no_norway_problem(tmp_path: Path) -> None:
    doc = _load_text(tmp_path, "a: no\nb: on\nc: NO\nd: yes\ne: off\nf: 1.10\ng: true\n")
    assert doc.data == {
        "a": "no", "b": "on", "c": "NO", "d": "yes", "e": "off",
        "f": Decimal("1.10"), "g": True,
    }  # fmt: skip


def test_keys_1_and_true_do_not_collide(tmp_path: Path) -> None:
    doc = _load_text(tmp_path, "1: a\ntrue: b\n1.0: c\n")
    assert doc.data == {"1": "a", "true": "b", "1.0": "c"}
    assert doc.findings == []


def test_version_1_10_is_not_version_1(run_cli: Any, write: Any) -> None:
    path = write("plan.yaml", "kind: plan\nversion: 1.10\n")
    result = run_cli("check", path, "--today", TODAY, "--format", "parsable")
    assert result.exit_code == 1
    assert f"{path}:2:10: error: version 1.10 is not supported [NP103]" in result.stdout


def test_c_and_pure_disagreements_get_one_answer(tmp_path: Path) -> None:
    # %YAML 1.1 and duplicate anchors are read the same way every time; lone surrogates are
    # invalid.
    assert _load_text(tmp_path, "%YAML 1.1\n---\na: yes\n").data == {"a": "yes"}
    assert _load_text(tmp_path, "a: &x 1\nb: &x 2\nc: *x\n").data == {"a": 1, "b": 2, "c": 2}
    code, line, _ = _only(_load_text(tmp_path, 'a: "\\ud800"\n'))
    assert (code, line) == ("NP100", 1)


@pytest.mark.parametrize(
    "number", ["1e400", "1e999999999", "-1e999999999", "1e-999999999", "0e99999", "9" * 31]
)
def test_numbers_out_of_range_stop_the_load(tmp_path: Path, number: str) -> None:
    # Decimal keeps these finite, but formatting 1e999999999 as digits takes gigabytes and
    # arithmetic near the exponent limit raises decimal.Overflow.
    code, line, message = _only(_load_text(tmp_path, f"a: 1\nb: {number}\n"))
    assert (code, line) == ("NP105", 2)
    assert "is out of range" in message


def test_numbers_within_range_load_exactly(tmp_path: Path) -> None:
    doc = _load_text(tmp_path, "a: " + "9" * 30 + "\nb: 0.000001\nc: 1e29\nd: 0x1F\n")
    assert doc.data == {"a": int("9" * 30), "b": Decimal("0.000001"), "c": Decimal("1e29"),
                        "d": 31}  # fmt: skip


# --- files --------------------------------------------------------------------------------


def test_fifo_is_refused_without_opening_it_blocking(tmp_path: Path) -> None:
    from negplan.errors import InputError

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        load(str(fifo))


def test_dev_zero_is_refused() -> None:
    from negplan.errors import InputError

    with pytest.raises(InputError, match="not a regular file"):
        load("/dev/zero")


def test_a_file_that_grows_past_the_limit_is_still_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fstat may report a small size for a file that is still growing: the read is capped too.
    path = tmp_path / "plan.yaml"
    path.write_text("a: " + "x" * (loader.MAX_BYTES + 10) + "\n")
    real_fstat = os.fstat

    class Small:
        def __init__(self, real: os.stat_result) -> None:
            self.st_mode = real.st_mode
            self.st_size = 10

    monkeypatch.setattr(os, "fstat", lambda fd: Small(real_fstat(fd)))
    code, line, message = _only(load(str(path)))
    assert (code, line) == ("NP105", 1) and "over the" in message


# --- pydantic -----------------------------------------------------------------------------


def _models() -> list[type[BaseModel]]:
    found = []
    for module in (common, plan, playbook):
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseModel) and value.__module__ == module.__name__:
                found.append(value)
    return found


def test_every_model_hides_input_in_errors_and_rejects_inf_nan() -> None:
    models = _models()
    assert len(models) > 10
    for model in models:
        assert model.model_config.get("hide_input_in_errors") is True, model
        assert model.model_config.get("allow_inf_nan") is False, model


def test_str_of_a_validation_error_does_not_walk_the_input() -> None:
    # On an alias bomb str(ValidationError) took 69 s and 1.4 GB with the input shown.
    shared = ["x" * 1_000] * 1_000
    huge: Any = shared
    for _ in range(4):
        huge = [huge] * 50
    start = time.perf_counter()
    with pytest.raises(ValidationError) as info:
        plan.Plan.model_validate({"kind": "plan", "version": 1, "deal": huge})
    text = str(info.value)
    assert time.perf_counter() - start < 2
    assert "xxxx" not in text and len(text) < 10_000


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "'NaN'", "'Infinity'", "'sNaN'"])
def test_nan_and_infinity_never_reach_a_comparison(run_cli: Any, write: Any, value: str) -> None:
    # NaN silently passes any `a > b` check; positions and numbers reject it with a finding.
    path = write(
        "plan.yaml",
        PLAN + "deal: {title: T, customer: C, owner: O, list_value: " + value + "}\n"
        "variables:\n  - {term: discount, opening: 0, target: " + value + ", walk_away: 10}\n",
    )
    result = run_cli("check", path, "--today", TODAY, "--format", "parsable")
    assert result.exit_code == 1, result
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{path}:3:" in result.stdout and "finite number" in result.stdout
    if not value.startswith("'"):  # quoted, it is an option name for a position, not a number
        assert f"{path}:5:" in result.stdout


@pytest.mark.parametrize("value", ['"1e999999999"', '"-1e99999"', '"1e-999999"'])
def test_quoted_numbers_are_held_to_the_same_range(run_cli: Any, write: Any, value: str) -> None:
    path = write("plan.yaml", PLAN + "deal: {title: T, customer: C, owner: O, list_value: "
                 + value + "}\n")  # fmt: skip
    result = run_cli("check", path, "--today", TODAY, "--format", "parsable")
    assert result.exit_code == 1, result
    assert f"{path}:3:" in result.stdout
    assert "out of range" in result.stdout or "greater than or equal to 0" in result.stdout


@pytest.mark.parametrize("value", ["yes", "on", "'true'", "1", "y"])
def test_bool_fields_are_strict(run_cli: Any, write: Any, value: str) -> None:
    # pydantic's lax bool takes yes/on/1; plan and playbook booleans must be true or false.
    path = write(
        "plan.yaml",
        PLAN + "deal: {title: T, customer: C, owner: O}\n"
        f"counterparts:\n  - {{name: Ana, decision_maker: {value}}}\n",
    )
    result = run_cli("check", path, "--today", TODAY, "--format", "parsable")
    assert result.exit_code == 1, result
    assert f"{path}:5:" in result.stdout and "expected true or false" in result.stdout
