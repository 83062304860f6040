"""The form helper: a refused form keeps nothing its handler wrote and shows every problem with
the input kept; an accepted one is stored and its notice is shown once, on the next page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import Response
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from starlette.middleware.sessions import SessionMiddleware

from nonpro.core import audit
from nonpro.core.audit import AuditEntry
from nonpro.core.db import make_engine, make_session_factory
from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.migrations import runner
from nonpro.web.forms import InvalidForm, parse_form, refuse
from nonpro.web.notices import done
from nonpro.web.rendering import render


class AgencyForm(BaseModel):
    code: str = Field(pattern=r"^[A-Z_]+$")
    name: str = Field(min_length=3)


router = APIRouter(route_class=SessionRoute)


@router.post("/agencies")
def add(
    request: Request,
    session: SessionDep,
    code: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
) -> Response:
    audit.record(session, actor="t", action="form.write", target=code, payload={})
    form = {"code": code, "name": name}
    try:
        parse_form(AgencyForm, form)
    except InvalidForm as problem:
        page: dict[str, Any] = {"agencies": []}
        return refuse(request, session, problem, "admin/agencies.html", lambda: page, form=form)
    return done(request, "/agencies", f"Agency {code} added.")


@router.get("/agencies")
def agencies(request: Request) -> Response:
    return render(request, "admin/agencies.html", {"agencies": [], "form": {}})


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    built = make_engine(f"sqlite:///{tmp_path / 'forms.db'}")
    runner.upgrade(built)
    yield built
    built.dispose()


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    app = FastAPI()
    app.add_middleware(SessionMiddleware, secret_key="forms-test-" + "x" * 32)
    app.state.session_factory = make_session_factory(engine)
    app.include_router(router)
    with TestClient(app) as test_client:
        yield test_client


def _stored(engine: Engine) -> int:
    with Session(engine) as check:
        return check.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_a_refused_form_keeps_nothing_and_shows_every_problem_with_the_input(
    client: TestClient, engine: Engine
) -> None:
    refused = client.post("/agencies", data={"code": "bad code", "name": "x"})
    assert refused.status_code == 422
    assert _stored(engine) == 0
    assert "<strong>code: </strong>" in refused.text and "<strong>name: </strong>" in refused.text
    assert 'value="bad code"' in refused.text  # the input is kept
    assert 'name="code" required value="bad code"\n         aria-invalid="true"' in refused.text


def test_an_accepted_form_is_stored_and_its_notice_shown_once(
    client: TestClient, engine: Engine
) -> None:
    accepted = client.post(
        "/agencies", data={"code": "NNSA", "name": "Energy"}, follow_redirects=False
    )
    assert (accepted.status_code, accepted.headers["location"]) == (303, "/agencies")
    assert _stored(engine) == 1
    notice = '<div class="alert alert-ok" role="status">Agency NNSA added.</div>'
    assert notice in client.get("/agencies").text
    assert "Agency NNSA added." not in client.get("/agencies").text


def test_parse_form_names_every_field_that_is_wrong() -> None:
    with pytest.raises(InvalidForm) as refused:
        parse_form(AgencyForm, {"code": "x y", "name": ""})
    assert [p.field for p in refused.value.problems] == ["code", "name"]
    assert refused.value.field == "code"  # reads as its first problem where one is expected
