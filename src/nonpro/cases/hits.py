"""A reviewer's decision on a case party's screening hit, and the re-assessment it triggers."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.cases import assessment
from nonpro.cases.models import Case
from nonpro.cases.records import disposition_note, get_case, record_event
from nonpro.core.errors import InvalidInput
from nonpro.core.validation import parse_input
from nonpro.screening.schemas import DispositionIn, ScreeningQuery
from nonpro.screening.services import IndexProvider, dispose


def dispose_hit(
    key: str | uuid.UUID,
    *,
    party: int,
    entry_id: str,
    decision: str,
    note: str,
    session: Session,
    provider: IndexProvider,
    actor: Principal,
) -> Case:
    """Record a reviewer's decision on a party's hit, then assess the case again with it."""
    case = get_case(key, session=session, reader=actor)
    found = [p for p in case.parties if p.position == party]
    if not found:
        raise InvalidInput("party", f"case {case.reference} has no party {party}")
    p = found[0]
    query = ScreeningQuery(name=p.name, country=p.country, dob=p.dob, identifiers=p.identifiers)
    data = parse_input(
        DispositionIn, {"query": query, "entry_id": entry_id, "decision": decision, "note": note}
    )
    dispose(data, session=session, provider=provider, actor=actor)
    record_event(
        session, case, actor, "disposition", disposition_note(p.name, entry_id, decision, note)
    )
    assessment.assess_case(case, session=session, provider=provider, actor=actor)
    return case
