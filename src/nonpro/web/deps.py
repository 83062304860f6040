"""Who is signed in to the web UI, from the signed session cookie."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.api.deps import SessionDep, end_sign_in_check
from nonpro.core.db import reads_without_transaction
from nonpro.core.errors import AuthenticationFailed


def signed_in_user(request: Request, session: SessionDep) -> Principal:
    """The session's user, re-read every request so a disabled user is out at once."""
    raw = request.session.get("user_id")
    user = None
    if isinstance(raw, str):
        reads_without_transaction(session)  # one read by primary key
        user = accounts.user_by_id(uuid.UUID(raw), session=session)
    if user is None or not user.active:
        request.session.pop("user_id", None)
        raise AuthenticationFailed("please sign in")
    principal = request.state.principal = accounts.principal_of(user)
    end_sign_in_check(session)
    return principal


WebUser = Annotated[Principal, Depends(signed_in_user)]


async def web_principal(request: Request, user: WebUser) -> Principal:
    principal: Principal = request.state.principal  # worked out by signed_in_user
    return principal


WebPrincipal = Annotated[Principal, Depends(web_principal)]


def page_requires(permission: Permission) -> Callable[[Principal], Awaitable[Principal]]:
    async def check(principal: WebPrincipal) -> Principal:
        accounts.require(principal, permission)
        return principal

    return check
