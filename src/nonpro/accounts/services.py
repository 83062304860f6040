"""Use cases of the accounts capability. Every write is audited; services flush, callers commit."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta
from importlib import resources

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nonpro.accounts.errors import InvalidCredentials, InvalidToken, TokenExpired, WrongPassword
from nonpro.accounts.models import Agency, ApiToken, User
from nonpro.accounts.passwords import (
    generate_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from nonpro.accounts.rules import Permission, Role, normalise_username
from nonpro.accounts.schemas import AgencyIn, AgencyUpdate, Principal, UserIn
from nonpro.accounts.sessions import SessionLimits as SessionLimits
from nonpro.accounts.sessions import end_session as end_session
from nonpro.accounts.sessions import end_sessions_of, start_session
from nonpro.accounts.sessions import session_user as session_user
from nonpro.accounts.strength import check_password_strength
from nonpro.accounts.throttle import SignInThrottle as SignInThrottle
from nonpro.core import audit
from nonpro.core.clock import utcnow
from nonpro.core.db import one_or_not_found
from nonpro.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied

TOKEN_PREFIX = "np_"  # noqa: S105  (a label that marks nonpro tokens, not a secret)
BOOTSTRAP_ADMIN = "admin"
TOKEN_USE_RESOLUTION = timedelta(minutes=1)
MAX_TOKEN_DAYS = 3650


def require(principal: Principal, permission: Permission) -> None:
    if not principal.can(permission):
        raise PermissionDenied(
            f"role {principal.role.value!r} may not {permission.value.replace('_', ' ')}"
        )


def principal_of(user: User) -> Principal:
    return Principal(
        username=user.username,
        role=user.role_enum,
        agency_code=user.agency.code if user.agency else None,
    )


# --- agencies -------------------------------------------------------------------------------


def list_agencies(*, session: Session) -> list[Agency]:
    return list(session.scalars(select(Agency).order_by(Agency.code)))


def agency_names(*, session: Session) -> dict[str, str]:
    """Every agency's name by its code, in one query: what a page shows where it has a code."""
    rows = session.execute(select(Agency.code, Agency.name)).all()
    return {row.code: row.name for row in rows}


def get_agency(code: str, *, session: Session) -> Agency:
    return one_or_not_found(session, Agency, Agency.code == code.upper(), "agency", code)


def create_agency(data: AgencyIn, *, session: Session, actor: Principal) -> Agency:
    require(actor, Permission.MANAGE_AGENCIES)
    if session.scalar(select(Agency.id).where(Agency.code == data.code)) is not None:
        raise Conflict(f"agency {data.code} already exists")
    agency = Agency(code=data.code, name=data.name, active=True)
    session.add(agency)
    session.flush()
    audit.record_by(session, actor, "agency.create", f"agency:{agency.code}", {"name": agency.name})
    return agency


def update_agency(code: str, data: AgencyUpdate, *, session: Session, actor: Principal) -> Agency:
    """Rename or (de)activate an agency. Deactivating one shuts its representatives out at once:
    their web sessions end, and their tokens are refused while it stays inactive."""
    require(actor, Permission.MANAGE_AGENCIES)
    agency = get_agency(code, session=session)
    changes: dict[str, object] = data.model_dump(exclude_none=True)
    for field, value in changes.items():
        setattr(agency, field, value)
    session.flush()
    if data.active is False:
        members = list(session.scalars(select(User).where(User.agency_id == agency.id)))
        changes["sessions_ended"] = end_sessions_of(members, session=session)
    audit.record_by(session, actor, "agency.update", f"agency:{agency.code}", changes)
    return agency


def seed_agencies(*, session: Session, actor: Principal) -> int:
    """Add the default agencies that are missing; never overwrites an edited one."""
    text = resources.files("nonpro.accounts").joinpath("data/agencies.yaml").read_text("utf-8")
    seeded = 0
    for record in yaml.safe_load(text)["agencies"]:
        data = AgencyIn.model_validate(record)
        if session.scalar(select(Agency.id).where(Agency.code == data.code)) is None:
            create_agency(data, session=session, actor=actor)
            seeded += 1
    return seeded


# --- users ----------------------------------------------------------------------------------


def census(*, session: Session) -> dict[str, int]:
    """How many users and agencies there are, for the administrator's dashboard."""
    return {
        "users": session.scalar(select(func.count()).select_from(User)) or 0,
        "agencies": session.scalar(select(func.count()).select_from(Agency)) or 0,
    }


