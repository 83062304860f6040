"""Sanctions use cases: evaluate an activity; record, waive and terminate determinations; list
the register as of a date and what expires soon.

Every register write is audited and republishes the register as the ``nonpro-determinations``
screening list in the same transaction; services flush, the caller commits.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core import audit
from nonpro.core.clock import today
from nonpro.core.db import get_row
from nonpro.core.errors import InvalidInput
from nonpro.sanctions import inksna, register_list
from nonpro.sanctions.errors import DeterminationEnded
from nonpro.sanctions.evaluation import evaluate, parse_facts
from nonpro.sanctions.inksna import InksnaReport
from nonpro.sanctions.inksna import inksna_markdown as inksna_markdown
from nonpro.sanctions.models import Determination, DeterminationEvent, SanctionedEntity
from nonpro.sanctions.notice import build_notice, to_markdown
from nonpro.sanctions.notice_docx import to_docx
from nonpro.sanctions.outputs import determination_out
from nonpro.sanctions.schemas import (
    AuthorityCitation,
    DeterminationIn,
    DeterminationOut,
    Evaluation,
    EventIn,
    RegisterChange,
    RegisterPublication,
)
from nonpro.sanctions.statutes import MEASURE_CODES as MEASURE_CODES
from nonpro.sanctions.statutes import Statutes as Statutes
from nonpro.sanctions.statutes import load_statutes as load_statutes
from nonpro.sanctions.terms import (
    Allowed,
    allowed_measures,
    check_statute_terms,
    ends_on,
    expiry,
    periods_overlap,
    status_on,
)
from nonpro.screening.services import IndexProvider

__all__ = [
    "MEASURE_CODES",
    "Statutes",
    "add_determination",
    "determination_out",
    "evaluate",
    "expiring",
    "get_determination",
    "inksna_markdown",
    "inksna_report",
    "list_determinations",
    "load_statutes",
    "notice_file",
    "parse_facts",
    "publish_register",
    "terminate",
    "waive",
]


def _entity_keys(names: list[str]) -> set[str]:
    return {" ".join(re.sub(r"[^\w\s]", " ", n.casefold()).split()) for n in names} - {""}


def _paragraphs(allowed: dict[str, list[Allowed]], measures: list[str]) -> set[tuple[str, str]]:
    """The (authority, statute paragraph) pairs the measures are imposed under."""
    return {(f.law.code, f.spec.paragraph) for code in measures for f in allowed.get(code, [])}


def _duplicates(
    data: DeterminationIn, allowed: dict[str, list[Allowed]], *, session: Session
) -> list[str]:
    """Determinations on the same person or entity, under the same statute paragraph, whose
    period overlaps the new one's: each said in a line naming it."""
    statutes = load_statutes()
    names = _entity_keys([n for e in data.entities for n in (e.name, *e.aliases)])
    paragraphs = _paragraphs(allowed, data.measures)
    end = expiry(data.determination_date, years=data.term.years, months=data.term.months)
    found = []
    for other in _all(session):
        others = _entity_keys([n for e in other.entities for n in (e.name, *e.aliases)])
        cited = [AuthorityCitation.model_validate(a) for a in other.authorities]
        stored = allowed_measures(cited, statutes, strict=False)
        shared = paragraphs & _paragraphs(stored, other.measures)
        overlap = periods_overlap(
            data.determination_date, end, other.determination_date, ends_on(other)
        )
        if names & others and shared and overlap:
            until = ends_on(other)
            found.append(
                f"determination {other.id} of {other.determination_date} on "
                f"{'; '.join(e.name for e in other.entities)} under "
                f"{', '.join(f'{a} {p}' for a, p in sorted(shared))}, in force "
                + (f"until {until}" if until else "with no end")
            )
    return found


def publish_register(
    *, session: Session, actor: Principal, provider: IndexProvider | None = None
) -> RegisterPublication:
    """Store the register in force today as the screening list and re-screen kept parties.

    Every write does this; run it alone after a term ran out with no write to the register.
    """
    require(actor, Permission.MANAGE_SANCTIONS)
    outcome, report = register_list.publish(
        session=session, actor=actor, as_of=today(), provider=provider
    )
    return RegisterPublication(
        list_snapshot=outcome.snapshot.id,
        list_entries=outcome.snapshot.entry_count,
        unchanged=outcome.unchanged,
        new_hits=report.new_hits if report else [],
    )


def _publish(
    determination: Determination,
    *,
    session: Session,
    actor: Principal,
    provider: IndexProvider | None,
) -> RegisterChange:
    published = publish_register(session=session, actor=actor, provider=provider)
    return RegisterChange(
        **published.model_dump(exclude={"new_hits"}),
        new_hits=published.new_hits,
        determination=determination_out(determination),
    )


