"""MTCR denial notifications and the no-undercut check over HTTP.

Reading needs ``read``; recording, withdrawing and importing need ``manage_cases``. The check of
a case answers only for a case the reader may see.
"""

from __future__ import annotations

from fastapi import APIRouter, UploadFile, status

from nonpro.denials import services as denials
from nonpro.denials.schemas import (
    CaseDenialCheck,
    DenialImport,
    DenialIn,
    DenialOut,
    DenialWithdrawal,
)
from nonpro.http.parameters import StrictQuery
from nonpro.http.signin import CaseManager, Reader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.http.uploads import import_csv

router = APIRouter(route_class=SessionRoute, prefix="/denials", tags=["denials"])


@router.get("", response_model=list[DenialOut])
def list_denials(
    session: SessionDep,
    reader: Reader,
    status: str | None = None,
    partner: str | None = None,
    country: str | None = None,
    annex_entry: str | None = None,
    q: str | None = None,
) -> list[DenialOut]:
    """The register, newest notification first; ``annex_entry`` includes the entries under it,
    ``q`` searches the end user and the item description."""
    return denials.list_denials(
        session=session,
        reader=reader,
        status=status,
        partner=partner,
        country=country,
        annex_entry=annex_entry,
        text=q,
    )


@router.post("", response_model=DenialOut, status_code=status.HTTP_201_CREATED)
def record_denial(data: DenialIn, session: SessionDep, actor: CaseManager) -> DenialOut:
    """Record a denial notified by a partner (or by the United States)."""
    return denials.record_denial(data, session=session, actor=actor)


@router.post("/import", response_model=DenialImport)
def import_denials_csv(
    file: UploadFile, session: SessionDep, actor: CaseManager, strict: StrictQuery = False
) -> DenialImport:
    """A CSV of denial notifications: good rows stored, each bad one in ``report.refused`` by
    line and column; 422 when no row is good (or, ``strict``, when any row is bad)."""
    return import_csv(file, denials.import_csv, session=session, actor=actor, strict=strict)


@router.get("/check/{case_id}", response_model=CaseDenialCheck)
def check_case(case_id: str, session: SessionDep, reader: Reader) -> CaseDenialCheck:
    """The no-undercut check of a case: the denials in force for an essentially identical item
    to the same end user or country, each with its reasons and the partner to consult."""
    return denials.check_case(case_id, session=session, reader=reader)


@router.get("/{reference}", response_model=DenialOut)
def show_denial(reference: str, session: SessionDep, reader: Reader) -> DenialOut:
    return denials.show_denial(reference, session=session, reader=reader)


@router.post("/{reference}/withdraw", response_model=DenialOut)
def withdraw_denial(
    reference: str, data: DenialWithdrawal, session: SessionDep, actor: CaseManager
) -> DenialOut:
    """The notifying partner withdrew the denial: it flags no case from then on."""
    return denials.withdraw_denial(reference, data, session=session, actor=actor)
