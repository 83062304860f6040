"""Two representatives advise at the same moment on two real PostgreSQL connections: nothing is
lost, and the same submission sent twice at once is stored once.

Real commits from threads need a database of their own (the shared test database keeps no
committed rows)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.schemas import Principal
from nonpro.core import audit
from nonpro.core.db import make_session_factory, transaction
from nonpro.interagency import advice, services
from nonpro.interagency.models import Advice
from nonpro.interagency.schemas import AdviceIn, ReferralIn
from nonpro.migrations import runner
from tests.conftest import _drop_postgres_schema, _postgres_schema_engine, postgres_available
from tests.interagency.conftest import AGENCIES, REFERRED, case_under_review, rep

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    if not postgres_available():
        pytest.skip("PostgreSQL not reachable")
    built, schema = _postgres_schema_engine()
    try:
        runner.upgrade(built)
        yield built
    finally:
        built.dispose()
        _drop_postgres_schema(schema)


def _at_once(*jobs: Callable[[], object]) -> list[object]:
    """Run the jobs in threads released by one barrier; re-raise the first failure."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index: int, job: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[index] = job()
        except BaseException as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, j)) for i, j in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def test_simultaneous_advice_from_two_agencies_and_a_repeated_submission(
    pg_engine: Engine, operator: Principal
) -> None:
    factory = make_session_factory(pg_engine)
    chair = Principal(username="chris", role="chair", agency_code="STATE_ISN_MTR")
    with transaction(factory) as session:
        accounts.seed_agencies(session=session, actor=operator)
        case_under_review(session, chair, "RACE-IA")
        services.refer(
            ReferralIn(case="RACE-IA", group="MTEC", agencies=AGENCIES, referred_on=REFERRED),
            session=session,
            actor=chair,
        )

    def submit(agency: str, data: AdviceIn) -> Callable[[], bool]:
        def job() -> bool:
            with transaction(factory) as session:
                _, created = advice.advise("RACE-IA", data, session=session, actor=rep(agency))
                return created

        return job

    deny = AdviceIn(kind="deny", reasons=["Missile guidance"])
    approve = AdviceIn(kind="approve", rationale="No concern")
    both = _at_once(submit("DEFENSE_DTSA", deny), submit("COMMERCE_BIS", approve))
    assert both == [True, True]

    keyed = AdviceIn(kind="approve", rationale="Fine", idempotency_key="energy-submit-0001")
    twice = _at_once(submit("ENERGY_NNSA", keyed), submit("ENERGY_NNSA", keyed))
    assert sorted(twice) == [False, True]  # one stored it, the other found it stored

    # The same advice again without a key (a double click) is found by its content.
    unkeyed = AdviceIn(kind="deny", reasons=["Missile guidance"])
    again = _at_once(submit("DEFENSE_DTSA", unkeyed), submit("DEFENSE_DTSA", unkeyed))
    assert again == [False, False]

    with Session(pg_engine) as check:
        rows = check.scalars(select(Advice).order_by(Advice.agency_code)).all()
        assert [(a.agency_code, a.kind) for a in rows] == [
            ("COMMERCE_BIS", "approve"),
            ("DEFENSE_DTSA", "deny"),
            ("ENERGY_NNSA", "approve"),
        ]
        advised = check.scalar(
            select(func.count()).where(audit.AuditEntry.action == "interagency.advise")
        )
        assert advised == 3
        assert audit.verify_chain(check).intact


def test_a_first_submission_sent_twice_at_once_without_a_key_is_stored_once(
    pg_engine: Engine, operator: Principal
) -> None:
    factory = make_session_factory(pg_engine)
    chair = Principal(username="chris", role="chair", agency_code="STATE_ISN_MTR")
    with transaction(factory) as session:
        accounts.seed_agencies(session=session, actor=operator)
        case_under_review(session, chair, "RACE-IA2")
        services.refer(
            ReferralIn(case="RACE-IA2", group="MTEC", agencies=AGENCIES, referred_on=REFERRED),
            session=session,
            actor=chair,
        )

    def job() -> bool:
        with transaction(factory) as session:
            data = AdviceIn(kind="deny", reasons=["Missile guidance"])
            _, created = advice.advise("RACE-IA2", data, session=session, actor=rep("DEFENSE_DTSA"))
            return created

    assert sorted(_at_once(job, job)) == [False, True]
    with Session(pg_engine) as check:
        assert check.scalar(select(func.count()).select_from(Advice)) == 1
