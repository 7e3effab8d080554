"""The ``negplan`` command line: the typer application, its commands and their options.

Each command's work lives in :mod:`negplan.commands`, imported when the command runs so that
``negplan --help`` and ``--version`` load no checking code. Errors are handled here, in one
place (:func:`_guarded`): a :class:`~negplan.errors.NegplanError` is one line on stderr and
exit 2; any other exception is a bug in negplan, one line and exit 3 (``--debug`` shows it).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Annotated, ParamSpec, cast

import typer

from negplan import __version__
from negplan.cli_help import PlainCommand
from negplan.cli_options import (
    BriefForceOption,
    BriefOutputFormatOption,
    BriefOutputOption,
    BriefPaperOption,
    BriefPlanOption,
    BriefRedactOption,
    BriefStrictOption,
    CheckDiffAgainstOption,
    CheckJobsOption,
    CheckOutputFormatOption,
    CheckPathsOption,
    CheckSkipUnknownOption,
    CheckStrictOption,
    DebriefForceOption,
    DebriefOutputOption,
    DebriefPlanOption,
    DiffFormatOption,
    DiffStrictOption,
    ExplainCodeOption,
    JobsOption,
    NewCurrencyOption,
    NewCustomerOption,
    NewForceOption,
    NewFromDebriefOption,
    NewMeetingOption,
    NewNoInputOption,
    NewNoSchemaOption,
    NewOwnerOption,
    NewPathOption,
    NewTermOption,
    NewTitleOption,
    NewValueOption,
    PlansArgument,
    PlaybookOption,
    ReportForceOption,
    ReportGroupByOption,
    ReportJobsOption,
    ReportNoCacheOption,
    ReportOutputFormatOption,
    ReportOutputOption,
    ReportPathsOption,
    ReportRedactOption,
    ReportSinceOption,
    SchemaForceOption,
    SchemaKind,
    SchemaKindOption,
    SchemaOutputOption,
    SchemaPlaybookOption,
    SummaryOption,
    TodayOption,
    ValueOutputFormatOption,
    ValuePlanOption,
)
from negplan.errors import NegplanError
from negplan.escape import visible

P = ParamSpec("P")
_state = {"debug": False}

app = typer.Typer(
    name="negplan",
    help="Prepare negotiations: check plans against the company playbook and print a "
    "one-page prep brief.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def main() -> None:
    """Console-script entry point."""
    app()


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"negplan {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an internal error.")
    ] = False,
) -> None:
    _state["debug"] = debug


def _guarded(command: Callable[P, int | None]) -> Callable[P, None]:
    """Run a command and exit with its code, turning errors into one line on stderr (Ctrl-C
    too: ``negplan: interrupted``, exit 130)."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            code = command(*args, **kwargs) or 0
        except NegplanError as exc:
            _err(exc.render())
            if exc.hint:
                _err(f"hint: {exc.hint}")
            code = 2
        except KeyboardInterrupt:
            _err("negplan: interrupted")  # what was running has stopped: nothing to show
            code = 130
        except (typer.Exit, typer.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            if _state["debug"]:
                raise
            _err(f"negplan: internal error: {type(exc).__name__}: {exc}".splitlines()[0][:300])
            _err("hint: this is a bug in negplan; run again with --debug for the full traceback")
            code = 3
        raise typer.Exit(code)

    return run


def _err(message: str) -> None:
    sys.stderr.write(visible(message) + "\n")


@app.command("check", cls=PlainCommand)
@_guarded
def _check(
    paths: CheckPathsOption = None,
    playbook: PlaybookOption = None,
    output_format: CheckOutputFormatOption = "auto",
    strict: CheckStrictOption = False,
    skip_unknown: CheckSkipUnknownOption = False,
    today: TodayOption = None,
    jobs: CheckJobsOption = None,
    diff_against: CheckDiffAgainstOption = None,
) -> int:
    """Check plans against their playbook, and playbooks themselves.

    Exit code 0 when nothing fails, 1 on failing findings (errors, or warnings with
    --strict), 2 when negplan cannot run (missing file, invalid playbook, bad option). A
    folder with no plans or playbooks is a warning on stderr, exit code 0."""
    from negplan.commands import check  # the checking code loads only when a command runs

    return check.run(
        paths,
        playbook=playbook,
        output_format=output_format,
        strict=strict,
        skip_unknown=skip_unknown,
        today=today,
        jobs=jobs,
        diff_against=diff_against,
    )


@app.command("brief", cls=PlainCommand)
@_guarded
def _brief(
    plan: BriefPlanOption,
    output_format: BriefOutputFormatOption = "auto",
    output: BriefOutputOption = None,
    force: BriefForceOption = False,
    redact: BriefRedactOption = False,
    strict: BriefStrictOption = False,
    playbook: PlaybookOption = None,
    today: TodayOption = None,
    paper: BriefPaperOption = "a4",
) -> int:
    """Write the one-page prep brief of a plan.

    Readiness, goals, value, positions, trades, walk-away, alternatives, approvals,
    questions and asks, on one page."""
    from negplan.commands import brief  # jinja2 and the checking code load only for a brief

    return brief.run(
        plan,
        output_format=output_format,
        output=output,
        force=force,
        redact=redact,
        strict=strict,
        playbook=playbook,
        today=today,
        paper=paper,
    )


@app.command("new", cls=PlainCommand)
@_guarded
def _new(
    path: NewPathOption = ".",
    customer: NewCustomerOption = None,
    title: NewTitleOption = None,
    owner: NewOwnerOption = None,
    meeting: NewMeetingOption = None,
    value: NewValueOption = None,
    currency: NewCurrencyOption = None,
    term: NewTermOption = None,
    playbook: PlaybookOption = None,
    no_input: NewNoInputOption = False,
    force: NewForceOption = False,
    no_schema: NewNoSchemaOption = False,
    from_debrief: NewFromDebriefOption = None,
) -> None:
    """Create a plan from the playbook, ready to fill in.

    Every section, the required terms at their starting positions, and comments from the
    playbook. Prompts on a terminal unless --no-input; a playbook given with --playbook is
    recorded in the plan. With --from DEBRIEF, the next plan for that customer learns from
    last time."""
    from negplan.commands import new  # the scaffolding code loads only when it runs

    new.run(
        path,
        flags={
            "customer": customer,
            "title": title,
            "owner": owner,
            "meeting": meeting,
            "value": value,
            "currency": currency,
        },
        terms=term or [],
        playbook=playbook,
        ask=not no_input,
        force=force,
        schema=not no_schema,
        previous=from_debrief,
    )


@app.command("debrief", cls=PlainCommand)
@_guarded
def _debrief(
    plan: DebriefPlanOption,
    output: DebriefOutputOption = None,
    force: DebriefForceOption = False,
    playbook: PlaybookOption = None,
    today: TodayOption = None,
) -> int:
    """Write a debrief of a plan: what was agreed against what was planned.

    Prefilled from the plan: its content hash, every term to record the agreed position of,
    the planned moves, the anticipated asks and the sign-offs, with TODO placeholders and
    guiding comments. Check it with `negplan check`, price it with `negplan value`."""
    from negplan.commands import debrief  # the writer loads only when it runs

    return debrief.run(plan, output=output, force=force, playbook=playbook, today=today)


@app.command("value", cls=PlainCommand)
@_guarded
def _value(
    plan: ValuePlanOption,
    playbook: PlaybookOption = None,
    output_format: ValueOutputFormatOption = "text",
    today: TodayOption = None,
) -> int:
    """Price a plan: its value at opening, target and walk-away.

    Net value at opening, target and walk-away, the running value through the concession
    plan, and the package against the playbook's floor and approval ladder. Given a debrief:
    each term's agreed position against its planned range, the package as agreed against
    target, unplanned moves, and the asks heard, not heard and unexpected."""
    from negplan.commands import value  # the pricing code loads only when it runs

    return value.run(plan, playbook=playbook, output_format=output_format, today=today)


@app.command("diff", cls=PlainCommand)
@_guarded
def _diff(
    playbook: Annotated[
        str,
        typer.Argument(
            metavar="PLAYBOOK", help="The playbook file, as changed.", show_default=False
        ),
    ],
    paths: PlansArgument = None,
    against: Annotated[
        str | None,
        typer.Option(
            metavar="REV",
            help="Compare with the playbook at this git revision (e.g. HEAD~1, main).",
            show_default=False,
        ),
    ] = None,
    old: Annotated[
        str | None,
        typer.Option(
            metavar="FILE", help="Compare with this older playbook file.", show_default=False
        ),
    ] = None,
    output_format: DiffFormatOption = "text",
    strict: DiffStrictOption = False,
    summary: SummaryOption = False,
    today: TodayOption = None,
    jobs: JobsOption = None,
) -> int:
    """Show what a playbook change does to every plan that uses it.

    The changes term by term, then per plan: findings that appear and disappear, plans that
    newly fail or pass, approvers needed, and net value at target and walk-away. Exit code 1
    when the change makes a plan fail."""
    from negplan.commands import diff  # the checking code loads only when a command runs

    return diff.run_diff(
        playbook,
        against=against,
        old=old,
        paths=paths,
        output_format=output_format,
        strict=strict,
        brief=summary,
        today=today,
        jobs=jobs,
    )


@app.command("whatif", cls=PlainCommand)
@_guarded
def _whatif(
    paths: PlansArgument = None,
    settings: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="PATH=VALUE",
            help="An edit to try, e.g. discount.authority=8, economics.floor=82, "
            "rules.NP406=error (repeat for several).",
            show_default=False,
        ),
    ] = None,
    playbook: PlaybookOption = None,
    output_format: DiffFormatOption = "text",
    strict: DiffStrictOption = False,
    summary: SummaryOption = False,
    today: TodayOption = None,
    jobs: JobsOption = None,
) -> int:
    """Show what editing the playbook would do to every plan, without editing it.

    The same output as editing the file and running `negplan diff`. The playbook is
    --playbook, else the one plans in the first PATH find."""
    from negplan.commands import diff  # the checking code loads only when a command runs

    return diff.run_whatif(
        settings or [],
        playbook=playbook,
        paths=paths,
        output_format=output_format,
        strict=strict,
        brief=summary,
        today=today,
        jobs=jobs,
    )


