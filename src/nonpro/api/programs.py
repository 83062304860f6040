"""Missile programs over HTTP: systems, flight tests, reported events, transfers, summaries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from nonpro.core.clock import today
from nonpro.http.signin import Reader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.programs import services
from nonpro.programs.schemas import (
    CountrySummary,
    EventOut,
    FlightTestOut,
    FlightTestQuery,
    ImportOut,
    SystemOut,
    TransferOut,
)
from nonpro.treaties.services import parse_day

router = APIRouter(route_class=SessionRoute, prefix="/programs", tags=["programs"])
Country = Annotated[str | None, Query(description="A state's name or code, e.g. PRK")]
Class = Annotated[str | None, Query(alias="class", description="SRBM, MRBM, IRBM, ICBM, ...")]


@router.get("/imports", response_model=list[ImportOut])
def imports(session: SessionDep, _: Reader) -> list[ImportOut]:
    """The latest load of each data set, with its file hash and data date."""
    return services.imports(session=session)


@router.get("/systems", response_model=list[SystemOut])
def systems(
    session: SessionDep, _: Reader, country: Country = None, missile_class: Class = None
) -> list[SystemOut]:
    """Missile systems, by country and class."""
    wanted = services.parse_class(missile_class) if missile_class else None
    return services.systems(session=session, country=country, missile_class=wanted)


@router.get("/tests", response_model=list[FlightTestOut])
def tests(
    session: SessionDep,
    _: Reader,
    country: Country = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    missile_class: Class = None,
) -> list[FlightTestOut]:
    """Flight tests and launches matching every filter, oldest first."""
    wanted = FlightTestQuery(
        country=country,
        year=year,
        missile_class=services.parse_class(missile_class) if missile_class else None,
    )
    return services.tests(wanted, session=session)


@router.get("/events", response_model=list[EventOut])
def events(session: SessionDep, _: Reader, country: Country = None) -> list[EventOut]:
    """Missile events the chronologies report (CSIS)."""
    return services.events(session=session, country=country)


@router.get("/transfers", response_model=list[TransferOut])
def transfers(
    session: SessionDep,
    _: Reader,
    country: Country = None,
    direction: Annotated[str, Query(description="in, out or any")] = "any",
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
) -> list[TransferOut]:
    """Transfers of missiles and launchers (SIPRI): to (in), from (out) or either."""
    return services.transfers(session=session, country=country, direction=direction, year=year)


@router.get("/countries/{state}", response_model=CountrySummary)
def summary(
    state: str,
    session: SessionDep,
    _: Reader,
    as_of: Annotated[str | None, Query(description="YYYY-MM-DD; default today")] = None,
) -> CountrySummary:
    """A state's missile programs as of a date."""
    day = parse_day(as_of) if as_of else today()
    return services.country_summary(state, as_of=day, session=session)
