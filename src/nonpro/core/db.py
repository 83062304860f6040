"""The database: one declarative base, engines for SQLite and PostgreSQL, sessions.

Services receive a ``Session`` and only flush; whoever opened the session (a request, a CLI
command, a batch chunk) commits, so one use case is one transaction.
"""

from __future__ import annotations

import functools
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Engine,
    ForeignKey,
    MetaData,
    String,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError, OperationalError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    MappedColumn,
    Session,
    mapped_column,
    relationship,
    sessionmaker,
)
from sqlalchemy.types import TypeDecorator

from nonpro.core.clock import utcnow
from nonpro.core.errors import ConfigurationError, NotFound

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SUPPORTED_DRIVERS = ("sqlite", "postgresql+psycopg")
RowT = TypeVar("RowT")


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no zone, PostgreSQL does; without this the same row would compare and hash
    differently on the two backends.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC time is stored")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """The one declarative base of every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UUIDPrimaryKey:
    """Python-side UUID keys: the same on SQLite and PostgreSQL, known before the flush."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


def get_row(session: Session, model: type[RowT], row_id: str | uuid.UUID, kind: str) -> RowT:
    """The ``model`` row with this id; an id that is no UUID, like an unknown one, is
    ``NotFound(kind, row_id)``, so a mistyped id in a URL reads as "no such thing"."""
    try:
        key = row_id if isinstance(row_id, uuid.UUID) else uuid.UUID(str(row_id))
    except ValueError:
        raise NotFound(kind, row_id) from None
    found = session.get(model, key)
    if found is None:
        raise NotFound(kind, row_id)
    return found


def one_or_not_found(
    session: Session, model: type[RowT], where: ColumnElement[bool], kind: str, key: object
) -> RowT:
    """The ``model`` row ``where`` picks by a natural key (a code, a username, a symbol), or
    ``NotFound(kind, key)`` naming the key as the user gave it."""
    found = session.scalar(select(model).where(where))
    if found is None:
        raise NotFound(kind, key)
    return found


def column_values(row: Base) -> dict[str, Any]:
    """The row's column values by attribute name: what an output schema is built from, beside
    the fields it computes (``Out.model_validate({**column_values(row), "status": ...})``)."""
    return {column.key: getattr(row, column.key) for column in inspect(row).mapper.column_attrs}


# Column types that mean the same in every table (``created_by: Mapped[Username]``).
# The user who wrote a row, by username as the audit log names them.
Username = Annotated[str, mapped_column(String(200))]
# When a row was written, stamped in Python so SQLite and PostgreSQL agree.
WrittenAt = Annotated[datetime, mapped_column(UTCDateTime(), default=utcnow)]
# A country by its ISO 3166 alpha-3 code, indexed: rows are looked up by country.
CountryCode = Annotated[str, mapped_column(String(3), index=True)]


def parent_key(column: str) -> MappedColumn[Any]:
    """The key of the row this one belongs to: indexed, and deleted with its parent."""
    return mapped_column(ForeignKey(column, ondelete="CASCADE"), index=True)


def child_rows(order_by: str) -> Mapped[list[Any]]:
    """The rows that belong to this one (each by its ``parent_key``): added and deleted with it,
    loaded with it in one more query, in ``order_by`` order."""
    return relationship(cascade="all, delete-orphan", order_by=order_by, lazy="selectin")


def parse_database_url(raw: str) -> URL:
    """Parse ``NONPRO_DATABASE_URL``, naming the setting in any error."""
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise ConfigurationError("NONPRO_DATABASE_URL", f"cannot parse {raw!r}: {exc}") from None
    if url.drivername not in SUPPORTED_DRIVERS:
        raise ConfigurationError(
            "NONPRO_DATABASE_URL",
            f"driver {url.drivername!r} is not supported; "
            f"use one of {', '.join(SUPPORTED_DRIVERS)}",
        )
    if url.drivername == "sqlite" and not url.database:
        raise ConfigurationError(
            "NONPRO_DATABASE_URL", "an SQLite URL needs a file path (in-memory is not kept)"
        )
    return url


# How long a SQLite writer waits for the one write lock before it is refused.
SQLITE_BUSY_TIMEOUT_MS = 10_000


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy (pysqlite's own would break SAVEPOINTs); the
    # "begin" listener below then opens each transaction explicitly.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


# Execution option of a SQLite connection whose statements run on their own (no BEGIN): SQLite
# has no AUTOCOMMIT isolation to switch to here, as pysqlite's own transaction handling is off.
_NO_BEGIN = "nonpro_no_begin"
# Execution option of a SQLite connection whose transactions only read (``reading_engine``).
_READS_ONLY = "nonpro_reads_only"


def _begin_sqlite_transaction(connection: Any) -> None:
    """``BEGIN IMMEDIATE`` unless the work only reads.

    A plain (deferred) BEGIN reads first and asks for the write lock at its first write; if
    another writer committed in between, SQLite refuses at once with "database is locked",
    without waiting out the busy timeout (its snapshot is stale, so waiting cannot help). Taking
    the write lock at BEGIN makes concurrent writers queue for up to the busy timeout instead.
    Readers are not made to queue: in WAL mode a deferred transaction reads beside the writer.
    """
    options = connection.get_execution_options()
    if options.get(_NO_BEGIN):
        return
    connection.exec_driver_sql("BEGIN" if options.get(_READS_ONLY) else "BEGIN IMMEDIATE")


def reading_engine(engine: Engine) -> Engine:
    """The same engine (same pool) for work that only reads: on SQLite its transactions do not
    take the write lock, so a page view never waits behind a writer nor holds one up. A write
    made through it still works, but without a queue: under contention it may be refused."""
    return engine.execution_options(**{_READS_ONLY: True})


def sqlite_file(url: URL) -> Path | None:
    """The file of an SQLite URL (plain or ``file:`` URI form); None for PostgreSQL."""
    if url.drivername != "sqlite" or not url.database:
        return None
    return Path(url.database.removeprefix("file:")).expanduser()


def require_database_file(raw_url: str) -> None:
    """Refuse an SQLite path with no database there: a mistyped path would otherwise become a
    new, empty database that silently answers with nothing."""
    path = sqlite_file(parse_database_url(raw_url))
    if path is not None and not path.is_file():
        raise ConfigurationError(
            "NONPRO_DATABASE_URL",
            f"no database at {path}; check the path, or create one with `nonpro db upgrade`",
        )


def make_engine(raw_url: str, *, create_missing: bool = True) -> Engine:
    """An engine for the configured URL; SQLite gets WAL, foreign keys and a busy timeout on every
    connection, and write transactions that queue for the write lock (``BEGIN IMMEDIATE``).

    With ``create_missing=False`` (the server) an SQLite file that is not there is an error, at
    start and later: a connection is not handed out once its file was deleted or replaced.
    """
    url = parse_database_url(raw_url)
    path = sqlite_file(url)
    if path is not None:
        if create_missing:
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            url = url.set(database=f"file:{path}", query={"mode": "rw", **url.query, "uri": "true"})
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _enable_sqlite_pragmas)
        event.listen(engine, "begin", _begin_sqlite_transaction)
        event.listen(engine, "connect", functools.partial(_note_file_identity, path))
        event.listen(engine, "checkout", functools.partial(_require_same_file, path))
        return engine
    engine = create_engine(url)
    event.listen(engine, "checkin", _note_checkin)
    event.listen(engine, "checkout", _ping_if_idle)
    return engine


# A pooled connection idle longer than this is pinged before use (a server restart or a
# firewall may have dropped it). One used a moment ago is not: pinging on every checkout
# (pool_pre_ping) would add a round trip to every request of a busy server.
PING_AFTER_IDLE_SECONDS = 10.0


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    record.info["checked_in_at"] = time.monotonic()


def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    idle_since = record.info.get("checked_in_at")
    if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
        return
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        dbapi_connection.rollback()
    except Exception as exc:
        # The pool discards this connection and checks out a fresh one (up to three tries).
        raise DisconnectionError(f"stale pooled connection: {exc}") from exc


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _note_file_identity(path: Path, _dbapi_connection: Any, record: Any) -> None:
    record.info["sqlite_file"] = _file_identity(path)


def _require_same_file(path: Path, _dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    # An open SQLite connection keeps reading and writing a file that was deleted or replaced
    # under it: writes that no one will ever see. Stat the path (cheap) and reconnect instead;
    # the new connection then fails loudly if the file is gone.
    if _file_identity(path) != record.info.get("sqlite_file"):
        raise DisconnectionError(f"the database file {path} was deleted or replaced")


def failure_reason(error: DBAPIError) -> str:
    """The driver's own first line for a database error (what a log line or a message says)."""
    return str(error.orig).strip().splitlines()[0] if error.orig else str(error)


