"""Routes that give their database connection back as soon as their handler is done.

FastAPI runs a plain ``def`` handler on the request thread pool, and then, still before the
dependencies' exit code runs, checks its return value against the response model on that pool
again. A request whose session still held its connection at that point waited for a thread
while holding the connection; on a busy server every connection could end up held by requests
waiting for a thread while every thread waited for a connection, and nothing moved until the
pool timed out. So the handler's own thread ends the transaction on its way out: committed, or
rolled back for a refused page (``web.rendering``). ``api.deps.get_session`` still closes the
session, and finishes anything opened later (a lazy load while the response is built).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

REQUEST_STATE = "nonpro.request_state"


def _discards_changes(session: Session) -> bool:
    """Whether the request that owns ``session`` answered with a refused form."""
    state = session.info.get(REQUEST_STATE)
    return bool(getattr(state, "discard_changes", False))


def end_transaction(session: Session) -> None:
    """Commit the request's work, or roll it back for a refused page."""
    if _discards_changes(session):
        session.rollback()
    else:
        session.commit()


def _ending_transactions(handler: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(handler)
    def run(*args: Any, **kwargs: Any) -> Any:
        result = handler(*args, **kwargs)
        for value in kwargs.values():
            if isinstance(value, Session):
                end_transaction(value)
        return result

    return run


class SessionRoute(APIRoute):
    """The route class of every nonpro router (``APIRouter(route_class=SessionRoute)``)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _ending_transactions(endpoint)
        super().__init__(path, endpoint, **kwargs)
