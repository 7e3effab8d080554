"""negplan: negotiation preparation planner."""

__version__ = "0.1.0"
