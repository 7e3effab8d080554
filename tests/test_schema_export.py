"""``negplan schema``: JSON Schema for editors, checked with the independent jsonschema library.

The YAML files are read the way an editor's YAML language server reads them (YAML 1.2 core:
an unquoted 2027-02-10 is text). ruamel's safe loader turns such dates into ``date`` objects,
so they are turned back into their ISO text before validating.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CLEAN, EXAMPLES, PLAYBOOKS, ROOT
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from negplan.checking import CheckOptions, check_document
from negplan.discovery import BUNDLED, PlaybookCache, load_playbook
from negplan.jsonschema_export import DIALECT, MARKER, build_schema
from negplan.loader import load

VALIDATORS = [jsonschema.Draft7Validator, jsonschema.Draft202012Validator]
#: Keywords from drafts after 07, which editors' YAML language server does not implement.
NEWER_KEYWORDS = {
    "prefixItems", "unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$dynamicAnchor",
    "$recursiveRef", "$recursiveAnchor", "$anchor", "dependentRequired", "dependentSchemas",
    "minContains", "maxContains", "$vocabulary", "contentSchema",
}  # fmt: skip
SCHEMA_CODES = {"NP100", "NP101", "NP102", "NP103", "NP104", "NP105"}


def _yaml_files() -> list[Path]:
    files = sorted(EXAMPLES.rglob("*.yaml")) + sorted(PLAYBOOKS.glob("*.yaml"))
    files.append(ROOT / "negplan" / "data" / "default-playbook.yaml")
    return [p for p in files if _kind(p) in ("plan", "playbook")]


def _kind(path: Path) -> str | None:
    data = load(str(path)).data
    return data.get("kind") if isinstance(data, dict) else None


def _as_editor_sees(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


class _EditorConstructor(SafeConstructor):
    """YAML 1.2 core has no timestamps: keep 2027-02-10 as text, as editors do."""


_EditorConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def _read(path: Path) -> Any:
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _EditorConstructor
    return _as_editor_sees(yaml.load(path.read_text(encoding="utf-8")))


def _schema_findings(path: Path) -> list[str]:
    """negplan's own verdict at the schema stage: NP1xx findings."""
    result = check_document(
        load(str(path)), explicit=True, options=CheckOptions(today=dt.date(2026, 11, 23)),
        cache=PlaybookCache(),
    )  # fmt: skip
    return [f"{f.code} {f.message}" for f in result.findings if f.code in SCHEMA_CODES]


def _errors(validator: type, schema: dict[str, Any], data: Any) -> list[str]:
    checker = validator(schema, format_checker=validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in checker.iter_errors(data)]


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


# ---- the schemas themselves -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["plan", "playbook"])
@pytest.mark.parametrize("validator", VALIDATORS, ids=lambda v: v.__name__)
def test_schema_is_valid_under_draft_07_and_2020_12(kind, validator):
    validator.check_schema(build_schema(kind))


@pytest.mark.parametrize("kind", ["plan", "playbook"])
def test_schema_header_and_portable_keywords(kind):
    schema = build_schema(kind)
    assert schema["$schema"] == DIALECT
    assert schema["title"] == f"negplan {kind}"
    assert schema["$comment"].startswith(MARKER)
    assert schema["properties"]["kind"]["const"] == kind
    assert schema["properties"]["version"]["const"] == 1
    assert schema["additionalProperties"] is False
    for node in _walk(schema):
        assert not NEWER_KEYWORDS & set(node), node
        if "$ref" in node:
            assert set(node) == {"$ref"}, f"draft-07 ignores keywords beside $ref: {node}"
            assert node["$ref"].startswith("#/$defs/")


@pytest.mark.parametrize("kind", ["plan", "playbook"])
def test_every_field_has_a_description(kind):
    schema = build_schema(kind)
    for node in _walk(schema):
        for name, prop in node.get("properties", {}).items():
            if isinstance(prop, dict):
                assert prop.get("description"), f"{name} has no description"


def test_closed_vocabularies_are_enums():
    plan, playbook = build_schema("plan"), build_schema("playbook")
    assert plan["$defs"]["Stance"]["enum"] == [
        "champion",
        "supporter",
        "neutral",
        "skeptic",
        "blocker",
    ]
    assert plan["$defs"]["AlignmentStatus"]["enum"] == ["agreed", "pending", "disputed"]
    assert set(playbook["$defs"]["Unit"]["enum"]) >= {"percent", "choice", "yes_no"}
    assert set(playbook["$defs"]["Severity"]["enum"]) == {"off", "info", "warning", "error"}
    alignment = plan["$defs"]["Alignment"]
    assert "with" in alignment["properties"] and "with" in alignment["required"]


# ---- the shipped files ------------------------------------------------------------------------


def test_there_are_files_of_both_kinds_to_check():
    kinds = [_kind(p) for p in _yaml_files()]
    assert kinds.count("plan") >= 2 and kinds.count("playbook") >= 2


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
@pytest.mark.parametrize("validator", VALIDATORS, ids=lambda v: v.__name__)
def test_schema_agrees_with_negplan_on_every_shipped_file(validator, path):
    errors = _errors(validator, build_schema(_kind(path)), _read(path))
    expected = _schema_findings(path)
    if expected:  # a deliberately broken example: the schema must reject it too
        assert errors, f"negplan reports {expected}, the schema accepts the file"
    else:
        assert errors == [], errors


