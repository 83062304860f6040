"""Two people edit the same case at once: the second gets a conflict and the first keeps theirs.

This needs real commits from two sessions, so it runs on a database of its own (the shared test
database is kept empty of committed rows: other tests count audit rows from one).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal
from nonpro.cases import services
from nonpro.cases.errors import StaleVersion
from nonpro.cases.rules import Status
from nonpro.cases.schemas import CaseIn, CaseUpdate, TransitionIn
from nonpro.core.db import make_engine, make_session_factory, reading_engine, transaction
from nonpro.migrations import runner
from nonpro.screening.services import IndexProvider
from tests.cases.conftest import case_json
from tests.conftest import _drop_postgres_schema, _postgres_schema_engine, postgres_available


@pytest.fixture(params=["sqlite", "postgresql"])
def own_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        built = make_engine(f"sqlite:///{tmp_path / 'race.db'}")
        runner.upgrade(built)
        yield built
        built.dispose()
        return
    if not postgres_available():
        pytest.skip("PostgreSQL not reachable")
    built, schema = _postgres_schema_engine()
    try:
        runner.upgrade(built)
        yield built
    finally:
        built.dispose()
        _drop_postgres_schema(schema)


def test_the_second_writer_gets_a_conflict_and_nothing_is_lost(
    own_engine: Engine, operator: Principal
) -> None:
    factory = make_session_factory(own_engine)
    provider = IndexProvider()
    with transaction(factory) as session:
        data = CaseIn.model_validate(case_json("RACE-1"))
        services.create_case(data, session=session, provider=provider, actor=operator)

    # The second tab reads as a page view does (``reading_engine``): on SQLite a transaction
    # that may write holds the write lock from its BEGIN, so two of them cannot be open at once.
    first, second = factory(), factory(bind=reading_engine(own_engine))
    try:
        # Both open the case (as two browser tabs would) and see version 1.
        mine = services.get_case("RACE-1", session=first)
        theirs = services.get_case("RACE-1", session=second)
        assert mine.version == theirs.version == 1
        first.commit()
        second.commit()  # only ends the read; the loaded case keeps version 1

        services.transition(
            "RACE-1", TransitionIn(to=Status.SUBMITTED, version=1), session=first, actor=operator
        )
        first.commit()

        edit = CaseUpdate.model_validate({**case_json("RACE-1", end_use="changed"), "version": 1})
        with pytest.raises(StaleVersion) as conflict:
            services.update_case("RACE-1", edit, session=second, provider=provider, actor=operator)
        assert conflict.value.expected == 1 and conflict.value.actual == 2
    finally:
        first.close()
        second.close()

    with Session(own_engine) as check:
        stored = services.get_case("RACE-1", session=check)
        assert stored.status == "submitted" and stored.version == 2
        assert stored.end_use.startswith("Attitude reference")
        assert len(stored.parties) == 2 and len(stored.items) == 1
