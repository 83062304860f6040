"""What every command needs: settings, the database, the acting principal, output helpers."""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal, local_operator
from nonpro.core.db import check_connection, make_engine, make_session_factory, transaction
from nonpro.core.errors import ConfigurationError
from nonpro.core.settings import Settings, get_settings
from nonpro.migrations import runner

Result = TypeVar("Result")

# Messages are never wrapped: an id, a path or a reference broken over two lines cannot be copied
# or read by a script. Tables still fit the terminal.
console = Console(soft_wrap=True)
error_console = Console(stderr=True, soft_wrap=True)


def settings() -> Settings:
    return get_settings()


@lru_cache(maxsize=1)
def engine() -> Engine:
    built = make_engine(settings().database_url)
    check_connection(built)
    return built


@contextmanager
def unit_of_work(*, migrated: bool = True) -> Iterator[Session]:
    """One command, one transaction: committed when the command's block succeeds."""
    if migrated and not runner.is_up_to_date(engine()):
        raise ConfigurationError(
            "NONPRO_DATABASE_URL", "the database is not migrated; run `nonpro db upgrade` first"
        )
    with transaction(make_session_factory(engine())) as session:
        yield session


def operator() -> Principal:
    return local_operator(getpass.getuser())


def print_json(value: Any) -> None:
    console.print_json(json.dumps(value, default=str, ensure_ascii=False))


def run_as_operator(service: Callable[..., Result], *args: Any, **options: Any) -> Result:
    """One service run as the local operator, in the command's one transaction."""
    with unit_of_work() as session:
        return service(*args, session=session, actor=operator(), **options)


def run_query(service: Callable[..., Result], *args: Any, **options: Any) -> Result:
    """One service that needs no actor (a read), in the command's one transaction."""
    with unit_of_work() as session:
        return service(*args, session=session, **options)
