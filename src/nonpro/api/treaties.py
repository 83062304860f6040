"""Treaties, safeguards and regimes over HTTP: the same questions and JSON shapes as the CLI."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, UploadFile

from nonpro.core.errors import InvalidInput
from nonpro.http.parameters import StrictQuery
from nonpro.http.signin import Reader, TreatyManager
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.treaties import services
from nonpro.treaties.schemas import (
    ChangesResult,
    CheckResult,
    CountryStatus,
    EifStatus,
    ImportOut,
    ImportOutcome,
    Instrument,
    PartiesResult,
    TimelinePoint,
)
from nonpro.treaties.services import CROSS_QUESTIONS, CrossAnswer, CrossQuestion, load_instruments

router = APIRouter(route_class=SessionRoute, prefix="/treaties", tags=["treaties"])
AsOf = Annotated[str | None, Query(description="YYYY-MM-DD; default today")]


@router.get("/instruments", response_model=list[Instrument])
def instruments(_: Reader) -> list[Instrument]:
    """Every instrument nonpro follows: code, kind, depositary, dates, entry-into-force rule."""
    return list(load_instruments().values())


@router.get("/instruments/{code}", response_model=Instrument)
def instrument(code: str, _: Reader) -> Instrument:
    return load_instruments()[services.instrument_code(code)]


@router.get("/status/{state}", response_model=CountryStatus)
def status(state: str, session: SessionDep, _: Reader, as_of: AsOf = None) -> CountryStatus:
    """A state (any name or code) in every instrument as of a date, with the events behind it."""
    return services.status(state, as_of=services.parse_day(as_of), session=session)


@router.get("/parties/{instrument}", response_model=PartiesResult)
def parties(
    instrument: str,
    session: SessionDep,
    _: Reader,
    as_of: AsOf = None,
    status: Annotated[str, Query(description="party, signatory, withdrawn, none")] = "party",
) -> PartiesResult:
    """The states (ISO alpha-3) with a status in an instrument as of a date."""
    return services.parties(
        instrument,
        as_of=services.parse_day(as_of),
        status=services.parse_status(status),
        session=session,
    )


@router.get("/changes/{instrument}", response_model=ChangesResult)
def changes(
    instrument: str,
    session: SessionDep,
    _: Reader,
    start: Annotated[str, Query(alias="from", description="YYYY-MM-DD, exclusive")],
    end: Annotated[str | None, Query(alias="to", description="YYYY-MM-DD; default today")] = None,
) -> ChangesResult:
    """Every change of status between two dates, each with the event behind it."""
    return services.changes(
        instrument,
        start=services.parse_day(start, "from"),
        end=services.parse_day(end, "to"),
        session=session,
    )


@router.get("/eif/{instrument}", response_model=EifStatus)
def eif(instrument: str, session: SessionDep, _: Reader, as_of: AsOf = None) -> EifStatus:
    """Entry-into-force arithmetic (for the CTBT: the Annex 2 states still needed)."""
    return services.eif(instrument, as_of=services.parse_day(as_of), session=session)


@router.get("/timeline/{instrument}", response_model=list[TimelinePoint])
def timeline(instrument: str, session: SessionDep, _: Reader) -> list[TimelinePoint]:
    """Parties and signatories at each year's end (the chart of parties over time)."""
    return services.timeline(instrument, session=session)


@router.get("/check", response_model=CheckResult)
def check(session: SessionDep, _: Reader) -> CheckResult:
    """Reconciliation: each stated count the stored events do not reproduce, with any reason."""
    return services.check(session=session)


@router.get("/questions", response_model=list[CrossQuestion])
def questions(_: Reader) -> list[CrossQuestion]:
    return list(CROSS_QUESTIONS.values())


@router.get("/questions/{name}", response_model=CrossAnswer)
def question(name: str, session: SessionDep, _: Reader, as_of: AsOf = None) -> CrossAnswer:
    """A named cross-question, e.g. ``npt-csa-without-ap`` or ``mtcr-not-hcoc``."""
    return services.question(name, as_of=services.parse_day(as_of), session=session)


@router.get("/filter", response_model=CrossAnswer)
def filter_states(
    session: SessionDep,
    _: Reader,
    having: Annotated[list[str], Query(description="party to each of these")],
    lacking: Annotated[list[str] | None, Query(description="party to none of these")] = None,
    as_of: AsOf = None,
) -> CrossAnswer:
    return services.cross(
        having=having, lacking=lacking or [], as_of=services.parse_day(as_of), session=session
    )


@router.get("/imports", response_model=list[ImportOut])
def imports(session: SessionDep, _: Reader) -> list[ImportOut]:
    return services.imports(session=session)


@router.post("/imports", response_model=ImportOutcome)
def upload(
    file: UploadFile,
    session: SessionDep,
    principal: TreatyManager,
    source: str | None = None,
    strict: StrictQuery = False,
) -> ImportOutcome:
    """Load one status page or CSV file; it replaces what the same source said before. A CSV's
    bad rows are in ``report.refused`` and the earlier events of what they stood for kept; 422
    when no row is good (or, ``strict``, any row is bad)."""
    name = Path(file.filename or "").name
    if Path(name).suffix.lower() not in (".csv", ".html", ".htm"):
        raise InvalidInput("file", "send a .csv or .html status file")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / name
        path.write_bytes(file.file.read())
        return services.load_from_path(
            path,
            session=session,
            actor=principal,
            source=source,
            origin=f"upload:{name}",
            strict=strict,
        )