@app.command("report", cls=PlainCommand)
@_guarded
def _report(
    paths: ReportPathsOption = None,
    playbook: PlaybookOption = None,
    output_format: ReportOutputFormatOption = "auto",
    output: ReportOutputOption = None,
    force: ReportForceOption = False,
    today: TodayOption = None,
    since: ReportSinceOption = None,
    group_by: ReportGroupByOption = "region",
    redact: ReportRedactOption = False,
    jobs: ReportJobsOption = None,
    no_cache: ReportNoCacheOption = False,
) -> int:
    """Report on every plan: readiness, approvals, consistency, money, patterns and outcomes.

    The portfolio view for sales leadership and the deal desk, over every plan and debrief
    found. Markdown, JSON, CSV (one row per plan or debrief and term), or HTML and PDF with
    charts."""
    from negplan.commands import report  # the checking and report code load only when it runs

    return report.run(
        paths,
        playbook=playbook,
        output_format=output_format,
        output=output,
        force=force,
        today=today,
        since=since,
        group_by=group_by,
        redact=redact,
        jobs=jobs,
        cache=not no_cache,
    )


@app.command("schema", cls=PlainCommand)
@_guarded
def _schema(
    kind: SchemaKindOption,
    output: SchemaOutputOption = None,
    force: SchemaForceOption = False,
    playbook: SchemaPlaybookOption = None,
) -> None:
    """Print the JSON Schema of a plan, a playbook or a debrief, for editors.

    JSON Schema draft-07, generated from the models negplan checks with."""
    from negplan.commands import schema  # the models load only when it runs

    schema.run(cast(SchemaKind, kind), output=output, force=force, playbook=playbook)


@app.command("rules", cls=PlainCommand)
@_guarded
def _rules() -> None:
    """List every rule: code, name, default severity and what it checks."""
    from negplan.commands import rules  # the rules load only when it runs

    rules.list_rules()


@app.command("explain", cls=PlainCommand)
@_guarded
def _explain(
    code: ExplainCodeOption,
) -> None:
    """Explain one rule, with a failing and a passing example.

    What it checks, why it matters, an example that fails, one that passes, and its
    options."""
    from negplan.commands import rules  # the rules load only when it runs

    rules.explain(code)
