"""GET /api/health: is the server up, which version, which database."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text

from nonpro import __version__
from nonpro.core.db import backend_name
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.migrations import runner

router = APIRouter(route_class=SessionRoute, tags=["platform"])


class Health(BaseModel):
    status: str
    version: str
    database: str
    migrated: bool


@router.get("/health", response_model=Health)
def health(request: Request, session: SessionDep) -> Health:
    """Answers without authentication, for monitoring."""
    session.execute(text("SELECT 1"))
    engine = request.app.state.engine
    return Health(
        status="ok",
        version=__version__,
        database=backend_name(engine),
        migrated=runner.is_up_to_date(engine),
    )
