"""Sign in and sign out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from nonpro.accounts import services as accounts
from nonpro.accounts.services import SignInThrottle
from nonpro.core.errors import AuthenticationFailed, InvalidInput, NonproError, RateLimited
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
    throttle: SignInThrottle = request.app.state.sign_in_throttle
    address = request.client.host if request.client else "unknown"
    context = {"next": _safe_next(next), "username": username}
    try:
        throttle.check(username, address)
        user = accounts.authenticate(username, password, session=session)
    except RateLimited as error:
        return render(
            request,
            "signin.html",
            {**context, **_refused(error)},
            status=429,
            headers={"Retry-After": str(error.retry_after)},
        )
    except AuthenticationFailed as error:
        throttle.failed(username, address)
        return render(request, "signin.html", {**context, **_refused(error)}, status=401)
    throttle.succeeded(username, address)
    # A fresh session on sign-in: nothing from before (a planted CSRF token) carries over.
    request.session.clear()
    request.session["user_id"] = str(user.id)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/signout", dependencies=CSRF)
def signout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/signin", status_code=303)
