"""The Alembic migrations and the models describe the same schema, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from nonpro.migrations import runner
from nonpro.migrations.metadata import target_metadata


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, target_metadata)
    assert differences == []


def test_database_is_at_the_newest_revision(engine: Engine) -> None:
    assert runner.is_up_to_date(engine)


def test_upgrade_is_idempotent(engine: Engine) -> None:
    runner.upgrade(engine)
    assert {"users", "agencies", "api_tokens", "audit_log"} <= set(
        inspect(engine).get_table_names()
    )


def test_one_chain_of_migrations(engine: Engine) -> None:
    """Capabilities land in parallel: each new migration must follow the newest committed one."""
    heads = runner.script_heads(engine)
    assert len(heads) == 1, f"several heads {sorted(heads)}: set down_revision to the newest"