def check_connection(engine: Engine) -> None:
    """Fail with a one-line error naming the setting when the database does not answer."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        raise ConfigurationError(
            "NONPRO_DATABASE_URL", f"cannot connect to {engine.url!r}: {failure_reason(exc)}"
        ) from None


def database_problem(engine: Engine) -> str | None:
    """Why the database cannot serve (no file, no answer, read-only), or None if it can.

    Asks for no lock: a health check must not queue behind (or hold up) the writers.
    """
    path = sqlite_file(engine.url)
    if path is not None and not path.is_file():
        return f"no database file at {path}"
    try:
        with reading_engine(engine).connect() as connection:
            if path is None:
                read_only = connection.scalar(text("SHOW transaction_read_only")) == "on"
            else:
                connection.exec_driver_sql("SELECT 1")
                read_only = _sqlite_refuses_writes(engine.url, path)
    except DBAPIError as exc:
        return f"the database does not answer: {failure_reason(exc)}"
    return "the database is read-only" if read_only else None


def _sqlite_refuses_writes(url: URL, path: Path) -> bool:
    # SQLite opens a read-only file without complaint and refuses only the first write; WAL
    # mode also writes the -wal and -shm files beside it, so the folder must be writable too.
    if url.query.get("mode") == "ro":
        return True
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return True
    return bool(os.statvfs(path).f_flag & os.ST_RDONLY)


def backend_name(engine: Engine) -> str:
    """``sqlite`` or ``postgresql``."""
    return engine.dialect.name


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit if the block succeeds, roll back if it raises."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def reads_without_transaction(session: Session) -> None:
    """Run the session's statements until its next commit or rollback each on its own, outside a
    transaction: for work that only reads, or writes with one statement, and needs no snapshot
    across its statements (the sign-in check, a screening).

    On PostgreSQL that spares two round trips (BEGIN and COMMIT) of a few per request, and
    PostgreSQL's work for them, on the same cores as the server. On SQLite it keeps a read from
    turning into a write inside one transaction: a write after a read whose snapshot another
    writer has since overtaken fails at once ("database is locked"), where a statement of its
    own waits its turn. Nothing changes in a transaction already under way, or for a session
    bound to a connection rather than the engine (it joins that connection's transaction, as a
    test's session does that is rolled back at its end). Must come before the session's first
    statement.
    """
    bind = session.get_bind()
    if session.in_transaction() or not isinstance(bind, Engine):
        return
    if bind.dialect.name == "sqlite":
        session.connection(execution_options={_NO_BEGIN: True})
    else:
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
