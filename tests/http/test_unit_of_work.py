"""A request keeps what it wrote only if it ends well: a refusal (an exception, or an explicit
``uow.discard()``) stores nothing, on plain and async handlers alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from nonpro.api.errors import api_error_response
from nonpro.core.errors import InvalidInput, NonproError
from nonpro.http.unit_of_work import SessionDep, SessionRoute, UnitOfWork, UnitOfWorkDep
from tests.http.small_app import engine_of, rows_stored, serving, write_a_row

router = APIRouter(route_class=SessionRoute)


@router.post("/raises")
def raises(session: SessionDep, refuse: bool = True) -> dict[str, bool]:
    write_a_row(session)
    if refuse:
        raise InvalidInput("name", "refused after writing")
    return {"stored": True}


@router.post("/discards")
def discards(uow: UnitOfWorkDep, refuse: bool = True) -> dict[str, bool]:
    write_a_row(uow.session)
    if refuse:
        uow.discard()
    return {"stored": not refuse}


@router.post("/discards-async")
async def discards_async(session: SessionDep, refuse: bool = True) -> dict[str, bool]:
    await run_in_threadpool(write_a_row, session)
    if refuse:
        UnitOfWork.of(session).discard()
    return {"stored": not refuse}


async def _as_json(request: Request, error: Exception) -> Response:
    assert isinstance(error, NonproError)
    return api_error_response(error)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = FastAPI()
    app.add_exception_handler(NonproError, _as_json)
    with serving(router, tmp_path, app) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("path", "refused_status"), [("/raises", 422), ("/discards", 200), ("/discards-async", 200)]
)
def test_a_refused_request_keeps_nothing_it_wrote_and_an_accepted_one_is_stored(
    client: TestClient, path: str, refused_status: int
) -> None:
    refused = client.post(path)
    assert refused.status_code == refused_status
    assert rows_stored(engine_of(client)) == 0
    accepted = client.post(path, params={"refuse": False})
    assert accepted.status_code == 200 and accepted.json() == {"stored": True}
    assert rows_stored(engine_of(client)) == 1


def test_a_session_made_outside_a_request_gets_a_unit_of_its_own(client: TestClient) -> None:
    with Session(engine_of(client)) as session:
        unit = UnitOfWork.of(session)
        assert UnitOfWork.of(session) is unit and not unit.discarded
        write_a_row(session)
        unit.discard()
        unit.end()
    assert rows_stored(engine_of(client)) == 0
