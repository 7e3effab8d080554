"""Render a brief with jinja2, always inside an immutable sandbox with resource limits.

Shipped templates and a playbook's own template run the same way. The sandbox stops access to
Python internals; on top of it this module caps what a template can make the process do:

* strings, lists and numbers a template builds are limited in size (repeats, powers, string
  formatting, concatenation, filters and method calls are checked, before the work where the
  size can be known in advance);
* ``range()`` is limited to :data:`MAX_RANGE` items and ``lipsum()`` is not available;
* the output is limited to :data:`MAX_OUTPUT` characters;
* on POSIX, rendering in the main thread stops after :data:`TIME_LIMIT` seconds.

Any problem becomes a :class:`~negplan.errors.TemplateError` naming the template and line.

The shipped templates compile from their text in ``templates/`` when a brief needs them, once
per environment: a Markdown brief never compiles the HTML template.
"""

from __future__ import annotations

import functools
import os
import pkgutil
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from types import TracebackType
from typing import Any

from jinja2 import FunctionLoader, StrictUndefined, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateNotFound, TemplateSyntaxError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from negplan.brief.data import Brief
from negplan.brief.limits import memory_limit, time_limit
from negplan.brief.text import breakable
from negplan.errors import TemplateError
from negplan.escape import markdown_text

#: Largest string, list or mapping a template may build (items or characters).
MAX_SIZE = 200_000
#: Largest integer a template may build, in bits.
MAX_INT_BITS = 4_096
#: Largest ``range()`` a template may iterate.
MAX_RANGE = 10_000
#: Longest output a template may produce, in characters.
MAX_OUTPUT = 2_000_000
#: Wall-clock limit for one rendering, in seconds (POSIX, main thread only).
TIME_LIMIT = 10.0
#: Memory a rendering may add to the process, in bytes (Linux only).
MAX_MEMORY = 1024 * 1024 * 1024
#: Largest template file read from a playbook folder, in bytes.
MAX_TEMPLATE_BYTES = 256 * 1024

#: Shipped templates, by format.
BUNDLED = {"md": "brief.md.j2", "html": "brief.html.j2"}
# The shipped templates' file name in messages and tracebacks, before the template's name.
_BUNDLED_PREFIX = "negplan/brief/templates/"
# A %-style or {}-style conversion with a width or precision of six digits or more.
_WIDE = re.compile(r"%[#0 +\-]*\d*\.?\d{6,}|\{[^{}]*:[^{}]*\d{6,}[^{}]*\}")


class LimitError(SecurityError):
    """A template tried to build something too big or to run too long."""


def _check_size(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if value.bit_length() > MAX_INT_BITS:
            raise LimitError(f"number too large (over {MAX_INT_BITS} bits)")
    elif isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)) and (
        len(value) > MAX_SIZE
    ):
        raise LimitError(f"value too large (over {MAX_SIZE:,} items or characters)")
    return value


