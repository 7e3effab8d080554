"""The ``negplan`` command: ``python -m negplan`` and the installed console script."""

from __future__ import annotations

import sys


def main() -> None:
    """Start the command line; a Ctrl-C while it is still loading is one line and exit 130."""
    try:
        from negplan.cli import main as run  # loaded here so that a Ctrl-C during it is caught
    except KeyboardInterrupt:
        sys.stderr.write("negplan: interrupted\n")
        raise SystemExit(130) from None
    run()


if __name__ == "__main__":
    main()
