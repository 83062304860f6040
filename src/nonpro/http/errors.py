"""Domain errors to HTTP status codes, the same for the API's JSON and the pages."""

from __future__ import annotations

from nonpro.core.errors import (
    AuthenticationFailed,
    Conflict,
    InvalidInput,
    NonproError,
    NotFound,
    PermissionDenied,
    RateLimited,
)

STATUS_CODES: tuple[tuple[type[NonproError], int], ...] = (
    (InvalidInput, 422),
    (NotFound, 404),
    (Conflict, 409),
    (RateLimited, 429),
    (AuthenticationFailed, 401),
    (PermissionDenied, 403),
)


def status_for(error: NonproError) -> int:
    for kind, status in STATUS_CODES:
        if isinstance(error, kind):
            return status
    return 400
