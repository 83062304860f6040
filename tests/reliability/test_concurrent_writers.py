"""Fifty writers at once against a real server with two workers on PostgreSQL, twenty on SQLite.

- Fifty analysts edit the same case, each re-reading and retrying on 409: every edit lands,
  none is lost, and the version counts them all.
- Fifty attempt the same transition from the same version: exactly one wins, the rest get 409.
- Fifty retries of one piece of advice carry one ``Idempotency-Key``: one advice is stored.
- Twenty pieces of advice at once on SQLite: each waits for the write lock, none fails.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, func, select

from nonpro.interagency.models import Advice
from tests.cases.conftest import case_json
from tests.conftest import (
    POSTGRES_URL,
    _drop_postgres_schema,
    _postgres_schema_engine,
    postgres_available,
)
from tests.reliability.live_server import LiveServer, live_server

WRITERS = 50
REF = "RACE-50"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if not postgres_available():
        pytest.skip(
            f"POSTGRESQL NOT REACHABLE at {POSTGRES_URL}: the 50-writer test needs a server"
        )
    engine, schema = _postgres_schema_engine()
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    try:
        with live_server(url, tmp_path_factory.mktemp("writers")) as running:
            yield running
    finally:
        _drop_postgres_schema(schema)


def _pool(work: Any, writers: int = WRITERS) -> list[Any]:
    with ThreadPoolExecutor(max_workers=writers) as pool:
        return list(pool.map(work, range(writers)))


ADVICE = {"kind": "deny", "reasons": ["End user unverified"], "rationale": "MTCR factors"}


def _referral_to_defense(chair: httpx.Client, reference: str) -> str:
    """A case under review referred to MTEC for Defense's advice; the referral's id."""
    case = chair.post("/api/cases", json=case_json(reference)).json()
    for target in ("submitted", "under_review"):
        case = chair.post(
            f"/api/cases/{case['id']}/transitions",
            json={"to": target, "version": case["version"]},
        ).json()
    referral = chair.post(
        "/api/interagency/referrals",
        json={"case": reference, "group": "MTEC", "agencies": ["DEFENSE_DTSA"]},
    )
    assert referral.status_code == 201, referral.text
    rid: str = referral.json()["id"]
    return rid


def _stored_advice(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(Advice)) or 0
    finally:
        engine.dispose()


def test_fifty_editors_lose_no_update(server: LiveServer) -> None:
    headers = server.user_token("ana", "analyst")
    with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
        created = client.post("/api/cases", json=case_json(REF)).json()

    def edit(number: int) -> int:
        conflicts = 0
        with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
            while True:
                case = client.get(f"/api/cases/{created['id']}").json()
                body = case_json(REF, end_use=f"{case['end_use']} [w{number}]")
                saved = client.put(
                    f"/api/cases/{created['id']}", json={**body, "version": case["version"]}
                )
                if saved.status_code == 200:
                    return conflicts
                assert saved.status_code == 409, saved.text  # never 500, never a silent overwrite
                conflicts += 1
                # As a real client would: back off with jitter, so fifty writers do not all
                # re-read and collide again in the same instant (that costs O(n^2) requests).
                time.sleep(random.uniform(0, 0.01 * 2 ** min(conflicts, 6)))

    conflicts = _pool(edit)
    with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
        final = client.get(f"/api/cases/{created['id']}").json()
    assert all(f"[w{n}]" in final["end_use"] for n in range(WRITERS))
    assert final["version"] == created["version"] + WRITERS
    assert sum(conflicts) > 0  # they did collide


def test_one_transition_wins_the_rest_get_409(server: LiveServer) -> None:
    headers = server.user_token("tom", "analyst")
    with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
        case = client.post("/api/cases", json=case_json("RACE-T")).json()

    def submit(_: int) -> int:
        with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
            return client.post(
                f"/api/cases/{case['id']}/transitions",
                json={"to": "submitted", "version": case["version"]},
            ).status_code

    codes = _pool(submit)
    assert codes.count(200) == 1 and codes.count(409) == WRITERS - 1, codes
    with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
        stored = client.get(f"/api/cases/{case['id']}").json()
    assert stored["status"] == "submitted" and stored["version"] == case["version"] + 1


def test_fifty_retries_of_one_advice_store_it_once(server: LiveServer) -> None:
    chair = server.user_token("chris", "chair", "STATE_ISN_MTR")
    defense = server.user_token("dora", "agency_reviewer", "DEFENSE_DTSA")
    with httpx.Client(base_url=server.url, headers=chair, timeout=60) as client:
        rid = _referral_to_defense(client, "RACE-A")

    def send(_: int) -> tuple[int, str]:
        headers = {**defense, "Idempotency-Key": "dora-advice-1"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
            sent = client.post(f"/api/interagency/referrals/{rid}/advice", json=ADVICE)
            return sent.status_code, sent.json().get("id", sent.text)

    answers = _pool(send)
    assert {code for code, _ in answers} <= {200, 201}, answers
    assert len({advice_id for _, advice_id in answers}) == 1
    assert _stored_advice(server.env["NONPRO_DATABASE_URL"]) == 1


SQLITE_WRITERS = 20


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    workdir = tmp_path_factory.mktemp("sqlite-writers")
    with live_server(f"sqlite:///{workdir / 'nonpro.db'}", workdir, workers=1) as running:
        yield running


def test_twenty_advice_at_once_on_sqlite_wait_their_turn(sqlite_server: LiveServer) -> None:
    """SQLite has one write lock: writers queue for it (BEGIN IMMEDIATE and a busy timeout),
    where a deferred BEGIN refused a writer whose snapshot another had overtaken, as a 500."""
    server = sqlite_server
    chair = server.user_token("chris", "chair", "STATE_ISN_MTR")
    defense = server.user_token("dora", "agency_reviewer", "DEFENSE_DTSA")
    with httpx.Client(base_url=server.url, headers=chair, timeout=60) as client:
        referrals = [_referral_to_defense(client, f"LOCK-{n}") for n in range(SQLITE_WRITERS)]

    def send(number: int) -> int:
        with httpx.Client(base_url=server.url, headers=defense, timeout=60) as client:
            url = f"/api/interagency/referrals/{referrals[number]}/advice"
            return client.post(url, json=ADVICE).status_code

    codes = _pool(send, SQLITE_WRITERS)
    stored = _stored_advice(server.env["NONPRO_DATABASE_URL"])
    assert all(code < 500 for code in codes), codes  # stored, or refused cleanly (503), never 500
    assert stored == codes.count(201) == SQLITE_WRITERS, codes
