"""The ``negplan`` command line: the entry point, error handling shared by every command.

``negplan check`` runs on every commit, so :func:`main` first offers the arguments to
:mod:`negplan.fastcli`, which runs ``check`` (and ``--version``) without importing typer;
everything else, and anything it does not fully understand, goes to the typer application
in :mod:`negplan.app` (also available here as ``negplan.cli.app``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_state = {"debug": False}


def err(message: str) -> None:
    """Write one line to stderr."""
    sys.stderr.write(message + "\n")


def _exit(code: int) -> BaseException:
    # Inside the typer application exit the typer way; on the fast path plain SystemExit.
    if "typer" in sys.modules:
        import typer

        return typer.Exit(code)
    return SystemExit(code)


def _typer_control(exc: BaseException) -> bool:
    if "typer" not in sys.modules:
        return False
    import typer

    return isinstance(exc, (typer.Exit, typer.Abort))


@contextmanager
def guard() -> Iterator[None]:
    """Turn :class:`NegplanError` into a one-line message and exit 2; hide our own bugs'
    tracebacks unless ``--debug`` is on."""
    from negplan.errors import NegplanError

    try:
        yield
    except NegplanError as exc:
        err(exc.render())
        if exc.hint:
            err(f"hint: {exc.hint}")
        raise _exit(2) from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BrokenPipeError:
        raise _exit(1) from None
    except Exception as exc:
        if _typer_control(exc) or _state["debug"]:
            raise
        err(f"negplan: internal error: {type(exc).__name__}: {exc}".splitlines()[0][:300])
        err("hint: this is a bug in negplan; run again with --debug for the full traceback")
        raise _exit(3) from None


def main() -> None:
    """Console-script entry point."""
    from negplan.fastcli import run

    code = run(sys.argv[1:])
    if code is not None:
        raise SystemExit(code)
    from negplan.app import app

    app()


def __getattr__(name: str) -> Any:
    if name == "app":
        from negplan.app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
