"""Cooperation agreements, negotiation files and UNGA votes over HTTP."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, UploadFile, status

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput
from nonpro.http.parameters import OptionalYearQuery
from nonpro.http.signin import requires
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.registers import agreements, files, papers, votes
from nonpro.registers.agreements_import import import_csv as import_agreements
from nonpro.registers.schemas_agreements import (
    AgreementImport,
    AgreementIn,
    AgreementOut,
    AgreementUpdate,
    Reminder,
)
from nonpro.registers.schemas_files import (
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
from nonpro.registers.schemas_votes import ResolutionOut, VoteImport, VotingRecord
from nonpro.registers.votes_import import import_csv as import_votes

router = APIRouter(route_class=SessionRoute, prefix="/registers", tags=["registers"])
Reader = Annotated[Principal, Depends(requires(Permission.READ))]
Officer = Annotated[Principal, Depends(requires(Permission.MANAGE_MULTILATERAL))]
CREATED = status.HTTP_201_CREATED


def _csv_text(file: UploadFile) -> tuple[str, str]:
    name = file.filename or "upload.csv"
    try:
        return file.file.read().decode("utf-8"), f"upload:{name}"
    except UnicodeDecodeError:
        raise InvalidInput("file", "send a UTF-8 CSV file") from None


# --- agreements ------------------------------------------------------------------------------


@router.get("/agreements", response_model=list[AgreementOut])
def list_agreements(
    session: SessionDep,
    _: Reader,
    kind: str | None = None,
    partner: str | None = None,
    in_force_on: date | None = None,
) -> list[AgreementOut]:
    """The register, each agreement with its status and its partner's IAEA safeguards status."""
    return agreements.list_agreements(
        session=session, kind=kind, partner=partner, in_force_on=in_force_on
    )


@router.post("/agreements", response_model=AgreementOut, status_code=CREATED)
def add_agreement(data: AgreementIn, session: SessionDep, actor: Officer) -> AgreementOut:
    return agreements.add(data, session=session, actor=actor)


@router.get("/agreements/due", response_model=list[Reminder])
def due(
    session: SessionDep, _: Reader, within: int = 0, today: date | None = None
) -> list[Reminder]:
    """Expiry reminders: within each agreement's reminder period or ``within`` days."""
    return agreements.due(session=session, within_days=within, today=today)


@router.post("/agreements/import", response_model=AgreementImport)
def import_agreements_csv(file: UploadFile, session: SessionDep, actor: Officer) -> AgreementImport:
    """A CSV of agreements, all or nothing; an error names the line and the column."""
    text, origin = _csv_text(file)
    return import_agreements(text, origin=origin, session=session, actor=actor)


@router.get("/agreements/{key}", response_model=AgreementOut)
def show_agreement(
    key: str, session: SessionDep, _: Reader, as_of: date | None = None
) -> AgreementOut:
    return agreements.show(key, session=session, as_of=as_of)


@router.patch("/agreements/{key}", response_model=AgreementOut)
def edit_agreement(
    key: str, data: AgreementUpdate, session: SessionDep, actor: Officer
) -> AgreementOut:
    return agreements.edit(key, data, session=session, actor=actor)


# --- negotiation files -----------------------------------------------------------------------


@router.get("/files", response_model=list[FileOut])
def list_files(session: SessionDep, _: Reader) -> list[FileOut]:
    return files.list_files(session=session)


@router.get("/files/search", response_model=list[SearchHit])
def search(q: str, session: SessionDep, _: Reader) -> list[SearchHit]:
    """Positions, position papers and resolution titles containing ``q`` (case-insensitive)."""
    return files.search(q, session=session)


@router.get("/files/papers/{paper_id}", response_model=PaperOut)
def show_paper(paper_id: str, session: SessionDep, _: Reader) -> PaperOut:
    return papers.show_paper(paper_id, session=session)


@router.post("/files/papers/{paper_id}/versions", response_model=PaperOut, status_code=CREATED)
def revise_paper(
    paper_id: str, data: PaperVersionIn, session: SessionDep, actor: Officer
) -> PaperOut:
    """A new version; earlier versions are kept."""
    return papers.revise_paper(paper_id, data, session=session, actor=actor)


@router.get("/files/papers/{paper_id}/diff", response_model=PaperDiff)
def diff_paper(
    paper_id: str, session: SessionDep, _: Reader, old: int | None = None, new: int | None = None
) -> PaperDiff:
    return papers.diff(paper_id, session=session, old=old, new=new)


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
def add_position(code: str, data: PositionIn, session: SessionDep, actor: Officer) -> PositionOut:
    return files.add_position(code, data, session=session, actor=actor)


@router.get("/files/{code}/papers", response_model=list[PaperOut])
def list_papers(code: str, session: SessionDep, _: Reader) -> list[PaperOut]:
    return papers.papers(code, session=session)


@router.post("/files/{code}/papers", response_model=PaperOut, status_code=CREATED)
def add_paper(code: str, data: PaperIn, session: SessionDep, actor: Officer) -> PaperOut:
    return papers.add_paper(code, data, session=session, actor=actor)


# --- UNGA resolutions and votes --------------------------------------------------------------


@router.get("/resolutions", response_model=list[ResolutionOut])
def list_resolutions(
    session: SessionDep,
    _: Reader,
    file: str | None = None,
    series: str | None = None,
    year: OptionalYearQuery = None,
) -> list[ResolutionOut]:
    return votes.list_resolutions(session=session, file=file, series=series, year=year)


@router.post("/resolutions/import", response_model=VoteImport)
def import_votes_csv(file: UploadFile, session: SessionDep, actor: Officer) -> VoteImport:
    """One row per resolution and state, all or nothing; an error names the line and column."""
    text, origin = _csv_text(file)
    return import_votes(text, origin=origin, session=session, actor=actor)


@router.get("/resolutions/record", response_model=VotingRecord)
def record(
    state: str, series: str, session: SessionDep, _: Reader, compare: str | None = None
) -> VotingRecord:
    """How ``state`` voted on a series over the years, beside ``compare`` if given."""
    return votes.record(state, series=series, compare=compare, session=session)


@router.get("/resolutions/{symbol:path}", response_model=ResolutionOut)
def show_resolution(symbol: str, session: SessionDep, _: Reader) -> ResolutionOut:
    """A resolution (its symbol may contain slashes: A/RES/79/37) with every recorded vote."""
    return votes.show(symbol, session=session)
