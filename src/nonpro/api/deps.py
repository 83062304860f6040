"""Typed dependencies shared by every API router; tests swap them with dependency_overrides."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated

from anyio import CancelScope, CapacityLimiter, to_thread
from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.api.routing import REQUEST_STATE, end_transaction
from nonpro.core.db import reads_without_transaction
from nonpro.core.errors import AuthenticationFailed
from nonpro.screening.services import IndexProvider


def _finish(session: Session, *, failed: bool) -> None:
    try:
        if failed:
            session.rollback()
        else:
            end_transaction(session)
    finally:
        session.close()


async def _finish_off_the_pool(session: Session, *, failed: bool) -> None:
    # Not on the request thread pool: a commit that waited there for a free thread, while
    # every thread waits for a connection or a row lock this transaction holds, would never
    # come (FastAPI runs its own dependency exits the same way). Shielded: a dropped client
    # still commits or rolls back, never leaves the connection mid-transaction.
    with CancelScope(shield=True):
        await to_thread.run_sync(
            functools.partial(_finish, session, failed=failed), limiter=CapacityLimiter(1)
        )


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One request, one transaction: committed before the response is sent.

    The handler's own thread commits on its way out (``api.routing.SessionRoute``), which
    gives the connection back early; what is left here is closing the session, and finishing
    a transaction only if something opened one after the handler (an async handler, a lazy
    load while the response was built). Async on purpose: a session with nothing open is
    closed without I/O, so the usual request costs no extra thread hop.
    """
    session: Session = request.app.state.session_factory()
    session.info[REQUEST_STATE] = request.state
    try:
        yield session
    except BaseException:
        await _finish_off_the_pool(session, failed=True)
        raise
    if session.in_transaction():
        await _finish_off_the_pool(session, failed=False)
    else:
        session.close()


# scope="function": the commit happens before the response goes out, so a client that sees
# 200 can rely on the write being stored.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed("send an API token as `Authorization: Bearer <token>`")
    return token.strip()


def end_sign_in_check(session: Session) -> None:
    """The check of who is asking is its own short transaction: its connection goes back to the
    pool before the request waits for a thread to run its endpoint. Held across that wait, a
    busy server could have every connection held by a waiting request while every thread waits
    for a connection."""
    session.commit()


def current_user(request: Request, session: SessionDep) -> Principal:
    token = bearer_token(request)
    reads_without_transaction(session)  # one indexed read; "last used" at most once a minute
    user = accounts.user_for_token(token, session=session)
    # Worked out here, in the thread that may load the user's agency, so the async
    # dependencies below never touch the database.
    principal = request.state.principal = accounts.principal_of(user)
    end_sign_in_check(session)
    return principal


CurrentUser = Annotated[Principal, Depends(current_user)]


async def current_principal(request: Request, user: CurrentUser) -> Principal:
    principal: Principal = request.state.principal
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def requires(permission: Permission) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets the request through only with ``permission``."""

    async def check(principal: PrincipalDep) -> Principal:
        accounts.require(principal, permission)
        return principal

    return check


async def index_provider(request: Request) -> IndexProvider:
    provider: IndexProvider = request.app.state.index_provider
    return provider


IndexDep = Annotated[IndexProvider, Depends(index_provider)]


# A calendar year in a query or a path: bounded, so a stray 10**20 is a 422 naming ``year``
# rather than an overflow in the database driver.
FIRST_YEAR, LAST_YEAR = 1900, 2200
YearQuery = Annotated[int, Query(ge=FIRST_YEAR, le=LAST_YEAR, description="calendar year")]
OptionalYearQuery = Annotated[
    int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR, description="calendar year")
]
YearPath = Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR, description="calendar year")]
