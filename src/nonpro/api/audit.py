"""The audit log over HTTP: read and verify."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from nonpro.core import audit
from nonpro.core.inputs import OutputModel
from nonpro.http.signin import AuditReader
from nonpro.http.unit_of_work import SessionDep, SessionRoute

router = APIRouter(route_class=SessionRoute, prefix="/audit", tags=["platform"])


class AuditRow(OutputModel):
    seq: int
    at: datetime
    actor: str
    action: str
    target: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class Verdict(BaseModel):
    intact: bool
    rows_checked: int
    first_bad_seq: int | None
    problem: str | None


@router.get("", response_model=list[AuditRow])
def list_rows(
    session: SessionDep,
    _: AuditReader,
    target: str | None = None,
    action: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditRow]:
    rows = audit.entries(session, target=target, action=action, limit=limit)
    return [AuditRow.model_validate(r) for r in rows]


@router.get("/verify", response_model=Verdict)
def verify(session: SessionDep, _: AuditReader) -> Verdict:
    verdict = audit.verify_chain(session)
    if verdict.intact:
        audit.anchor_head(session)
    return Verdict(
        intact=verdict.intact,
        rows_checked=verdict.rows_checked,
        first_bad_seq=verdict.first_bad_seq,
        problem=verdict.problem,
    )