def add_determination(
    data: DeterminationIn,
    *,
    session: Session,
    actor: Principal,
    provider: IndexProvider | None = None,
) -> RegisterChange:
    """Record a determination; its entities are on the screening list before this returns."""
    require(actor, Permission.MANAGE_SANCTIONS)
    allowed = check_statute_terms(data, load_statutes())
    duplicates = _duplicates(data, allowed, session=session)
    if duplicates and not data.acknowledge_duplicate:
        raise InvalidInput(
            "acknowledge_duplicate",
            "a determination on the same person or entity under the same statute paragraph is "
            f"in force for an overlapping period: {'; '.join(duplicates)}. Record it all the "
            "same only by acknowledging the duplicate",
        )
    determination = Determination(
        authorities=[a.model_dump() for a in data.authorities],
        measures=list(data.measures),
        activity=data.activity,
        determination_date=data.determination_date,
        fr_publication_date=data.fr_publication_date,
        fr_citation=data.fr_citation,
        term_years=data.term.years,
        term_months=data.term.months,
        term_minimum=data.term.minimum,
        substantial_contribution=data.substantial_contribution,
        expires_on=expiry(data.determination_date, years=data.term.years, months=data.term.months),
        note=data.note,
        recorded_by=actor.username,
        entities=[
            SanctionedEntity(position=i, **entity.model_dump())
            for i, entity in enumerate(data.entities)
        ],
        events=[],
    )
    session.add(determination)
    session.flush()
    audit.record(
        session,
        actor=actor.username,
        action="sanctions.determination.add",
        target=f"determination:{determination.id}",
        payload={**data.model_dump(mode="json"), "duplicates": duplicates},
    )
    return _publish(determination, session=session, actor=actor, provider=provider)


def get_determination(determination_id: str, *, session: Session) -> Determination:
    return get_row(session, Determination, determination_id, "determination")


def _end(
    kind: str,
    determination_id: str,
    data: EventIn,
    *,
    session: Session,
    actor: Principal,
    provider: IndexProvider | None,
) -> RegisterChange:
    require(actor, Permission.MANAGE_SANCTIONS)
    determination = get_determination(determination_id, session=session)
    if data.effective_date < determination.determination_date:
        raise InvalidInput("effective_date", "cannot precede the determination date")
    ended = ends_on(determination)
    if ended is not None and ended <= data.effective_date:
        raise DeterminationEnded(
            f"determination {determination_id} already ended on {ended.isoformat()}"
        )
    event = DeterminationEvent(
        kind=kind,
        effective_date=data.effective_date,
        citation=data.citation,
        fr_publication_date=data.fr_publication_date,
        note=data.note,
        recorded_by=actor.username,
    )
    determination.events.append(event)
    session.flush()
    session.refresh(determination, ["events"])  # keep events in effective-date order
    audit.record(
        session,
        actor=actor.username,
        action=f"sanctions.determination.{kind}",
        target=f"determination:{determination.id}",
        payload=data.model_dump(mode="json"),
    )
    return _publish(determination, session=session, actor=actor, provider=provider)


def waive(
    determination_id: str,
    data: EventIn,
    *,
    session: Session,
    actor: Principal,
    provider: IndexProvider | None = None,
) -> RegisterChange:
    """Record a waiver: the determination no longer applies from its effective date."""
    return _end("waiver", determination_id, data, session=session, actor=actor, provider=provider)


def terminate(
    determination_id: str,
    data: EventIn,
    *,
    session: Session,
    actor: Principal,
    provider: IndexProvider | None = None,
) -> RegisterChange:
    """Record a termination (e.g. an adherent's enforcement action, §73(c))."""
    return _end(
        "termination", determination_id, data, session=session, actor=actor, provider=provider
    )


def _all(session: Session) -> list[Determination]:
    return list(
        session.scalars(
            select(Determination)
            .options(selectinload(Determination.entities), selectinload(Determination.events))
            .order_by(Determination.determination_date.desc(), Determination.recorded_at.desc())
        )
    )


def list_determinations(
    *, session: Session, as_of: date | None = None, active_only: bool = False
) -> list[DeterminationOut]:
    """The register with each determination's status on ``as_of`` (today by default)."""
    day = as_of or today()
    found = [determination_out(d, as_of=day) for d in _all(session)]
    return [d for d in found if d.status == "active"] if active_only else found


def expiring(
    *, session: Session, within_days: int, as_of: date | None = None
) -> list[DeterminationOut]:
    """Determinations in force on ``as_of`` whose term runs out within ``within_days``."""
    if within_days < 0:
        raise InvalidInput("within", "must be zero or more days")
    day = as_of or today()
    horizon = day + timedelta(days=within_days)
    soon = [
        determination_out(d, as_of=day)
        for d in _all(session)
        if status_on(d, day) == "active" and d.expires_on is not None and d.expires_on <= horizon
    ]
    return sorted(soon, key=lambda d: d.expires_on or day)


def notice_file(
    determination_id: str,
    fmt: str,
    *,
    session: Session,
    contact: str | None = None,
) -> bytes:
    """The Federal Register notice draft of a determination, as Markdown (UTF-8) or DOCX."""
    if fmt not in ("md", "docx"):
        raise InvalidInput("format", "md or docx")
    found = determination_out(get_determination(determination_id, session=session))
    draft = build_notice(found, contact=contact)
    return to_docx(draft) if fmt == "docx" else to_markdown(draft).encode("utf-8")


def inksna_report(
    *,
    session: Session,
    period_start: date,
    period_end: date,
    considered: list[Evaluation] | None = None,
) -> InksnaReport:
    """Material for the INKSNA six-month report, from the register as of the period's end."""
    register = list_determinations(session=session, as_of=period_end)
    return inksna.inksna_report(
        register, period_start=period_start, period_end=period_end, considered=considered
    )
