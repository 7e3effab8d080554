"""``negplan new``: scaffold a plan from the playbook that applies where it will live."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import typer

from negplan.atomic import check_target, write_atomic
from negplan.checking import check_plan
from negplan.discovery import BUNDLED, PlaybookCache, locate
from negplan.errors import NegplanError
from negplan.escape import visible
from negplan.files import refuse_nul
from negplan.findings import Severity
from negplan.history import Previous, read_previous
from negplan.jsonschema_export import is_negplan_schema, write_schema
from negplan.models.playbook import Playbook
from negplan.scaffold import (
    Answers,
    Scaffold,
    currency_warning,
    find_root,
    optional_terms,
    parse_currency,
    parse_date,
    parse_value,
    render_plan,
    resolve_terms,
    slug,
)
from negplan.scaffold.answers import parse_text

T = TypeVar("T")
_SUFFIXES = (".yaml", ".yml")


def stdin_is_interactive() -> bool:
    """Whether to prompt: stdin is a terminal. Tests replace this function."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def run(
    path: str,
    *,
    flags: dict[str, str | None],
    terms: list[str],
    playbook: str | None,
    ask: bool,
    force: bool,
    schema: bool,
    previous: str | None = None,
) -> None:
    """Scaffold a plan at ``path`` (a folder, a file, or ``-`` for stdout) from the playbook
    that applies there, with ``flags`` (customer, title, owner, meeting, value, currency) and
    the optional ``terms``; prompt for the rest when ``ask`` and stdin is a terminal. With
    ``previous`` (a debrief), the plan starts from last time with that customer: the deal's
    customer, owner, currency, region and segment, last time's terms with their agreed
    positions in comments, and the asks nobody expected. Never overwrites a file unless
    ``force``. Raises :class:`NegplanError` when it cannot."""
    last = read_previous(previous) if previous is not None else None
    interactive = ask and stdin_is_interactive()
    to_stdout = path == "-"
    folder_target = not to_stdout and (os.path.isdir(path) or path.endswith(("/", os.sep)))
    reference = (
        os.path.join(os.getcwd(), "plan.yaml")
        if to_stdout
        else os.path.join(path, "plan.yaml")
        if folder_target
        else path
    )
    if not to_stdout and not folder_target:
        _check_file_target(path, force=force)
    source = locate(reference, explicit=playbook, plan_key=None)
    loaded = PlaybookCache().usable(source)
    assert loaded.playbook is not None
    book = loaded.playbook
    shown = "the bundled default playbook" if source == BUNDLED else source
    if interactive:
        _say(f"Playbook: {book.company} ({shown}); currency {book.currency}.")
    base = _carried(last, book) if last is not None else Answers()
    answers = _answers(book, flags, terms, source=source, interactive=interactive, base=base)
    target = _named_target(path, answers, force=force) if folder_target else reference
    plan_folder = os.path.dirname(os.path.abspath(target))
    root = find_root(plan_folder)
    schema_file = os.path.join(root, ".negplan", "plan.schema.json")
    key = _relative(source, plan_folder) if playbook and source != BUNDLED else None
    scaffold = Scaffold(
        book,
        shown,
        playbook_key=key,
        schema_ref=_relative(schema_file, plan_folder),
        previous=last,
        previous_shown=_relative(previous, plan_folder) if previous is not None else "",
    )
    text = render_plan(scaffold, answers)
    if to_stdout:
        sys.stdout.write(text)
        return
    write_atomic(target, text, overwrite=force)
    if schema:
        _refresh_schema(schema_file, book, root=root)
    _summary(target, playbook, shown=shown)


def _named_target(folder: str, answers: Answers, *, force: bool) -> str:
    """The plan file in ``folder``, named after the customer and the title."""
    if not (answers.customer and answers.title):
        raise NegplanError(
            "the file name comes from the customer and the title",
            path=folder,
            hint=("give --title" if answers.customer else "give --customer and --title")
            + ", or a file name such as plans/acme.yaml",
        )
    name = slug(answers.customer, answers.title) + ".yaml"
    target = os.path.normpath(os.path.join(folder, name))
    _check_file_target(target, force=force)
    return target


def _carried(last: Previous, book: Playbook) -> Answers:
    """What the next plan takes over from last time: the deal's customer, owner, currency,
    region and segment, and the terms planned, agreed or named by a lesson that this
    playbook has."""
    deal = last.plan.deal
    named = {v.term for v in last.plan.variables} | {a.term for a in last.debrief.agreed}
    named |= {lesson.term for lesson in last.debrief.lessons if lesson.term}
    dropped = sorted(named - set(book.term_map))
    if dropped:
        _say(f"{last.path}: note: not in this playbook, so left out: {', '.join(dropped)}")
    return Answers(
        customer=deal.customer,
        owner=deal.owner,
        currency=deal.currency,
        terms=tuple(t for t in book.term_map if t in named),
        region=deal.region,
        segment=deal.segment,
    )


def _check_file_target(path: str, *, force: bool) -> None:
    refuse_nul(path)
    if not path.endswith(_SUFFIXES):
        raise NegplanError(
            "a plan file name ends in .yaml or .yml",
            path=path,
            hint="`negplan check` reads *.yaml and *.yml files in a folder",
        )
    if os.path.lexists(path) and not force:
        raise NegplanError(
            "already exists", path=path, hint="choose another name, or use --force to overwrite"
        )
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise NegplanError("folder does not exist", path=folder)
    check_target(path, overwrite=force)  # and what is there can be replaced (no device)


