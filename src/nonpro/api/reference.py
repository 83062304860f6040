"""Reference data over HTTP."""

from __future__ import annotations

from fastapi import APIRouter

from nonpro.http.signin import Reader
from nonpro.http.unit_of_work import SessionRoute
from nonpro.reference.schemas import Country
from nonpro.reference.services import resolve_country

router = APIRouter(route_class=SessionRoute, prefix="/countries", tags=["reference"])


@router.get("/resolve", response_model=Country)
def resolve(name: str, _: Reader) -> Country:
    """Any common form of a state's name or code to ISO 3166 codes."""
    return resolve_country(name)
