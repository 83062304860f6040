"""Precedents: the decided cases most like a case, and a search of decided cases.

A precedent is a decided case (it has a decision: a case reopened since has none) that shares
with the case at least one of: an item under the same Annex entry or the same Annex item, an end
user, the destination. Each says which attributes it shares, in words ("same Annex entry
2.A.1.c"), and precedents are ranked by the weight of what they share (``rules.PRECEDENT_WEIGHTS``),
then newest decision first. An end user is the same when the name is, letter case aside: the
comparison is made in the database, so a spelling variant of the name is not found here (the
no-undercut check of ``denials`` scores names; a precedent list is advice, not a gate).

Each list is one SQL query, whatever the number of precedents: which attributes a candidate
shares are columns of that query (``EXISTS`` per entry and per end user), its entries and end
users are aggregated strings, the total is a window count. Only the cases the reader may see are
candidates (``access.visible_only``, the one visibility filter).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    ScalarSelect,
    Select,
    case,
    exists,
    false,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.cases.access import visible_only
from nonpro.cases.models import Case, CaseItem, CaseParty
from nonpro.cases.records import get_case
from nonpro.cases.rules import (
    PRECEDENT_WEIGHTS,
    PartyRole,
    SharedKind,
    annex_item_of,
    followed_recommendation,
)
from nonpro.cases.schemas import (
    Precedent,
    PrecedentSearch,
    PrecedentSearchOut,
    PrecedentsOut,
    SharedAttribute,
)
from nonpro.core.errors import InvalidInput
from nonpro.reference.services import resolve_country, try_resolve_country

PRECEDENT_LIMIT = 10
MAX_PRECEDENTS = 100
_WEIGHED = ", ".join(
    f"{kind.value.replace('_', ' ')} {weight}"
    for kind, weight in sorted(PRECEDENT_WEIGHTS.items(), key=lambda kw: -kw[1])
)
BASIS = (
    "Decided cases that share an Annex entry or Annex item, an end user or the destination "
    f"with this case, ranked by the weight of what they share ({_WEIGHED}; an Annex item "
    "counts when no entry is the same), then newest decision first. An end user is the same "
    "when the name is, letter case aside."
)
_SEPARATOR = "\x1f"  # the unit separator: in no entry and no name anyone types


@dataclass(frozen=True)
class _Shares:
    """One attribute a candidate may share with the case, as a column of the query."""

    kind: SharedKind
    text: str
    column: ColumnElement[bool]
    family: str = ""  # for an Annex entry or item: the Annex item it is under


def _has_item(*terms: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(CaseItem.case_id == Case.id, *terms)


def _has_end_user(name: str) -> ColumnElement[bool]:
    return exists().where(
        CaseParty.case_id == Case.id,
        CaseParty.role == PartyRole.END_USER.value,
        # Both sides lowered by the database: SQLite's lower() folds ASCII letters only.
        func.lower(CaseParty.name) == func.lower(literal(name)),
    )


def _country(code: str) -> str:
    found = try_resolve_country(code)
    return f"{found.name} ({code})" if found is not None else code


def _attributes(case: Case) -> list[_Shares]:
    """What a candidate may share with ``case``, each as a boolean column."""
    entries = sorted({i.annex_item for i in case.items if i.annex_item})
    shares = [
        _Shares(
            SharedKind.ANNEX_ENTRY,
            f"same Annex entry {entry}",
            _has_item(CaseItem.annex_item == entry),
            annex_item_of(entry),
        )
        for entry in entries
    ]
    for family in sorted({annex_item_of(e) for e in entries}):
        under = or_(
            CaseItem.annex_item == family,
            CaseItem.annex_item.startswith(family + ".", autoescape=True),
        )
        text = f"related Annex entry (under Annex item {family})"
        shares.append(_Shares(SharedKind.ANNEX_ITEM, text, _has_item(under), family))
    names: dict[str, str] = {}
    for party in case.parties:
        if party.role == PartyRole.END_USER.value:
            names.setdefault(party.name.strip().lower(), party.name.strip())
    for name in names.values():
        shares.append(_Shares(SharedKind.END_USER, f"same end user {name}", _has_end_user(name)))
    shares.append(
        _Shares(
            SharedKind.DESTINATION,
            f"same destination {_country(case.destination)}",
            Case.destination == case.destination,
        )
    )
    shares.append(
        _Shares(
            SharedKind.CASE_TYPE,
            f"same case type ({case.type.replace('_', ' ')})",
            Case.type == case.type,
        )
    )
    return shares


def _any(shares: list[_Shares], kind: SharedKind) -> ColumnElement[bool]:
    columns = [s.column for s in shares if s.kind == kind]
    return or_(*columns) if columns else false()


def _score(shares: list[_Shares]) -> ColumnElement[int]:
    """The ranking in SQL, so the database orders and limits: a related entry counts only
    when no entry is the same."""
    weight = PRECEDENT_WEIGHTS
    item = case(
        (_any(shares, SharedKind.ANNEX_ENTRY), weight[SharedKind.ANNEX_ENTRY]),
        (_any(shares, SharedKind.ANNEX_ITEM), weight[SharedKind.ANNEX_ITEM]),
        else_=0,
    )
    rest = [
        case((_any(shares, kind), weight[kind]), else_=0)
        for kind in (SharedKind.END_USER, SharedKind.DESTINATION, SharedKind.CASE_TYPE)
    ]
    return item + rest[0] + rest[1] + rest[2]


def _aggregated(column: Any, parent: Any, *terms: ColumnElement[bool]) -> ScalarSelect[str | None]:
    """The values of a child column of the case as one string (split by ``_split``): one
    query brings each precedent's entries and end users."""
    return (
        select(func.aggregate_strings(column, _SEPARATOR))
        .where(parent == Case.id, *terms)
        .scalar_subquery()
    )


