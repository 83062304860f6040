"""Who is asking: an API token (``Authorization: Bearer``) or the web UI's signed session cookie.

Either check is its own short transaction, ended (through the unit of work) before the request
waits for a thread to run its endpoint: held across that wait, a busy server could have every
connection held by a waiting request while every thread waits for a connection. The principal
is worked out in the same thread, where loading the user's agency may touch the database, so
the async dependencies after it never do.

Both checks re-read the user every request, so a disabled user, a deactivated agency, an ended
session or an expired token is refused at once. A user who must change their password passes
only the checks that say they allow it (``PasswordChanger``, ``PagePasswordChanger``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request

from nonpro.accounts import services as accounts
from nonpro.accounts.errors import PasswordChangeRequired
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


# Where the web session's key is kept in the signed cookie.
SESSION_KEY = "session_key"
# Where a user who must change their password is sent.
CHANGE_PASSWORD_PATH = "/account/password"  # noqa: S105  (a page address, not a secret)


def token_user(request: Request, unit: UnitOfWorkDep) -> User:
    """The API token's user, whether or not they must change their password."""
    token = bearer_token(request)
    reads_without_transaction(unit.session)  # one indexed read; "last used" at most once a minute
    user = accounts.user_for_token(token, session=unit.session)
    request.state.principal = accounts.principal_of(user)
    unit.end()
    return user


def session_limits(request: Request) -> accounts.SessionLimits:
    settings = request.app.state.settings
    return accounts.SessionLimits(
        idle=timedelta(seconds=settings.session_max_age),
        lifetime=timedelta(seconds=settings.session_lifetime),
    )


def session_signed_in_user(request: Request, unit: UnitOfWorkDep) -> User:
    """The web session's user, whether or not they must change their password."""
    key = request.session.get(SESSION_KEY)
    try:
        if not isinstance(key, str):
            raise AuthenticationFailed("please sign in")
        reads_without_transaction(unit.session)  # one indexed read; "last seen" once a minute
        user = accounts.session_user(key, session=unit.session, limits=session_limits(request))
        if not accounts.can_sign_in(user):
            raise AuthenticationFailed("please sign in")
    except AuthenticationFailed:
        request.session.pop(SESSION_KEY, None)
        raise
    request.state.principal = accounts.principal_of(user)
    unit.end()
    return user


def _password_current(user: User) -> User:
    if user.must_change_password:
        raise PasswordChangeRequired()
    return user


# Async, as the checks after them: they read only what the sign-in check loaded, so they need
# no trip to a request thread.
async def current_user(user: Annotated[User, Depends(token_user)]) -> User:
    """The API token's user, who has no password change pending."""
    return _password_current(user)


async def signed_in_user(user: Annotated[User, Depends(session_signed_in_user)]) -> User:
    """The web session's user, who has no password change pending."""
    return _password_current(user)


CurrentUser = Annotated[User, Depends(current_user)]
WebUser = Annotated[User, Depends(signed_in_user)]


async def current_principal(request: Request, user: CurrentUser) -> Principal:
    principal: Principal = request.state.principal  # worked out by token_user
    return principal


async def web_principal(request: Request, user: WebUser) -> Principal:
    principal: Principal = request.state.principal  # worked out by session_signed_in_user
    return principal


async def password_changer(
    request: Request, user: Annotated[User, Depends(token_user)]
) -> Principal:
    principal: Principal = request.state.principal
    return principal


async def page_password_changer(
    request: Request, user: Annotated[User, Depends(session_signed_in_user)]
) -> Principal:
    principal: Principal = request.state.principal
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]
WebPrincipal = Annotated[Principal, Depends(web_principal)]
# Who may change their own password: any signed-in user, a pending change or not.
PasswordChanger = Annotated[Principal, Depends(password_changer)]
PagePasswordChanger = Annotated[Principal, Depends(page_password_changer)]


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
Countersigner = Annotated[Principal, Depends(requires(Permission.COUNTERSIGN_DECISIONS))]
ExceptionRecorder = Annotated[Principal, Depends(requires(Permission.RECORD_DECISION_EXCEPTIONS))]
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
PageCountersigner = Annotated[Principal, Depends(page_requires(Permission.COUNTERSIGN_DECISIONS))]
PageExceptionRecorder = Annotated[
    Principal, Depends(page_requires(Permission.RECORD_DECISION_EXCEPTIONS))
]
PageSanctionsOfficer = Annotated[Principal, Depends(page_requires(Permission.MANAGE_SANCTIONS))]
PageMultilateralOfficer = Annotated[
    Principal, Depends(page_requires(Permission.MANAGE_MULTILATERAL))
]
PageReportWriter = Annotated[Principal, Depends(page_requires(Permission.WRITE_REPORTS))]
