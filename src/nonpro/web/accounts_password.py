"""The signed-in user's own password: the page every user can reach from the header, and the
one a user whose password was reset is sent to until they choose a new one."""

from __future__ import annotations

import functools
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput, RateLimited
from nonpro.http.signin import SESSION_KEY, PagePasswordChanger
from nonpro.http.throttling import throttled
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.web.csrf import CSRF
from nonpro.web.forms import refuse
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute, prefix="/account")
TEMPLATE = "account/password.html"


def _page(session: Session, actor: Principal) -> dict[str, Any]:
    user = accounts.get_user(actor.username, session=session)
    return {"must_change": user.must_change_password, "form": {}}


def _as_field(problem: RateLimited) -> InvalidInput:
    return InvalidInput("current_password", problem.message)


@router.get("/password", response_class=HTMLResponse)
def password_page(request: Request, session: SessionDep, actor: PagePasswordChanger) -> Response:
    return render(request, TEMPLATE, _page(session, actor))


@router.post("/password", dependencies=CSRF)
def change_password(
    request: Request,
    session: SessionDep,
    actor: PagePasswordChanger,
    current_password: Annotated[str, Form()],
    new_password: Annotated[str, Form()],
    confirm_password: Annotated[str, Form()],
) -> Response:
    try:
        if new_password != confirm_password:
            raise InvalidInput("confirm_password", "does not match the new password")
        with throttled(request, actor.username):
            accounts.change_password(
                actor.username,
                current_password,
                new_password,
                session=session,
                actor=actor,
                keep_session=request.session.get(SESSION_KEY),
            )
    except (InvalidInput, RateLimited) as problem:
        # No password goes back into the page: every field is left empty.
        refused = problem if isinstance(problem, InvalidInput) else _as_field(problem)
        page = functools.partial(_page, session, actor)
        status = 429 if isinstance(problem, RateLimited) else 422
        return refuse(request, session, refused, TEMPLATE, page, status=status)
    return done(request, "/", "Your password is changed; your other sessions are signed out.")
