"""interagency: members that advise but do not vote; the office of an appeal's signer

Revision ID: interagency_0003
Revises: sanctions_0002
Create Date: 2026-12-07 19:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "interagency_0003"
down_revision: str | Sequence[str] | None = "sanctions_0002"

# The shipped groups (data/groups.yaml) have the intelligence community advise, not vote.
_ADVISES_ONLY = "IC"


def upgrade() -> None:
    with op.batch_alter_table("ia_groups", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("non_voting", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    groups = sa.table(
        "ia_groups",
        sa.column("id", sa.Uuid()),
        sa.column("members", sa.JSON()),
        sa.column("non_voting", sa.JSON()),
    )
    connection = op.get_bind()
    for row in connection.execute(sa.select(groups.c.id, groups.c.members)).all():
        if _ADVISES_ONLY in (row.members or []):
            connection.execute(
                groups.update().where(groups.c.id == row.id).values(non_voting=[_ADVISES_ONLY])
            )
    with op.batch_alter_table("ia_groups", schema=None) as batch_op:
        batch_op.alter_column("non_voting", server_default=None)
    with op.batch_alter_table("ia_escalations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signer_role", sa.String(length=30), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ia_escalations", schema=None) as batch_op:
        batch_op.drop_column("signer_role")
    with op.batch_alter_table("ia_groups", schema=None) as batch_op:
        batch_op.drop_column("non_voting")
