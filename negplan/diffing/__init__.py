"""``negplan diff`` and ``negplan whatif``: what a playbook change does to every plan.

The data flow, each step a plain function:

* :mod:`~negplan.diffing.source` reads the two playbooks (the file and ``--old FILE`` or its
  version at a git revision); :mod:`~negplan.diffing.edits` builds the edited playbook of
  ``whatif`` instead, from the file's loaded document;
* :mod:`~negplan.diffing.changes` lists what changed, term by term, on the models;
* :mod:`~negplan.diffing.impact` checks and prices each plan against both playbooks with
  the code ``check`` and ``value`` use, and keeps the differences;
* :mod:`~negplan.diffing.output` writes them as text, md, json or github annotations.
"""

from __future__ import annotations

#: The output formats of ``diff`` and ``whatif``.
FORMATS = ("text", "md", "json", "github")
