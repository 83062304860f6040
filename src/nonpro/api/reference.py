"""Reference data over HTTP."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from nonpro.accounts.rules import Permission
from nonpro.accounts.schemas import Principal
from nonpro.http.signin import requires
from nonpro.http.unit_of_work import SessionRoute
from nonpro.reference.schemas import Country
from nonpro.reference.services import resolve_country

router = APIRouter(route_class=SessionRoute, prefix="/countries", tags=["reference"])


@router.get("/resolve", response_model=Country)
def resolve(name: str, _: Annotated[Principal, Depends(requires(Permission.READ))]) -> Country:
    """Any common form of a state's name or code to ISO 3166 codes."""
    return resolve_country(name)
