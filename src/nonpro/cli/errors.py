"""Domain errors to exit codes and one-line messages, in one place."""

from __future__ import annotations

from nonpro.core.errors import (
    AuthenticationFailed,
    Conflict,
    InvalidInput,
    NonproError,
    NotFound,
    PermissionDenied,
)

EXIT_CODES: tuple[tuple[type[NonproError], int], ...] = (
    (InvalidInput, 2),  # also ConfigurationError: bad settings are bad input
    (NotFound, 3),
    (Conflict, 4),
    (PermissionDenied, 5),
    (AuthenticationFailed, 5),
)


def exit_code_for(error: NonproError) -> int:
    return next((code for kind, code in EXIT_CODES if isinstance(error, kind)), 1)
