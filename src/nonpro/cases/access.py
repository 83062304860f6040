"""Who may see a case: an agency's representatives see only the cases referred to their agency.

Everyone else who may read reads every case. Access is granted by whoever refers the case (the
interagency capability), recorded here so the cases capability can enforce it without knowing
about referrals.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TypeVarTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.cases.models import Case, CaseAgencyAccess
from nonpro.core import audit
from nonpro.screening.rules import sees_every_case

Columns = TypeVarTuple("Columns")


def restricted(actor: Principal) -> bool:
    return not sees_every_case(actor)


def _granted(actor: Principal) -> Select[uuid.UUID]:
    return select(CaseAgencyAccess.case_id).where(
        CaseAgencyAccess.agency_code == (actor.agency_code or "")
    )


def visible_only(query: Select[*Columns], actor: Principal) -> Select[*Columns]:
    """Narrow a query of cases (whatever its columns, as long as it selects from ``cases``)
    to those ``actor`` may see."""
    if not restricted(actor):
        return query
    return query.where(Case.id.in_(_granted(actor)))


def visible_references(actor: Principal, *, session: Session) -> list[str]:
    """The references of the cases a restricted reader may see."""
    query = select(Case.reference).where(Case.id.in_(_granted(actor)))
    return list(session.scalars(query))


def may_see(case: Case, actor: Principal, *, session: Session) -> bool:
    """Whether ``actor`` may see the case: a representative only if it was referred to their
    agency."""
    if not restricted(actor):
        return True
    found = session.scalar(
        select(CaseAgencyAccess.id).where(
            CaseAgencyAccess.case_id == case.id,
            CaseAgencyAccess.agency_code == (actor.agency_code or ""),
        )
    )
    return found is not None


def grant_agencies(
    case: Case, agency_codes: Iterable[str], *, session: Session, actor: Principal
) -> list[str]:
    """Let these agencies' representatives see the case; returns the codes newly granted."""
    existing = set(
        session.scalars(
            select(CaseAgencyAccess.agency_code).where(CaseAgencyAccess.case_id == case.id)
        )
    )
    granted = sorted({code.upper() for code in agency_codes} - existing)
    for code in granted:
        session.add(CaseAgencyAccess(case_id=case.id, agency_code=code, granted_by=actor.username))
    if granted:
        session.flush()
        audit.record(
            session,
            actor=actor.username,
            action="case.grant_agencies",
            target=f"case:{case.reference}",
            payload={"agencies": granted},
        )
    return granted
