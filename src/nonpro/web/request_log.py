"""One log record per HTTP request: method, path, status, duration, the client's address (as
``nonpro.http.client_address`` works it out) and the signed-in user.

The path is logged without its query string, and no header or body is: query strings and forms
can carry tokens and passwords. The user is the principal the sign-in check put on
``request.state`` (nobody, for pages that need no sign-in or a refused one).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nonpro.core.logging import milliseconds_since
from nonpro.http.client_address import request_client_address

logger = logging.getLogger(__name__)


class RequestLogMiddleware:
    """Times each request from its arrival to its last byte sent, then logs it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        # Created here, so the dict the endpoints write request.state into is this one.
        state: dict[str, Any] = scope.setdefault("state", {})
        # What the client gets if the application raises before it starts a response.
        status = 500

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            _log_request(scope, state, status, milliseconds_since(started))


def _log_request(scope: Scope, state: dict[str, Any], status: int, duration_ms: float) -> None:
    user: str | None = getattr(state.get("principal"), "username", None)
    method: str = scope["method"]
    path: str = scope["path"]
    client = request_client_address(scope)
    logger.log(
        logging.ERROR if status >= 500 else logging.INFO,
        "%s %s %d %.1f ms from %s%s",
        method,
        path,
        status,
        duration_ms,
        client,
        f" by {user}" if user else "",
        extra={
            "method": method,
            "path": path,
            "status": status,
            "duration_ms": duration_ms,
            "client": client,
            "user": user,
        },
    )
