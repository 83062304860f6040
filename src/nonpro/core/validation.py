"""Turn pydantic's validation errors into one ``InvalidInput`` naming the field."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from nonpro.core.errors import InvalidInput

ModelT = TypeVar("ModelT", bound=BaseModel)


def first_problem(exc: ValidationError) -> InvalidInput:
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]) or "input"
    message = str(error["msg"]).removeprefix("Value error, ")
    return InvalidInput(field, message)


def parse_input(model: type[ModelT], data: Any) -> ModelT:
    """Validate ``data`` as ``model``; the first problem becomes an ``InvalidInput``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise first_problem(exc) from None
