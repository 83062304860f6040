"""A bare FastAPI app on a migrated SQLite file, for tests of the request plumbing itself."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from starlette.middleware.sessions import SessionMiddleware

from nonpro.core import audit
from nonpro.core.audit import AuditEntry
from nonpro.core.db import make_engine, make_session_factory
from nonpro.migrations import runner


@contextmanager
def serving(router: APIRouter, folder: Path, app: FastAPI | None = None) -> Iterator[TestClient]:
    """``router`` served with a signed session cookie, each request's unit of work on a migrated
    SQLite file in ``folder``."""
    app = app or FastAPI()
    engine = make_engine(f"sqlite:///{folder / 'plumbing.db'}")
    runner.upgrade(engine)
    app.state.engine = engine
    app.add_middleware(SessionMiddleware, secret_key="plumbing-test-" + "x" * 32)
    app.state.session_factory = make_session_factory(engine)
    app.include_router(router)
    try:
        with TestClient(app) as client:
            yield client
    finally:
        engine.dispose()


def write_a_row(session: Session, target: str = "x") -> None:
    audit.record(session, actor="t", action="plumbing.write", target=target, payload={})


def rows_stored(engine: Engine) -> int:
    with Session(engine) as check:
        return check.scalar(select(func.count()).select_from(AuditEntry)) or 0


def engine_of(client: TestClient) -> Engine:
    engine: Engine = client.app.state.engine  # type: ignore[attr-defined]
    return engine
