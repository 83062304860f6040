"""Administration pages: users, agencies, the audit log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import Permission, Role
from nonpro.accounts.schemas import AgencyIn, AgencyUpdate, Principal, UserIn, UserOut
from nonpro.api.deps import SessionDep
from nonpro.api.routing import SessionRoute
from nonpro.core import audit
from nonpro.core.errors import Conflict, InvalidInput
from nonpro.core.validation import parse_input
from nonpro.web.csrf import verify_csrf
from nonpro.web.deps import page_requires
from nonpro.web.rendering import render

router = APIRouter(route_class=SessionRoute, prefix="/admin")

UserManager = Annotated[Principal, Depends(page_requires(Permission.MANAGE_USERS))]
AgencyManager = Annotated[Principal, Depends(page_requires(Permission.MANAGE_AGENCIES))]
AuditReader = Annotated[Principal, Depends(page_requires(Permission.READ_AUDIT))]
Csrf = Depends(verify_csrf)


def _users_page(
    request: Request,
    session: Session,
    actor: Principal,
    *,
    status: int = 200,
    error: str | None = None,
    error_field: str | None = None,
    form: dict[str, Any] | None = None,
    notice: str | None = None,
) -> Response:
    users = [UserOut.of(u) for u in accounts.list_users(session=session, actor=actor)]
    return render(
        request,
        "admin/users.html",
        {
            "users": users,
            "roles": list(Role),
            "agencies": accounts.list_agencies(session=session),
            "error": error,
            "error_field": error_field,
            "form": form or {},
            "notice": notice,
        },
        status=status,
    )


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, session: SessionDep, actor: UserManager) -> Response:
    return _users_page(request, session, actor)


@router.post("/users", dependencies=[Csrf])
def create_user(
    request: Request,
    session: SessionDep,
    actor: UserManager,
    username: Annotated[str, Form()],
    role: Annotated[str, Form()],
    password: Annotated[str, Form()],
    display_name: Annotated[str, Form()] = "",
    agency: Annotated[str, Form()] = "",
) -> Response:
    form = {"username": username, "role": role, "display_name": display_name, "agency": agency}
    try:
        data = parse_input(UserIn, {**form, "password": password, "agency": agency or None})
        user = accounts.create_user(data, session=session, actor=actor)
    except InvalidInput as error:
        session.rollback()
        return _users_page(
            request,
            session,
            actor,
            status=422,
            error=error.message,
            error_field=error.field,
            form=form,
        )
    except Conflict as error:
        session.rollback()
        return _users_page(
            request,
            session,
            actor,
            status=409,
            error=error.message,
            error_field="username",
            form=form,
        )
    return _users_page(request, session, actor, status=201, notice=f"Created user {user.username}.")


@router.post("/users/{username}/disable", dependencies=[Csrf])
def disable_user(username: str, session: SessionDep, actor: UserManager) -> Response:
    accounts.disable_user(username, session=session, actor=actor)
    return RedirectResponse("/admin/users", status_code=303)


def _agencies_page(
    request: Request,
    session: Session,
    *,
    status: int = 200,
    error: str | None = None,
    error_field: str | None = None,
    form: dict[str, Any] | None = None,
) -> Response:
    return render(
        request,
        "admin/agencies.html",
        {
            "agencies": accounts.list_agencies(session=session),
            "error": error,
            "error_field": error_field,
            "form": form or {},
        },
        status=status,
    )


@router.get("/agencies", response_class=HTMLResponse)
def agencies_page(request: Request, session: SessionDep, _: AgencyManager) -> Response:
    return _agencies_page(request, session)


@router.post("/agencies", dependencies=[Csrf])
def create_agency(
    request: Request,
    session: SessionDep,
    actor: AgencyManager,
    code: Annotated[str, Form()],
    name: Annotated[str, Form()],
) -> Response:
    form = {"code": code, "name": name}
    try:
        accounts.create_agency(parse_input(AgencyIn, form), session=session, actor=actor)
    except (InvalidInput, Conflict) as error:
        session.rollback()
        field = error.field if isinstance(error, InvalidInput) else "code"
        return _agencies_page(
            request, session, status=422, error=error.message, error_field=field, form=form
        )
    return RedirectResponse("/admin/agencies", status_code=303)


@router.post("/agencies/{code}", dependencies=[Csrf])
def update_agency(
    code: str,
    session: SessionDep,
    actor: AgencyManager,
    name: Annotated[str, Form()],
    active: Annotated[str, Form()] = "",
) -> Response:
    data = parse_input(AgencyUpdate, {"name": name, "active": active == "on"})
    accounts.update_agency(code, data, session=session, actor=actor)
    return RedirectResponse("/admin/agencies", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request, session: SessionDep, _: AuditReader, target: str | None = None
) -> Response:
    return render(
        request,
        "admin/audit.html",
        {
            "verdict": audit.verify_chain(session),
            "rows": audit.entries(session, target=target or None, limit=200),
            "target": target or "",
        },
    )
