"""A page answered with a 4xx (a refused form shown again) keeps nothing its handler wrote."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.middleware.sessions import SessionMiddleware

from nonpro.api.deps import SessionDep
from nonpro.core import audit
from nonpro.core.audit import AuditEntry
from nonpro.core.db import make_engine, make_session_factory
from nonpro.migrations import runner
from nonpro.web.rendering import render


def test_a_refused_form_rolls_back_what_its_handler_wrote(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'render.db'}")
    runner.upgrade(engine)
    app = FastAPI()
    app.add_middleware(SessionMiddleware, secret_key="rendering-test-" + "x" * 32)
    app.state.session_factory = make_session_factory(engine)

    @app.post("/half")
    def half_written(request: Request, session: SessionDep, refuse: bool = True) -> Response:
        audit.record(session, actor="t", action="half.write", target="x", payload={})
        status = 422 if refuse else 200
        return render(request, "error.html", {"title": "Refused", "message": "no"}, status=status)

    client = TestClient(app)
    assert client.post("/half").status_code == 422
    with Session(engine) as check:
        assert check.scalar(select(func.count()).select_from(AuditEntry)) == 0
    assert client.post("/half", params={"refuse": False}).status_code == 200
    with Session(engine) as check:
        assert check.scalar(select(func.count()).select_from(AuditEntry)) == 1
    engine.dispose()
