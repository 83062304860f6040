"""UNGA First Committee resolutions and the states' votes over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, UploadFile

from nonpro.http.parameters import OptionalYearQuery, StrictQuery
from nonpro.http.signin import MultilateralOfficer, Reader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.http.uploads import import_csv
from nonpro.registers.votes import services as votes
from nonpro.registers.votes.schemas import ResolutionOut, VoteImport, VotingRecord

router = APIRouter(route_class=SessionRoute, prefix="/registers", tags=["registers"])


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
def import_votes_csv(
    file: UploadFile, session: SessionDep, actor: MultilateralOfficer, strict: StrictQuery = False
) -> VoteImport:
    """One row per resolution and state: good rows stored, bad ones in ``report.refused``; 422
    when no row is good (or, ``strict``, when any row is bad)."""
    return import_csv(file, votes.import_csv, session=session, actor=actor, strict=strict)


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
