"""A worker with fewer threads than requests in flight never waits on itself.

FastAPI builds a plain handler's response on the request thread pool after the handler
returns; a request whose session still held its database connection then waited for a thread
while holding the connection. With more requests in flight than the pool has connections,
every connection ended up held by a request waiting for a thread while every thread waited for
a connection, until the pool gave up after 30 s with a 500. A real server with 2 threads per
worker and 60 requests at once (API and pages, each holding the database for a moment) must
answer them all, promptly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.reliability.live_server import PASSWORD, LiveServer, live_server

IN_FLIGHT = 60


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("busy")
    with live_server(
        f"sqlite:///{folder / 'nonpro.db'}",
        folder,
        workers=1,
        settings={"NONPRO_REQUEST_THREADS": "2", "NONPRO_WARM_INDEX": "false"},
    ) as running:
        yield running


def _signed_in(url: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=20)
    page = client.get("/signin")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    done = client.post(
        "/signin",
        data={"username": "ana", "password": PASSWORD, "csrf_token": token.group(1), "next": "/"},
    )
    assert done.status_code in (200, 303), done.text
    return client


def test_more_requests_than_threads_and_connections_all_answer(
    server: LiveServer, tmp_path: Path
) -> None:
    headers = server.user_token("ana", "analyst")
    web = _signed_in(server.url)

    def ask(number: int) -> int:
        # Client-side timeout well under the pool's 30 s: a stuck server fails the test.
        if number % 3 == 0:
            return web.get("/cases").status_code
        with httpx.Client(base_url=server.url, headers=headers, timeout=20) as api:
            return api.get("/api/cases").status_code

    try:
        with ThreadPoolExecutor(max_workers=IN_FLIGHT) as pool:
            statuses = list(pool.map(ask, range(IN_FLIGHT * 3)))
    finally:
        web.close()
    assert statuses.count(200) == len(statuses), sorted(set(statuses))