def _check_args(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_SIZE:
            raise LimitError(f"a number argument is over the {MAX_SIZE:,} limit")


def _sized(seq: Any) -> int | None:
    return len(seq) if isinstance(seq, (str, bytes, list, tuple)) else None


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, count in ((left, right), (right, left)):
            size = _sized(seq)
            if size is not None and isinstance(count, int) and size * count > MAX_SIZE:
                raise LimitError(f"repeat too large (over {MAX_SIZE:,} items or characters)")
        both = isinstance(left, int) and isinstance(right, int)
        if both and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise LimitError(f"number too large (over {MAX_INT_BITS} bits)")
    elif operator == "**":
        both = isinstance(left, int) and isinstance(right, int)
        if both and right > 0 and abs(left) > 1 and right * left.bit_length() > MAX_INT_BITS:
            raise LimitError(f"power too large (over {MAX_INT_BITS} bits)")
        if isinstance(right, (int, float)) and abs(right) > MAX_INT_BITS:
            raise LimitError(f"exponent over {MAX_INT_BITS}")
    elif operator == "%" and isinstance(left, str):
        _check_format(left)
        _check_args(right if isinstance(right, tuple) else (right,), {})


def _check_format(text: str) -> None:
    if _WIDE.search(text):
        raise LimitError("format string with a huge width or precision")


def _check_growth(name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse the string operations whose result can be far larger than their inputs."""
    if not args or not isinstance(args[0], str):
        return
    text = args[0]
    rest = [*args[1:], *kwargs.values()]
    estimate = 0
    if name == "replace" and len(rest) >= 2 and all(isinstance(a, str) for a in rest[:2]):
        old, new = rest[0], rest[1]
        estimate = len(text) + (text.count(old) if old else len(text) + 1) * len(new)
    elif name == "join" and rest and isinstance(rest[0], (list, tuple, str)):
        estimate = len(text) * len(rest[0])
    elif name == "indent" and rest and isinstance(rest[0], str):
        estimate = len(text) + len(rest[0]) * (text.count("\n") + 1)
    if estimate > MAX_SIZE:
        raise LimitError(f"{name} would build over {MAX_SIZE:,} characters")


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    # Filters marked pass_context / pass_eval_context / pass_environment get that first.
    passed = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        given = args[passed:]
        _check_args(given, kwargs)
        if name == "format":
            _check_format(str(next((a for a in given if isinstance(a, str)), "")))
        elif name == "join" and len(given) >= 2 and isinstance(given[1], str):
            _check_growth("join", (given[1], given[0]), {})
        else:
            _check_growth(name, given, kwargs)
        return _check_size(func(*args, **kwargs))

    return guarded


class _Generator(CodeGenerator):
    """Routes ``a ~ b`` through a size check: concatenation is not a sandboxed operator."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.check_size(")
        super().visit_Concat(node, frame)
        self.write(")")


class BriefEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with size limits on operators, calls and filters."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "%", "+", "//"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)
        self.globals["range"] = _limited_range
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}

    @staticmethod
    def check_size(value: Any) -> Any:
        """Raise :class:`LimitError` if a value a template built is too large."""
        return _check_size(value)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Check an operator's operands before running it, and its result after."""
        _check_binop(operator, left, right)
        return _check_size(super().call_binop(context, operator, left, right))

    def call(
        __self,
        __context: Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Check a call's arguments (and a formatted string's widths) before calling."""
        _check_args(args, kwargs)
        target = getattr(__obj, "__wrapped__", __obj)
        owner = getattr(target, "__self__", None)
        method = getattr(target, "__name__", "")
        if isinstance(owner, str) and method in ("format", "format_map"):
            _check_format(owner)
        if isinstance(owner, str):
            _check_growth(method, (owner, *args), kwargs)
        return _check_size(super().call(__context, __obj, *args, **kwargs))


def _limited_range(*args: int) -> range:
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise LimitError(f"range too large (over {MAX_RANGE:,} items)")
    return result


def _finalize_markdown(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    return markdown_text(value)


def _finalize_html(value: Any) -> Any:
    return "" if value is None else value


def bundled_source(name: str) -> str:
    """The text of a shipped template, read through the package's loader (files or a zip)."""
    data = pkgutil.get_data("negplan.brief", f"templates/{name}")
    if data is None:
        raise OSError(f"cannot read the shipped template {name}")
    return data.decode("utf-8")


