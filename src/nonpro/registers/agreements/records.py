"""The register of bilateral nuclear cooperation agreements, safeguards and sister-laboratory
arrangements: add, edit, list, status as of a date, expiry reminders, the partner's IAEA
safeguards status from the treaties capability.

An agreement's status is never stored: it is derived from its dates for the day asked, so the
register answers "what was in force on 1 January 2015" as easily as "what is in force now".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core import clock
from nonpro.core.clock import utcnow
from nonpro.core.db import column_values, one_or_not_found
from nonpro.core.errors import Conflict, InvalidInput
from nonpro.core.validation import parse_choice, parse_input
from nonpro.reference.errors import UnknownCountry
from nonpro.reference.services import resolve_country
from nonpro.registers.agreements.models import Agreement
from nonpro.registers.agreements.rules import (
    ORGANISATIONS,
    SAFEGUARDS_INSTRUMENTS,
    AgreementKind,
    AgreementStatus,
    status_on,
)
from nonpro.registers.agreements.schemas import (
    AgreementIn,
    AgreementOut,
    AgreementUpdate,
    Reminder,
    SafeguardsEvent,
    SafeguardsLink,
)
from nonpro.registers.audit_log import LOG
from nonpro.treaties import services as treaties


def resolve_partner(text: str) -> tuple[str, str]:
    """A state's name or code, or an organisation's code → (code, name)."""
    code = text.strip().upper()
    if code in ORGANISATIONS:
        return code, ORGANISATIONS[code]
    try:
        country = resolve_country(text)
    except UnknownCountry:
        known = ", ".join(ORGANISATIONS)
        raise InvalidInput(
            "partner", f"{text!r} is neither a state nonpro knows nor an organisation ({known})"
        ) from None
    return country.alpha_3, country.name


def safeguards_of(partner: str, *, as_of: date, session: Session) -> list[SafeguardsLink]:
    """The partner state's CSA, AP and VOA status as of a date, each with the event behind it."""
    if partner in ORGANISATIONS:
        return []
    links = []
    for instrument in SAFEGUARDS_INSTRUMENTS:
        found = treaties.status_in(partner, instrument, as_of=as_of, session=session)
        # The latest event already in effect is the one the status rests on.
        # The latest event already in effect is the one the status rests on; when the status is
        # unknown, the event whose date cannot say.
        effective = [e for e in found.events if not e.disputed]
        if found.status.value != "unknown":
            effective = [e for e in effective if e.effective <= as_of]
        last = max(effective, key=lambda e: e.effective, default=None)
        event = None
        if last is not None:
            event = SafeguardsEvent(
                kind=last.kind.value,
                date=last.effective,
                date_text=last.date_text,
                source=last.source,
                note=last.note,
            )
        links.append(
            SafeguardsLink(
                instrument=instrument,
                status=found.status.value,
                since=found.since,
                since_text=found.since_text,
                as_of=as_of,
                event=event,
            )
        )
    return links


def agreement_out(
    agreement: Agreement, *, session: Session, as_of: date | None = None, safeguards: bool = True
) -> AgreementOut:
    day = as_of or clock.today()
    return AgreementOut.model_validate(
        {
            **column_values(agreement),
            "partner_is_state": agreement.partner not in ORGANISATIONS,
            "status": status_on(agreement, day),
            "status_as_of": day,
            # The partner's safeguards are what the office relies on now, whatever day the
            # agreement's own status is asked for.
            "safeguards": safeguards_of(agreement.partner, as_of=clock.today(), session=session)
            if safeguards
            else [],
        }
    )


def get(key: str, *, session: Session) -> Agreement:
    return one_or_not_found(session, Agreement, Agreement.key == key.strip(), "agreement", key)


def show(key: str, *, session: Session, as_of: date | None = None) -> AgreementOut:
    return agreement_out(get(key, session=session), session=session, as_of=as_of)


