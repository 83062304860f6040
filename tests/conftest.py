"""Fixtures shared by the whole suite.

Storage and service tests take ``db_session`` and run twice: on SQLite and on PostgreSQL
(127.0.0.1:5432, database ``test``, or ``NONPRO_TEST_POSTGRES_URL``). Each test runs inside a
transaction that is rolled back at the end, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

from nonpro.accounts import services as accounts
from nonpro.accounts.models import User
from nonpro.accounts.rules import Role
from nonpro.accounts.schemas import Principal, UserIn, local_operator
from nonpro.core.db import make_engine
from nonpro.http.unit_of_work import UnitOfWork
from nonpro.migrations import runner

REPO_ROOT = Path(__file__).resolve().parents[1]
POSTGRES_URL = os.environ.get(
    "NONPRO_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TEST_PASSWORD = "correct horse battery staple"
_postgres_problem: list[str] = []


def shared_root() -> Path:
    """``../shared`` beside the clone, or ``NONPRO_SHARED_DIR``."""
    return Path(os.environ.get("NONPRO_SHARED_DIR", REPO_ROOT.parent / "shared")).resolve()


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """The suite creates and signs in thousands of users; argon2id at its production cost (RFC
    9106's second recommendation, 64 MiB) takes 70-250 ms a hash here. In-process tests hash with
    the same algorithm at the lowest cost; servers the tests start as processes, and production,
    keep the real one (``tests/accounts`` checks the algorithm)."""
    from argon2 import PasswordHasher

    from nonpro.accounts import passwords

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", cheap)
        patch.setattr(passwords, "_DUMMY_HASH", cheap.hash("not a password"))
        yield


@pytest.fixture(scope="session", autouse=True)
def decision_checks_installed() -> None:
    """As every entry point does (nonpro.wiring): tests that call the services directly decide
    with the same gates as the app and the CLI."""
    from nonpro.wiring import install

    install()


@pytest.fixture(scope="session", autouse=True)
def matplotlib_font_cache() -> None:
    """Matplotlib builds its font cache on first use and says so on stderr; a fresh machine would
    print that note into whichever command's output a test reads first (a JSON answer among them).
    Build it before any test runs."""
    import logging

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    import matplotlib.font_manager  # noqa: F401


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    root = shared_root()
    if not root.is_dir():
        pytest.fail(f"the shared data folder {root} is missing; set NONPRO_SHARED_DIR")
    return root


@pytest.fixture(scope="session")
def shared_data(shared_dir: Path) -> Path:
    return shared_dir / "data"


def _postgres_schema_engine() -> tuple[Engine, str]:
    """An engine whose connections live in a fresh schema of the test database."""
    schema = f"nonpro_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        admin.dispose()
    separator = "&" if "?" in POSTGRES_URL else "?"
    return make_engine(f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"), schema


def _drop_postgres_schema(schema: str) -> None:
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        admin.dispose()


def postgres_available() -> bool:
    if _postgres_problem:
        return False
    try:
        probe = create_engine(POSTGRES_URL)
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
        return True
    except OperationalError as exc:
        _postgres_problem.append(str(exc.orig).splitlines()[0] if exc.orig else str(exc))
        return False


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A migrated database of each backend, shared by the session's tests."""
    if request.param == "sqlite":
        built = make_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'nonpro.db'}")
        runner.upgrade(built)
        yield built
        built.dispose()
        return
    if not postgres_available():
        pytest.skip(f"POSTGRESQL NOT REACHABLE at {POSTGRES_URL}: {_postgres_problem[0]}")
    built, schema = _postgres_schema_engine()
    try:
        runner.upgrade(built)
        yield built
    finally:
        built.dispose()
        _drop_postgres_schema(schema)


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test; commits are savepoints."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def operator() -> Principal:
    return local_operator("pytest")


@pytest.fixture
def make_user(db_session: Session, operator: Principal):  # type: ignore[no-untyped-def]
    """Create a user with a role (and agency); returns the ``User``."""
    accounts.seed_agencies(session=db_session, actor=operator)

    def create(username: str, role: Role = Role.ANALYST, agency: str | None = None) -> User:
        data = UserIn(username=username, role=role, password=TEST_PASSWORD, agency=agency)
        return accounts.create_user(data, session=db_session, actor=operator)

    return create


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    # Probed here too: with -n the workers skipped, and this process has asked nothing yet.
    if not postgres_available():
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(
            f"POSTGRESQL RUN SKIPPED: no server answered at {POSTGRES_URL}", red=True, bold=True
        )
        terminalreporter.write_line(f"  {_postgres_problem[0]}", red=True)
        terminalreporter.write_line(bar, red=True, bold=True)


@pytest.fixture
def un_list(db_session: Session, operator: Principal, shared_data: Path):  # type: ignore[no-untyped-def]
    """The real UN Security Council consolidated list, stored as the active ``un`` snapshot."""
    from nonpro.screening import snapshots
    from nonpro.screening.formats.detect import load_path

    path = shared_data / "lists" / "un_2026-02" / "UN_consolidated.xml"
    (parsed,) = load_path(path)
    snapshots.store_snapshot(
        parsed,
        origin=str(path),
        file_hash=snapshots.hash_files(path),
        session=db_session,
        actor=operator,
    )
    return parsed


@pytest.fixture
def client(engine: Engine, db_session: Session, tmp_path: Path) -> Iterator[TestClient]:
    """The real app, its requests running in the test's rolled-back session."""
    from fastapi.testclient import TestClient

    from nonpro.app import create_app
    from nonpro.core.settings import Settings
    from nonpro.http.unit_of_work import unit_of_work

    settings = Settings(
        database_url=str(engine.url.render_as_string(hide_password=False)),
        secret_key="test-secret-key-" + "x" * 32,
        sign_in_attempts=3,
        warm_index=False,  # the test's own rolled-back session builds it, not a startup thread
        jobs_dir=tmp_path / "jobs",
    )
    app = create_app(settings, engine)

    def unit_override() -> Iterator[UnitOfWork]:
        # As unit_of_work does: the handler's thread ends the transaction (SessionRoute), a
        # discarded unit keeps nothing, and whatever is still open at the end is ended here.
        unit = UnitOfWork(db_session)
        try:
            yield unit
        except BaseException:
            unit.fail()
            raise
        unit.end()

    app.dependency_overrides[unit_of_work] = unit_override
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def bearer(
    db_session: Session, make_user: Callable[..., User], operator: Principal
) -> Callable[..., dict[str, str]]:
    """Headers carrying a fresh token of a new user with ``role``."""

    def headers(
        role: Role, username: str | None = None, agency: str | None = None
    ) -> dict[str, str]:
        name = username or f"{role.value.replace('_', '-')}-user"
        make_user(name, role, agency)
        _, plain = accounts.create_token(name, "test", session=db_session, actor=operator)
        return {"Authorization": f"Bearer {plain}"}

    return headers