def read_template(path: str) -> str:
    """Read a playbook's template file: a small, regular UTF-8 file."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise TemplateError("brief template is not a regular file", path=path)
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(
                f"brief template is over the {MAX_TEMPLATE_BYTES:,}-byte limit", path=path
            )
        with open(path, "rb") as handle:
            raw = handle.read(MAX_TEMPLATE_BYTES + 1)
    except FileNotFoundError:
        raise TemplateError("brief template not found", path=path) from None
    except OSError as exc:
        raise TemplateError(
            f"cannot read brief template: {exc.strerror or exc}", path=path
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TemplateError("brief template is not valid UTF-8", path=path) from None


def make_environment(fmt: str, sources: Mapping[str, str]) -> BriefEnvironment:
    """A sandbox for ``fmt`` (``md`` or ``html``) that can load the named template sources.

    Shipped templates are always available by their names (``brief.md.j2``,
    ``brief.html.j2``), so a playbook template can ``{% extends %}`` one and override blocks;
    each compiles from its text the first time the environment loads it.
    """
    known = {_BUNDLED_PREFIX + n: n for n in BUNDLED.values()}

    def load(name: str) -> tuple[str, str, Callable[[], bool]] | None:
        if name in sources:
            return sources[name], name, lambda: True
        if name in BUNDLED.values():
            return bundled_source(name), _BUNDLED_PREFIX + name, lambda: True
        if name in known:
            return bundled_source(known[name]), name, lambda: True
        return None

    html = fmt == "html"
    return BriefEnvironment(
        loader=FunctionLoader(load),
        autoescape=html,
        undefined=StrictUndefined,
        finalize=_finalize_html if html else _finalize_markdown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def render_template(
    brief: Brief,
    *,
    fmt: str,
    template: str | None = None,
    source: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> str:
    """Render ``brief`` as ``fmt`` with a shipped template, or with ``source`` (the text of a
    playbook's template, shown in messages as ``template``). For HTML, long words in the
    brief's text get break opportunities first (:func:`~negplan.brief.text.breakable`)."""
    name = template if source is not None and template else BUNDLED[fmt]
    env = make_environment(fmt, {name: source} if source is not None else {})
    if fmt == "html":
        brief = breakable(brief)
    variables: dict[str, Any] = brief._asdict()
    variables.update(extra or {})
    variables["format"] = fmt
    try:
        with time_limit(TIME_LIMIT, _too_slow), memory_limit(MAX_MEMORY):
            return _collect(env.get_template(name).generate(variables))
    except Exception as exc:
        raise _failure(exc, name) from None


def _too_slow() -> LimitError:
    return LimitError(f"rendering took longer than {TIME_LIMIT:g} seconds")


def _failure(exc: Exception, name: str) -> TemplateError:
    """The one-line error for a template ``name`` (or one it loads) that failed."""
    if isinstance(exc, TemplateSyntaxError):
        return TemplateError(
            f"template syntax error: {_short(exc.message or str(exc))}",
            path=f"{exc.filename or exc.name or name}:{exc.lineno}",
            hint="fix the template, or remove `brief.template` from the playbook",
        )
    where = _where(exc.__traceback__, name)
    if isinstance(exc, TemplateNotFound):
        allowed = " and ".join(BUNDLED.values())
        hint = f"templates can extend or include only {allowed}"
        return TemplateError(f"template not found: {_short(str(exc))}", path=where, hint=hint)
    if isinstance(exc, LimitError):
        hint = "brief templates must stay small and fast"
        return TemplateError(f"template stopped: {_short(str(exc))}", path=where, hint=hint)
    if isinstance(exc, SecurityError):
        hint = "brief templates can use the brief's data, not Python internals"
        message = f"template blocked by the sandbox: {_short(str(exc))}"
        return TemplateError(message, path=where, hint=hint)
    if isinstance(exc, RecursionError):
        return TemplateError("template stopped: it recursed too deeply", path=where)
    if isinstance(exc, MemoryError):
        return TemplateError("template stopped: it used too much memory", path=where)
    message = _short(str(exc) or type(exc).__name__)
    return TemplateError(f"template error: {message}", path=where)


def _collect(chunks: Iterator[str]) -> str:
    parts: list[str] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            raise LimitError(f"output too long (over {MAX_OUTPUT:,} characters)")
        parts.append(chunk)
    return "".join(parts)


def _short(message: str) -> str:
    line = " ".join(message.split())
    return line[:300].rstrip(".")


def _where(tb: TracebackType | None, default: str) -> str:
    """``template:line`` of the innermost template frame in a (jinja-rewritten) traceback."""
    found = default
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename == default or filename.startswith(_BUNDLED_PREFIX):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
