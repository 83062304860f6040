"""The no-undercut check of a stored case: the case's facts read from its tables, and the check
as ``nonpro denials check`` and ``/api/denials/check`` present it.

The only module of the capability that reads the cases capability (and so the one reason the
capability sits above it); ``matching`` answers from a case's facts alone (``match_facts``).
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases.models import Case
from nonpro.cases.records import get_case
from nonpro.cases.rules import RECEIVING_ROLES
from nonpro.cases.schemas import GateReason
from nonpro.denials.matching import match_facts, summary
from nonpro.denials.rules import SOURCE, looks_like_annex_number, normal_annex_number
from nonpro.denials.schemas import (
    CaseDenialCheck,
    CaseFacts,
    DenialMatch,
    ItemFacts,
    PartyFacts,
)


def facts_of(case: Case) -> CaseFacts:
    """What the check reads of a stored case."""
    items = []
    for number, item in enumerate(case.items, start=1):
        entries: list[tuple[str, str]] = []
        if item.annex_item:
            entries.append((item.annex_item, "classified"))
        for control in item.control_numbers:
            if looks_like_annex_number(control):
                entry = normal_annex_number(control)
                if entry not in (e for e, _ in entries):
                    entries.append((entry, "the applicant's control number"))
        items.append(ItemFacts(number=number, description=item.description, annex_entries=entries))
    parties = [
        PartyFacts(role=p.role, name=p.name, country=p.country)
        for p in case.parties
        if p.role in RECEIVING_ROLES
    ]
    return CaseFacts(
        reference=case.reference, destination=case.destination, items=items, parties=parties
    )


def matching_denials(
    case_key_or_id: str | uuid.UUID, *, session: Session, reader: Principal | None = None
) -> list[DenialMatch]:
    """The denials in force that the case would undercut; with ``reader``, only a case that
    person may see (else "case not found", as everywhere). An empty list means no flag."""
    if reader is not None:
        require(reader, Permission.READ)
    case = get_case(case_key_or_id, session=session, reader=reader)
    return match_facts(facts_of(case), session=session)


def check_case(
    case_key_or_id: str | uuid.UUID, *, session: Session, reader: Principal
) -> CaseDenialCheck:
    """The check as the delivery layers show it: the flag, a one-line summary, the matches."""
    case = get_case(case_key_or_id, session=session, reader=reader)
    matches = matching_denials(case.id, session=session, reader=reader)
    return CaseDenialCheck(
        case=case.reference,
        case_id=case.id,
        consult_before_approval=bool(matches),
        summary=summary(matches),
        matches=matches,
        source=SOURCE,
    )


def no_undercut_stops(case: Case, session: Session) -> list[GateReason]:
    """The decision gates' hard stops: one per denial in force the case would undercut."""
    return [
        GateReason(
            kind="no_undercut",
            key=f"denial:{found.denial.reference}",
            hard_stop=True,
            text=f"{found.consult} Approving needs a recorded exception naming the consultation",
            source=found.source,
        )
        for found in match_facts(facts_of(case), session=session)
    ]