def _values(data: AgreementIn) -> dict[str, Any]:
    code, name = resolve_partner(data.partner)
    values = data.model_dump(exclude={"partner"})
    values.update(partner=code, partner_name=data.partner_name or name)
    return values


def add(data: AgreementIn, *, session: Session, actor: Principal) -> AgreementOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    if session.scalar(select(Agreement.id).where(Agreement.key == data.key)) is not None:
        raise Conflict(f"an agreement with key {data.key!r} is already in the register")
    agreement = Agreement(**_values(data), created_by=actor.username, updated_at=utcnow())
    session.add(agreement)
    session.flush()
    LOG.record(
        session, actor, "agreement.add", f"agreement:{agreement.key}", data.model_dump(mode="json")
    )
    return agreement_out(agreement, session=session)


def edit(key: str, data: AgreementUpdate, *, session: Session, actor: Principal) -> AgreementOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    agreement = get(key, session=session)
    changes = data.model_dump(exclude_unset=True)
    if "partner" in changes:
        code, name = resolve_partner(changes.pop("partner"))
        changes["partner"] = code
        changes.setdefault("partner_name", name)
    dates = {k: getattr(agreement, k) for k in ("signed", "in_force", "expires", "terminated")}
    dates.update({k: v for k, v in changes.items() if k in dates})
    parse_input(AgreementUpdate, dates)  # the edited dates must still make sense together
    before = {k: getattr(agreement, k) for k in changes}
    for name, value in changes.items():
        setattr(agreement, name, value)
    agreement.updated_at = utcnow()
    session.flush()
    LOG.record(
        session,
        actor,
        "agreement.edit",
        f"agreement:{agreement.key}",
        {
            "before": {k: str(v) for k, v in before.items()},
            "after": data.model_dump(mode="json", exclude_unset=True),
        },
    )
    return agreement_out(agreement, session=session)


def list_agreements(
    *,
    session: Session,
    kind: str | None = None,
    partner: str | None = None,
    in_force_on: date | None = None,
    as_of: date | None = None,
) -> list[AgreementOut]:
    """The register, by partner then key; ``in_force_on`` keeps those in force on that day."""
    query = select(Agreement).order_by(Agreement.partner, Agreement.key)
    if kind:
        query = query.where(Agreement.kind == parse_choice(AgreementKind, kind, "kind").value)
    if partner:
        query = query.where(Agreement.partner == resolve_partner(partner)[0])
    found = list(session.scalars(query))
    if in_force_on is not None:
        found = [a for a in found if status_on(a, in_force_on) is AgreementStatus.IN_FORCE]
    day = as_of or in_force_on
    return [agreement_out(a, session=session, as_of=day) for a in found]


def due(*, session: Session, within_days: int = 0, today: date | None = None) -> list[Reminder]:
    """Agreements still running whose expiry falls within their own reminder period or the
    asked window (whichever is longer), soonest first, each saying why it is listed."""
    if within_days < 0:
        raise InvalidInput("within", "the window is a number of days, 0 or more")
    day = today or clock.today()
    query = select(Agreement).where(Agreement.expires.is_not(None), Agreement.expires >= day)
    reminders = []
    for agreement in session.scalars(query.order_by(Agreement.expires, Agreement.key)):
        assert agreement.expires is not None
        if status_on(agreement, day) is AgreementStatus.TERMINATED:
            continue
        left = (agreement.expires - day).days
        reasons = []
        if left <= agreement.remind_days:
            reasons.append(f"within its reminder period of {agreement.remind_days} days")
        if left <= within_days:
            reasons.append(f"within the asked {within_days} days")
        if not reasons:
            continue
        reminders.append(
            Reminder(
                key=agreement.key,
                title=agreement.title,
                kind=AgreementKind(agreement.kind),
                partner=agreement.partner,
                expires=agreement.expires,
                days_left=left,
                why=f"expires on {agreement.expires} in {left} days: {' and '.join(reasons)}",
            )
        )
    return reminders
