"""Typed dependencies shared by every API router; tests swap them with dependency_overrides."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.models import User
from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import AuthenticationFailed
from nonpro.screening.services import IndexProvider


def get_session(request: Request) -> Iterator[Session]:
    """One request, one transaction: committed before the response is sent."""
    session: Session = request.app.state.session_factory()
    try:
        yield session
        if getattr(request.state, "discard_changes", False):
            session.rollback()  # a page answered 4xx with the form shown again (web.rendering)
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
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


def current_user(request: Request, session: SessionDep) -> User:
    return accounts.user_for_token(bearer_token(request), session=session)


CurrentUser = Annotated[User, Depends(current_user)]


def current_principal(user: CurrentUser) -> Principal:
    return accounts.principal_of(user)


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def requires(permission: Permission) -> Callable[[Principal], Principal]:
    """A dependency that lets the request through only with ``permission``."""

    def check(principal: PrincipalDep) -> Principal:
        accounts.require(principal, permission)
        return principal

    return check


def index_provider(request: Request) -> IndexProvider:
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
