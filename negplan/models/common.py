"""Building blocks shared by the plan and playbook models."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, PlainValidator, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from negplan.loader import MAX_NUMBER_DIGITS, number_in_range

#: The file-format version this release reads.
FORMAT_VERSION = 1


class Model(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        hide_input_in_errors=True,
        allow_inf_nan=False,
        coerce_numbers_to_str=True,
        str_strip_whitespace=True,
        populate_by_name=True,
    )

    @field_validator("*", mode="after")
    @classmethod
    def _bounded_numbers(cls, value: Any) -> Any:
        # Quoted text such as "1e999999999" in a number field becomes a Decimal that no
        # formatting or arithmetic could handle; hold it to the loader's limit for numbers.
        if isinstance(value, Decimal) and not number_in_range(value):
            raise PydanticCustomError(
                "number_range",
                "number out of range: at most {digits} digits before and after the decimal point",
                {"digits": MAX_NUMBER_DIGITS},
            )
        return value


class Level(str, enum.Enum):
    """A three-step scale (influence, priority, how much the buyer values a term, cost)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for low, 1 for medium, 2 for high."""
        return {"low": 0, "medium": 1, "high": 2}[self.value]


class Status(str, enum.Enum):
    """Whether something is a guess or has been confirmed with the buyer."""

    ESTIMATED = "estimated"
    VALIDATED = "validated"


def _position(value: Any) -> bool | Decimal | str:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
        if not number.is_finite():
            raise PydanticCustomError(
                "finite_number", "expected a finite number, not {value}", {"value": str(value)}
            )
        return number
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise PydanticCustomError("finite_number", "expected a finite number")
        return Decimal(str(value))
    if isinstance(value, str):
        return value.strip()
    raise PydanticCustomError(
        "position_type",
        "expected a number, true/false or an option name, not a {kind}",
        {
            "kind": "list"
            if isinstance(value, list)
            else "mapping"
            if isinstance(value, dict)
            else type(value).__name__
        },
    )


#: A position on a term: a number (percent, days, months, money, count), true/false for a
#: yes/no term, or the name of one of a choice term's options.
PositionValue = Annotated[
    bool | Decimal | str,
    PlainValidator(_position),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number"}, {"type": "boolean"}, {"type": "string"}],
            "description": "a number, true/false for a yes/no term, or a choice term's option",
        }
    ),
]

Kind = Literal["plan", "playbook"]


def format_value(value: bool | Decimal | str | None, unit: str | None = None) -> str:
    """Render a position for messages and briefs: ``12%``, ``60 days``, ``yes``."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        text = _number(value)
        suffix = {"percent": "%", "days": " days", "months": " months"}.get(unit or "", "")
        if unit == "money":
            return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
        return text + suffix
    return value


def _number(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{value:.0f}"
    return format(value.normalize(), "f")
