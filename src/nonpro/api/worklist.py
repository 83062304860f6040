"""The signed-in person's work queue over HTTP: the same sections as the home page."""

from __future__ import annotations

from fastapi import APIRouter

from nonpro.http.signin import Reader
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.worklist import services as worklist
from nonpro.worklist.rules import DEFAULT_SORT, SortKey
from nonpro.worklist.schemas import Worklist

router = APIRouter(route_class=SessionRoute, prefix="/worklist", tags=["worklist"])


@router.get("", response_model=Worklist)
def my_worklist(session: SessionDep, reader: Reader, sort: SortKey = DEFAULT_SORT) -> Worklist:
    """What waits for the token's owner today, per section; ``sort``: due (late first), -due,
    title or -title."""
    return worklist.worklist(session=session, actor=reader, sort=sort)