def list_users(*, session: Session, actor: Principal) -> list[User]:
    require(actor, Permission.MANAGE_USERS)
    return list(session.scalars(select(User).order_by(User.username)))


def user_by_id(user_id: uuid.UUID, *, session: Session) -> User | None:
    """The user a signed session cookie names (by id), or None."""
    return session.get(User, user_id)


def can_sign_in(user: User) -> bool:
    """Whether ``user`` may use nonpro now: active, and if of an agency, an active one."""
    return user.active and (user.agency is None or user.agency.active)


def get_user(username: str, *, session: Session) -> User:
    return one_or_not_found(
        session, User, User.username == normalise_username(username), "user", username
    )


def create_user(data: UserIn, *, session: Session, actor: Principal) -> User:
    require(actor, Permission.MANAGE_USERS)
    if session.scalar(select(User.id).where(User.username == data.username)) is not None:
        raise Conflict(f"user {data.username} already exists")
    agency = None
    if data.agency:
        try:
            agency = get_agency(data.agency, session=session)
        except NotFound:
            raise InvalidInput("agency", f"no agency with code {data.agency!r}") from None
    if data.role is Role.AGENCY_REVIEWER and agency is None:
        raise InvalidInput("agency", "an agency reviewer must belong to an agency")
    user = User(
        username=data.username,
        display_name=data.display_name or data.username,
        role=data.role.value,
        agency=agency,
        password_hash=hash_password(data.password),
        active=True,
    )
    session.add(user)
    session.flush()
    audit.record_by(
        session,
        actor,
        "user.create",
        f"user:{user.username}",
        {"role": user.role, "agency": agency.code if agency else None},
    )
    return user


def disable_user(username: str, *, session: Session, actor: Principal) -> User:
    require(actor, Permission.MANAGE_USERS)
    user = get_user(username, session=session)
    if user.username == actor.username:
        raise Conflict("you cannot disable your own account")
    user.active = False
    for token in session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ):
        token.revoked_at = utcnow()
    _end_sessions_and_record(user, "user.disable", session=session, actor=actor)
    return user


def enable_user(username: str, *, session: Session, actor: Principal) -> User:
    """Let a disabled user sign in again; their old tokens stay revoked (they make new ones)."""
    require(actor, Permission.MANAGE_USERS)
    user = get_user(username, session=session)
    if user.active:
        raise Conflict(f"user {user.username} is already active")
    user.active = True
    session.flush()
    audit.record_by(session, actor, "user.enable", f"user:{user.username}", {})
    return user


def _end_sessions_and_record(
    user: User, action: str, *, session: Session, actor: Principal, keep: str | None = None
) -> None:
    """After a change that must sign ``user`` out (all sessions but ``keep``), record it."""
    session.flush()
    ended = end_sessions_of([user], session=session, keep=keep)
    audit.record_by(session, actor, action, f"user:{user.username}", {"sessions_ended": ended})


def set_role(
    username: str, role: Role, *, session: Session, actor: Principal, agency: str | None = None
) -> User:
    require(actor, Permission.MANAGE_USERS)
    user = get_user(username, session=session)
    user.role = role.value
    if agency is not None:
        user.agency = get_agency(agency, session=session)
    session.flush()
    audit.record_by(
        session,
        actor,
        "user.set_role",
        f"user:{user.username}",
        {"role": role.value, "agency": user.agency.code if user.agency else None},
    )
    return user


def authenticate(username: str, password: str, *, session: Session) -> User:
    """The active user with this password, or ``InvalidCredentials`` (same for every cause)."""
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    valid = verify_password(user.password_hash if user else None, password)
    if user is None or not valid or not can_sign_in(user):
        raise InvalidCredentials()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_sign_in_at = utcnow()
    session.flush()
    audit.record(
        session, actor=user.username, action="user.sign_in", target=f"user:{user.username}"
    )
    return user


