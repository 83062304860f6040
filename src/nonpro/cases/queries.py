"""Queues, search and facets over cases: read-only, one SQL query each, both backends."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, and_, func, nulls_last, or_, select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases import rules
from nonpro.cases.access import visible_only
from nonpro.cases.models import Case, CaseItem, CaseParty
from nonpro.cases.schemas import CaseFilter, Facets
from nonpro.core.clock import today
from nonpro.reference.services import resolve_country

_OPEN = [s.value for s in rules.OPEN_STATUSES]


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _filtered(
    query: Select[tuple[Case]], wanted: CaseFilter, actor: Principal
) -> Select[tuple[Case]]:
    query = visible_only(query, actor)
    if wanted.queue == "mine":
        query = query.where(Case.assignee == actor.username, Case.status.in_(_OPEN))
    elif wanted.queue == "unassigned":
        query = query.where(Case.assignee.is_(None), Case.status.in_(_OPEN))
    elif wanted.queue == "deadline":
        query = query.where(Case.status.in_(_OPEN), Case.due_date.is_not(None))
    if wanted.status is not None:
        query = query.where(Case.status == wanted.status.value)
    if wanted.type is not None:
        query = query.where(Case.type == wanted.type.value)
    if wanted.recommendation is not None:
        query = query.where(Case.recommendation == wanted.recommendation.value)
    if wanted.destination:
        code = resolve_country(wanted.destination, "destination").alpha_2
        query = query.where(Case.destination == code)
    if wanted.assignee:
        query = query.where(Case.assignee == wanted.assignee.strip())
    if wanted.flag:
        query = query.where(Case.flags.contains(f" {wanted.flag.strip()} "))
    item_terms = []
    if wanted.annex_item:
        # "2.A.1" finds 2.A.1 and everything under it (2.A.1.c.1), not 2.A.10.
        item = wanted.annex_item.strip()
        item_terms.append(
            or_(CaseItem.annex_item == item, CaseItem.annex_item.startswith(item + "."))
        )
    if wanted.category:
        item_terms.append(CaseItem.category == wanted.category)
    if item_terms:
        query = query.where(Case.id.in_(select(CaseItem.case_id).where(and_(*item_terms))))
    if wanted.party:
        pattern = f"%{wanted.party.strip().lower()}%"
        query = query.where(
            Case.id.in_(select(CaseParty.case_id).where(func.lower(CaseParty.name).like(pattern)))
        )
    if wanted.created_from:
        query = query.where(Case.created_at >= _day_start(wanted.created_from))
    if wanted.created_to:
        query = query.where(Case.created_at < _day_start(wanted.created_to + timedelta(days=1)))
    return query


def list_cases(wanted: CaseFilter, *, session: Session, actor: Principal) -> list[Case]:
    """Cases matching every filter: by deadline (late first) in the deadline queue, else newest."""
    require(actor, Permission.READ)
    query = _filtered(select(Case), wanted, actor)
    if wanted.queue == "deadline":
        query = query.order_by(nulls_last(Case.due_date.asc()), Case.reference)
    else:
        query = query.order_by(Case.created_at.desc(), Case.reference)
    return list(session.scalars(query.limit(wanted.limit)))


def facets(wanted: CaseFilter, *, session: Session, actor: Principal) -> Facets:
    """Counts of the cases matching ``wanted`` by status, destination, category, item, flag."""
    require(actor, Permission.READ)
    matching = _filtered(select(Case.id), wanted, actor).subquery()
    rows = session.execute(
        select(Case.status, Case.destination, Case.flags, Case.recommendation).where(
            Case.id.in_(select(matching.c.id))
        )
    ).all()
    items = session.execute(
        select(CaseItem.case_id, CaseItem.category, CaseItem.annex_item).where(
            CaseItem.case_id.in_(select(matching.c.id))
        )
    ).all()
    flags: Counter[str] = Counter()
    for row in rows:
        flags.update(row.flags.split())
    # A case counts once per category and once per Annex item, however many items it has.
    categories = {(r.case_id, r.category) for r in items if r.category}
    annex_items = {(r.case_id, r.annex_item) for r in items if r.annex_item}
    return Facets(
        status=dict(Counter(r.status for r in rows).most_common()),
        destination=dict(Counter(r.destination for r in rows).most_common()),
        category=dict(Counter(c for _, c in categories).most_common()),
        annex_item=dict(Counter(a for _, a in annex_items).most_common()),
        flag=dict(flags.most_common()),
        recommendation=dict(
            Counter(r.recommendation for r in rows if r.recommendation).most_common()
        ),
    )


def is_late(case: Case) -> bool:
    return (
        case.status in _OPEN
        and case.paused_at is None
        and case.due_date is not None
        and case.due_date < today()
    )
