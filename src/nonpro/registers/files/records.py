"""Negotiation files: the seeded files, states' positions over time, search across the files,
and a timeline per file (positions, paper versions, UNGA resolutions, by date)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.db import column_values
from nonpro.core.errors import InvalidInput, NotFound
from nonpro.core.validation import load_packaged_yaml
from nonpro.reference.services import resolve_country
from nonpro.registers.audit_log import LOG
from nonpro.registers.errors import UnreadableRegisterFile
from nonpro.registers.files.models import (
    NegotiationFile,
    PaperVersion,
    PositionPaper,
    StatePosition,
)
from nonpro.registers.files.rules import Forum
from nonpro.registers.files.schemas import (
    FileOut,
    PositionIn,
    PositionOut,
    SearchHit,
    SeedFiles,
    Timeline,
    TimelineEntry,
)
from nonpro.registers.votes.models import Resolution

FILES_FILE: Final = "files.yaml"
EXCERPT: Final = 80  # characters either side of a search match


def load_files_file() -> SeedFiles:
    return load_packaged_yaml(
        "nonpro.registers.files", FILES_FILE, SeedFiles, UnreadableRegisterFile
    )


def seed(*, session: Session, actor: Principal) -> int:
    """``nonpro reference load``: add the files that are missing and bring the reviewed facts
    (title, summary, forums, source) of the others up to date. Returns the number added."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    added = changed = 0
    for seeded in load_files_file().files:
        values = {
            "title": seeded.title,
            "summary": seeded.summary,
            "forums": [f.value for f in seeded.forums],
            "source": seeded.source,
        }
        found = session.scalar(select(NegotiationFile).where(NegotiationFile.code == seeded.code))
        if found is None:
            session.add(NegotiationFile(code=seeded.code, **values))
            added += 1
        elif any(getattr(found, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(found, name, value)
            changed += 1
    session.flush()
    if added or changed:
        LOG.record(
            session,
            actor,
            "files.seed",
            f"files:{FILES_FILE}",
            {"added": added, "updated": changed},
        )
    return added


def get_file(code: str, *, session: Session) -> NegotiationFile:
    found = session.scalar(
        select(NegotiationFile).where(NegotiationFile.code == code.strip().upper())
    )
    if found is None:
        raise NotFound("negotiation file", code)
    return found


def _count(session: Session, column: InstrumentedAttribute[Any], file_id: uuid.UUID) -> int:
    return session.scalar(select(func.count()).where(column == file_id)) or 0


def file_out(found: NegotiationFile, *, session: Session) -> FileOut:
    forums = [Forum(f) for f in found.forums]
    return FileOut(
        code=found.code,
        title=found.title,
        summary=found.summary,
        forums=forums,
        forum_labels=[f.label for f in forums],
        source=found.source,
        positions=_count(session, StatePosition.file_id, found.id),
        papers=_count(session, PositionPaper.file_id, found.id),
        resolutions=_count(session, Resolution.file_id, found.id),
    )


def list_files(*, session: Session) -> list[FileOut]:
    found = session.scalars(select(NegotiationFile).order_by(NegotiationFile.code))
    return [file_out(f, session=session) for f in found]


def show(code: str, *, session: Session) -> FileOut:
    return file_out(get_file(code, session=session), session=session)


def resolve_state(text: str, field: str = "state") -> str:
    """A state's name or code → its alpha-3 code; an unknown state names ``field``."""
    return resolve_country(text, field).alpha_3


def position_out(position: StatePosition, code: str) -> PositionOut:
    return PositionOut.model_validate({**column_values(position), "file": code})


def add_position(code: str, data: PositionIn, *, session: Session, actor: Principal) -> PositionOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    found = get_file(code, session=session)
    state = resolve_state(data.state)
    position = StatePosition(
        **data.model_dump(exclude={"state"}),
        file_id=found.id,
        state=state,
        created_by=actor.username,
    )
    session.add(position)
    session.flush()
    LOG.record(
        session,
        actor,
        "position.add",
        f"position:{position.id}",
        {"file": found.code, **data.model_dump(mode="json"), "state": state},
    )
    return position_out(position, found.code)


def positions(code: str, *, session: Session, state: str | None = None) -> list[PositionOut]:
    found = get_file(code, session=session)
    query = select(StatePosition).where(StatePosition.file_id == found.id)
    if state:
        query = query.where(StatePosition.state == resolve_state(state))
    query = query.order_by(StatePosition.day, StatePosition.state, StatePosition.created_at)
    return [position_out(p, found.code) for p in session.scalars(query)]


def _excerpt(text: str, needle: str) -> str:
    at = text.casefold().find(needle.casefold())
    if at < 0:
        return text[: 2 * EXCERPT]
    start, end = max(0, at - EXCERPT), at + len(needle) + EXCERPT
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _like(column: object, needle: str):  # type: ignore[no-untyped-def]
    # lower() on both sides: ILIKE is PostgreSQL-only; autoescape keeps % and _ literal.
    return func.lower(column).contains(needle.lower(), autoescape=True)


def search(text: str, *, session: Session) -> list[SearchHit]:
    """Positions (stance, summary, source), papers' texts and titles (every version) and
    resolutions' titles that contain ``text``, case-insensitive; newest first."""
    needle = " ".join(text.split())
    if len(needle) < 2:
        raise InvalidInput("text", "search for at least 2 characters")
    file_rows = session.execute(select(NegotiationFile.id, NegotiationFile.code)).tuples()
    codes = dict(iter(file_rows))  # dict(result) would call Result.keys()
    hits: list[SearchHit] = []
    position_match = _like(StatePosition.stance, needle) | _like(StatePosition.summary, needle)
    for p in session.scalars(
        select(StatePosition).where(position_match | _like(StatePosition.source, needle))
    ):
        body = p.stance if needle.casefold() in p.stance.casefold() else p.summary or p.source
        hits.append(
            SearchHit(
                kind="position",
                file=codes.get(p.file_id),
                day=p.day,
                title=f"{p.state}, {p.forum}: {p.stance}",
                excerpt=_excerpt(body, needle),
                ref=str(p.id),
            )
        )
    paper_match = _like(PaperVersion.text, needle) | _like(PositionPaper.title, needle)
    rows = session.execute(
        select(PositionPaper, PaperVersion)
        .join(PaperVersion)
        .where(paper_match)
        .order_by(PaperVersion.number.desc())
    ).tuples()
    seen: set[uuid.UUID] = set()
    for paper, version in rows:
        if paper.id in seen:  # one hit per paper: its latest matching version
            continue
        seen.add(paper.id)
        body = version.text if needle.casefold() in version.text.casefold() else paper.title
        hits.append(
            SearchHit(
                kind="paper",
                file=codes.get(paper.file_id),
                day=version.created_at.date(),
                title=f"{paper.title} (version {version.number})",
                excerpt=_excerpt(body, needle),
                ref=str(paper.id),
            )
        )
    for r in session.scalars(select(Resolution).where(_like(Resolution.title, needle))):
        hits.append(
            SearchHit(
                kind="resolution",
                file=codes.get(r.file_id) if r.file_id else None,
                day=r.adopted or date(r.year, 12, 31),
                title=f"{r.symbol}: {r.title}",
                excerpt=_excerpt(r.title, needle),
                ref=r.symbol,
            )
        )
    return sorted(hits, key=lambda h: (h.day or date.min, h.kind), reverse=True)


def timeline(code: str, *, session: Session) -> Timeline:
    """Everything dated on a file, oldest first: positions, paper versions, resolutions."""
    found = get_file(code, session=session)
    entries = [
        TimelineEntry(
            day=p.day,
            kind="position",
            title=f"{p.state} ({p.forum}, {p.kind}): {p.stance}",
            detail=p.summary,
            source=p.source,
            ref=str(p.id),
        )
        for p in session.scalars(select(StatePosition).where(StatePosition.file_id == found.id))
    ]
    for paper in session.scalars(select(PositionPaper).where(PositionPaper.file_id == found.id)):
        entries += [
            TimelineEntry(
                day=v.created_at.date(),
                kind="paper_version",
                title=f"Position paper “{paper.title}”, version {v.number}",
                detail=v.note,
                source=f"by {v.author}",
                ref=str(paper.id),
            )
            for v in paper.versions
        ]
    for r in session.scalars(select(Resolution).where(Resolution.file_id == found.id)):
        yes, no, abstain = (sum(v.vote == k for v in r.votes) for k in ("yes", "no", "abstain"))
        entries.append(
            TimelineEntry(
                # A resolution without its adoption date is placed at the end of its year.
                day=r.adopted or date(r.year, 12, 31),
                kind="resolution",
                title=f"{r.symbol}: {r.title}",
                detail=f"{yes} yes, {no} no, {abstain} abstain" if r.votes else "no recorded vote",
                source=r.text_reference or r.source,
                ref=r.symbol,
            )
        )
    entries.sort(key=lambda e: (e.day, e.kind, e.title))
    return Timeline(file=file_out(found, session=session), entries=entries)
