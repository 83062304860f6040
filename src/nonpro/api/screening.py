"""Screening and lists over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, status

from nonpro.core.db import reads_without_transaction
from nonpro.http.parameters import IndexDep
from nonpro.http.signin import HitDisposer, Reader, Screener
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.screening import services
from nonpro.screening.schemas import (
    BatchScreeningRequest,
    BatchScreeningResult,
    DispositionIn,
    DispositionOut,
    ListedRecord,
    ScreeningRequest,
    ScreeningResult,
    SnapshotDiff,
    SourceStatus,
)

router = APIRouter(route_class=SessionRoute, tags=["screening"])


@router.post("/screen", response_model=ScreeningResult)
def screen(
    request: ScreeningRequest, session: SessionDep, provider: IndexDep, actor: Screener
) -> ScreeningResult:
    """Screen one party against the active lists; every hit explains itself."""
    reads_without_transaction(session)  # the active lists, then the party's dispositions
    return _screen(request, session, provider, actor)


def _screen(
    item: ScreeningRequest, session: SessionDep, provider: IndexDep, actor: Screener
) -> ScreeningResult:
    """One party screened as the request asks (threshold, lists, limit)."""
    return services.screen(
        item.query(),
        session=session,
        provider=provider,
        reader=actor,
        threshold=item.threshold,
        lists=item.lists,
        limit=item.limit,
    )


@router.post("/screen/batch", response_model=BatchScreeningResult)
def screen_batch(
    request: BatchScreeningRequest, session: SessionDep, provider: IndexDep, actor: Screener
) -> BatchScreeningResult:
    """Up to 1,000 parties in one request; results in the order of the queries."""
    return BatchScreeningResult(
        results=[_screen(item, session, provider, actor) for item in request.queries]
    )


@router.post("/dispositions", response_model=DispositionOut, status_code=status.HTTP_201_CREATED)
def dispose(
    data: DispositionIn, session: SessionDep, provider: IndexDep, actor: HitDisposer
) -> DispositionOut:
    """Mark a hit for a party as false positive, true match or escalate, with a note."""
    return services.dispose(data, session=session, provider=provider, actor=actor)


@router.get("/lists", response_model=list[SourceStatus])
def list_status(session: SessionDep, _: Reader) -> list[SourceStatus]:
    """Each list's active snapshot (publication date, counts, file hash) and any failure since."""
    return services.status(session=session)


@router.get("/lists/entries/{entry_id}", response_model=ListedRecord)
def listed_record(
    entry_id: str, session: SessionDep, _: Reader, snapshot: str | None = None
) -> ListedRecord:
    """One listed record whole (names, identifiers, addresses, programmes, dates, remarks, the
    publisher's link), from ``snapshot`` (the one a hit names) or the list's active one."""
    return services.listed_record(entry_id, snapshot=snapshot, session=session)


@router.get("/lists/{source}/diff", response_model=SnapshotDiff)
def list_diff(source: str, session: SessionDep, _: Reader) -> SnapshotDiff:
    """Entries the active snapshot added, removed and changed against the previous one."""
    return services.diff(source, session=session)
