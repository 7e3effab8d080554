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
from typing import Annotated, Literal, ParamSpec, cast, get_args

import typer

from negplan import __version__, brief, portfolio, report
from negplan.cli_help import PlainCommand, listed, one_of
from negplan.errors import NegplanError
from negplan.escape import visible

#: The choices of options that have them (the lists of formats live with the formats).
VALUE_FORMATS = ("text", "md", "json")
DIFF_FORMATS = ("text", "md", "json", "github")
SchemaKind = Literal["plan", "playbook", "debrief"]
#: What ``report --group-by`` accepts.
GROUP_BY = portfolio.GROUPS
SCHEMA_KINDS: tuple[str, ...] = get_args(SchemaKind)

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


#: The options several commands share, declared once.
PlaybookOption = Annotated[
    str | None,
    typer.Option(
        "--playbook",
        "-p",
        metavar="FILE",
        help="Use this playbook instead of discovering one.",
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE", help="Date to check meeting dates against, YYYY-MM-DD (default: today)."
    ),
]


@app.command("check", cls=PlainCommand)
@_guarded
def _check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Plan or playbook files, or folders to search for *.yaml / *.yml (default: "
            "the current folder).",
            show_default=False,
        ),
    ] = None,
    playbook: PlaybookOption = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            callback=one_of(report.CHOICES),
            help=f"{listed(report.CHOICES)}. auto: github under GitHub Actions, text on a "
            "terminal, parsable otherwise.",
        ),
    ] = "auto",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    skip_unknown: Annotated[
        bool,
        typer.Option(
            "--skip-unknown",
            help="Skip named files that are not plans or playbooks instead of reporting "
            "them (for pre-commit, which passes every YAML file).",
        ),
    ] = False,
    today: TodayOption = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Worker processes for many files (default: one per core; 1 checks in this "
            "process).",
            show_default=False,
        ),
    ] = None,
    diff_against: Annotated[
        str | None,
        typer.Option(
            "--diff-against",
            metavar="REV",
            help="For each checked playbook that changed since this git revision, first print "
            "on stderr the summary of `negplan diff` (for the negplan-check-all hook).",
            show_default=False,
        ),
    ] = None,
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
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="The plan file.", show_default=False)],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            callback=one_of(brief.CHOICES),
            help=f"{listed(brief.CHOICES)}. auto: from the -o file's suffix, else Markdown "
            "(shown formatted on a terminal, raw when piped).",
        ),
    ] = "auto",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the brief to this file (atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the -o file if it already exists.")
    ] = False,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Leave out walk-away numbers, rep authority and approvals, for a brief "
            "shared beyond the deal team.",
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Refuse to render (exit 1) when `check --strict` would fail: any error or "
            "warning.",
        ),
    ] = False,
    playbook: PlaybookOption = None,
    today: TodayOption = None,
    paper: Annotated[
        str,
        typer.Option(
            metavar="SIZE",
            callback=one_of(brief.PAPERS),
            help=f"Page size of the HTML and PDF brief: {listed(brief.PAPERS)}.",
        ),
    ] = "a4",
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
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="Folder to create the plan in (file name from customer and title), the plan "
            "file itself, or - for stdout.",
        ),
    ] = ".",
    customer: Annotated[
        str | None, typer.Option(metavar="NAME", help="Customer (buyer) name.")
    ] = None,
    title: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Deal title, e.g. '2027 renewal'.")
    ] = None,
    owner: Annotated[
        str | None, typer.Option(metavar="NAME", help="The rep who owns the deal.")
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Date of the negotiation meeting, YYYY-MM-DD."),
    ] = None,
    value: Annotated[
        str | None, typer.Option("--value", metavar="AMOUNT", help="Annual list value of the deal.")
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option(metavar="CODE", help="ISO currency code (default: the playbook's)."),
    ] = None,
    term: Annotated[
        list[str] | None,
        typer.Option(
            "--term",
            metavar="ID",
            help="Add optional playbook terms, by id or name (repeat, or separate with "
            "commas); required terms are always included.",
        ),
    ] = None,
    playbook: PlaybookOption = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt; take everything from flags.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the plan file if it exists.")
    ] = False,
    no_schema: Annotated[
        bool,
        typer.Option(
            "--no-schema",
            help="Do not write or refresh .negplan/plan.schema.json for editors.",
        ),
    ] = False,
    from_debrief: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DEBRIEF",
            help="Start the next plan for the same customer from a debrief: the deal's "
            "customer, owner, currency, region and segment, last time's terms with their "
            "agreed positions in comments, and the asks nobody expected.",
            show_default=False,
        ),
    ] = None,
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
    plan: Annotated[
        str,
        typer.Argument(metavar="PLAN", help="The plan the debrief is about.", show_default=False),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the debrief here (default: PLAN's name with .debrief.yaml, beside it; "
            "- for stdout).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the debrief file if it exists.")
    ] = False,
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
    plan: Annotated[
        str,
        typer.Argument(metavar="PLAN", help="The plan (or debrief) to price.", show_default=False),
    ],
    playbook: PlaybookOption = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            callback=one_of(VALUE_FORMATS),
            help=f"{listed(VALUE_FORMATS)}: tables, Markdown (debriefs), or one JSON document.",
        ),
    ] = "text",
    today: TodayOption = None,
) -> int:
    """Price a plan: its value at opening, target and walk-away.

    Net value at opening, target and walk-away, the running value through the concession
    plan, and the package against the playbook's floor and approval ladder. Given a debrief:
    each term's agreed position against its planned range, the package as agreed against
    target, unplanned moves, and the asks heard, not heard and unexpected."""
    from negplan.commands import value  # the pricing code loads only when it runs

    return value.run(plan, playbook=playbook, output_format=output_format, today=today)


PlansArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH",
        help="Plan files, or folders to search for them (default: the current folder).",
        show_default=False,
    ),
]
DiffFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        callback=one_of(DIFF_FORMATS),
        help=f"{listed(DIFF_FORMATS)}. md: for a pull-request comment; github: annotations on "
        "the playbook's changed lines.",
    ),
]
DiffStrictOption = Annotated[
    bool, typer.Option("--strict", help="Count a plan with warnings as failing.")
]
SummaryOption = Annotated[
    bool,
    typer.Option("--summary", help="Leave out the plans: the changes and the totals only."),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes for many plans (default: one per core).",
        show_default=False,
    ),
]


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
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Plan files, or folders to search for plans (default: the current folder).",
            show_default=False,
        ),
    ] = None,
    playbook: PlaybookOption = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            callback=one_of(portfolio.CHOICES),
            help=f"{listed(portfolio.CHOICES)}. auto: from the -o file's suffix, else md. "
            "html and pdf need negplan[report].",
        ),
    ] = "auto",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file (atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the -o file if it already exists.")
    ] = False,
    today: TodayOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Only plans whose meeting is on or after this date, YYYY-MM-DD (plans "
            "with no meeting date stay in).",
            show_default=False,
        ),
    ] = None,
    group_by: Annotated[
        str,
        typer.Option(
            "--group-by",
            "-g",
            metavar="FIELD",
            callback=one_of(GROUP_BY),
            help=f"Group plans by {listed(GROUP_BY)}.",
        ),
    ] = "region",
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Owners under stable pseudonyms and walk-aways withheld, for a report "
            "shared beyond the deal desk.",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Worker processes for many files (default: one per core; 1 checks in this "
            "process).",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Neither read nor write the cache of plan and debrief facts "
            "(.negplan/report-cache.sqlite3).",
        ),
    ] = False,
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
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND", callback=one_of(SCHEMA_KINDS), help=f"{listed(SCHEMA_KINDS)}."
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (atomically) instead of stdout. An existing file is "
            "replaced only if negplan generated it, or with --force.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite FILE even if negplan did not write it.")
    ] = False,
    playbook: Annotated[
        str | None,
        typer.Option(
            "--playbook",
            "-p",
            metavar="FILE",
            help="Plan schema only: offer this playbook's term ids (with names and units), "
            "each term's options, true/false or limits.",
        ),
    ] = None,
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
    code: Annotated[
        str, typer.Argument(metavar="CODE", help="A rule code (NP401) or name (give-without-get).")
    ],
) -> None:
    """Explain one rule, with a failing and a passing example.

    What it checks, why it matters, an example that fails, one that passes, and its
    options."""
    from negplan.commands import rules  # the rules load only when it runs

    rules.explain(code)
