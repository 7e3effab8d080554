"""Pydantic models of the two file kinds: plans and playbooks."""

from negplan.models.plan import Plan
from negplan.models.playbook import Playbook, Term

__all__ = ["Plan", "Playbook", "Term"]
