"""Reports over HTTP: figures as JSON, documents generated into the archive, archived files."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from nonpro.accounts.schemas import Principal
from nonpro.core.clock import today
from nonpro.core.inputs import Day
from nonpro.core.settings import Settings
from nonpro.http.downloads import download
from nonpro.http.parameters import FIRST_YEAR, LAST_YEAR, YearPath
from nonpro.http.signin import Reader, ReportWriter
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.reports import services
from nonpro.reports.schemas import (
    AnnualReport,
    ArchivedOut,
    CountryProfile,
    EmergencyReport,
    Report,
)

router = APIRouter(route_class=SessionRoute, prefix="/reports", tags=["reports"])


class GenerateIn(BaseModel):
    kind: Literal["annual", "emergency", "country"]
    format: Literal["pdf", "docx", "html", "json"] = "pdf"
    year: int | None = Field(
        default=None, ge=FIRST_YEAR, le=LAST_YEAR, description="annual: the calendar year"
    )
    countries: list[str] | None = Field(default=None, description="annual: default PRK, IRN, SYR")
    start: Day | None = Field(default=None, description="emergency: first day")
    end: Day | None = Field(default=None, description="emergency: last day")
    state: str | None = Field(default=None, description="country: the state")
    as_of: Day | None = None
    marking: str | None = Field(
        default=None,
        description="marking scheme: unclassified, cui or the configured scheme's name "
        "(default NONPRO_MARKING_SCHEME; with neither the request is refused)",
    )
    expenses: Decimal | None = Field(
        default=None, ge=0, description="emergency: expenditures in the period, U.S. dollars"
    )
    final: bool = Field(default=False, description="refuse unless the report is complete")


@router.get("/annual/{year}", response_model=AnnualReport)
def annual(
    year: YearPath,
    session: SessionDep,
    actor: Reader,
    country: Annotated[list[str] | None, Query(description="repeatable")] = None,
) -> AnnualReport:
    """The annual report's figures (the same JSON as ``--format json``)."""
    return services.annual(year, session=session, actor=actor, countries=country)


@router.get("/emergency", response_model=EmergencyReport)
def emergency(
    session: SessionDep,
    actor: Reader,
    start: Annotated[Day, Query(alias="from")],
    end: Annotated[Day, Query(alias="to")],
) -> EmergencyReport:
    """The EO 12938 report's figures for a period."""
    return services.emergency(start, end, session=session, actor=actor)


@router.get("/countries/{state}", response_model=CountryProfile)
def country(
    state: str, session: SessionDep, actor: Reader, as_of: Day | None = None
) -> CountryProfile:
    """A country profile's figures as of a date."""
    return services.country(state, as_of=as_of or today(), session=session, actor=actor)


def build(data: GenerateIn, *, settings: Settings, session: SessionDep, actor: Principal) -> Report:
    """The figures a generate request asks for, with the office's configured records."""
    return services.build(
        data.kind,
        year=data.year,
        countries=data.countries,
        start=data.start,
        end=data.end,
        state=data.state,
        as_of=data.as_of,
        records=services.office_records(settings.report_records),
        expenses=data.expenses,
        session=session,
        actor=actor,
    )


@router.post("", response_model=ArchivedOut, status_code=201)
def generate(
    data: GenerateIn, request: Request, session: SessionDep, actor: ReportWriter
) -> ArchivedOut:
    """Generate a report into the archive, marked; download it from ``/api/reports/{id}/file``."""
    settings: Settings = request.app.state.settings
    scheme = services.marking_scheme(data.marking, configured=settings.marking_scheme)
    report = build(data, settings=settings, session=session, actor=actor)
    made = services.generate(
        report,
        file_format=data.format,
        marking=scheme,
        final=data.final,
        session=session,
        actor=actor,
    )
    return made.archived


@router.get("", response_model=list[ArchivedOut])
def archive(session: SessionDep, actor: Reader) -> list[ArchivedOut]:
    """The archive of generated reports, newest first."""
    return services.archive(session=session, actor=actor)


@router.get("/{report_id}/file", response_class=Response)
def archived_file(report_id: str, session: SessionDep, actor: Reader) -> Response:
    """An archived report's file, as generated."""
    found, content = services.archived_file(report_id, session=session, actor=actor)
    return download(content, found.filename, found.media_type)
