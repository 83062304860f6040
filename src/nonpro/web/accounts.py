"""Administration pages: users, agencies, the audit log."""

from __future__ import annotations

import functools
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import ROLE_TITLES, Role
from nonpro.accounts.schemas import AgencyIn, AgencyUpdate, Principal, UserIn, UserOut
from nonpro.core import audit
from nonpro.core.errors import Conflict, InvalidInput
from nonpro.http.signin import PageAgencyManager, PageAuditReader, PageUserManager
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.web.csrf import CSRF
from nonpro.web.forms import form_fields, parse_form, refuse
from nonpro.web.notices import done
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute, prefix="/admin")


def _field_problem(problem: InvalidInput | Conflict, taken: str) -> InvalidInput:
    """A name already taken is the problem of the field that named it."""
    return problem if isinstance(problem, InvalidInput) else InvalidInput(taken, problem.message)


def _users_context(session: Session, actor: Principal) -> dict[str, Any]:
    return {
        "users": [UserOut.of(u) for u in accounts.list_users(session=session, actor=actor)],
        "roles": list(Role),
        "agencies": accounts.list_agencies(session=session),
        "form": {},
    }


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, session: SessionDep, actor: PageUserManager) -> Response:
    return render(request, "admin/users.html", _users_context(session, actor))


@router.post("/users", dependencies=CSRF)
async def create_user(request: Request, session: SessionDep, actor: PageUserManager) -> Response:
    form = {k: v for k, v in (await form_fields(request)).items() if k != "password"}
    # The password as typed: spaces are part of it, and it never goes back into the page.
    password = (await request.form()).get("password", "")
    try:
        values = {**form, "password": password, "agency": form.get("agency") or None}
        user = accounts.create_user(parse_form(UserIn, values), session=session, actor=actor)
    except (InvalidInput, Conflict) as problem:
        page = functools.partial(_users_context, session, actor)
        status = 409 if isinstance(problem, Conflict) else 422
        refused = _field_problem(problem, "username")
        return refuse(request, session, refused, "admin/users.html", page, form=form, status=status)
    context = {**_users_context(session, actor), "notice": f"Created user {user.username}."}
    return render(request, "admin/users.html", context, status=201)


@router.get("/users/{username}/disable", response_class=HTMLResponse)
def confirm_disable(
    request: Request, username: str, session: SessionDep, actor: PageUserManager
) -> Response:
    """What disabling does, before it is done: the one irreversible step on this page."""
    user = accounts.get_user(username, session=session)
    tokens = [t for t in accounts.list_tokens(user.username, session=session) if not t.revoked_at]
    summary = [
        f"{user.username} ({user.display_name or 'no display name'}, {user.role}) can no longer "
        "sign in; every session of theirs ends now.",
        f"Their {len(tokens)} API token{'s' if len(tokens) != 1 else ''} "
        "will be revoked for good; enabling them again does not bring tokens back.",
    ]
    return render(
        request,
        "confirm.html",
        {
            "title": f"Disable {user.username}?",
            "summary": summary,
            "action": f"/admin/users/{user.username}/disable",
            "button": f"Disable {user.username}",
            "back": "/admin/users",
        },
    )


@router.post("/users/{username}/disable", dependencies=CSRF)
def disable_user(
    request: Request, username: str, session: SessionDep, actor: PageUserManager
) -> Response:
    user = accounts.disable_user(username, session=session, actor=actor)
    return done(
        request, "/admin/users", f"Disabled {user.username}: signed out, API tokens revoked."
    )


@router.post("/users/{username}/enable", dependencies=CSRF)
def enable_user(
    request: Request, username: str, session: SessionDep, actor: PageUserManager
) -> Response:
    user = accounts.enable_user(username, session=session, actor=actor)
    return done(request, "/admin/users", f"Enabled {user.username}: they may sign in again.")


@router.post("/users/{username}/role", dependencies=CSRF)
async def change_role(
    request: Request, username: str, session: SessionDep, actor: PageUserManager
) -> Response:
    form = await form_fields(request)
    try:
        role = Role(form.get("role", ""))
    except ValueError:
        page = functools.partial(_users_context, session, actor)
        problem = InvalidInput("role", "choose one of the roles listed")
        return refuse(request, session, problem, "admin/users.html", page)
    agency = form.get("agency") or None
    user = accounts.set_role(username, role, session=session, actor=actor, agency=agency)
    return done(request, "/admin/users", f"{user.username} is now {ROLE_TITLES[role]}.")


@router.post("/users/{username}/reset-password", dependencies=CSRF)
def reset_password(
    request: Request, username: str, session: SessionDep, actor: PageUserManager
) -> Response:
    """Shown on this page, not carried in a notice: the one-time password stays out of cookies."""
    password = accounts.reset_password(username, session=session, actor=actor)
    notice = (
        f"The one-time password of {username} is {password} — give it to them safely; "
        "they must change it when they sign in. It is not shown again."
    )
    return render(request, "admin/users.html", {**_users_context(session, actor), "notice": notice})


@router.get("/agencies", response_class=HTMLResponse)
def agencies_page(request: Request, session: SessionDep, _: PageAgencyManager) -> Response:
    return render(request, "admin/agencies.html", _agencies_context(session))


def _agencies_context(session: Session) -> dict[str, Any]:
    return {"agencies": accounts.list_agencies(session=session), "form": {}}


@router.post("/agencies", dependencies=CSRF)
async def create_agency(
    request: Request, session: SessionDep, actor: PageAgencyManager
) -> Response:
    form = await form_fields(request)
    try:
        accounts.create_agency(parse_form(AgencyIn, form), session=session, actor=actor)
    except (InvalidInput, Conflict) as problem:
        page = functools.partial(_agencies_context, session)
        refused = _field_problem(problem, "code")
        return refuse(request, session, refused, "admin/agencies.html", page, form=form)
    return RedirectResponse("/admin/agencies", status_code=303)


@router.post("/agencies/{code}", dependencies=CSRF)
async def update_agency(
    request: Request, code: str, session: SessionDep, actor: PageAgencyManager
) -> Response:
    form = await form_fields(request)
    data = parse_form(
        AgencyUpdate, {"name": form.get("name", ""), "active": form.get("active") == "on"}
    )
    accounts.update_agency(code, data, session=session, actor=actor)
    return RedirectResponse("/admin/agencies", status_code=303)


AUDIT_PAGE_ROWS = 50


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    session: SessionDep,
    _: PageAuditReader,
    target: str | None = None,
    action: str | None = None,
    before: int | None = None,
) -> Response:
    """The log a page at a time, newest first: a page is the rows older than ``before``."""
    rows = audit.entries(
        session,
        target=target or None,
        action=action or None,
        limit=AUDIT_PAGE_ROWS,
        before=before,
    )
    older = rows[-1].seq if len(rows) == AUDIT_PAGE_ROWS and rows[-1].seq > 1 else None
    return render(
        request,
        "admin/audit.html",
        {
            "verdict": audit.verify_chain(session),
            "rows": rows,
            "target": target or "",
            "action": action or "",
            "before": before,
            "older": older,
        },
    )
