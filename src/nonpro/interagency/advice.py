"""Recording an agency's advice, once: idempotent, and safe when representatives advise at once.

Each submission carries an idempotency key (the client's, or one derived from the advice and the
advice it replaces). The key is unique in the table, so a repeated submission, even two at the
same moment on two connections, leaves one row: the second insert fails on the constraint inside
a savepoint and the row already stored is returned.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.cases import provisos as proviso_library
from nonpro.core.audit import canonical_json
from nonpro.core.clock import today, utcnow
from nonpro.core.errors import InvalidInput
from nonpro.interagency import access, holds, referrals
from nonpro.interagency.errors import IdempotencyKeyReused, NotReferredToAgency
from nonpro.interagency.models import Advice, Referral
from nonpro.interagency.rules import AdviceKind, Scope
from nonpro.interagency.schemas import AdviceIn


def _content(agency: str, data: AdviceIn | Advice) -> dict[str, Any]:
    kind = data.kind.value if isinstance(data, AdviceIn) else data.kind
    scope = data.scope.value if isinstance(data, AdviceIn) else data.scope
    return {
        "agency": agency,
        "scope": scope,
        "position": data.position,
        "kind": kind,
        "provisos": list(data.provisos),
        "written_provisos": list(data.written_provisos),
        "reasons": list(data.reasons),
        "rationale": data.rationale.strip(),
    }


def _check_scope(referral: Referral, data: AdviceIn) -> None:
    if data.scope == Scope.ITEM:
        positions = {i.position for i in referral.case.items}
    elif data.scope == Scope.PARTY:
        positions = {p.position for p in referral.case.parties}
    else:
        return
    if data.position not in positions:
        raise InvalidInput(
            "position", f"case {referral.case.reference} has no {data.scope.value} {data.position}"
        )


def _derived_key(referral: Referral, content: dict[str, Any], replaces: Advice | None) -> str:
    # The advice it replaces is part of the key: the same words after a change of mind are a
    # new position, while two identical submissions made on the same state are one.
    seed = canonical_json(
        {"referral": str(referral.id), **content, "replaces": str(replaces.id) if replaces else ""}
    )
    return "derived:" + hashlib.sha256(seed.encode()).hexdigest()[:64]


def _stored(session: Session, key: str) -> Advice | None:
    return session.scalar(select(Advice).where(Advice.idempotency_key == key))


def _same_or_refuse(found: Advice, referral: Referral, content: dict[str, Any]) -> Advice:
    if found.referral_id != referral.id or _content(found.agency_code, found) != content:
        raise IdempotencyKeyReused(
            f"idempotency key {found.idempotency_key} was used for other advice; use a new key"
        )
    return found


def advise(
    key: str,
    data: AdviceIn,
    *,
    session: Session,
    actor: Principal,
    group: str | None = None,
    on: date | None = None,
) -> tuple[Advice, bool]:
    """Record the actor's agency's advice on a referral; returns (advice, created)."""
    referral = referrals.get_referral(key, session=session, actor=actor, group=group)
    agency = access.acting_agency(actor, data.agency, Permission.ADVISE)
    if agency not in access.agencies_of(referral):
        raise NotReferredToAgency(agency, f"case {referral.case.reference}")
    _check_scope(referral, data)
    proviso_library.resolve(data.provisos)
    content = _content(agency, data)
    current = referrals.latest_advice(
        referral.id, agency, data.scope.value, data.position, session=session
    )
    idempotency_key = data.idempotency_key or _derived_key(referral, content, current)
    found = _stored(session, idempotency_key)
    if found is not None:
        return _same_or_refuse(found, referral, content), False
    if current is not None and _content(agency, current) == content:
        return current, False
    on = on or today()
    due = referrals.schedule_of(referral, on).due("agency_recommendation")
    advice = Advice(
        referral_id=referral.id,
        agency_code=agency,
        scope=data.scope.value,
        position=data.position,
        kind=data.kind.value,
        provisos=list(data.provisos),
        written_provisos=list(data.written_provisos),
        reasons=list(data.reasons),
        rationale=data.rationale.strip(),
        advised_by=actor.username,
        advised_at=utcnow(),
        due_on=due,
        late=on > due,
        idempotency_key=idempotency_key,
    )
    try:
        with session.begin_nested():
            session.add(advice)
            session.flush()
    except IntegrityError:
        # Someone stored the same submission first (another connection, same key).
        found = _stored(session, idempotency_key)
        if found is None:
            raise
        return _same_or_refuse(found, referral, content), False
    referrals.audit_referral(
        session,
        referral,
        actor,
        "interagency.advise",
        {
            "group": referral.group.code,
            **content,
            "due_on": due,
            "late": advice.late,
            "advice": str(advice.id),
        },
    )
    where = "" if data.scope == Scope.CASE else f" on {data.scope.value} {data.position + 1}"
    late = " (late)" if advice.late else ""
    referrals.note_on_case(referral, actor, "advice", f"{agency}: {data.kind.value}{where}{late}")
    if data.kind == AdviceKind.REQUEST_INFORMATION and not holds.open_hold(referral):
        reason = "; ".join(data.reasons) or data.rationale
        holds.start_hold(
            referral, reason=reason, agency=agency, session=session, actor=actor, on=on
        )
    return advice, True
