"""Errors of the accounts capability."""

from __future__ import annotations

from nonpro.core.errors import AuthenticationFailed


class InvalidCredentials(AuthenticationFailed):
    """Wrong user name or password; deliberately does not say which."""

    def __init__(self) -> None:
        super().__init__("unknown user name or wrong password")


class InvalidToken(AuthenticationFailed):
    def __init__(self) -> None:
        super().__init__("the bearer token is unknown, revoked or expired")
