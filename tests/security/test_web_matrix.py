"""Every role against every page and form, and CSRF on every form, from the route table.

Pages answer a refused role with 403 and change nothing; a form posted without the session's
CSRF token is refused before anything is read or written, even for the administrator.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from tests.security.conftest import ROLE_AGENCY, Fingerprint, matrix_problems
from tests.security.route_table import RouteInfo
from tests.web.conftest import sign_in

pytestmark = pytest.mark.usefixtures("agencies")

# Pages everyone may open without signing in.
PUBLIC = {"GET /signin", "POST /signin", "POST /signout"}


def _csrf_header(client: TestClient) -> dict[str, str]:
    match = re.search(r'"X-CSRF-Token": "([^"]+)"', client.get("/").text)
    assert match, "the signed-in page carries no CSRF token"
    return {"X-CSRF-Token": match.group(1)}


def _page_routes(routes: list[RouteInfo]) -> list[RouteInfo]:
    pages = [r for r in routes if not r.is_api and not r.path.startswith(("/docs", "/redoc"))]
    assert len(pages) > 60  # the table is read, not empty
    return [r for r in pages if str(r) not in PUBLIC]


def test_every_form_route_demands_the_csrf_token(routes: list[RouteInfo]) -> None:
    forms = [r for r in routes if not r.is_api and r.writes]
    assert forms and all(r.needs_csrf for r in forms), [str(r) for r in forms if not r.needs_csrf]


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_role_against_every_page(
    role: Role,
    client: TestClient,
    routes: list[RouteInfo],
    make_user: Callable[..., User],
    fingerprint: Fingerprint,
) -> None:
    name = f"pages-{role.value.replace('_', '-')}"
    make_user(name, role, ROLE_AGENCY[role])
    assert sign_in(client, name) == 303
    token = _csrf_header(client)

    def call(route: RouteInfo) -> int:
        return client.request(
            route.method, route.url(), data={}, headers=token, follow_redirects=False
        ).status_code

    problems = matrix_problems(role, _page_routes(routes), call, fingerprint)
    assert not problems, "\n".join(problems)


def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(
    client: TestClient,
    routes: list[RouteInfo],
    make_user: Callable[..., User],
    fingerprint: Fingerprint,
) -> None:
    make_user("csrf-admin", Role.ADMIN)
    assert sign_in(client, "csrf-admin") == 303
    problems = []
    for route in (r for r in _page_routes(routes) if r.writes):
        before = fingerprint()
        for token in ({}, {"X-CSRF-Token": "forged"}):
            response = client.request(
                route.method, route.url(), data={}, headers=token, follow_redirects=False
            )
            if response.status_code != 403 or "security token" not in response.text:
                problems.append(f"{route} with {token or 'no token'}: {response.status_code}")
        if fingerprint() != before:
            problems.append(f"{route}: stored rows changed")
    assert not problems, "\n".join(problems)


def test_signed_out_pages_send_to_the_sign_in(client: TestClient, routes: list[RouteInfo]) -> None:
    problems = []
    for route in (r for r in _page_routes(routes) if not r.writes):
        response = client.get(route.url(), follow_redirects=False)
        location = response.headers.get("location", "")
        if response.status_code != 303 or not location.startswith("/signin"):
            problems.append(f"{route}: {response.status_code} {location}")
    assert not problems, "\n".join(problems)
