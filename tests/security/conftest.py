"""Fixtures of the security tests: the route table and a fingerprint of everything stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from nonpro.accounts import services as accounts
from nonpro.accounts.rules import Role, permits
from nonpro.accounts.schemas import Principal
from nonpro.core.db import make_engine
from nonpro.migrations import runner
from nonpro.migrations.metadata import target_metadata
from tests.security.route_table import RouteInfo, route_table

# Who each role is in the matrix; an agency representative belongs to an agency.
ROLE_AGENCY: dict[Role, str | None] = dict.fromkeys(Role)
ROLE_AGENCY[Role.AGENCY_REVIEWER] = "DEFENSE_DTSA"
ROLE_AGENCY[Role.CHAIR] = "STATE_ISN_MTR"

Fingerprint = Callable[[], dict[str, int]]

# Referral actions whose service decides who may act from more than the role (the referral's
# advising agencies, the group's chair, a case manager): the door lets every reader through.
_SERVICE_DECIDES = ("/advice", "/escalations", "/resume", "/reminders", "/remind")


def service_decides(route: RouteInfo) -> bool:
    return "/interagency/referrals/" in route.path and route.path.endswith(_SERVICE_DECIDES)


def matrix_problems(
    role: Role, routes: list[RouteInfo], call: Callable[[RouteInfo], int], fingerprint: Fingerprint
) -> list[str]:
    """Each route called as ``role``: what goes against the role's permissions."""
    problems: list[str] = []
    for route in routes:
        allowed = all(permits(role, p) for p in route.permissions)
        before = fingerprint() if route.writes and not allowed else None
        status = call(route)
        if status >= 500:
            problems.append(f"{route}: {status}")
        elif allowed and status in (401, 403) and not service_decides(route):
            problems.append(f"{route}: refused with {status} though the role may")
        elif not allowed and status != 403:
            problems.append(f"{route}: {status}, expected 403")
        elif before is not None and fingerprint() != before:
            problems.append(f"{route}: refused, yet stored rows changed")
    return problems


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """SQLite only: who may call what is decided above the database, and the matrices are long.
    (The services they reach run on PostgreSQL in their own packages' tests.)"""
    built = make_engine(f"sqlite:///{tmp_path_factory.mktemp('security') / 'nonpro.db'}")
    runner.upgrade(built)
    yield built
    built.dispose()


@pytest.fixture
def routes(client: TestClient) -> list[RouteInfo]:
    return route_table(client.app)  # type: ignore[arg-type]


@pytest.fixture
def fingerprint(db_session: Session) -> Fingerprint:
    """Row counts of every table: a refused request must leave every one as it was."""

    def take() -> dict[str, int]:
        db_session.expire_all()
        return {
            name: db_session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in target_metadata.tables.items()
        }

    return take


@pytest.fixture
def agencies(db_session: Session, operator: Principal) -> None:
    accounts.seed_agencies(session=db_session, actor=operator)
