"""Security headers on every response, and the Secure flag on cookies sent over HTTPS.

Pages load scripts, styles and images only from this server (no inline script anywhere), so the
Content-Security-Policy can be strict; downloads are never sniffed into something executable.
The API docs (``/docs``) are no exception: Swagger UI is served from this server and started by a
static script (``nonpro.http.api_docs``).

An unhandled exception gets its 500 here, with the headers: Starlette's own 500 is sent by a
middleware outside every one the app adds, so it would go out without them.
"""

from __future__ import annotations

from typing import Literal

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}

SecureCookies = Literal["auto", "always", "never"]
INTERNAL_ERROR_MESSAGE = "Internal server error; the server log has the details"


class SecurityHeadersMiddleware:
    """Adds the headers above; marks every Set-Cookie ``Secure`` when the request was HTTPS."""

    def __init__(self, app: ASGIApp, secure_cookies: SecureCookies = "auto") -> None:
        self.app = app
        self.secure_cookies = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        secure = self.secure_cookies == "always" or (
            self.secure_cookies == "auto" and scope.get("scheme") == "https"
        )

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if secure:
                    _mark_cookies_secure(headers)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not started:
                await _internal_error(scope["path"])(scope, receive, send_with_headers)
            # Raised on, so the server logs it; the response is already sent.
            raise


def _internal_error(path: str) -> Response:
    if path.startswith("/api"):
        body = {"error": {"type": "InternalError", "message": INTERNAL_ERROR_MESSAGE}}
        return JSONResponse(body, status_code=500)
    return PlainTextResponse(INTERNAL_ERROR_MESSAGE, status_code=500)


def _mark_cookies_secure(headers: MutableHeaders) -> None:
    cookies = headers.getlist("set-cookie")
    if not cookies:
        return
    del headers["set-cookie"]
    for cookie in cookies:
        if "; secure" not in cookie.lower():
            cookie += "; secure"
        headers.append("set-cookie", cookie)
