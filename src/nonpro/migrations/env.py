"""Alembic environment: runs on the connection handed in by ``nonpro.migrations.runner``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from nonpro.migrations.metadata import target_metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `nonpro db upgrade`, which provides the connection")
_run(connection)
