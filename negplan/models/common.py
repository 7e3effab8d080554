"""Building blocks shared by the plan and playbook models."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from negplan.domain import FORMAT_VERSION, Level, Status, format_value
from negplan.scalars import MAX_NUMBER_DIGITS, number_in_range

__all__ = [
    "FORMAT_VERSION",
    "Kind",
    "Level",
    "Model",
    "NonNegative",
    "Number",
    "Percent",
    "PositionValue",
    "Positive",
    "Status",
    "format_value",
]


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


def _bounded(value: Decimal) -> Decimal:
    # Quoted text such as "1e999999999" in a number field becomes a Decimal that no formatting
    # or arithmetic could handle; hold it to the loader's limit for numbers.
    if not number_in_range(value):
        raise PydanticCustomError(
            "number_range",
            "number out of range: at most {digits} digits before and after the decimal point",
            {"digits": MAX_NUMBER_DIGITS},
        )
    return value


#: A number: a Decimal within the loader's limits on digits.
Number = Annotated[Decimal, AfterValidator(_bounded)]
#: A number of at least 0.
NonNegative = Annotated[Decimal, Field(ge=0), AfterValidator(_bounded)]
#: A number greater than 0.
Positive = Annotated[Decimal, Field(gt=0), AfterValidator(_bounded)]
#: A percentage from 0 to 100.
Percent = Annotated[Decimal, Field(ge=0, le=100), AfterValidator(_bounded)]


def _position(value: Any) -> bool | Decimal | str:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
        if not number.is_finite():
            raise PydanticCustomError(
                "finite_number", "expected a finite number, not {value}", {"value": str(value)}
            )
        return _bounded(number)
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
