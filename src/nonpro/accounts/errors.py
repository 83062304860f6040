"""Errors of the accounts capability."""

from __future__ import annotations

from nonpro.core.errors import AuthenticationFailed, InvalidInput, PermissionDenied


class InvalidCredentials(AuthenticationFailed):
    """Wrong user name or password; deliberately does not say which."""

    def __init__(self) -> None:
        super().__init__("unknown user name or wrong password")


class InvalidToken(AuthenticationFailed):
    def __init__(self) -> None:
        super().__init__("the bearer token is unknown, revoked or expired")


class TokenExpired(AuthenticationFailed):
    def __init__(self, expired_on: str) -> None:
        super().__init__(f"the bearer token expired on {expired_on}; create a new one")


class SessionEnded(AuthenticationFailed):
    """The web session was signed out, ended by a change to the account, or ran out of time."""


class PasswordChangeRequired(PermissionDenied):
    """The user must choose a new password before doing anything else."""

    def __init__(self) -> None:
        super().__init__(
            "you must change your password before going on: "
            "POST /api/me/password, or the Change password page"
        )


class WrongPassword(InvalidInput):
    """The current password given to confirm a change is not the user's."""

    def __init__(self) -> None:
        super().__init__("current_password", "is not your current password")
