"""The adversarial corpus: what each small file and each generated big input must produce.

Small inputs live in ``corpus/`` (one idea per file); big ones are generated at test time by
the functions in :data:`GENERATED`, so the repository stays small.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
TODAY = "2026-11-23"
HAS_PDF = importlib.util.find_spec("weasyprint") is not None
#: The file the code-running tags in the corpus would create if a tag ever ran.
PWNED = Path("/tmp/negplan-pwned-corpus")


@dataclass(frozen=True)
class Expect:
    """The finding that must be reported: rule code, 1-based line, part of the message."""

    code: str
    line: int
    text: str


#: Every file in ``corpus/`` and the finding ``check`` must report for it (always exit 1).
EXPECTED: dict[str, Expect] = {
    "alias-bomb.yaml": Expect("NP105", 9, "more than 100,000 values"),
    "bad-int-tag.yaml": Expect("NP105", 4, "is not a valid !!int"),
    "comments-only.yaml": Expect("NP103", 1, "the document is empty"),
    "complex-key.yaml": Expect("NP105", 3, "cannot be used as a key"),
    "control-characters.yaml": Expect("NP102", 7, "unknown key 'evil\\x1b[2J\\nkey'"),
    "custom-tag.yaml": Expect("NP105", 7, "tag !vault is not allowed"),
    "deep-nesting-100.yaml": Expect("NP105", 3, "nesting is deeper than 64 levels"),
    "duplicate-keys.yaml": Expect("NP104", 7, "duplicate key 'customer' (first defined on line 5)"),
    "empty.yaml": Expect("NP103", 1, "the document is empty"),
    "float-1e400.yaml": Expect("NP105", 7, "number 1e400 is out of range"),
    "huge-hex.yaml": Expect("NP105", 4, "is out of range"),
    "huge-integer.yaml": Expect("NP105", 7, "is out of range"),
    "impossible-date.yaml": Expect(
        "NP101", 7, "expected a date like 2026-12-01 (got '2024-02-30')"
    ),
    "invalid-utf8.yaml": Expect("NP100", 7, "not valid UTF-8"),
    "lone-surrogate.yaml": Expect("NP100", 7, "invalid YAML"),
    "merge-key-bomb.yaml": Expect("NP105", 2, "merge keys (<<) are not supported"),
    "merge-key.yaml": Expect("NP105", 5, "merge keys (<<) are not supported"),
    "nan-list-value.yaml": Expect("NP101", 7, "expected a finite number (got NaN)"),
    "non-string-keys.yaml": Expect("NP102", 8, "unknown key 'true'"),
    "norway-problem.yaml": Expect("NP101", 10, "expected true or false (got 'yes')"),
    "python-name.yaml": Expect("NP105", 1, "tag !!python/name:os.system is not allowed"),
    "python-object-apply.yaml": Expect("NP105", 7, "tag !!python/object/apply:os.system"),
    "python-object-map.yaml": Expect("NP105", 3, "tag !!python/object:negplan.models.plan.Deal"),
    "python-object-new.yaml": Expect("NP105", 3, "tag !!python/object/new:subprocess.Popen"),
    "quoted-huge-number.yaml": Expect("NP101", 7, "number out of range"),
    "raw-control-character.yaml": Expect("NP100", 4, "unacceptable character #x001b"),
    "several-documents.yaml": Expect("NP105", 7, "more than one YAML document"),
    "special-floats.yaml": Expect("NP101", 9, "expected a finite number (got NaN)"),
    "string-date.yaml": Expect("NP101", 7, "expected a date like 2026-12-01 (got 'next tuesday')"),
    "tab-indent.yaml": Expect("NP100", 4, "invalid YAML"),
    "top-level-list.yaml": Expect("NP103", 1, "the document is a list, not a mapping"),
    "top-level-null.yaml": Expect("NP103", 1, "the document is empty"),
    "top-level-scalar.yaml": Expect("NP103", 1, "the document is a text value, not a mapping"),
    "unclosed-flow.yaml": Expect("NP100", 4, "invalid YAML"),
    "unknown-alias.yaml": Expect("NP100", 7, "unknown alias *nowhere"),
    "utf16-bom.yaml": Expect("NP101", 3, "missing required key 'customer' in deal"),
    "utf8-bom.yaml": Expect("NP101", 3, "missing required key 'customer' in deal"),
    "yaml11-booleans.yaml": Expect("NP101", 9, "expected true or false (got 'off')"),
    "yaml11-directive.yaml": Expect("NP101", 5, "missing required key 'owner' in deal"),
    "yaml13-directive.yaml": Expect("NP100", 1, "invalid YAML"),
}

_PLAN = "kind: plan\nversion: 1\n"
_DEAL = "deal:\n  title: Renewal\n  customer: Acme\n  owner: Dana\n"


def _nest(depth: int, open_: str, close: str) -> bytes:
    return (_PLAN + "deal: " + open_ * depth + close * depth + "\n").encode()


def _block_nesting() -> bytes:
    # 300,000 levels of block lists ("- - - ..."): small enough to pass the size limit.
    return (_PLAN + "deal:\n" + "- " * 300_000 + "x\n").encode()


def _long_text_alias_bomb() -> bytes:
    # One 300,000-character string repeated through 3,000 aliases: few values, lots of text.
    aliases = "".join("  - *s\n" for _ in range(3_000))
    text = _PLAN + _DEAL + 'questions:\n  - &s "' + "x" * 300_000 + '"\n' + aliases
    return text.encode()


def _colliding_keys() -> bytes:
    # 25,000 integer keys whose Python hashes all collide (multiples of 2**61 - 1).
    keys = "".join(f"  {i * (2**61 - 1)}: {i}\n" for i in range(1, 25_001))
    return (_PLAN + _DEAL + "extra:\n" + keys).encode()


def _long_line() -> bytes:
    # A single line of almost 1 MiB (the size limit).
    return (_PLAN + _DEAL + "notes: " + "word " * 200_000 + "\n").encode()


#: Big inputs built at test time: name, bytes, and the finding ``check`` must report.
GENERATED: dict[str, tuple[Callable[[], bytes], Expect]] = {
    "deep-lists-5000.yaml": (lambda: _nest(5_000, "[", "]"), Expect("NP105", 3, "deeper than 64")),
    "deep-maps-5000.yaml": (
        lambda: _nest(5_000, "{a: ", "}"),
        Expect("NP105", 3, "nesting is deeper than 64 levels"),
    ),
    "deep-lists-1000000.yaml": (
        lambda: _nest(1_000_000, "[", "]"),
        Expect("NP105", 1, "over the 1,048,576-byte limit"),
    ),
    "deep-unclosed-500000.yaml": (
        lambda: (_PLAN + "deal: " + "[" * 500_000 + "\n").encode(),
        Expect("NP105", 3, "nesting is deeper than 64 levels"),
    ),
    "deep-block-300000.yaml": (_block_nesting, Expect("NP105", 4, "deeper than 64")),
    "scalar-3mb.yaml": (
        lambda: (_PLAN + _DEAL + "notes: " + "x" * 3_000_000 + "\n").encode(),
        Expect("NP105", 1, "over the 1,048,576-byte limit"),
    ),
    "long-text-alias-bomb.yaml": (
        _long_text_alias_bomb,
        Expect("NP105", 14, "more than 2,097,152 characters of text"),
    ),
    "colliding-hash-keys.yaml": (_colliding_keys, Expect("NP102", 7, "unknown key 'extra'")),
    "long-line-1mb.yaml": (_long_line, Expect("NP102", 7, "unknown key 'notes'")),
    "big-alias-bomb.yaml": (
        lambda: (
            _PLAN
            + "a: &a ["
            + ", ".join(["lol"] * 10)
            + "]\n"
            + "".join(
                f"{c}: &{c} [" + ", ".join([f"*{p}"] * 10) + "]\n"
                for p, c in zip(
                    "abcdefghijklmnopqrstuvwxy", "bcdefghijklmnopqrstuvwxyz", strict=True
                )
            )
        ).encode(),
        Expect("NP105", 7, "more than 100,000 values"),
    ),
}


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every regular file under ``folder`` (symlinks and special files skipped)."""
    return {
        str(p.relative_to(folder)): digest(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def assert_one_line_messages(output: str) -> None:
    """No traceback, and every line of output is a short single message."""
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    for line in output.splitlines():
        assert len(line) < 2_000, line[:200]


def json_findings(stdout: str) -> list[dict[str, object]]:
    """All findings of a ``check --format json`` run (the output must be valid JSON)."""
    document = json.loads(stdout)
    return [finding for file in document["files"] for finding in file["findings"]]
