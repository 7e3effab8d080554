"""One module per ``negplan`` command."""
