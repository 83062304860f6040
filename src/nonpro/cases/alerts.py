"""The screening alerts of the parties kept from cases, as a reader may see them.

A case's parties are kept for re-screening under the origin ``case:REF``; their new alerts (party
names, list entries, the case reference) are the case's, so a reader sees those of the cases
they may see.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases.access import restricted, visible_references
from nonpro.screening.schemas import RecentAlert
from nonpro.screening.services import recent_alerts as all_recent_alerts


def party_origin(reference: str) -> str:
    """Where a case's kept parties come from: what their alerts are traced back by."""
    return f"case:{reference}"


def recent_alerts(*, session: Session, actor: Principal, since: datetime) -> list[RecentAlert]:
    """New alerts since ``since``, newest first. A representative sees only those of the cases
    referred to their agency: not another case's parties, nor a party kept by hand (that
    screening, too, was somebody's case work)."""
    require(actor, Permission.READ)
    if not restricted(actor):
        return all_recent_alerts(session=session, since=since)
    origins = [party_origin(ref) for ref in visible_references(actor, session=session)]
    return all_recent_alerts(session=session, since=since, origins=origins)
