"""Turn what a user gave into values, or into one ``InvalidInput`` naming the field: pydantic's
validation errors, a date typed or read from a file, and the YAML data files nonpro ships."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from nonpro.core.errors import InvalidInput, NonproError
from nonpro.core.inputs import within_calendar

ModelT = TypeVar("ModelT", bound=BaseModel)
ChoiceT = TypeVar("ChoiceT", bound=Enum)


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


def parse_day(text: str | None, field: str) -> date | None:
    """``YYYY-MM-DD`` → the date; nothing given → ``None``."""
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(field, f"{text[:40]!r} is not a date (use YYYY-MM-DD)") from None
    try:  # inside the calendar the services can add terms and durations to
        return within_calendar(day)
    except ValueError as exc:
        raise InvalidInput(field, str(exc)) from None


def parse_choice(choices: type[ChoiceT], text: str, field: str) -> ChoiceT:
    """``text`` as one of ``choices``, read as people type it ("In force", "in-force" and
    "in_force" alike), or ``InvalidInput`` naming ``field`` and every allowed value."""
    try:
        return choices(text.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        allowed = ", ".join(str(choice.value) for choice in choices)
        raise InvalidInput(field, f"{text!r} is not one of {allowed}") from None


def load_packaged_yaml(
    package: str, name: str, model: type[ModelT], error: Callable[[str, str], NonproError]
) -> ModelT:
    """``<package>/data/<name>`` validated as ``model``; a broken file raises ``error(name,
    problem)``, so the capability's own error names the file."""
    path = resources.files(package) / "data" / name
    try:
        return model.model_validate(yaml.safe_load(path.read_text("utf-8")))
    except (yaml.YAMLError, ValidationError) as exc:
        problem = first_problem(exc).message if isinstance(exc, ValidationError) else str(exc)
        raise error(name, problem) from None
