"""schemathesis over the whole OpenAPI, signed in as an administrator: no request it can make,
valid or not, ends in a server error, and every 4xx says what was wrong.

A bounded run (a few fixed examples per operation) belongs to the suite; ``bench/fuzz_api.py``
runs the same test with many more examples against a fresh database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import UserIn, local_operator
from nonpro.app import create_app
from nonpro.core.clock import today
from nonpro.core.db import make_engine
from nonpro.core.settings import Settings
from nonpro.migrations import runner
from nonpro.multilateral import services as multilateral
from nonpro.treaties import services as treaties
from tests.conftest import TEST_PASSWORD

EXAMPLES = int(os.environ.get("NONPRO_FUZZ_EXAMPLES", "0"))


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, str]]:
    """The real app on a database of its own (requests commit), with an administrator's token."""
    path: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    engine = make_engine(f"sqlite:///{path}")
    runner.upgrade(engine)
    actor = local_operator("fuzz")
    with Session(engine) as session:
        accounts.seed_agencies(session=session, actor=actor)
        treaties.load_reference(session=session, actor=actor)
        multilateral.load_reference(session=session, actor=actor, today=today())
        accounts.create_user(
            UserIn(username="fuzz-admin", password=TEST_PASSWORD, role=Role.ADMIN),
            session=session,
            actor=actor,
        )
        _, token = accounts.create_token("fuzz-admin", "fuzz", session=session, actor=actor)
        session.commit()
    settings_ = Settings(
        database_url=f"sqlite:///{path}", secret_key="fuzz-secret-" + "x" * 32, warm_index=False
    )
    yield create_app(settings_, engine), token
    engine.dispose()


def _operations(app: FastAPI) -> list[Any]:
    # schemathesis' own pytest plugin does not work with this pytest yet: drive its strategies.
    loaded = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    return [result.ok() for result in loaded.get_all_operations()]


def test_no_request_ends_in_a_server_error(fuzzed_app: tuple[FastAPI, str]) -> None:
    app, token = fuzzed_app
    operations = _operations(app)
    assert len(operations) > 100  # the whole OpenAPI, not a part
    problems: list[str] = []
    for operation in operations:

        @given(operation.as_strategy())
        @settings(
            max_examples=EXAMPLES or 3,
            deadline=None,
            derandomize=not EXAMPLES,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def call(case: Any) -> None:
            try:
                response = case.call(headers={"Authorization": f"Bearer {token}"})
            except Exception as exc:  # the test client re-raises what would be a 500
                problems.append(f"{case.method} {case.formatted_path}: {exc!r}"[:300])
                return
            where = f"{case.method} {case.formatted_path} -> {response.status_code}"
            if response.status_code >= 500:
                problems.append(f"{where}: {response.text[:300]}")
            elif 400 <= response.status_code < 500 and "json" in response.headers.get(
                "content-type", ""
            ):
                body = response.json()
                error = body.get("error") if isinstance(body, dict) else None
                if not (isinstance(error, dict) and error.get("message")):
                    problems.append(f"{where}: a 4xx without a message: {response.text[:200]}")

        call()
    assert not problems, "\n".join(problems[:40])
