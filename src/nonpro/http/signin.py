"""Who is asking: an API token (``Authorization: Bearer``) or the web UI's signed session cookie.

Either check is its own short transaction, ended (through the unit of work) before the request
waits for a thread to run its endpoint: held across that wait, a busy server could have every
connection held by a waiting request while every thread waits for a connection. The principal
is worked out in the same thread, where loading the user's agency may touch the database, so
the async dependencies after it never do.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from nonpro.accounts import services as accounts
from nonpro.accounts.models import User
from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.db import reads_without_transaction
from nonpro.core.errors import AuthenticationFailed
from nonpro.http.unit_of_work import UnitOfWorkDep


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed("send an API token as `Authorization: Bearer <token>`")
    return token.strip()


def current_user(request: Request, unit: UnitOfWorkDep) -> User:
    """The API token's user."""
    token = bearer_token(request)
    reads_without_transaction(unit.session)  # one indexed read; "last used" at most once a minute
    user = accounts.user_for_token(token, session=unit.session)
    request.state.principal = accounts.principal_of(user)
    unit.end()
    return user


def signed_in_user(request: Request, unit: UnitOfWorkDep) -> User:
    """The web session's user, re-read every request so a disabled user is out at once."""
    raw = request.session.get("user_id")
    user = None
    if isinstance(raw, str):
        reads_without_transaction(unit.session)  # one read by primary key
        user = unit.session.get(User, uuid.UUID(raw))
    if user is None or not user.active:
        request.session.pop("user_id", None)
        raise AuthenticationFailed("please sign in")
    request.state.principal = accounts.principal_of(user)
    unit.end()
    return user


CurrentUser = Annotated[User, Depends(current_user)]
WebUser = Annotated[User, Depends(signed_in_user)]


async def current_principal(request: Request, user: CurrentUser) -> Principal:
    principal: Principal = request.state.principal  # worked out by current_user
    return principal


async def web_principal(request: Request, user: WebUser) -> Principal:
    principal: Principal = request.state.principal  # worked out by signed_in_user
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]
WebPrincipal = Annotated[Principal, Depends(web_principal)]


def requires(permission: Permission) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets an API request through only with ``permission``."""

    async def check(principal: PrincipalDep) -> Principal:
        accounts.require(principal, permission)
        return principal

    return check


def page_requires(permission: Permission) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets a page request through only with ``permission``."""

    async def check(principal: WebPrincipal) -> Principal:
        accounts.require(principal, permission)
        return principal

    return check


# Each role a route can ask for, declared once: an API route answers 401/403 as JSON, a page
# sends the browser to sign in or shows the "not allowed" page.
Reader = Annotated[Principal, Depends(requires(Permission.READ))]
AuditReader = Annotated[Principal, Depends(requires(Permission.READ_AUDIT))]
UserManager = Annotated[Principal, Depends(requires(Permission.MANAGE_USERS))]
AgencyManager = Annotated[Principal, Depends(requires(Permission.MANAGE_AGENCIES))]
Screener = Annotated[Principal, Depends(requires(Permission.SCREEN))]
HitDisposer = Annotated[Principal, Depends(requires(Permission.DISPOSE_HITS))]
Classifier = Annotated[Principal, Depends(requires(Permission.CLASSIFY))]
CaseManager = Annotated[Principal, Depends(requires(Permission.MANAGE_CASES))]
Chair = Annotated[Principal, Depends(requires(Permission.CHAIR_GROUPS))]
SanctionsOfficer = Annotated[Principal, Depends(requires(Permission.MANAGE_SANCTIONS))]
TreatyManager = Annotated[Principal, Depends(requires(Permission.MANAGE_TREATIES))]
MultilateralOfficer = Annotated[Principal, Depends(requires(Permission.MANAGE_MULTILATERAL))]
ReportWriter = Annotated[Principal, Depends(requires(Permission.WRITE_REPORTS))]

PageReader = Annotated[Principal, Depends(page_requires(Permission.READ))]
PageAuditReader = Annotated[Principal, Depends(page_requires(Permission.READ_AUDIT))]
PageUserManager = Annotated[Principal, Depends(page_requires(Permission.MANAGE_USERS))]
PageAgencyManager = Annotated[Principal, Depends(page_requires(Permission.MANAGE_AGENCIES))]
PageScreener = Annotated[Principal, Depends(page_requires(Permission.SCREEN))]
PageHitDisposer = Annotated[Principal, Depends(page_requires(Permission.DISPOSE_HITS))]
PageClassifier = Annotated[Principal, Depends(page_requires(Permission.CLASSIFY))]
PageCaseManager = Annotated[Principal, Depends(page_requires(Permission.MANAGE_CASES))]
PageChair = Annotated[Principal, Depends(page_requires(Permission.CHAIR_GROUPS))]
PageSanctionsOfficer = Annotated[Principal, Depends(page_requires(Permission.MANAGE_SANCTIONS))]
PageMultilateralOfficer = Annotated[
    Principal, Depends(page_requires(Permission.MANAGE_MULTILATERAL))
]
PageReportWriter = Annotated[Principal, Depends(page_requires(Permission.WRITE_REPORTS))]
