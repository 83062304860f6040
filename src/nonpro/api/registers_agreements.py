"""The register of nuclear cooperation agreements and safeguards arrangements over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, UploadFile, status

from nonpro.core.inputs import Day
from nonpro.http.parameters import StrictQuery
from nonpro.http.signin import MultilateralOfficer, Reader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.http.uploads import import_csv
from nonpro.registers.agreements import services as agreements
from nonpro.registers.agreements.schemas import (
    AgreementImport,
    AgreementIn,
    AgreementOut,
    AgreementUpdate,
    Reminder,
)

router = APIRouter(route_class=SessionRoute, prefix="/registers", tags=["registers"])
CREATED = status.HTTP_201_CREATED


@router.get("/agreements", response_model=list[AgreementOut])
def list_agreements(
    session: SessionDep,
    _: Reader,
    kind: str | None = None,
    partner: str | None = None,
    in_force_on: Day | None = None,
) -> list[AgreementOut]:
    """The register, each agreement with its status and its partner's IAEA safeguards status."""
    return agreements.list_agreements(
        session=session, kind=kind, partner=partner, in_force_on=in_force_on
    )


@router.post("/agreements", response_model=AgreementOut, status_code=CREATED)
def add_agreement(
    data: AgreementIn, session: SessionDep, actor: MultilateralOfficer
) -> AgreementOut:
    return agreements.add(data, session=session, actor=actor)


@router.get("/agreements/due", response_model=list[Reminder])
def due(
    session: SessionDep, _: Reader, within: int = 0, today: Day | None = None
) -> list[Reminder]:
    """Expiry reminders: within each agreement's reminder period or ``within`` days."""
    return agreements.due(session=session, within_days=within, today=today)


@router.post("/agreements/import", response_model=AgreementImport)
def import_agreements_csv(
    file: UploadFile, session: SessionDep, actor: MultilateralOfficer, strict: StrictQuery = False
) -> AgreementImport:
    """A CSV of agreements: good rows stored, each bad one in ``report.refused`` by line and
    column; 422 when no row is good (or, ``strict``, when any row is bad)."""
    return import_csv(file, agreements.import_csv, session=session, actor=actor, strict=strict)


@router.get("/agreements/{key}", response_model=AgreementOut)
def show_agreement(
    key: str, session: SessionDep, _: Reader, as_of: Day | None = None
) -> AgreementOut:
    return agreements.show(key, session=session, as_of=as_of)


@router.patch("/agreements/{key}", response_model=AgreementOut)
def edit_agreement(
    key: str, data: AgreementUpdate, session: SessionDep, actor: MultilateralOfficer
) -> AgreementOut:
    return agreements.edit(key, data, session=session, actor=actor)
