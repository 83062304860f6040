"""What every command needs: settings, the database, the acting principal, output helpers."""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from typing import Any

from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from nonpro.accounts.schemas import Principal, local_operator
from nonpro.core.db import check_connection, make_engine, make_session_factory, transaction
from nonpro.core.errors import ConfigurationError, InvalidInput
from nonpro.core.settings import Settings, get_settings
from nonpro.migrations import runner

console = Console()
error_console = Console(stderr=True)


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


def parse_day(text: str | None, field: str) -> date | None:
    """A ``YYYY-MM-DD`` option or argument, None when not given; a bad one names ``field``."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(field, f"{text!r} is not a date (YYYY-MM-DD)") from None
