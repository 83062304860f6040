"""Sign in and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from nonpro.accounts import services as accounts
from nonpro.accounts.services import SignInThrottle
from nonpro.core.errors import AuthenticationFailed, RateLimited
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.web.csrf import CSRF
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute)


def _safe_next(target: str | None) -> str:
    # Only local paths: an open redirect after sign-in would be a phishing aid.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, next: str | None = None) -> Response:
    return render(request, "signin.html", {"next": _safe_next(next), "error": None, "username": ""})


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
            {**context, "error": error.message},
            status=429,
            headers={"Retry-After": str(error.retry_after)},
        )
    except AuthenticationFailed as error:
        throttle.failed(username, address)
        return render(request, "signin.html", {**context, "error": error.message}, status=401)
    throttle.succeeded(username, address)
    # A fresh session on sign-in: nothing from before (a planted CSRF token) carries over.
    request.session.clear()
    request.session["user_id"] = str(user.id)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/signout", dependencies=CSRF)
def signout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/signin", status_code=303)
