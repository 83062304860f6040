"""GET /api/health: is the server up and its database usable, which version, which database.

503 with the reason when the database is missing, does not answer, is read-only or is not
migrated to this version's schema: a monitor (or a load balancer) then knows this server cannot
do its work, where a 200 from a server whose every write fails would hide it.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from nonpro import __version__
from nonpro.core.db import backend_name, database_problem, reading_engine
from nonpro.http.unit_of_work import SessionRoute
from nonpro.migrations import runner

router = APIRouter(route_class=SessionRoute, tags=["platform"])
logger = logging.getLogger(__name__)


class Health(BaseModel):
    status: str
    version: str
    database: str
    migrated: bool
    reason: str | None = None


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": "The database cannot be used"}},
)
def health(request: Request) -> Health | JSONResponse:
    """Answers without authentication, for monitoring."""
    # Reads only: never queues for SQLite's write lock behind the writers it reports on.
    engine = reading_engine(request.app.state.engine)
    problem = database_problem(engine)
    migrated = problem is None and runner.is_up_to_date(engine)
    if problem is None and not migrated:
        problem = "the database is not at this version's schema; run `nonpro db upgrade`"
    answer = Health(
        status="ok" if problem is None else "unavailable",
        version=__version__,
        database=backend_name(engine),
        migrated=migrated,
        reason=problem,
    )
    if problem is None:
        return answer
    logger.error("health check failed: %s", problem)
    return JSONResponse(answer.model_dump(), status_code=503)
