"""Sign in and sign out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from nonpro.accounts import services as accounts
from nonpro.core.errors import AuthenticationFailed, InvalidInput, NonproError, RateLimited
from nonpro.http.signin import CHANGE_PASSWORD_PATH, SESSION_KEY
from nonpro.http.throttling import throttled
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.web.csrf import CSRF
from nonpro.web.forms import problem_context
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)


def _safe_next(target: str | None) -> str:
    # Only local paths: an open redirect after sign-in would be a phishing aid.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, next: str | None = None) -> Response:
    context = {"next": _safe_next(next), "username": "", **problem_context(None)}
    return render(request, "signin.html", context)


def _refused(error: NonproError) -> dict[str, Any]:
    # A failed sign-in is the whole form's problem; it is shown beside the user name, the one
    # input kept (the password never goes back into the page).
    return problem_context(InvalidInput("username", error.message))


@router.post("/signin", dependencies=CSRF)
def signin(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    context = {"next": _safe_next(next), "username": username}
    try:
        with throttled(request, username):
            user, key = accounts.sign_in(username, password, session=session)
    except RateLimited as error:
        return render(
            request,
            "signin.html",
            {**context, **_refused(error)},
            status=429,
            headers={"Retry-After": str(error.retry_after)},
        )
    except AuthenticationFailed as error:
        return render(request, "signin.html", {**context, **_refused(error)}, status=401)
    # A fresh session on sign-in: nothing from before (a planted CSRF token) carries over.
    request.session.clear()
    request.session[SESSION_KEY] = key
    if user.must_change_password:
        return RedirectResponse(CHANGE_PASSWORD_PATH, status_code=303)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/signout", dependencies=CSRF)
def signout(request: Request, session: SessionDep) -> Response:
    """End the session on the server too, so a copy of the cookie opens nothing."""
    key = request.session.get(SESSION_KEY)
    if isinstance(key, str):
        accounts.end_session(key, session=session)
    request.session.clear()
    return RedirectResponse("/signin", status_code=303)
