"""The UN Register of Conventional Arms over HTTP: own transfers, background, the national report
(JSON, CSV, DOCX), imports of other states' reports and of SIPRI, the mirror view."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, UploadFile, status
from fastapi.responses import Response

from nonpro.core.validation import parse_input
from nonpro.http.downloads import DOCX, download
from nonpro.http.parameters import OptionalYearQuery, StrictQuery, YearPath, YearQuery
from nonpro.http.signin import MultilateralOfficer, Reader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.http.uploads import with_upload
from nonpro.registers.arms import services as arms
from nonpro.registers.arms.schemas import (
    BackgroundIn,
    BackgroundOut,
    DatasetOut,
    MirrorView,
    TransferIn,
    TransferOut,
    TransferQuery,
)
from nonpro.registers.arms.services import ArmsReport, build_report, to_csv, to_docx

router = APIRouter(route_class=SessionRoute, prefix="/registers/arms", tags=["registers"])
State = Annotated[str, Query(description="The reporting state, name or code")]


@router.get("/transfers", response_model=list[TransferOut])
def transfers(
    session: SessionDep,
    _: Reader,
    year: OptionalYearQuery = None,
    category: Annotated[str | None, Query(description="I..VII, SALW_SA, SALW_LW")] = None,
    direction: Annotated[str | None, Query(description="export or import")] = None,
    state: Annotated[str | None, Query(description="Exporter, importer or reporter")] = None,
    source: Annotated[str | None, Query(description="own, state_report or sipri")] = None,
    limit: Annotated[int, Query(ge=1, le=50_000, description="At most this many")] = 1000,
) -> list[TransferOut]:
    """Transfers recorded and imported, matching every filter given, newest year first."""
    raw = {
        "year": year,
        "category": category,
        "direction": direction,
        "state": state,
        "source_kind": source,
    }
    query = parse_input(TransferQuery, {k: v for k, v in raw.items() if v is not None})
    return arms.list_transfers(query, session=session, limit=limit)


@router.post("/transfers", response_model=TransferOut, status_code=status.HTTP_201_CREATED)
def record(data: TransferIn, session: SessionDep, actor: MultilateralOfficer) -> TransferOut:
    """Record one export or import of the state's own national report."""
    return arms.record_transfer(data, session=session, actor=actor)


@router.put("/transfers/{transfer_id}", response_model=TransferOut)
def edit(
    transfer_id: str, data: TransferIn, session: SessionDep, actor: MultilateralOfficer
) -> TransferOut:
    """Correct an own transfer (imported ones are corrected by importing the file again)."""
    return arms.edit_transfer(transfer_id, data, session=session, actor=actor)


@router.delete("/transfers/{transfer_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(transfer_id: str, session: SessionDep, actor: MultilateralOfficer) -> None:
    arms.delete_transfer(transfer_id, session=session, actor=actor)


@router.get("/background", response_model=list[BackgroundOut])
def background(
    session: SessionDep, _: Reader, state: str | None = None, year: OptionalYearQuery = None
) -> list[BackgroundOut]:
    return arms.list_background(session=session, state=state, year=year)


@router.post("/background", response_model=BackgroundOut, status_code=status.HTTP_201_CREATED)
def record_background(
    data: BackgroundIn, session: SessionDep, actor: MultilateralOfficer
) -> BackgroundOut:
    """Record (or correct) military holdings or national production for a category and year."""
    return arms.record_background(data, session=session, actor=actor)


@router.get("/report/{year}", response_model=ArmsReport)
def report(year: YearPath, session: SessionDep, _: Reader, state: State = "USA") -> ArmsReport:
    """The national report for ``year``, per form and category, from the own transfers."""
    return build_report(year, session=session, state=state)


@router.get("/report/{year}/download", response_class=Response)
def report_file(
    year: YearPath,
    session: SessionDep,
    _: Reader,
    state: State = "USA",
    format: Literal["csv", "docx"] = "csv",
) -> Response:
    """The national report as CSV (the import layout) or as a Word document, as a download."""
    built = build_report(year, session=session, state=state)
    name = f"unroca-{built.reporting_state}-{year}.{format}"
    if format == "docx":
        return download(to_docx(built), name, DOCX)
    return download(to_csv(built), name, "text/csv")


@router.get("/datasets", response_model=list[DatasetOut])
def datasets(session: SessionDep, _: Reader) -> list[DatasetOut]:
    """Imported data sets: other states' reports and the SIPRI trade register."""
    return arms.list_datasets(session=session)


@router.post("/imports/report", response_model=DatasetOut)
def import_report(
    file: UploadFile,
    session: SessionDep,
    actor: MultilateralOfficer,
    state: str,
    year: YearQuery,
    strict: StrictQuery = False,
) -> DatasetOut:
    """Import another state's report for ``year`` (CSV in the national report's layout): good
    rows stored, bad ones in ``report.refused``; 422 when no row is good (or, ``strict``, any
    row is bad)."""
    origin = f"upload:{Path(file.filename or '').name}"
    return with_upload(
        file,
        lambda path: arms.import_state_report(
            path,
            state=state,
            year=year,
            session=session,
            actor=actor,
            origin=origin,
            strict=strict,
        ),
    )


@router.post("/imports/sipri", response_model=DatasetOut)
def import_sipri(
    file: UploadFile, session: SessionDep, actor: MultilateralOfficer, strict: StrictQuery = False
) -> DatasetOut:
    """Replace the SIPRI data set with an uploaded trade register export: bad deals in
    ``report.refused``, the others stored; 422 when none is good (or, ``strict``, any is bad)."""
    origin = f"upload:{Path(file.filename or '').name}"
    return with_upload(
        file,
        lambda path: arms.import_trade_register(
            path, session=session, actor=actor, origin=origin, strict=strict
        ),
    )


@router.get("/mirror", response_model=MirrorView)
def mirror_view(
    session: SessionDep, _: Reader, year: YearQuery, state: str | None = None
) -> MirrorView:
    """Exporters' and importers' reports of the same transfers, disagreements first."""
    return arms.mirror(year, session=session, state=state)