def test_shipped_clean_files_are_accepted():
    plan = _errors(jsonschema.Draft7Validator, build_schema("plan"), _read(CLEAN))
    assert plan == []
    for name in ("default.yaml", "manufacturing-cost-leader.yaml"):
        data = _read(PLAYBOOKS / name)
        assert _errors(jsonschema.Draft7Validator, build_schema("playbook"), data) == []


@pytest.mark.parametrize("validator", VALIDATORS, ids=lambda v: v.__name__)
@pytest.mark.parametrize(
    ("where", "key", "typo"),
    [
        ((), "walk_away", "walkaway"),
        (("deal",), "customer", "custmer"),
        (("variables", 0), "target", "targt"),
    ],
)
def test_a_misspelt_key_is_rejected(validator, where, key, typo):
    data = _read(CLEAN)
    node = data
    for part in where:
        node = node[part]
    node[typo] = node.pop(key)
    errors = _errors(validator, build_schema("plan"), data)
    assert any(f"'{typo}' was unexpected" in e for e in errors), errors


@pytest.mark.parametrize("validator", VALIDATORS, ids=lambda v: v.__name__)
@pytest.mark.parametrize(
    ("path", "value", "ok"),
    [
        (("deal", "title"), 2027, True),  # negplan reads numbers as text
        (("deal", "title"), True, False),
        (("deal", "list_value"), "240000", True),
        (("deal", "list_value"), "240k", False),
        (("deal", "list_value"), -1, False),
        (("deal", "currency"), "eur", False),
        (("deal", "meeting"), "2027-02-30", False),
        (("variables", 0, "opening"), [1], False),
        (("counterparts", 0, "stance"), "friendly", False),
        (("counterparts", 0, "decision_maker"), "yes", False),
        (("version",), 2, False),
        (("kind",), "playbook", False),
    ],
)
def test_values_are_judged_like_negplan_judges_them(validator, path, value, ok):
    data = _read(CLEAN)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    errors = _errors(validator, build_schema("plan"), data)
    assert (errors == []) is ok, errors


# ---- the command ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["plan", "playbook"])
def test_prints_the_schema_on_stdout(run_cli, kind):
    result = run_cli("schema", kind)
    assert result.exit_code == 0, result
    assert json.loads(result.stdout) == build_schema(kind)


def test_unknown_kind_exits_2_with_the_choices(run_cli):
    result = run_cli("schema", "plna")
    assert result.exit_code == 2, result
    assert "'plna' is not one of plan, playbook; did you mean 'plan'?" in result.stderr


def test_output_file_is_written_refreshed_and_protected(run_cli, tmp_path):
    target = tmp_path / ".negplan" / "plan.schema.json"
    first = run_cli("schema", "plan", "-o", target)
    assert first.exit_code == 0, first
    assert json.loads(target.read_text(encoding="utf-8")) == build_schema("plan")
    again = run_cli("schema", "plan", "-o", target)
    assert again.exit_code == 0 and "up to date" in again.stdout, again
    # A previous negplan schema (another kind, an older version) is replaced...
    switched = run_cli("schema", "playbook", "-o", target)
    assert switched.exit_code == 0, switched
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "negplan playbook"
    # ...anything else is not, unless forced.
    other = tmp_path / "other.json"
    other.write_text('{"title": "mine"}\n', encoding="utf-8")
    refused = run_cli("schema", "plan", "-o", other)
    assert refused.exit_code == 2, refused
    assert f"{other}: error: exists and is not a schema negplan generated" in refused.stderr
    assert other.read_text(encoding="utf-8") == '{"title": "mine"}\n'
    forced = run_cli("schema", "plan", "-o", other, "--force")
    assert forced.exit_code == 0, forced
    assert json.loads(other.read_text(encoding="utf-8"))["title"] == "negplan plan"
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []


def test_output_never_writes_through_a_symlink(run_cli, tmp_path):
    victim = tmp_path / "victim.json"
    victim.write_text(json.dumps(build_schema("plan")), "utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    refused = run_cli("schema", "playbook", "-o", link)
    assert refused.exit_code == 2, refused
    forced = run_cli("schema", "playbook", "-o", link, "--force")
    assert forced.exit_code == 0, forced
    assert not link.is_symlink()
    assert json.loads(victim.read_text("utf-8"))["title"] == "negplan plan"


def test_the_schema_new_writes_validates_the_plan_new_writes(run_cli, tmp_path):
    result = run_cli("new", tmp_path, "--no-input", "--customer", "Acme", "--title", "x")
    assert result.exit_code == 0, result
    schema = json.loads((tmp_path / ".negplan" / "plan.schema.json").read_text("utf-8"))
    bundled = load_playbook(BUNDLED).playbook
    assert schema == build_schema("plan", bundled)  # with the playbook's terms
    data = _read(tmp_path / "acme-x.yaml")
    for validator in VALIDATORS:
        assert _errors(validator, schema, data) == []
