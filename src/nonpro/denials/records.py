"""The register of denial notifications: record, withdraw, list, show. Every change is audited
("denials.record", "denials.withdraw" on "denials:<reference>").

A denial is never deleted: a partner that lifts it withdraws it, and the register keeps the day,
so what was in force when a case was decided can still be read.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.controls.annex import load_annex
from nonpro.controls.errors import UnknownAnnexItem
from nonpro.core.audit import CapabilityLog
from nonpro.core.clock import utcnow
from nonpro.core.db import column_values
from nonpro.core.errors import Conflict, InvalidInput, NotFound
from nonpro.core.validation import parse_choice
from nonpro.denials.errors import DenialAlreadyWithdrawn
from nonpro.denials.models import DenialNotification
from nonpro.denials.rules import DenialStatus, normal_annex_number
from nonpro.denials.schemas import DenialIn, DenialOut, DenialWithdrawal
from nonpro.reference.services import resolve_country

LOG = CapabilityLog("denials")


def annex_entry(raw: str) -> tuple[str, str]:
    """An Annex entry as typed → (its number, the Annex version it was checked against)."""
    number = normal_annex_number(raw)
    annex = load_annex()
    try:
        annex.lookup(number)
    except UnknownAnnexItem:
        raise InvalidInput(
            "annex_entry", f"{raw!r} is not an entry of the MTCR Annex ({annex.version})"
        ) from None
    return number, annex.version


def _annex_title(number: str | None) -> str | None:
    if number is None:
        return None
    entry = load_annex().entries.get(number)
    return entry.title if entry is not None else None


def denial_out(row: DenialNotification) -> DenialOut:
    return DenialOut.model_validate(
        {
            **column_values(row),
            "notifying_partner_name": resolve_country(row.notifying_partner).name,
            "end_user_country_name": resolve_country(row.end_user_country).name,
            "annex_title": _annex_title(row.annex_entry),
        }
    )


def values_of(data: DenialIn) -> dict[str, Any]:
    """The row's values: states resolved to ISO alpha-3, the Annex entry checked."""
    values = data.model_dump()
    for field in ("notifying_partner", "end_user_country"):
        values[field] = resolve_country(values[field], field).alpha_3
    values["annex_entry"], values["annex_version"] = (
        annex_entry(data.annex_entry) if data.annex_entry else (None, None)
    )
    return values


def get_denial(key: str | uuid.UUID, *, session: Session) -> DenialNotification:
    """A denial by its reference or id."""
    found: DenialNotification | None = None
    if isinstance(key, uuid.UUID):
        found = session.get(DenialNotification, key)
    else:
        found = session.scalar(
            select(DenialNotification).where(DenialNotification.reference == key.strip())
        )
        if found is None:
            try:
                found = session.get(DenialNotification, uuid.UUID(key))
            except ValueError:
                found = None
    if found is None:
        raise NotFound("denial", key)
    return found


def record_denial(data: DenialIn, *, session: Session, actor: Principal) -> DenialOut:
    """Record a denial notification (a partner's or ours), in force from the day it is notified."""
    require(actor, Permission.MANAGE_CASES)
    taken = select(DenialNotification.id).where(DenialNotification.reference == data.reference)
    if session.scalar(taken) is not None:
        raise Conflict(f"a denial with reference {data.reference!r} is already in the register")
    row = DenialNotification(
        **values_of(data),
        status=DenialStatus.IN_FORCE.value,
        created_by=actor.username,
        updated_at=utcnow(),
    )
    session.add(row)
    session.flush()
    LOG.record(session, actor, "record", row.reference, data.model_dump(mode="json"))
    return denial_out(row)


def withdraw_denial(
    key: str, data: DenialWithdrawal, *, session: Session, actor: Principal
) -> DenialOut:
    """The notifying partner withdrew the denial: it no longer flags cases from that day."""
    require(actor, Permission.MANAGE_CASES)
    row = get_denial(key, session=session)
    if row.status == DenialStatus.WITHDRAWN.value:
        raise DenialAlreadyWithdrawn(row.reference, row.withdrawn_on)
    if data.withdrawn_on < row.notified_on:
        raise InvalidInput(
            "withdrawn_on",
            f"{data.withdrawn_on} is before the denial was notified, {row.notified_on}",
        )
    row.status = DenialStatus.WITHDRAWN.value
    row.withdrawn_on = data.withdrawn_on
    row.withdrawal_note = data.note
    row.updated_at = utcnow()
    session.flush()
    LOG.record(session, actor, "withdraw", row.reference, data.model_dump(mode="json"))
    return denial_out(row)


def show_denial(key: str, *, session: Session, reader: Principal) -> DenialOut:
    require(reader, Permission.READ)
    return denial_out(get_denial(key, session=session))


def list_denials(
    *,
    session: Session,
    reader: Principal,
    status: str | None = None,
    partner: str | None = None,
    country: str | None = None,
    annex_entry: str | None = None,
    text: str | None = None,
) -> list[DenialOut]:
    """The register, newest notification first; each filter narrows it. ``annex_entry`` keeps
    the denials of that entry and of the entries under it; ``text`` searches the end user and
    the item description."""
    require(reader, Permission.READ)
    query = select(DenialNotification).order_by(
        DenialNotification.notified_on.desc(), DenialNotification.reference
    )
    if status:
        query = query.where(
            DenialNotification.status == parse_choice(DenialStatus, status, "status").value
        )
    if partner:
        code = resolve_country(partner, "partner").alpha_3
        query = query.where(DenialNotification.notifying_partner == code)
    if country:
        code = resolve_country(country, "country").alpha_3
        query = query.where(DenialNotification.end_user_country == code)
    if annex_entry:
        number = normal_annex_number(annex_entry)
        query = query.where(
            or_(
                DenialNotification.annex_entry == number,
                DenialNotification.annex_entry.startswith(number + ".", autoescape=True),
            )
        )
    if text:
        words = text.strip()
        query = query.where(
            or_(
                DenialNotification.end_user.icontains(words, autoescape=True),
                DenialNotification.item_description.icontains(words, autoescape=True),
            )
        )
    return [denial_out(row) for row in session.scalars(query)]