def _relative(target: str, folder: str) -> str:
    """``target`` relative to ``folder``, or absolute when they only share the root."""
    absolute = os.path.abspath(target)
    try:
        shared = os.path.commonpath([absolute, folder])
        text = absolute if shared == os.path.dirname(shared) else os.path.relpath(absolute, folder)
    except ValueError:  # another drive on Windows
        text = absolute
    return text.replace(os.sep, "/")


def _refresh_schema(schema_file: str, book: Playbook, *, root: str) -> None:
    """Write or update the plan schema for editors, with ``book``'s terms. It stays inside the
    repository ``root``:
    a ``.negplan`` that links out of it is not written through. Any problem is one note."""
    folder = os.path.dirname(schema_file)
    real_root = os.path.realpath(root)
    if os.path.commonpath([real_root, os.path.realpath(folder)]) != real_root:
        _say(
            f"{folder}: note: links out of the repository, so the plan schema is not "
            "written there; editors may not validate plans"
        )
        return
    for attempt in (1, 2):
        try:
            write_schema(schema_file, "plan", force=False, playbook=book)
            return
        except NegplanError as exc:
            problem = exc.message
        # Another `negplan new` may have written it between the look and the write: then it
        # is negplan's own schema, and one more try finds it up to date (or updates it).
        if attempt == 2 or not is_negplan_schema(schema_file):
            break
    _say(f"{schema_file}: note: left as is ({problem}); editors may not validate plans")


def _say(line: str) -> None:
    sys.stderr.write(visible(line) + "\n")


def _summary(target: str, playbook: str | None, *, shown: str) -> None:
    findings = check_plan(target, playbook=playbook, today=date.today()).findings
    todo = sum(1 for f in findings if f.code == "NP509")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    typer.echo(
        visible(
            f"created {target} from {shown}: fill in {todo} TODO "
            f"placeholder{'s' if todo != 1 else ''}, then run `negplan check {target}`"
        )
    )
    if errors:
        _say(f"{target}: warning: the new plan has {errors} error(s); run `negplan check`")


# ---- answers: flags, then prompts ---------------------------------------------------------------


def _answers(
    book: Playbook,
    flags: dict[str, str | None],
    terms: list[str],
    *,
    source: str,
    interactive: bool,
    base: Answers,
) -> Answers:
    def flag(name: str, parse: Callable[[str], T]) -> T | None:
        raw = flags.get(name)
        if raw is None:
            return None
        try:
            return parse(raw)
        except ValueError as exc:
            raise NegplanError(f"--{name}: {exc}") from None

    customer = flag("customer", parse_text) or base.customer
    title = flag("title", parse_text)
    owner = flag("owner", parse_text) or base.owner
    meeting = flag("meeting", parse_date)
    value = flag("value", parse_value)
    currency = flag("currency", parse_currency) or base.currency
    wanted = set(resolve_terms(book, terms, source=source)) | set(base.terms)
    chosen = tuple(t for t in book.term_map if t in wanted)
    if interactive:
        customer = customer or _ask("Customer", parse_text)
        title = title or _ask("Deal title", parse_text)
        owner = owner or _ask("Your name (deal owner)", parse_text)
        if flags.get("meeting") is None:
            meeting = _ask("Meeting date (YYYY-MM-DD, empty to skip)", parse_date, blank=True)
        if flags.get("value") is None:
            value = _ask("Annual list value (empty to skip)", parse_value, blank=True)
        currency = currency or _ask("Currency", parse_currency, default=book.currency)
    for line in currency_warning(book, currency):
        _say(line)
    if interactive and not terms and not base.terms:
        chosen = _ask_terms(book, source)
    return Answers(
        customer, title, owner, meeting, value, currency, chosen, base.region, base.segment
    )


def _ask(
    label: str, parse: Callable[[str], T], *, default: str | None = None, blank: bool = False
) -> Any:
    """Prompt (on stderr) until ``parse`` accepts the answer; re-ask with the reason."""

    def proc(raw: str) -> Any:
        if blank and not raw.strip():
            return None
        try:
            return parse(raw)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None

    return typer.prompt(
        label,
        default=default if default is not None else ("" if blank else None),
        show_default=default is not None,
        value_proc=proc,
        err=True,
    )


def _ask_terms(book: Playbook, source: str) -> tuple[str, ...]:
    extra = optional_terms(book)
    if not extra:
        return ()
    required = [t.id for t in book.term_map.values() if t.required]
    if required:
        _say("Required terms (always included): " + ", ".join(required))
    typer.echo("Optional terms (type ids or names, separated by commas):", err=True)
    for item in extra:
        _say(f"  {item.id:<28} {item.name}")

    def parse(raw: str) -> tuple[str, ...]:
        try:
            return resolve_terms(book, [raw], source=source)
        except NegplanError as exc:
            raise ValueError(exc.message + (f" ({exc.hint})" if exc.hint else "")) from None

    chosen: tuple[str, ...] = (
        _ask("Optional terms to include (empty for none)", parse, blank=True) or ()
    )
    return chosen
