"""Domain errors shared by every capability.

Each delivery layer maps these to its own vocabulary in one place: HTTP status codes in
``nonpro.api.errors``, exit codes in ``nonpro.cli.errors``, an error page in ``nonpro.web``.
"""

from __future__ import annotations


class NonproError(Exception):
    """Base of every error nonpro reports to a user; the message is meant to be read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(NonproError):
    """Input was rejected: names the field and the problem."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class ConfigurationError(InvalidInput):
    """A setting is unusable; ``field`` is the environment variable's name."""


class NotFound(NonproError):
    """The thing asked for does not exist."""

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"{kind} {key!s} not found")
        self.kind = kind
        self.key = key


class Conflict(NonproError):
    """The request contradicts what is stored (a duplicate name, a stale state)."""


class AuthenticationFailed(NonproError):
    """Who is asking could not be established."""


class PermissionDenied(NonproError):
    """The user is known but may not do this."""


class RateLimited(NonproError):
    """Too many attempts; try again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
