"""Domain errors to HTTP status codes and JSON bodies, in one place."""

from __future__ import annotations

from fastapi.responses import JSONResponse

from nonpro.cases.errors import DecisionBlocked
from nonpro.core.errors import InvalidInput, NonproError, RateLimited
from nonpro.core.rejected_rows import REPORTED_ROWS, RejectedRows
from nonpro.http.errors import status_for


def error_body(error: NonproError) -> dict[str, object]:
    body: dict[str, object] = {"type": type(error).__name__, "message": error.message}
    if isinstance(error, InvalidInput):
        body["field"] = error.field
    if isinstance(error, RejectedRows):  # the first rows listed, all of them counted
        body["rows"] = [row.model_dump() for row in error.rows[:REPORTED_ROWS]]
        body["rows_refused"] = len({row.where for row in error.rows})
    if isinstance(error, DecisionBlocked):
        body["reasons"] = [reason.model_dump() for reason in error.reasons]
    return {"error": body}


def api_error_response(error: NonproError) -> JSONResponse:
    status = status_for(error)
    headers = {}
    if isinstance(error, RateLimited):
        headers["Retry-After"] = str(error.retry_after)
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(error_body(error), status_code=status, headers=headers)
