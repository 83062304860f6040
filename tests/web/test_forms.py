"""The form helper: a refused form keeps nothing its handler wrote and shows every problem with
the input kept; an accepted one is stored and its notice is shown once, on the next page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field
from tests.http.small_app import engine_of, rows_stored, serving, write_a_row
from tests.web.conftest import problem_beside

from nonpro.http.unit_of_work import SessionDep, SessionRoute
from nonpro.web.forms import InvalidForm, parse_form, refuse
from nonpro.web.notices import done, notify
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
    write_a_row(session, code)
    form = {"code": code, "name": name}
    try:
        parse_form(AgencyForm, form)
    except InvalidForm as problem:
        page: dict[str, Any] = {"agencies": []}
        return refuse(request, session, problem, "admin/agencies.html", lambda: page, form=form)
    return done(request, "/agencies", f"Agency {code} added.")


@router.post("/late")
def late(request: Request) -> Response:
    notify(request, "Recorded.")
    return done(request, "/agencies", "Made after the window opened.", warning=True)


@router.get("/agencies")
def agencies(request: Request) -> Response:
    return render(request, "admin/agencies.html", {"agencies": [], "form": {}})


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with serving(router, tmp_path) as test_client:
        yield test_client


def test_a_refused_form_keeps_nothing_and_shows_every_problem_with_the_input(
    client: TestClient,
) -> None:
    refused = client.post("/agencies", data={"code": "bad code", "name": "x"})
    assert refused.status_code == 422
    assert rows_stored(engine_of(client)) == 0
    assert "<li><strong>code: </strong>String should match pattern" in refused.text
    too_short = "<li><strong>name: </strong>String should have at least 3 characters</li>"
    assert too_short in refused.text
    assert 'value="bad code"' in refused.text  # the input is kept
    assert problem_beside(refused.text, "agency-code").startswith("String should match pattern")
    assert problem_beside(refused.text, "agency-name") == "String should have at least 3 characters"


def test_an_accepted_form_is_stored_and_its_notice_shown_once(client: TestClient) -> None:
    accepted = client.post(
        "/agencies", data={"code": "NNSA", "name": "Energy"}, follow_redirects=False
    )
    assert (accepted.status_code, accepted.headers["location"]) == (303, "/agencies")
    assert rows_stored(engine_of(client)) == 1
    notice = '<div class="alert alert-ok" role="status">Agency NNSA added.</div>'
    assert notice in client.get("/agencies").text
    assert "Agency NNSA added." not in client.get("/agencies").text


def test_parse_form_names_every_field_that_is_wrong() -> None:
    with pytest.raises(InvalidForm) as refused:
        parse_form(AgencyForm, {"code": "x y", "name": ""})
    assert [p.field for p in refused.value.problems] == ["code", "name"]
    assert refused.value.field == "code"  # reads as its first problem where one is expected


def test_notices_are_shown_in_order_a_warning_standing_out(client: TestClient) -> None:
    client.post("/late", follow_redirects=False)
    page = client.get("/agencies").text
    recorded = '<div class="alert alert-ok" role="status">Recorded.</div>'
    warning = '<div class="alert alert-error" role="status">Made after the window opened.</div>'
    assert recorded in page and warning in page and page.index(recorded) < page.index(warning)
