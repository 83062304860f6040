"""The analyst's sections: cases assigned and new, deadlines this week, new hits, expiring
determinations. One query a section, narrowed to the cases the reader may see."""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from datetime import date, timedelta
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.cases.access import restricted, visible_only, visible_references
from nonpro.cases.alerts import party_origin
from nonpro.cases.models import Case
from nonpro.cases.rules import OPEN_STATUSES, Status
from nonpro.sanctions.services import expiring
from nonpro.screening.alerts import OpenAlert, open_alerts
from nonpro.worklist.schemas import WorkItem

DEADLINE_DAYS = 7
EXPIRY_DAYS = 60
# A case nobody has taken yet: submitted (or reopened) and not assigned.
NEW_STATUSES = (Status.SUBMITTED, Status.REOPENED)
_OPEN = [s.value for s in OPEN_STATUSES]


def _words(code: str) -> str:
    return code.replace("_", " ")


def _case_title(case: Case) -> str:
    return f"{case.reference}: {_words(case.type)}, {case.applicant or 'applicant not named'}"


def _due_text(due: date | None, on: date) -> str:
    if due is None:
        return "no due date (clock not started)"
    if due < on:
        days = (on - due).days
        return f"late: was due {due.isoformat()} ({days} day{'s' if days != 1 else ''} ago)"
    return f"due {due.isoformat()}"


def _case_item(case: Case, reason: str, on: date) -> WorkItem:
    paused = case.paused_at is not None
    return WorkItem(
        title=_case_title(case),
        link=f"/cases/{case.id}",
        reason=reason + ("; the clock is paused" if paused else ""),
        due_on=case.due_date,
        late=case.due_date is not None and case.due_date < on and not paused,
        case_reference=case.reference,
    )


def assigned(*, session: Session, actor: Principal, on: date) -> list[WorkItem]:
    query = select(Case).where(Case.assignee == actor.username, Case.status.in_(_OPEN))
    return [
        _case_item(c, f"assigned to you; {_words(c.status)}, {_due_text(c.due_date, on)}", on)
        for c in session.scalars(visible_only(query, actor))
    ]


def new_cases(*, session: Session, actor: Principal, on: date) -> list[WorkItem]:
    query = select(Case).where(
        Case.assignee.is_(None), Case.status.in_([s.value for s in NEW_STATUSES])
    )
    return [
        _case_item(
            c,
            f"{_words(c.status)} "
            f"{(c.submitted_at or c.created_at).date().isoformat()}, nobody assigned",
            on,
        )
        for c in session.scalars(visible_only(query, actor))
    ]


def deadlines(*, session: Session, actor: Principal, on: date) -> list[WorkItem]:
    """Open cases due within the week, and those already late (a paused clock is not late)."""
    horizon = on + timedelta(days=DEADLINE_DAYS)
    query = select(Case).where(
        Case.status.in_(_OPEN), Case.due_date.is_not(None), Case.due_date <= horizon
    )
    return [
        _case_item(c, f"{_due_text(c.due_date, on)}; {_words(c.status)}", on)
        for c in session.scalars(visible_only(query, actor))
    ]


# The origin under which a case keeps its parties: "case:REF".
_CASE_ORIGIN = re.compile("^" + re.escape(party_origin("")) + "(?P<reference>.+)$")


def _entity_key(alert: OpenAlert) -> str:
    """Entries of several lists naming the same party the same way are one entity to decide."""
    return " ".join((alert.listed_name or alert.entry_id).casefold().split())


def new_hits(*, session: Session, actor: Principal) -> list[WorkItem]:
    """Undecided alerts of the parties kept from cases: one item per case, party and listed
    entity (its list entries in the reason), gone once every entry is decided."""
    # A representative's alerts are read for the cases referred to their agency only.
    origins = (
        [party_origin(r) for r in visible_references(actor, session=session)]
        if restricted(actor)
        else None
    )
    alerts = open_alerts(session=session, origins=origins)
    references = {m["reference"] for a in alerts if (m := _CASE_ORIGIN.match(a.origin))}
    query = select(Case.id, Case.reference).where(Case.reference.in_(references))
    cases = {row.reference: row.id for row in session.execute(visible_only(query, actor))}
    return hit_items(alerts, cases, restricted=restricted(actor))


def hit_items(
    alerts: list[OpenAlert], cases: dict[str, uuid.UUID], *, restricted: bool
) -> list[WorkItem]:
    """The alerts grouped per case (or kept party), party and entity; ``cases``: the reference
    and id of each case the reader may see; ``restricted``: a reader who sees only some cases
    (and so no party kept by hand, which is somebody's case work too)."""
    grouped: dict[tuple[str, str, str], list[OpenAlert]] = defaultdict(list)
    for alert in alerts:
        match = _CASE_ORIGIN.match(alert.origin)
        if match and match["reference"] not in cases:
            continue  # a case the reader may not see, or one that no longer exists
        if not match and restricted:
            continue
        grouped[(alert.origin, alert.party, _entity_key(alert))].append(alert)
    return [_hit_item(found, cases) for found in grouped.values()]


def _hit_item(found: list[OpenAlert], cases: dict[str, uuid.UUID]) -> WorkItem:
    first = found[0]
    match = _CASE_ORIGIN.match(first.origin)
    listed = first.listed_name or "an entry no active list holds now"
    entries = ", ".join(
        f"{a.list_source.upper()} list of {a.list_date or 'an unknown date'}" for a in found
    )
    seen = min(a.first_seen_at for a in found).date().isoformat()
    reason = f"new hit on {listed} since the list update ({entries}); first seen {seen}"
    if match:
        reference = match["reference"]
        return WorkItem(
            title=f"{reference}: {first.party}",
            link=f"/cases/{cases[reference]}#parties-heading",
            reason=reason,
            case_reference=reference,
        )
    return WorkItem(
        title=f"{first.party} (kept by {first.origin.partition(':')[2] or first.origin})",
        link=f"/screening?{urlencode({'name': first.party})}",
        reason=reason,
    )


def expiring_determinations(*, session: Session, on: date) -> list[WorkItem]:
    return [
        WorkItem(
            title="; ".join(e.name for e in d.entities) or f"determination {d.id}",
            link=f"/sanctions/determinations/{d.id}",
            reason=f"in force under {', '.join(a.authority for a in d.authorities)}; "
            f"expires {d.expires_on.isoformat() if d.expires_on else 'never'}",
            due_on=d.expires_on,
        )
        for d in expiring(session=session, within_days=EXPIRY_DAYS, as_of=on)
    ]
