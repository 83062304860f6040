"""The missile end-user knowledge base over HTTP."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from nonpro.endusers import services
from nonpro.endusers.schemas import KnowledgeBase
from nonpro.http.parameters import IndexDep
from nonpro.http.signin import Reader
from nonpro.http.unit_of_work import SessionDep, SessionRoute

router = APIRouter(route_class=SessionRoute, tags=["end users"])


@router.get("/end-users", response_model=KnowledgeBase)
def search(
    session: SessionDep,
    provider: IndexDep,
    actor: Reader,
    country: Annotated[
        str | None, Query(max_length=100, description="a state's name or code")
    ] = None,
    name: Annotated[
        str | None, Query(max_length=200, description="part of a name or alias")
    ] = None,
) -> KnowledgeBase:
    """Missile and space programme entities: the office's reviewed records and the loaded
    lists' entries that name missile work, each with its source."""
    return services.search(session=session, provider=provider, country=country, text=name)