def _decided(*extra: Any) -> Select[*tuple[Any, ...]]:
    """The decided cases with their decision and what is shown of them, and the total count."""
    return select(
        Case.id,
        Case.reference,
        Case.type,
        Case.destination,
        Case.decision,
        Case.decided_at,
        Case.decided_by,
        Case.countersigned_by,
        Case.recommendation,
        Case.decision_justification,
        Case.decision_note,
        Case.provisos,
        _aggregated(CaseItem.annex_item, CaseItem.case_id, CaseItem.annex_item.is_not(None)).label(
            "entries"
        ),
        _aggregated(
            CaseParty.name, CaseParty.case_id, CaseParty.role == PartyRole.END_USER.value
        ).label("users"),
        func.count().over().label("total"),
        *extra,
    ).where(Case.decision.is_not(None))


def _split(text: str | None) -> list[str]:
    return sorted(set(text.split(_SEPARATOR))) if text else []


def _grounds(row: Row[Any]) -> list[str]:
    """The decision's grounds in words: what the decider wrote, the recommendation followed or
    departed from, the provisos."""
    grounds = []
    if row.decision_justification:
        grounds.append(f"Justification: {row.decision_justification}")
    followed = followed_recommendation(row.decision, row.recommendation)
    recommendation = (row.recommendation or "").replace("_", " ")
    if followed is None:
        grounds.append("No recommendation on record.")
    else:
        verb = "Followed" if followed else "Departed from"
        grounds.append(f"{verb} the recommendation: {recommendation}.")
    if row.provisos:
        grounds.append(f"Provisos: {', '.join(row.provisos)}.")
    if row.decision_note:
        grounds.append(f"Note: {row.decision_note}")
    return grounds


def _precedent(row: Row[Any], shared: list[SharedAttribute]) -> Precedent:
    return Precedent(
        id=row.id,
        reference=row.reference,
        type=row.type,
        destination=row.destination,
        decision=row.decision,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        countersigned_by=row.countersigned_by,
        recommendation=row.recommendation,
        followed_recommendation=followed_recommendation(row.decision, row.recommendation),
        justification=row.decision_justification,
        note=row.decision_note,
        provisos=list(row.provisos or []),
        grounds=_grounds(row),
        annex_entries=_split(row.entries),
        end_users=_split(row.users),
        shared=shared,
        score=sum(s.weight for s in shared),
    )


def _shared(row: Row[Any], shares: list[_Shares]) -> list[SharedAttribute]:
    """The attributes this row shares; a related entry only for an Annex item none of whose
    entries is the same."""
    flags = [bool(row._mapping[f"shares_{i}"]) for i in range(len(shares))]
    same_families = {
        s.family
        for s, hit in zip(shares, flags, strict=True)
        if hit and s.kind == SharedKind.ANNEX_ENTRY
    }
    return [
        SharedAttribute(kind=s.kind, text=s.text, weight=PRECEDENT_WEIGHTS[s.kind])
        for s, hit in zip(shares, flags, strict=True)
        if hit and not (s.kind == SharedKind.ANNEX_ITEM and s.family in same_families)
    ]


