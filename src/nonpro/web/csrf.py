"""CSRF protection: a secret per browser session, echoed by every form and htmx request."""

from __future__ import annotations

import secrets

from fastapi import Depends, Request

from nonpro.core.errors import PermissionDenied

FORM_FIELD = "csrf_token"
HEADER = "x-csrf-token"


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Dependency for every state-changing page route."""
    expected = request.session.get("csrf")
    sent = request.headers.get(HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(FORM_FIELD)
        sent = value if isinstance(value, str) else None
    if not expected or not sent or not secrets.compare_digest(str(expected), sent):
        raise PermissionDenied(
            "the form's security token is missing or stale; reload the page and try again"
        )


# What a state-changing page route lists: ``@router.post(..., dependencies=CSRF)``.
CSRF = [Depends(verify_csrf)]
