"""Clearing officers: who may clear (or comment on) an instruction for which office.

A clearance says "this office agrees", so only someone the office has named may give it. The
list is kept here, in the multilateral capability, by multilateral officers (and admins); no one
puts themselves on it or takes themselves off it, so a clearance always rests on someone
else's say-so.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.errors import Conflict, InvalidInput, NotFound
from nonpro.multilateral.calendar import LOG
from nonpro.multilateral.errors import DutiesNotSeparated
from nonpro.multilateral.models import ClearingOfficer
from nonpro.multilateral.schemas import ClearingOfficerIn, ClearingOfficerOut

# The CLI acts as "cli:<login>" (nonpro.accounts.schemas.local_operator), which is no account.
CLI_PREFIX = "cli:"


def list_clearing_officers(
    *, session: Session, office: str | None = None
) -> list[ClearingOfficerOut]:
    query = select(ClearingOfficer).order_by(ClearingOfficer.office, ClearingOfficer.username)
    if office:
        query = query.where(ClearingOfficer.office == office.strip().upper())
    return [ClearingOfficerOut.model_validate(row) for row in session.scalars(query)]


def _not_oneself(data: ClearingOfficerIn, actor: Principal, doing: str) -> None:
    if data.username == actor.username.lower():
        raise DutiesNotSeparated(
            "username", f"you may not {doing} yourself for {data.office}: ask another officer"
        )


def _check_user(username: str, *, session: Session) -> None:
    """The user exists and may manage multilateral work (clearing is a step of it)."""
    if username.startswith(CLI_PREFIX):
        return
    try:
        user = accounts.get_user(username, session=session)
    except NotFound:
        raise InvalidInput("username", f"no user is named {username!r}") from None
    if not user.active or not accounts.principal_of(user).can(Permission.MANAGE_MULTILATERAL):
        raise InvalidInput(
            "username", f"{username} cannot act on instructions (an active multilateral officer)"
        )


def appoint_clearing_officer(
    data: ClearingOfficerIn, *, session: Session, actor: Principal
) -> ClearingOfficerOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    _not_oneself(data, actor, "appoint")
    _check_user(data.username, session=session)
    if _appointment(data, session=session) is not None:
        raise Conflict(f"{data.username} already clears for {data.office}")
    row = ClearingOfficer(office=data.office, username=data.username, appointed_by=actor.username)
    session.add(row)
    session.flush()
    LOG.record(
        session, actor, "clearing_officer.appoint", f"office:{data.office}", data.model_dump()
    )
    return ClearingOfficerOut.model_validate(row)


def dismiss_clearing_officer(
    data: ClearingOfficerIn, *, session: Session, actor: Principal
) -> ClearingOfficerOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    _not_oneself(data, actor, "dismiss")
    row = _appointment(data, session=session)
    if row is None:
        raise NotFound("clearing officer", f"{data.username} for {data.office}")
    gone = ClearingOfficerOut.model_validate(row)
    session.delete(row)
    session.flush()
    LOG.record(
        session, actor, "clearing_officer.dismiss", f"office:{data.office}", data.model_dump()
    )
    return gone


def _appointment(data: ClearingOfficerIn, *, session: Session) -> ClearingOfficer | None:
    return session.scalar(
        select(ClearingOfficer).where(
            ClearingOfficer.office == data.office, ClearingOfficer.username == data.username
        )
    )


def require_clearing_officer(office: str, *, session: Session, actor: Principal) -> None:
    """Refuse ``actor`` unless they clear for ``office``; the refusal names the office."""
    data = ClearingOfficerIn(office=office, username=actor.username)
    if _appointment(data, session=session) is None:
        named = [o.username for o in list_clearing_officers(session=session, office=office)]
        who = f"only {', '.join(named)} may" if named else "no one is named to"
        raise DutiesNotSeparated(
            "office", f"you do not clear for {data.office}: {who} clear for it"
        )