def _notes(case: Case) -> list[str]:
    notes = []
    if not any(i.annex_item for i in case.items):
        notes.append("No item of this case is classified under the Annex: items are not compared.")
    if not any(p.role == PartyRole.END_USER.value for p in case.parties):
        notes.append("This case names no end user: end users are not compared.")
    return notes


def similar_cases(
    key: str | uuid.UUID,
    *,
    session: Session,
    actor: Principal,
    limit: int = PRECEDENT_LIMIT,
) -> PrecedentsOut:
    """The decided cases most like the case, best first, among those ``actor`` may see."""
    require(actor, Permission.READ)
    if not 1 <= limit <= MAX_PRECEDENTS:
        raise InvalidInput("limit", f"must be 1 to {MAX_PRECEDENTS}")
    subject = get_case(key, session=session, reader=actor)
    shares = _attributes(subject)
    score = _score(shares)
    columns = [s.column.label(f"shares_{i}") for i, s in enumerate(shares)]
    substantive = or_(
        *(s.column for s in shares if s.kind != SharedKind.CASE_TYPE),
    )
    query = (
        _decided(*columns, score.label("score"))
        .where(Case.id != subject.id, substantive)
        .order_by(score.desc(), Case.decided_at.desc(), Case.reference)
        .limit(limit)
    )
    rows = session.execute(visible_only(query, actor)).all()
    return PrecedentsOut(
        case=subject.reference,
        case_id=subject.id,
        precedents=[_precedent(row, _shared(row, shares)) for row in rows],
        total=rows[0].total if rows else 0,
        basis=BASIS,
        notes=_notes(subject),
    )


def _pattern(text: str) -> str:
    """``%text%`` for LIKE, the text's own ``%``, ``_`` and ``\\`` taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _criteria(wanted: PrecedentSearch, destination: str | None) -> list[str]:
    said = []
    if wanted.annex_item:
        said.append(f"Annex entry {wanted.annex_item} or under it")
    if wanted.end_user:
        said.append(f"an end user whose name contains {wanted.end_user!r}")
    if destination:
        said.append(f"destination {_country(destination)}")
    if wanted.outcome:
        said.append(f"outcome {wanted.outcome.value.replace('_', ' ')}")
    if wanted.type:
        said.append(f"case type {wanted.type.value.replace('_', ' ')}")
    if wanted.decided_from:
        said.append(f"decided on or after {wanted.decided_from}")
    if wanted.decided_to:
        said.append(f"decided on or before {wanted.decided_to}")
    return said or ["every decided case"]


def search_precedents(
    wanted: PrecedentSearch, *, session: Session, actor: Principal
) -> PrecedentSearchOut:
    """Decided cases matching every criterion, newest decision first, among those seen."""
    require(actor, Permission.READ)
    terms: list[ColumnElement[bool]] = []
    destination = None
    if wanted.destination:
        destination = resolve_country(wanted.destination, "destination").alpha_2
        terms.append(Case.destination == destination)
    if wanted.annex_item:
        entry = wanted.annex_item
        terms.append(
            _has_item(
                or_(
                    CaseItem.annex_item == entry,
                    CaseItem.annex_item.startswith(entry + ".", autoescape=True),
                )
            )
        )
    if wanted.end_user:
        terms.append(
            exists().where(
                CaseParty.case_id == Case.id,
                CaseParty.role == PartyRole.END_USER.value,
                func.lower(CaseParty.name).like(
                    func.lower(literal(_pattern(wanted.end_user))), "\\"
                ),
            )
        )
    if wanted.outcome:
        terms.append(Case.decision == wanted.outcome.value)
    if wanted.type:
        terms.append(Case.type == wanted.type.value)
    if wanted.decided_from:
        terms.append(Case.decided_at >= _day_start(wanted.decided_from))
    if wanted.decided_to:
        terms.append(Case.decided_at < _day_start(wanted.decided_to + timedelta(days=1)))
    query = (
        _decided()
        .where(*terms)
        .order_by(Case.decided_at.desc(), Case.reference)
        .limit(wanted.limit)
    )
    rows = session.execute(visible_only(query, actor)).all()
    return PrecedentSearchOut(
        criteria=_criteria(wanted, destination),
        precedents=[_precedent(row, []) for row in rows],
        total=rows[0].total if rows else 0,
    )
