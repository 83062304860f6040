"""Notices after a successful form, shown once on the next page.

They travel in the signed session cookie, not in the address, where a reload or a shared link
would show them again; ``base.html`` shows them in a ``role="status"`` region that screen
readers announce.
"""

from __future__ import annotations

from typing import TypedDict

from fastapi import Request
from fastapi.responses import RedirectResponse

SESSION_KEY = "notices"


class Notice(TypedDict):
    text: str
    warning: bool


def notify(request: Request, text: str, *, warning: bool = False) -> None:
    """Show ``text`` on the next page this browser gets; a ``warning`` stands out."""
    notice = Notice(text=text, warning=warning)
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), notice]


def take_notices(request: Request) -> list[Notice]:
    """The notices waiting for this browser; taken, so each is shown once."""
    waiting = request.session.pop(SESSION_KEY, [])
    return [
        Notice(text=str(n.get("text", "")), warning=bool(n.get("warning")))
        for n in (waiting if isinstance(waiting, list) else [])
        if isinstance(n, dict)
    ]


def done(request: Request, url: str, text: str, *, warning: bool = False) -> RedirectResponse:
    """After a form succeeded: on to ``url``, where ``text`` is shown."""
    notify(request, text, warning=warning)
    return RedirectResponse(url, status_code=303)
