"""From a checked plan to brief text: build the brief's data, pick the template, render."""

from __future__ import annotations

import os
import re
from datetime import date

from negplan.brief.build import build_brief
from negplan.brief.fit import fit
from negplan.brief.history import last_time
from negplan.brief.render import read_template, render_template
from negplan.checking import CheckedPlan
from negplan.discovery import BUNDLED, LoadedPlaybook
from negplan.errors import TemplateError
from negplan.pricing import analyse

#: Template file names that are for the HTML (and PDF) brief; anything else is Markdown.
_HTML_TEMPLATE = re.compile(r"\.html?(\.j2|\.jinja2?)?$", re.IGNORECASE)


def template_for(loaded: LoadedPlaybook, fmt: str) -> tuple[str, str] | None:
    """The playbook's own template for ``fmt`` as ``(shown name, text)``, if it names one.

    A template whose file name ends in ``.html`` / ``.html.j2`` is for HTML and PDF briefs,
    any other for Markdown. It must live inside the playbook's folder.
    """
    settings = loaded.playbook.brief if loaded.playbook else None
    if settings is None or not settings.template:
        return None
    wanted = "html" if fmt in ("html", "pdf") else "md"
    is_html = bool(_HTML_TEMPLATE.search(settings.template))
    if (wanted == "html") != is_html:
        return None
    folder = loaded.directory
    shown = settings.template
    if folder is None or loaded.source == BUNDLED:
        raise TemplateError("the bundled playbook cannot name a brief template")
    if "\0" in settings.template:
        raise TemplateError(
            "brief template path contains a NUL byte",
            path=loaded.source,
            position=loaded.document.index.locate(("brief", "template")),
            hint="write the path of the template file, relative to the playbook",
        )
    if os.path.isabs(settings.template):
        raise TemplateError(
            "brief template must be a path relative to the playbook",
            path=loaded.source,
            hint=f"move the template next to the playbook; `{shown}` is absolute",
        )
    path = os.path.join(folder, settings.template)
    real_folder = os.path.realpath(folder)
    real = os.path.realpath(path)
    if os.path.commonpath([real_folder, real]) != real_folder:
        raise TemplateError(
            "brief template must be inside the playbook's folder",
            path=loaded.source,
            hint=f"`{shown}` points outside {folder}",
        )
    display = os.path.normpath(os.path.join(os.path.dirname(loaded.source), settings.template))
    if os.sep not in display and "/" not in display:
        display = f".{os.sep}{display}"  # never the name of a shipped template
    return display, read_template(path)


def render_brief(
    checked: CheckedPlan,
    *,
    fmt: str,
    today: date,
    redact: bool = False,
    paper: str = "A4",
) -> str:
    """The brief as Markdown (``fmt="md"``) or HTML (``"html"``, also used for PDF) of a plan
    that validated."""
    loaded = checked.playbook
    assert checked.plan is not None and loaded is not None and loaded.playbook is not None
    kind = "html" if fmt in ("html", "pdf") else "md"
    economics = None if redact else analyse(checked.plan, loaded.playbook)
    shown = "the bundled default playbook" if loaded.source == BUNDLED else None
    brief = build_brief(
        checked.plan,
        loaded.playbook,
        checked.findings,
        playbook_name=shown or f"playbook {os.path.basename(loaded.source)}",
        today=today,
        redact=redact,
        economics=economics,
        drawing="svg" if kind == "html" else "text",
        last_time=last_time(
            checked.path, checked.plan, loaded.playbook, today=today, redact=redact
        ),
    )
    if kind == "html":
        brief = fit(brief, paper)
    custom = template_for(loaded, fmt)
    text = render_template(
        brief,
        fmt=kind,
        template=custom[0] if custom else None,
        source=custom[1] if custom else None,
        extra={"paper": paper},
    )
    if kind == "md":
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"