def change_password(
    username: str,
    current: str,
    new: str,
    *,
    session: Session,
    actor: Principal,
    keep_session: str | None = None,
) -> User:
    """A user replaces their own password, proving the current one; their other sessions end.

    ``keep_session`` is the web session making the change, which stays signed in.
    """
    if actor.username != normalise_username(username):
        raise PermissionDenied("you can change only your own password; an administrator resets")
    user = get_user(username, session=session)
    if not verify_password(user.password_hash, current):
        raise WrongPassword()
    check_password_strength(new, username=user.username, field="new_password")
    if verify_password(user.password_hash, new):
        raise InvalidInput("new_password", "must differ from the current password")
    user.password_hash = hash_password(new)
    user.must_change_password = False
    _end_sessions_and_record(
        user, "user.password_change", session=session, actor=actor, keep=keep_session
    )
    return user


def reset_password(username: str, *, session: Session, actor: Principal) -> str:
    """An administrator gives ``username`` a one-time password, to be changed at next sign-in;
    every session of theirs ends. Returns the one-time password (shown once, never stored)."""
    require(actor, Permission.MANAGE_USERS)
    user = get_user(username, session=session)
    if user.username == actor.username:
        # It would hold the administrator on the change page for a password they already know.
        raise Conflict("you cannot reset your own password; change it instead")
    password = generate_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    _end_sessions_and_record(user, "user.password_reset", session=session, actor=actor)
    return password


def sign_in(username: str, password: str, *, session: Session) -> tuple[User, str]:
    """Check the password and start a web session: the user and the session's cookie key."""
    user = authenticate(username, password, session=session)
    return user, start_session(user, session=session)


def ensure_admin(*, session: Session, actor: Principal) -> str | None:
    """Create the bootstrap ``admin`` when no administrator exists; return its one-time password,
    which must be changed at the first sign-in."""
    exists = session.scalar(select(func.count()).select_from(User).where(User.role == "admin"))
    if exists:
        return None
    password = generate_password()
    admin = create_user(
        UserIn(
            username=BOOTSTRAP_ADMIN,
            role=Role.ADMIN,
            password=password,
            display_name="Administrator",
        ),
        session=session,
        actor=actor,
    )
    admin.must_change_password = True
    session.flush()
    return password


# --- API tokens -----------------------------------------------------------------------------


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(
    username: str,
    name: str,
    *,
    session: Session,
    actor: Principal,
    expires_in_days: int | None = None,
) -> tuple[ApiToken, str]:
    """A new bearer token for ``username``, valid for ``expires_in_days`` days or until revoked;
    the plain token is returned once and never stored."""
    if actor.username != normalise_username(username):
        require(actor, Permission.MANAGE_USERS)
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_TOKEN_DAYS:
        raise InvalidInput("expires_in_days", f"must be from 1 to {MAX_TOKEN_DAYS} days")
    user = get_user(username, session=session)
    if not user.active:
        raise Conflict(f"user {user.username} is disabled")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(days=expires_in_days) if expires_in_days else None
    token = ApiToken(
        user=user,
        name=name,
        prefix=plain[:10],
        token_hash=_token_digest(plain),
        expires_at=expires_at,
    )
    session.add(token)
    session.flush()
    audit.record_by(
        session,
        actor,
        "token.create",
        f"user:{user.username}",
        {
            "token": str(token.id),
            "name": name,
            "prefix": token.prefix,
            "expires_at": _iso(expires_at),
        },
    )
    return token, plain


def list_tokens(username: str, *, session: Session) -> list[ApiToken]:
    user = get_user(username, session=session)
    return list(
        session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at)
        )
    )


def revoke_token(prefix: str, *, session: Session, actor: Principal) -> ApiToken:
    token = one_or_not_found(session, ApiToken, ApiToken.prefix == prefix, "token", prefix)
    if token.user.username != actor.username:
        require(actor, Permission.MANAGE_USERS)
    token.revoked_at = token.revoked_at or utcnow()
    session.flush()
    audit.record_by(
        session,
        actor,
        "token.revoke",
        f"user:{token.user.username}",
        {"token": str(token.id), "prefix": token.prefix},
    )
    return token


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def user_for_token(plain: str, *, session: Session) -> User:
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_digest(plain)))
    if token is None or token.revoked_at is not None or not can_sign_in(token.user):
        raise InvalidToken()
    now = utcnow()
    if token.expires_at is not None and token.expires_at <= now:
        raise TokenExpired(f"{token.expires_at:%Y-%m-%d %H:%M} UTC")
    # To the minute is all "last used" needs; writing it on every request would make each API
    # read a write (and a WAL flush on PostgreSQL) for nothing.
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_RESOLUTION:
        token.last_used_at = now
    return token.user
