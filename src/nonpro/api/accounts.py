"""Users, agencies and tokens over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, Field

from nonpro.accounts import services
from nonpro.accounts.rules import normalise_username
from nonpro.accounts.schemas import (
    AgencyIn,
    AgencyOut,
    AgencyUpdate,
    PasswordChange,
    PasswordReset,
    Principal,
    TokenCreated,
    TokenOut,
    UserIn,
    UserOut,
)
from nonpro.http.signin import AgencyManager, PasswordChanger, PrincipalDep, Reader, UserManager
from nonpro.http.throttling import throttled
from nonpro.http.unit_of_work import SessionDep, SessionRoute

router = APIRouter(route_class=SessionRoute, tags=["accounts"])


@router.get("/me", response_model=Principal)
def me(principal: PrincipalDep) -> Principal:
    """Who the token belongs to and what role they have."""
    return principal


@router.get("/users", response_model=list[UserOut])
def list_users(session: SessionDep, actor: UserManager) -> list[UserOut]:
    return [UserOut.of(u) for u in services.list_users(session=session, actor=actor)]


@router.post("/users", response_model=UserOut, status_code=status.HTTP_201_CREATED)
def create_user(data: UserIn, session: SessionDep, actor: UserManager) -> UserOut:
    return UserOut.of(services.create_user(data, session=session, actor=actor))


@router.post("/users/{username}/disable", response_model=UserOut)
def disable_user(username: str, session: SessionDep, actor: UserManager) -> UserOut:
    return UserOut.of(services.disable_user(username, session=session, actor=actor))


@router.post("/users/{username}/enable", response_model=UserOut)
def enable_user(username: str, session: SessionDep, actor: UserManager) -> UserOut:
    return UserOut.of(services.enable_user(username, session=session, actor=actor))


@router.post("/users/{username}/reset-password", response_model=PasswordReset)
def reset_password(username: str, session: SessionDep, actor: UserManager) -> PasswordReset:
    """Give a user a one-time password (shown once); they must change it at next sign-in."""
    password = services.reset_password(username, session=session, actor=actor)
    return PasswordReset(username=normalise_username(username), password=password)


@router.post("/me/password", status_code=status.HTTP_204_NO_CONTENT)
def change_password(
    request: Request, data: PasswordChange, session: SessionDep, actor: PasswordChanger
) -> Response:
    """Change your own password, giving the current one; open even while a change is pending.

    Wrong current passwords count against the sign-in throttle, so a stolen token cannot be
    used to guess the password behind it.
    """
    with throttled(request, actor.username):
        services.change_password(
            actor.username, data.current_password, data.new_password, session=session, actor=actor
        )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/agencies", response_model=list[AgencyOut])
def list_agencies(session: SessionDep, _: Reader) -> list[AgencyOut]:
    return [AgencyOut.model_validate(a) for a in services.list_agencies(session=session)]


@router.post("/agencies", response_model=AgencyOut, status_code=status.HTTP_201_CREATED)
def create_agency(data: AgencyIn, session: SessionDep, actor: AgencyManager) -> AgencyOut:
    return AgencyOut.model_validate(services.create_agency(data, session=session, actor=actor))


@router.patch("/agencies/{code}", response_model=AgencyOut)
def update_agency(
    code: str, data: AgencyUpdate, session: SessionDep, actor: AgencyManager
) -> AgencyOut:
    return AgencyOut.model_validate(
        services.update_agency(code, data, session=session, actor=actor)
    )


class TokenRequest(BaseModel):
    name: str = "api"
    username: str | None = None  # an administrator may create a token for another user
    expires_in_days: int | None = Field(
        default=None, ge=1, le=services.MAX_TOKEN_DAYS, description="Days until it expires"
    )


@router.post("/tokens", response_model=TokenCreated, status_code=status.HTTP_201_CREATED)
def create_token(data: TokenRequest, session: SessionDep, actor: PrincipalDep) -> TokenCreated:
    """A new token (yours, or another user's if you manage users); shown once."""
    token, plain = services.create_token(
        data.username or actor.username,
        data.name,
        session=session,
        actor=actor,
        expires_in_days=data.expires_in_days,
    )
    return TokenCreated(**TokenOut.model_validate(token).model_dump(), token=plain)


@router.delete("/tokens/{prefix}", response_model=TokenOut)
def revoke_token(prefix: str, session: SessionDep, actor: PrincipalDep) -> TokenOut:
    return TokenOut.model_validate(services.revoke_token(prefix, session=session, actor=actor))
