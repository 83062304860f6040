"""Security headers on every response, and the Secure flag on cookies sent over HTTPS.

Pages load scripts, styles and images only from this server (no inline script anywhere), so the
Content-Security-Policy can be strict; downloads are never sniffed into something executable.
"""

from __future__ import annotations

from typing import Literal

from starlette.datastructures import MutableHeaders
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
# FastAPI's interactive API docs load Swagger UI with an inline script: no CSP there.
POLICY_EXEMPT_PATHS = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})


class SecurityHeadersMiddleware:
    """Adds the headers above; marks every Set-Cookie ``Secure`` when the request was HTTPS."""

    def __init__(self, app: ASGIApp, secure_cookies: SecureCookies = "auto") -> None:
        self.app = app
        self.secure_cookies = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        exempt = scope.get("path") in POLICY_EXEMPT_PATHS
        secure = self.secure_cookies == "always" or (
            self.secure_cookies == "auto" and scope.get("scheme") == "https"
        )

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if not (exempt and name == "Content-Security-Policy"):
                        headers.setdefault(name, value)
                if secure:
                    _mark_cookies_secure(headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _mark_cookies_secure(headers: MutableHeaders) -> None:
    cookies = headers.getlist("set-cookie")
    if not cookies:
        return
    del headers["set-cookie"]
    for cookie in cookies:
        if "; secure" not in cookie.lower():
            cookie += "; secure"
        headers.append("set-cookie", cookie)
