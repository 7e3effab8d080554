"""The options of the ``negplan`` commands, declared once as annotated types.

:mod:`negplan.cli` declares the commands with them; the choices of options that have them live
with what they choose from (the check formats in :mod:`negplan.report`, the brief's formats in
:mod:`negplan.brief`, the report's groups in :mod:`negplan.portfolio`).
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

import typer

from negplan import brief, portfolio, report
from negplan.cli_help import listed, one_of

#: The choices of options that have them (the lists of formats live with the formats).
VALUE_FORMATS = ("text", "md", "json")
DIFF_FORMATS = ("text", "md", "json", "github")
SchemaKind = Literal["plan", "playbook", "debrief"]
#: What ``report --group-by`` accepts.
GROUP_BY = portfolio.GROUPS
SCHEMA_KINDS: tuple[str, ...] = get_args(SchemaKind)


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


#: The options of one command each.
CheckPathsOption = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH",
        help="Plan or playbook files, or folders to search for *.yaml / *.yml (default: "
        "the current folder).",
        show_default=False,
    ),
]
CheckOutputFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        callback=one_of(report.CHOICES),
        help=f"{listed(report.CHOICES)}. auto: github under GitHub Actions, text on a "
        "terminal, parsable otherwise.",
    ),
]
CheckStrictOption = Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")]
CheckSkipUnknownOption = Annotated[
    bool,
    typer.Option(
        "--skip-unknown",
        help="Skip named files that are not plans or playbooks instead of reporting "
        "them (for pre-commit, which passes every YAML file).",
    ),
]
CheckJobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes for many files (default: one per core; 1 checks in this process).",
        show_default=False,
    ),
]
CheckDiffAgainstOption = Annotated[
    str | None,
    typer.Option(
        "--diff-against",
        metavar="REV",
        help="For each checked playbook that changed since this git revision, first print "
        "on stderr the summary of `negplan diff` (for the negplan-check-all hook).",
        show_default=False,
    ),
]
BriefPlanOption = Annotated[
    str, typer.Argument(metavar="PLAN", help="The plan file.", show_default=False)
]
BriefOutputFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        callback=one_of(brief.CHOICES),
        help=f"{listed(brief.CHOICES)}. auto: from the -o file's suffix, else Markdown "
        "(shown formatted on a terminal, raw when piped).",
    ),
]
BriefOutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the brief to this file (atomically) instead of stdout.",
        show_default=False,
    ),
]
BriefForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the -o file if it already exists.")
]
BriefRedactOption = Annotated[
    bool,
    typer.Option(
        "--redact",
        help="Leave out walk-away numbers, rep authority and approvals, for a brief "
        "shared beyond the deal team.",
    ),
]
BriefStrictOption = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Refuse to render (exit 1) when `check --strict` would fail: any error or warning.",
    ),
]
BriefPaperOption = Annotated[
    str,
    typer.Option(
        metavar="SIZE",
        callback=one_of(brief.PAPERS),
        help=f"Page size of the HTML and PDF brief: {listed(brief.PAPERS)}.",
    ),
]
NewPathOption = Annotated[
    str,
    typer.Argument(
        metavar="PATH",
        help="Folder to create the plan in (file name from customer and title), the plan "
        "file itself, or - for stdout.",
    ),
]
NewCustomerOption = Annotated[
    str | None, typer.Option(metavar="NAME", help="Customer (buyer) name.")
]
NewTitleOption = Annotated[
    str | None, typer.Option(metavar="TEXT", help="Deal title, e.g. '2027 renewal'.")
]
NewOwnerOption = Annotated[
    str | None, typer.Option(metavar="NAME", help="The rep who owns the deal.")
]
NewMeetingOption = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="Date of the negotiation meeting, YYYY-MM-DD."),
]
NewValueOption = Annotated[
    str | None, typer.Option("--value", metavar="AMOUNT", help="Annual list value of the deal.")
]
NewCurrencyOption = Annotated[
    str | None,
    typer.Option(metavar="CODE", help="ISO currency code (default: the playbook's)."),
]
NewTermOption = Annotated[
    list[str] | None,
    typer.Option(
        "--term",
        metavar="ID",
        help="Add optional playbook terms, by id or name (repeat, or separate with "
        "commas); required terms are always included.",
    ),
]
NewNoInputOption = Annotated[
    bool, typer.Option("--no-input", help="Never prompt; take everything from flags.")
]
NewForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite the plan file if it exists.")
]
NewNoSchemaOption = Annotated[
    bool,
    typer.Option(
        "--no-schema",
        help="Do not write or refresh .negplan/plan.schema.json for editors.",
    ),
]
NewFromDebriefOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DEBRIEF",
        help="Start the next plan for the same customer from a debrief: the deal's "
        "customer, owner, currency, region and segment, last time's terms with their "
        "agreed positions in comments, and the asks nobody expected.",
        show_default=False,
    ),
]
DebriefPlanOption = Annotated[
    str,
    typer.Argument(metavar="PLAN", help="The plan the debrief is about.", show_default=False),
]
DebriefOutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the debrief here (default: PLAN's name with .debrief.yaml, beside it; "
        "- for stdout).",
        show_default=False,
    ),
]
DebriefForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite the debrief file if it exists.")
]
ValuePlanOption = Annotated[
    str,
    typer.Argument(metavar="PLAN", help="The plan (or debrief) to price.", show_default=False),
]
ValueOutputFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        callback=one_of(VALUE_FORMATS),
        help=f"{listed(VALUE_FORMATS)}: tables, Markdown (debriefs), or one JSON document.",
    ),
]
ReportPathsOption = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH",
        help="Plan files, or folders to search for plans (default: the current folder).",
        show_default=False,
    ),
]
ReportOutputFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        callback=one_of(portfolio.CHOICES),
        help=f"{listed(portfolio.CHOICES)}. auto: from the -o file's suffix, else md. "
        "html and pdf need negplan[report].",
    ),
]
ReportOutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to this file (atomically) instead of stdout.",
        show_default=False,
    ),
]
ReportForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the -o file if it already exists.")
]
ReportSinceOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE",
        help="Only plans whose meeting is on or after this date, YYYY-MM-DD (plans "
        "with no meeting date stay in).",
        show_default=False,
    ),
]
ReportGroupByOption = Annotated[
    str,
    typer.Option(
        "--group-by",
        "-g",
        metavar="FIELD",
        callback=one_of(GROUP_BY),
        help=f"Group plans by {listed(GROUP_BY)}.",
    ),
]
ReportRedactOption = Annotated[
    bool,
    typer.Option(
        "--redact",
        help="Owners under stable pseudonyms and walk-aways withheld, for a report "
        "shared beyond the deal desk.",
    ),
]
ReportJobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes for many files (default: one per core; 1 checks in this process).",
        show_default=False,
    ),
]
ReportNoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Neither read nor write the cache of plan and debrief facts "
        "(.negplan/report-cache.sqlite3).",
    ),
]
SchemaKindOption = Annotated[
    str,
    typer.Argument(metavar="KIND", callback=one_of(SCHEMA_KINDS), help=f"{listed(SCHEMA_KINDS)}."),
]
SchemaOutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (atomically) instead of stdout. An existing file is "
        "replaced only if negplan generated it, or with --force.",
    ),
]
SchemaForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite FILE even if negplan did not write it.")
]
SchemaPlaybookOption = Annotated[
    str | None,
    typer.Option(
        "--playbook",
        "-p",
        metavar="FILE",
        help="Plan schema only: offer this playbook's term ids (with names and units), "
        "each term's options, true/false or limits.",
    ),
]
ExplainCodeOption = Annotated[
    str, typer.Argument(metavar="CODE", help="A rule code (NP401) or name (give-without-get).")
]
