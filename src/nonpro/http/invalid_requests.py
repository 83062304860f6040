"""A request FastAPI could not parse, answered like any other refused input: 422, the field and
the problem, never the value sent.

FastAPI's own answer echoes each refused value back (``input``); a value that cannot be written
as JSON (a number beyond a float's range, a lone UTF-16 surrogate) made that answer itself fail,
so the client got a 500 for what was its own mistake. Here the value is never written back.

JSON bodies are also checked before any schema sees them (``refuse_unrepresentable_json``):
Python's ``json`` reads ``1e400`` as infinity and ``"\\ud800"`` as a string no database driver
can encode (PostgreSQL refuses it, SQLite stores it), so such a value is refused here, naming
where it was, whatever the route's schema says the field is. No string in a body may be longer
than the longest text any field takes (``nonpro.core.inputs.DOCUMENT_LENGTH``): the schemas
set tighter limits field by field, and this one holds for a field that has none.
"""

from __future__ import annotations

import email.message
import math
from collections.abc import Iterator, Sequence
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from nonpro.core.errors import InvalidInput
from nonpro.core.inputs import DOCUMENT_LENGTH, has_lone_surrogate

# Where FastAPI found the value: left out of the field's name, which is what the client sent.
_SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form"})


def request_problem(exc: RequestValidationError) -> InvalidInput:
    """The first problem of a request FastAPI refused, naming the field as the client sent it."""
    errors: Sequence[Any] = exc.errors()
    if not errors:
        return InvalidInput("request", "could not be read")
    error = errors[0]
    return InvalidInput(_field_name(error.get("loc", ())), _message(error))


def invalid_request_response(exc: RequestValidationError) -> JSONResponse:
    """The API's 422: ``error`` as for every refused input, and ``detail`` as FastAPI gives it,
    less the values sent."""
    problem = request_problem(exc)
    detail = [
        {"loc": list(error.get("loc", ())), "msg": _message(error), "type": error.get("type")}
        for error in exc.errors()
    ]
    body = {
        "error": {"type": "InvalidInput", "message": problem.message, "field": problem.field},
        "detail": detail,
    }
    return JSONResponse(body, status_code=422)


async def refuse_unrepresentable_json(request: Request) -> None:
    """Raise ``RequestValidationError`` naming the first value of a JSON body that is no JSON
    value a client could mean: a number beyond a float's range, a lone surrogate, or a string
    longer than any free text. A body that is not JSON at all is left for FastAPI to refuse."""
    if not _is_json(request.headers.get("content-type")):
        return
    if not await request.body():
        return
    try:
        document = await request.json()  # cached: FastAPI reads this same parse afterwards
    except (ValueError, UnicodeDecodeError):
        return
    for location, problem in _unrepresentable(document, ("body",)):
        raise RequestValidationError(
            [{"type": "value_error", "loc": location, "msg": problem, "input": None}]
        )


def _unrepresentable(value: Any, location: tuple[str | int, ...]) -> Iterator[tuple[Any, str]]:
    # Iterative, so a deeply nested body cannot exhaust the stack.
    pending: list[tuple[Any, tuple[str | int, ...]]] = [(value, location)]
    while pending:
        item, where = pending.pop()
        if isinstance(item, float) and not math.isfinite(item):
            yield where, "is not a finite number"
        elif isinstance(item, str) and len(item) > DOCUMENT_LENGTH:
            yield where, f"longer than {DOCUMENT_LENGTH:,} characters"
        elif isinstance(item, str) and has_lone_surrogate(item):
            yield where, "contains a lone surrogate (\\ud800-\\udfff), which is not text"
        elif isinstance(item, dict):
            for key, child in item.items():
                if has_lone_surrogate(key):
                    yield where, "has a field name that contains a lone surrogate"
                pending.append((child, (*where, key)))
        elif isinstance(item, list):
            pending.extend((child, (*where, index)) for index, child in enumerate(item))


def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


def _field_name(location: Sequence[Any]) -> str:
    parts = list(location)
    if len(parts) > 1 and parts[0] in _SOURCES:
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or "request"


def _message(error: Any) -> str:
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "")
        return f"is not valid JSON{f' ({reason})' if reason else ''}"
    return str(error.get("msg", "is invalid")).removeprefix("Value error, ")
