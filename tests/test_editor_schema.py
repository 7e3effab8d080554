"""The playbook-aware plan schema, as editors use it: term ids, options and real dates.

The first test drives the real yaml-language-server (what VS Code's YAML extension, Neovim and
Helix run) over the Language Server Protocol: it is installed with npm into pytest's cache on
first use (or taken from ``NEGPLAN_YAML_LS`` or the PATH), and the test is skipped when Node.js,
npm or the package cannot be had. The other tests check the same schema with the jsonschema
library, so they run everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAN, EXAMPLES, PLAYBOOKS, TODAY
from lsp import LanguageServer
from test_schema_export import VALIDATORS, _read

from negplan.checking import check_plan
from negplan.discovery import BUNDLED, load_playbook
from negplan.jsonschema_export import DATE_PATTERN, build_schema
from negplan.models.playbook import Playbook

#: The yaml-language-server release the test installs when none is on the PATH.
YAML_LS_VERSION = "1.15.0"
MANUFACTURING = PLAYBOOKS / "manufacturing-cost-leader.yaml"


def _book(source: str | Path) -> Playbook:
    loaded = load_playbook(str(source))
    assert loaded.playbook is not None and loaded.usable
    return loaded.playbook


@pytest.fixture(scope="session")
def yaml_language_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> list[str]:
    """The command that starts yaml-language-server on stdio, or a clean skip."""
    override = os.environ.get("NEGPLAN_YAML_LS") or shutil.which("yaml-language-server")
    if override:
        return [override, "--stdio"]
    npm = shutil.which("npm")
    if shutil.which("node") is None or npm is None:
        pytest.skip("needs Node.js and npm to install yaml-language-server")
    name = f"yaml-language-server-{YAML_LS_VERSION}"
    cache = getattr(request.config, "cache", None)  # none with -p no:cacheprovider
    folder = cache.mkdir(name) if cache is not None else tmp_path_factory.mktemp(name)
    binary = folder / "node_modules" / ".bin" / "yaml-language-server"
    if not binary.exists():
        try:
            done = subprocess.run(
                [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund",
                 "--silent", f"yaml-language-server@{YAML_LS_VERSION}"],
                capture_output=True, text=True, timeout=600, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            pytest.skip("npm install yaml-language-server timed out")
        if done.returncode != 0 or not binary.exists():
            reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
            pytest.skip(f"cannot install yaml-language-server: {reason}")
    return [str(binary), "--stdio"]


def _documentation(item: dict[str, Any]) -> str:
    doc = item.get("documentation") or ""
    return doc.get("value", "") if isinstance(doc, dict) else str(doc)


def _line(text: str, needle: str) -> int:
    """The 0-based line holding ``needle``."""
    return next(i for i, line in enumerate(text.splitlines()) if needle in line)


def test_yaml_language_server_completes_the_playbooks_terms(
    run_cli, tmp_path, yaml_language_server
):
    # A plans repository whose playbook is the manufacturing one; `negplan new` writes the
    # plan (with its modeline) and .negplan/plan.schema.json with that playbook's terms.
    (tmp_path / ".git").mkdir()
    shutil.copy(MANUFACTURING, tmp_path / "playbook.yaml")
    (tmp_path / "plans").mkdir()
    made = run_cli("new", tmp_path / "plans", "--no-input", "--customer", "Acme", "--title", "x")
    assert made.exit_code == 0, made
    plan = tmp_path / "plans" / "acme-x.yaml"
    fresh = plan.read_text(encoding="utf-8")
    assert fresh.startswith("# yaml-language-server: $schema=../.negplan/plan.schema.json\n")
    book = _book(MANUFACTURING)

    editing = fresh.replace(
        "\nvariables:\n", "\nvariables:\n  - term: \n  - term: incoterms\n    opening: \n", 1
    )
    broken = re.sub(r"(?m)^  meeting:", "  meeting: 2027-02-30", fresh, count=1).replace(
        "term: unit_price_discount", "term: unit_price_discont", 1
    )
    with LanguageServer(yaml_language_server, tmp_path) as server:
        uri = server.open(tmp_path / "plans" / "editing.yaml", editing)
        row = _line(editing, "  - term: ")
        items = server.completion(uri, row, len("  - term: "))
        offered = {item["label"]: _documentation(item) for item in items}
        assert set(offered) >= set(book.term_map), offered
        assert offered["incoterms"].startswith(
            "Delivery terms (Incoterms 2020): one of EXW, FCA, CPT, DAP, DDP"
        )
        assert offered["payment_terms"].startswith("Payment terms: days, lower is better for us")
        row = _line(editing, "    opening: ")
        options = {item["label"] for item in server.completion(uri, row, len("    opening: "))}
        assert options >= set(book.term_map["incoterms"].options), options

        wrong = server.published(server.open(tmp_path / "plans" / "broken.yaml", broken))
        rows = {d["range"]["start"]["line"] for d in wrong}
        assert _line(broken, "meeting: 2027-02-30") in rows, wrong
        assert _line(broken, "term: unit_price_discont") in rows, wrong
        # ... and the plan as `negplan new` wrote it shows no problem at all
        assert server.published(server.open(tmp_path / "plans" / "fresh.yaml", fresh)) == []


# ---- the same schema, checked with the jsonschema library ------------------------------------


def _errors(schema: dict[str, Any], data: Any) -> list[str]:
    found = []
    for validator in VALIDATORS:
        checker = validator(schema, format_checker=validator.FORMAT_CHECKER)
        found += [f"{list(e.absolute_path)}: {e.message}" for e in checker.iter_errors(data)]
    return found


def _mutated(path: tuple[str | int, ...], value: Any) -> Any:
    data = _read(CLEAN)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


def test_the_plan_schema_lists_the_playbooks_terms_with_names_and_units():
    schema = build_schema("plan", _book(BUNDLED))
    terms = schema["$defs"]["PlaybookTermId"]["oneOf"]
    assert [t["const"] for t in terms][:3] == ["discount", "free_months", "price_hold_months"]
    assert terms[0]["description"] == (
        "Discount off list price: percent, lower is better for us; limits 0% to 35%; "
        "standard 0%; your authority 10%."
    )
    assert "Northwind Cloud playbook" in schema["$comment"]
    assert schema["$comment"].startswith("generated by negplan")
    # without a playbook the schema stays generic
    assert "PlaybookTermId" not in json.dumps(build_schema("plan"))


@pytest.mark.parametrize(
    ("path", "value", "ok"),
    [
        (("variables", 0, "term"), "discount", True),
        (("variables", 0, "term"), "discont", False),  # NP201
        (("concessions", 0, "get", "term"), "case_stdy", False),  # NP201
        (("variables", 4, "opening"), "premium_plus", True),  # support_tier
        (("variables", 4, "opening"), "gold", False),  # NP202: not an option
        (("variables", 4, "opening"), None, True),
        (("variables", 0, "walk_away"), 35, True),  # discount: limits 0–35
        (("variables", 0, "walk_away"), 40, False),  # NP202: outside the limits
        (("variables", 5, "target"), "yes", False),  # case_study: true or false
        (("concessions", 1, "give", "value"), "premium", True),
        (("concessions", 1, "give", "value"), "platinum", False),
        (("alignment", 0, "term"), "anything at all", True),  # negplan accepts any text
    ],
)
def test_the_playbook_schema_judges_terms_and_positions_like_negplan(path, value, ok):
    schema = build_schema("plan", _book(BUNDLED))
    errors = _errors(schema, _mutated(path, value))
    assert (errors == []) is ok, errors


@pytest.mark.parametrize(
    ("plan", "playbook"),
    [(p, BUNDLED) for p in sorted(EXAMPLES.glob("*.yaml"))]
    + [
        (p, str(EXAMPLES / "playbook-repo" / "playbook.yaml"))
        for p in sorted((EXAMPLES / "playbook-repo" / "plans").rglob("*.yaml"))
    ],
    ids=lambda v: Path(str(v)).name,
)
def test_the_playbook_schema_agrees_with_negplan_on_every_example(plan, playbook):
    checked = check_plan(str(plan), playbook=playbook, today=dt.date.fromisoformat(TODAY))
    format_codes = {"NP100", "NP101", "NP102", "NP103", "NP201", "NP202"}
    expected = [f.code for f in checked.findings if f.code in format_codes]
    errors = _errors(build_schema("plan", _book(playbook)), _read(plan))
    assert bool(errors) == bool(expected), (expected, errors)


def test_schema_playbook_option(run_cli, tmp_path):
    result = run_cli("schema", "plan", "--playbook", MANUFACTURING)
    assert result.exit_code == 0, result
    assert json.loads(result.stdout) == build_schema("plan", _book(MANUFACTURING))
    target = tmp_path / "plan.schema.json"
    written = run_cli("schema", "plan", "-p", MANUFACTURING, "-o", target)
    assert written.exit_code == 0 and "wrote" in written.stdout, written
    assert "incoterms" in target.read_text(encoding="utf-8")
    refused = run_cli("schema", "playbook", "--playbook", MANUFACTURING)
    assert refused.exit_code == 2, refused
    assert "--playbook applies to the plan schema only" in refused.stderr
    missing = run_cli("schema", "plan", "--playbook", tmp_path / "nope.yaml")
    assert missing.exit_code == 2 and "nope.yaml" in missing.stderr, missing


def test_negplan_new_writes_the_schema_of_its_playbook(run_cli, tmp_path):
    result = run_cli("new", tmp_path, "--no-input", "-p", MANUFACTURING, "--customer", "A",
                     "--title", "b")  # fmt: skip
    assert result.exit_code == 0, result
    schema = json.loads((tmp_path / ".negplan" / "plan.schema.json").read_text("utf-8"))
    assert schema == build_schema("plan", _book(MANUFACTURING))


# ---- real calendar dates ---------------------------------------------------------------------


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def test_the_date_pattern_is_exact_for_month_lengths_and_leap_years():
    pattern = re.compile(DATE_PATTERN)
    days = [(m, d) for m in range(0, 14) for d in (0, 1, 28, 29, 30, 31, 32)]
    for year in range(0, 10000):
        for month, day in days if year % 100 == 0 or year < 30 else days[14:21]:
            text = f"{year:04d}-{month:02d}-{day:02d}"
            assert bool(pattern.match(text)) is _is_date(text), text
    for text in ("2027-2-10", "27-02-10", "2027-02-10T10:00", " 2027-02-10", "2027-02-1"):
        assert not pattern.match(text), text


@pytest.mark.parametrize("kind", ["plan", "playbook"])
def test_every_date_field_carries_the_pattern(kind):
    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    dates = [n for n in walk(build_schema(kind)) if n.get("format") == "date"]
    assert dates and all(n["pattern"] == DATE_PATTERN for n in dates)


@pytest.mark.parametrize(
    ("value", "ok"), [("2027-02-28", True), ("2028-02-29", True), ("2027-02-29", False),
                      ("2027-02-30", False), ("2027-04-31", False), ("2027-13-01", False)]
)  # fmt: skip
def test_impossible_dates_are_refused_even_without_format_checks(value, ok):
    # Validators that ignore `format` (the YAML language server among them) still apply the
    # pattern.
    schema = build_schema("plan")
    data = _mutated(("deal", "meeting"), value)
    for validator in VALIDATORS:
        assert (list(validator(schema).iter_errors(data)) == []) is ok, (validator, value)
