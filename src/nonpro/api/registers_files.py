"""Negotiation files, states' positions and the state's position papers over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, status

from nonpro.http.signin import MultilateralOfficer, Reader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.registers.files import services as files
from nonpro.registers.files.schemas import (
    FileOut,
    PaperDiff,
    PaperIn,
    PaperOut,
    PaperVersionIn,
    PositionIn,
    PositionOut,
    SearchHit,
    Timeline,
)

router = APIRouter(route_class=SessionRoute, prefix="/registers", tags=["registers"])
CREATED = status.HTTP_201_CREATED


@router.get("/files", response_model=list[FileOut])
def list_files(session: SessionDep, _: Reader) -> list[FileOut]:
    return files.list_files(session=session)


@router.get("/files/search", response_model=list[SearchHit])
def search(q: str, session: SessionDep, _: Reader) -> list[SearchHit]:
    """Positions, position papers and resolution titles containing ``q`` (case-insensitive)."""
    return files.search(q, session=session)


@router.get("/files/papers/{paper_id}", response_model=PaperOut)
def show_paper(paper_id: str, session: SessionDep, _: Reader) -> PaperOut:
    return files.show_paper(paper_id, session=session)


@router.post("/files/papers/{paper_id}/versions", response_model=PaperOut, status_code=CREATED)
def revise_paper(
    paper_id: str, data: PaperVersionIn, session: SessionDep, actor: MultilateralOfficer
) -> PaperOut:
    """A new version; earlier versions are kept."""
    return files.revise_paper(paper_id, data, session=session, actor=actor)


@router.get("/files/papers/{paper_id}/diff", response_model=PaperDiff)
def diff_paper(
    paper_id: str, session: SessionDep, _: Reader, old: int | None = None, new: int | None = None
) -> PaperDiff:
    return files.diff(paper_id, session=session, old=old, new=new)


@router.get("/files/{code}", response_model=FileOut)
def show_file(code: str, session: SessionDep, _: Reader) -> FileOut:
    return files.show(code, session=session)


@router.get("/files/{code}/timeline", response_model=Timeline)
def timeline(code: str, session: SessionDep, _: Reader) -> Timeline:
    return files.timeline(code, session=session)


@router.get("/files/{code}/positions", response_model=list[PositionOut])
def positions(
    code: str, session: SessionDep, _: Reader, state: str | None = None
) -> list[PositionOut]:
    return files.positions(code, session=session, state=state)


@router.post("/files/{code}/positions", response_model=PositionOut, status_code=CREATED)
def add_position(
    code: str, data: PositionIn, session: SessionDep, actor: MultilateralOfficer
) -> PositionOut:
    return files.add_position(code, data, session=session, actor=actor)


@router.get("/files/{code}/papers", response_model=list[PaperOut])
def list_papers(code: str, session: SessionDep, _: Reader) -> list[PaperOut]:
    return files.papers(code, session=session)


@router.post("/files/{code}/papers", response_model=PaperOut, status_code=CREATED)
def add_paper(
    code: str, data: PaperIn, session: SessionDep, actor: MultilateralOfficer
) -> PaperOut:
    return files.add_paper(code, data, session=session, actor=actor)
