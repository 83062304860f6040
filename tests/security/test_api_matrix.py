"""Every role against every API endpoint, generated from the route table.

A role without the permission a route demands gets 403 and nothing stored changes (every table's
row count, the audit log included). A role with it is never refused at the door, and no request
of any role ends in a server error.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from nonpro.accounts.rules import Role
from tests.security.conftest import ROLE_AGENCY, Fingerprint, matrix_problems
from tests.security.route_table import RouteInfo

pytestmark = pytest.mark.usefixtures("agencies")

# Routes open to anyone, signed in or not.
PUBLIC = {"GET /api/health"}


def _call(client: TestClient, route: RouteInfo, headers: dict[str, str]) -> int:
    body: dict[str, str] | None = {} if route.writes else None
    response = client.request(route.method, route.url(), json=body, headers=headers)
    return response.status_code


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_role_against_every_api_route(
    role: Role,
    client: TestClient,
    routes: list[RouteInfo],
    bearer: Callable[..., dict[str, str]],
    fingerprint: Fingerprint,
) -> None:
    headers = bearer(role, f"matrix-{role.value.replace('_', '-')}", ROLE_AGENCY[role])
    api_routes = [r for r in routes if r.is_api]
    assert len(api_routes) > 100  # the table is read, not empty
    problems = matrix_problems(
        role, api_routes, lambda route: _call(client, route, headers), fingerprint
    )
    assert not problems, "\n".join(problems)


def test_every_api_route_but_health_needs_a_token(
    client: TestClient, routes: list[RouteInfo]
) -> None:
    problems = []
    for route in (r for r in routes if r.is_api):
        status = _call(client, route, {})
        expected = 200 if str(route) in PUBLIC else 401
        if status != expected:
            problems.append(f"{route}: {status}, expected {expected}")
    assert not problems, "\n".join(problems)
