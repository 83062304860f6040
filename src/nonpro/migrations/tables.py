"""What every table of the migrations repeats, written once.

The models share their keys and column groups (``UUIDPrimaryKey``, ``parent_key``, ``Username``
with ``WrittenAt``); Alembic's autogenerate spelled them out again in every table. These helpers
emit the same DDL as the spelled-out form (the same names, from ``nonpro.core.db``'s naming
convention, in the same order), so a database migrated before they existed and one migrated
after are alike; ``tests/core/test_migrations.py`` checks the result against the models.

A migration, once released, must keep producing the same schema: change a helper here only in
a way that leaves every existing table as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import sqlalchemy as sa
from alembic import op

from nonpro.core.db import UTCDateTime

# Keys of ``Column.info`` by which a column helper asks ``create_table`` for a foreign key or an
# index; the info itself is not part of the DDL.
_REFERENCES = "nonpro_references"
_INDEX = "nonpro_index"


class References(NamedTuple):
    """A foreign key of one column: ``References("case_id", "cases.id", "CASCADE")``."""

    column: str
    target: str
    ondelete: str | None = None


def parent_key(
    name: str, target: str, *, ondelete: str = "CASCADE", nullable: bool = False
) -> sa.Column[Any]:
    """The key of the row this one belongs to (``nonpro.core.db.parent_key``): a UUID with a
    foreign key to ``target``, indexed."""
    return sa.Column(
        name,
        sa.Uuid(),
        nullable=nullable,
        info={_REFERENCES: References(name, target, ondelete), _INDEX: True},
    )


def country_code(name: str, *, nullable: bool = False) -> sa.Column[Any]:
    """A country by its ISO 3166 alpha-3 code, indexed (``nonpro.core.db.CountryCode``)."""
    return sa.Column(name, sa.String(length=3), nullable=nullable, info={_INDEX: True})


def written(action: str, *, nullable: bool = False) -> tuple[sa.Column[Any], sa.Column[Any]]:
    """``<action>_by`` (a username) and ``<action>_at`` (a time): who wrote the row, and when."""
    return (
        sa.Column(f"{action}_by", sa.String(length=200), nullable=nullable),
        sa.Column(f"{action}_at", UTCDateTime(timezone=True), nullable=nullable),
    )


def create_table(
    name: str,
    *columns: sa.Column[Any] | sa.Constraint,
    references: Sequence[References] = (),
    unique: Sequence[str | tuple[str, ...]] = (),
    index: Sequence[str] = (),
) -> None:
    """Create ``name`` with its ``columns``, then the UUID key ``id``, the foreign keys, the
    unique constraints (a tuple is one constraint over several columns) and an index on each
    column named in ``index``. Foreign keys and indexes are emitted in column-name order (as
    autogenerate wrote them), with those that ``parent_key``/``country_code`` columns ask for."""
    plain = [column for column in columns if isinstance(column, sa.Column)]
    references = sorted(
        [*references, *(c.info[_REFERENCES] for c in plain if _REFERENCES in c.info)],
        key=lambda reference: reference.column,
    )
    indexed = sorted({*index, *(c.name for c in plain if c.info.get(_INDEX))})
    op.create_table(
        name,
        *columns,
        sa.Column("id", sa.Uuid(), nullable=False),
        *(_foreign_key(name, reference) for reference in references),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        *(_unique(name, (cols,) if isinstance(cols, str) else cols) for cols in unique),
    )
    create_indexes(name, *indexed)


def create_indexes(table: str, *columns: str) -> None:
    """A plain index on each column, named as the models name it (``ix_<table>_<column>``)."""
    if not columns:
        return
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def drop_indexes(table: str, *columns: str) -> None:
    """Undo ``create_indexes``."""
    if not columns:
        return
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))


def drop_tables(*tables: str) -> None:
    """Drop each table in order (children before parents); its indexes go with it."""
    for table in tables:
        op.drop_table(table)


def _foreign_key(table: str, reference: References) -> sa.ForeignKeyConstraint:
    parent = reference.target.split(".", 1)[0]
    return sa.ForeignKeyConstraint(
        [reference.column],
        [reference.target],
        name=op.f(f"fk_{table}_{reference.column}_{parent}"),
        ondelete=reference.ondelete,
    )


def _unique(table: str, columns: tuple[str, ...]) -> sa.UniqueConstraint:
    return sa.UniqueConstraint(*columns, name=op.f(f"uq_{table}_{columns[0]}"))
