"""Request bodies capped before anything reads them: a 413, not a worker's memory.

Outermost but for the request log, so neither the sign-in check, nor the session, nor form or
JSON parsing sees a body that is too large. A declared ``Content-Length`` over the cap is
refused before a byte is read; a body sent without one (chunked) is counted as it streams in,
and refused as soon as it passes the cap. The cap is ``NONPRO_MAX_BODY_BYTES``: sized for the
largest legitimate upload (``nonpro.http.uploads.MAX_UPLOAD_BYTES``) and its form around it.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(HTTPException):
    """The streamed body passed the cap; raised out of ``receive`` into whoever reads it. An
    ``HTTPException``, so a reader that wraps what it cannot parse in a 400 (FastAPI's body
    parsing does) lets it through as the 413 it is."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, _too_large(max_bytes))


class BodyLimitMiddleware:
    """Answers 413 for a request body larger than ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, send)
            return
        received = 0
        exceeded = started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def noting_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                # Whoever read the body answered the 413 in its own words: ours go out instead,
                # so every over-size request gets the same answer.
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await self._refuse(scope, send)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, noting_send)
        except BodyTooLarge:
            if started:  # too late to answer: the handler already replied
                raise
            await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = _too_large(self.max_bytes)
        if scope.get("path", "").startswith("/api"):
            body = json.dumps(
                {"error": {"type": "BodyTooLarge", "message": message, "field": "body"}}
            ).encode()
            content_type = b"application/json"
        else:
            body = f"Request too large: {message}.".encode()
            content_type = b"text/plain; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", content_type),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _too_large(max_bytes: int) -> str:
    return f"the request body is larger than the server accepts ({max_bytes:,} bytes)"


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
