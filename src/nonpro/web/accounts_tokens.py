"""The signed-in user's own API tokens: make one (shown once), see when each was used, revoke.

A token carries its owner's rights over the API, so each user manages only their own here; an
administrator ends another user's tokens by disabling the user.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.schemas import Principal, TokenOut
from nonpro.core.clock import utcnow
from nonpro.core.errors import Conflict, InvalidInput, NotFound
from nonpro.http.signin import PageReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_fields, refuse
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute, prefix="/account")
TEMPLATE = "account/tokens.html"
MAX_NAME = 100


def _state(token: TokenOut) -> str:
    if token.revoked_at:
        return f"revoked {token.revoked_at:%Y-%m-%d}"
    if token.expires_at and token.expires_at <= utcnow():
        return "expired"
    return "active"


def _page(session: Session, actor: Principal) -> dict[str, Any]:
    tokens = [
        TokenOut.model_validate(t) for t in accounts.list_tokens(actor.username, session=session)
    ]
    return {"tokens": [(t, _state(t)) for t in reversed(tokens)], "form": {}}


def _own(prefix: str, session: Session, actor: Principal) -> TokenOut:
    for token in accounts.list_tokens(actor.username, session=session):
        if token.prefix == prefix:
            return TokenOut.model_validate(token)
    raise NotFound("token", prefix)  # another user's token is "not found", as a missing one


@router.get("/tokens", response_class=HTMLResponse)
def tokens_page(request: Request, session: SessionDep, actor: PageReader) -> Response:
    return render(request, TEMPLATE, _page(session, actor))


@router.post("/tokens", dependencies=CSRF)
async def create_token(request: Request, session: SessionDep, actor: PageReader) -> Response:
    form = await form_fields(request)
    name, days = form.get("name", "").strip(), form.get("expires_in_days", "").strip()
    try:
        if not name or len(name) > MAX_NAME:
            raise InvalidInput("name", f"give the token a name of 1 to {MAX_NAME} characters")
        if days and not days.isdigit():
            raise InvalidInput("expires_in_days", "a whole number of days, or empty for none")
        token, plain = accounts.create_token(
            actor.username,
            name,
            session=session,
            actor=actor,
            expires_in_days=int(days) if days else None,
        )
    except (InvalidInput, Conflict) as problem:
        return refuse(request, session, problem, TEMPLATE, lambda: _page(session, actor), form=form)
    # Shown on this page, never carried in a notice: the token stays out of cookies and logs.
    context = {**_page(session, actor), "created": plain, "created_name": token.name}
    return render(request, TEMPLATE, context, status=201)


@router.get("/tokens/{prefix}/revoke", response_class=HTMLResponse)
def confirm_revoke(
    request: Request, prefix: str, session: SessionDep, actor: PageReader
) -> Response:
    token = _own(prefix, session, actor)
    summary = [
        f"The token “{token.name}” ({token.prefix}…) stops working at once, for every program "
        "that uses it.",
        "A revoked token cannot be restored; make a new one if you need it again.",
    ]
    return render(
        request,
        "confirm.html",
        {
            "title": f"Revoke the token “{token.name}”?",
            "summary": summary,
            "action": f"/account/tokens/{token.prefix}/revoke",
            "button": "Revoke the token",
            "back": "/account/tokens",
        },
    )


@router.post("/tokens/{prefix}/revoke", dependencies=CSRF)
def revoke_token(request: Request, prefix: str, session: SessionDep, actor: PageReader) -> Response:
    token = _own(prefix, session, actor)
    accounts.revoke_token(token.prefix, session=session, actor=actor)
    return done(request, "/account/tokens", f"Revoked the token “{token.name}”.")
