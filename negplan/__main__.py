"""Run the negplan command line with ``python -m negplan``."""

from negplan.cli import main

main()
