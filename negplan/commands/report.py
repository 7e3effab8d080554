"""``negplan report``: the portfolio view of every plan found, as Markdown, JSON, CSV, HTML or
PDF (see :mod:`negplan.portfolio`)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Sequence
from contextlib import closing, nullcontext

from negplan.atomic import check_target, write_atomic
from negplan.brief import resolve_format
from negplan.checking import CheckOptions, expand
from negplan.commands import collecting_less, parse_today
from negplan.discovery import PlaybookCache
from negplan.errors import NegplanError
from negplan.escape import visible
from negplan.portfolio import REPORT_INSTALL, SUFFIXES
from negplan.portfolio.aggregate import build_report
from negplan.portfolio.base import Context
from negplan.portfolio.cache import CACHE_PATH, FactCache
from negplan.portfolio.collect import Collected, collect
from negplan.portfolio.debrief_facts import DebriefFacts
from negplan.portfolio.facts import PlanFacts
from negplan.portfolio.redact import redact as redacted
from negplan.portfolio.redact import redact_debriefs
from negplan.portfolio.tables import to_csv, to_json
from negplan.progress import progress_bar, wanted


@collecting_less()
def run(
    paths: Sequence[str] | None,
    *,
    playbook: str | None,
    output_format: str,
    output: str | None,
    force: bool,
    today: str | None,
    since: str | None,
    group_by: str,
    redact: bool,
    jobs: int | None,
    cache: bool,
) -> int:
    """Write the report of every plan under ``paths`` (default: the current folder); return
    0. Raises :class:`~negplan.errors.NegplanError` when negplan cannot run."""
    fmt = resolve_format(output_format, output, SUFFIXES)
    day = parse_today(today)
    start = _since(since)
    _require(fmt, output)
    if output is not None:
        check_target(output, overwrite=force)
    if playbook is not None:
        PlaybookCache().usable(playbook)
    store = FactCache.open(CACHE_PATH, today=day.isoformat()) if cache else None
    with closing(store) if store is not None else nullcontext():
        found = _collect(paths or ["."], playbook=playbook, today=day, jobs=jobs, store=store)
        facts, debriefs = _chosen(found, since=start, redact=redact)
        ctx = Context(today=day, group_by=group_by, redact=redact, debriefs=tuple(debriefs))
        data = _render(facts, debriefs, fmt, ctx, len(found.unread), store=store)
    if output is not None:
        write_atomic(output, data, overwrite=force)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


def _chosen(
    found: Collected, *, since: dt.date | None, redact: bool
) -> tuple[list[PlanFacts], list[DebriefFacts]]:
    """The plans and debriefs whose meeting is on or after ``since`` (or undated), redacted
    when asked."""
    facts, debriefs = found.facts, found.debriefs
    if since is not None:
        facts = [f for f in facts if f.meeting is None or f.meeting >= since]
        debriefs = [d for d in debriefs if d.meeting is None or d.meeting >= since]
    if redact:
        return redacted(facts), redact_debriefs(debriefs)
    return facts, debriefs


def _since(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise NegplanError(
            f"--since: '{value}' is not a date", hint="write the date as YYYY-MM-DD"
        ) from None


def _require(fmt: str, output: str | None) -> None:
    """Fail before any work when the format cannot be written here."""
    if fmt in ("html", "pdf") and importlib.util.find_spec("matplotlib") is None:
        raise NegplanError(REPORT_INSTALL)
    if fmt == "pdf":
        from negplan.brief.output import require_pdf

        if output is None or output == "-":
            raise NegplanError("pdf output needs a file", hint="add -o report.pdf")
        require_pdf()


def _collect(
    paths: Sequence[str],
    *,
    playbook: str | None,
    today: dt.date,
    jobs: int | None,
    store: FactCache | None,
) -> Collected:
    items = list(expand(paths))
    files = sum(1 for item in items if not isinstance(item, NegplanError))
    options = CheckOptions(today=today, playbook=playbook, skip_unknown=True)
    with progress_bar(files, show=wanted(files)) as ticker:
        found = collect(items, options=options, jobs=jobs, cache=store, advance=ticker.advance)
    for error in found.unread:
        sys.stderr.write(visible(error.render()) + "\n")
    return found


def _render(
    facts: list[PlanFacts],
    debriefs: list[DebriefFacts],
    fmt: str,
    ctx: Context,
    unread: int,
    *,
    store: FactCache | None,
) -> bytes:
    """The report in ``fmt``; the HTML's and PDF's charts come from ``store`` when it kept
    them, and those drawn are kept there."""
    if fmt == "csv":
        return to_csv(facts, debriefs).encode("utf-8")
    report = build_report(facts, ctx, unread=unread)
    if fmt == "json":
        return to_json(report).encode("utf-8")
    if fmt == "md":
        from negplan.portfolio.markdown import to_markdown

        return to_markdown(report).encode("utf-8")
    from negplan.portfolio.html import to_html  # jinja2 loads only here, matplotlib in a chart

    page = to_html(report, pdf=fmt == "pdf", store=store)
    if store is not None:
        store.save()
    if fmt == "html":
        return page.encode("utf-8")
    from negplan.brief.output import html_to_pdf

    return html_to_pdf(page)
