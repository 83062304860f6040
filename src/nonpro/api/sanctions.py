"""Sanctions over HTTP: evaluate an activity, the register of determinations, notice drafts."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, status
from fastapi.responses import Response

from nonpro.controls.services import load_annex
from nonpro.core.clock import today
from nonpro.core.inputs import Day
from nonpro.http.downloads import DOCX, download
from nonpro.http.parameters import IndexDep
from nonpro.http.signin import Reader, SanctionsOfficer
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.sanctions import services
from nonpro.sanctions.schemas import (
    DeterminationIn,
    DeterminationOut,
    Evaluation,
    EventIn,
    Facts,
    RegisterChange,
)
from nonpro.sanctions.services import Statutes, load_statutes

router = APIRouter(route_class=SessionRoute, prefix="/sanctions", tags=["sanctions"])


@router.get("/authorities", response_model=Statutes)
def authorities(_: Reader) -> Statutes:
    """The authorities as reviewed data: reach, triggers, measures, exceptions, waivers, flags."""
    return load_statutes()


@router.post("/evaluate", response_model=Evaluation)
def evaluate(facts: Facts, session: SessionDep, _: Reader, as_of: Day | None = None) -> Evaluation:
    """Which authorities apply to a reported activity, and why (or why not).

    Dated facts (MTCR adherence, terrorism designation) are decided as of the activity's date,
    or ``as_of`` (today) when the facts give none; ``facts_date`` says which. A join date the
    data knows only as a year is not assumed: ``information_needed`` names the fact and the
    input (``destination.mtcr_adherent``) whose answer settles it."""
    return services.evaluate(facts, annex=load_annex(), as_of=as_of or today(), session=session)


@router.get("/determinations", response_model=list[DeterminationOut])
def list_determinations(
    session: SessionDep, _: Reader, as_of: Day | None = None, active: bool = False
) -> list[DeterminationOut]:
    """The register with each determination's status as of a date (today by default)."""
    return services.list_determinations(session=session, as_of=as_of, active_only=active)


@router.post("/determinations", response_model=RegisterChange, status_code=status.HTTP_201_CREATED)
def add_determination(
    data: DeterminationIn, session: SessionDep, provider: IndexDep, actor: SanctionsOfficer
) -> RegisterChange:
    """Record a determination; its entities are screened against from this response on."""
    return services.add_determination(data, session=session, actor=actor, provider=provider)


@router.get("/determinations/{determination_id}", response_model=DeterminationOut)
def show_determination(
    determination_id: str, session: SessionDep, _: Reader, as_of: Day | None = None
) -> DeterminationOut:
    found = services.get_determination(determination_id, session=session)
    return services.determination_out(found, as_of=as_of)


@router.post(
    "/determinations/{determination_id}/waivers",
    response_model=RegisterChange,
    status_code=status.HTTP_201_CREATED,
)
def waive(
    determination_id: str,
    data: EventIn,
    session: SessionDep,
    provider: IndexDep,
    actor: SanctionsOfficer,
) -> RegisterChange:
    """Record a waiver: the determination ends on its effective date."""
    return services.waive(determination_id, data, session=session, actor=actor, provider=provider)


@router.post(
    "/determinations/{determination_id}/terminations",
    response_model=RegisterChange,
    status_code=status.HTTP_201_CREATED,
)
def terminate(
    determination_id: str,
    data: EventIn,
    session: SessionDep,
    provider: IndexDep,
    actor: SanctionsOfficer,
) -> RegisterChange:
    """Record a termination: the determination ends on its effective date."""
    return services.terminate(
        determination_id, data, session=session, actor=actor, provider=provider
    )


@router.get("/expiring", response_model=list[DeterminationOut])
def expiring(
    session: SessionDep,
    _: Reader,
    within_days: Annotated[int, Query(ge=0, le=3650)] = 60,
    as_of: Day | None = None,
) -> list[DeterminationOut]:
    """Determinations in force whose term runs out within the given number of days."""
    return services.expiring(session=session, within_days=within_days, as_of=as_of)


@router.get("/determinations/{determination_id}/notice")
def notice_draft(
    determination_id: str,
    session: SessionDep,
    _: Reader,
    format: Literal["md", "docx"] = "md",
    contact: str | None = None,
) -> Response:
    """The Federal Register notice draft, as Markdown or DOCX."""
    content = services.notice_file(determination_id, format, session=session, contact=contact)
    name = f"notice-{determination_id}.{format}"
    return download(content, name, DOCX if format == "docx" else "text/markdown; charset=utf-8")
