"""The state's own position papers on a file: a new version appends, earlier ones are kept, and
any two versions can be compared line by line."""

from __future__ import annotations

import difflib
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.accounts.services import require
from nonpro.core.db import column_values, get_row
from nonpro.core.errors import InvalidInput
from nonpro.registers.audit_log import LOG
from nonpro.registers.files.models import NegotiationFile, PaperVersion, PositionPaper
from nonpro.registers.files.records import get_file
from nonpro.registers.files.schemas import (
    PaperDiff,
    PaperIn,
    PaperOut,
    PaperVersionIn,
    PaperVersionOut,
)


def paper_out(paper: PositionPaper, *, session: Session) -> PaperOut:
    code = session.scalar(select(NegotiationFile.code).where(NegotiationFile.id == paper.file_id))
    versions = [PaperVersionOut.model_validate(v) for v in paper.versions]
    return PaperOut.model_validate(
        {**column_values(paper), "file": code or "", "versions": versions}
    )


def get_paper(paper_id: str | uuid.UUID, *, session: Session) -> PositionPaper:
    return get_row(session, PositionPaper, paper_id, "position paper")


def add_paper(code: str, data: PaperIn, *, session: Session, actor: Principal) -> PaperOut:
    require(actor, Permission.MANAGE_MULTILATERAL)
    found = get_file(code, session=session)
    paper = PositionPaper(file_id=found.id, title=data.title, created_by=actor.username)
    paper.versions.append(
        PaperVersion(number=1, text=data.text, note=data.note, author=actor.username)
    )
    session.add(paper)
    session.flush()
    LOG.record(
        session, actor, "paper.add", f"paper:{paper.id}", {"file": found.code, "title": data.title}
    )
    return paper_out(paper, session=session)


def revise_paper(
    paper_id: str | uuid.UUID, data: PaperVersionIn, *, session: Session, actor: Principal
) -> PaperOut:
    """Append a version; the earlier ones stay as they were."""
    require(actor, Permission.MANAGE_MULTILATERAL)
    paper = get_paper(paper_id, session=session)
    if paper.versions and paper.versions[-1].text == data.text:
        raise InvalidInput("text", "the text is the same as the current version's")
    number = len(paper.versions) + 1
    paper.versions.append(
        PaperVersion(number=number, text=data.text, note=data.note, author=actor.username)
    )
    session.flush()
    LOG.record(
        session, actor, "paper.version", f"paper:{paper.id}", {"number": number, "note": data.note}
    )
    return paper_out(paper, session=session)


def papers(code: str, *, session: Session) -> list[PaperOut]:
    found = get_file(code, session=session)
    query = select(PositionPaper).where(PositionPaper.file_id == found.id)
    return [
        paper_out(p, session=session)
        for p in session.scalars(query.order_by(PositionPaper.created_at))
    ]


def show_paper(paper_id: str | uuid.UUID, *, session: Session) -> PaperOut:
    return paper_out(get_paper(paper_id, session=session), session=session)


def diff(
    paper_id: str | uuid.UUID, *, session: Session, old: int | None = None, new: int | None = None
) -> PaperDiff:
    """A unified diff between two versions; by default the previous and the current one."""
    paper = get_paper(paper_id, session=session)
    count = len(paper.versions)
    new_number = new if new is not None else count
    old_number = old if old is not None else max(1, new_number - 1)
    for field, number in (("old", old_number), ("new", new_number)):
        if not 1 <= number <= count:
            raise InvalidInput(field, f"version {number} does not exist (1 to {count})")
    before = paper.versions[old_number - 1].text.splitlines()
    after = paper.versions[new_number - 1].text.splitlines()
    lines = difflib.unified_diff(
        before, after, f"version {old_number}", f"version {new_number}", lineterm=""
    )
    return PaperDiff(
        paper_id=paper.id, title=paper.title, old=old_number, new=new_number, lines=list(lines)
    )
