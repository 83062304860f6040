"""Password checks made over HTTP, counted by the sign-in throttle: the sign-in form, and the
current password a change of password asks for (else a stolen session or token could guess the
password behind it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request

from nonpro.accounts.errors import WrongPassword
from nonpro.accounts.services import SignInThrottle
from nonpro.core.errors import AuthenticationFailed
from nonpro.http.client_address import request_client_address


@contextmanager
def throttled(request: Request, username: str) -> Iterator[None]:
    """Refuse at once (``RateLimited``) when ``username`` or this client failed too often; count
    a wrong password raised inside the block, and forgive the name's failures on success."""
    throttle: SignInThrottle = request.app.state.sign_in_throttle
    address = request_client_address(request.scope)
    throttle.check(username, address)
    try:
        yield
    except (AuthenticationFailed, WrongPassword):
        throttle.failed(username, address)
        raise
    throttle.succeeded(username, address)
