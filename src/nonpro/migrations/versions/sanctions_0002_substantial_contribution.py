"""sanctions: a determination records the substantial-contribution finding its import ban needs

Revision ID: sanctions_0002
Revises: interagency_0002
Create Date: 2026-12-07 19:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "sanctions_0002"
down_revision: str | Sequence[str] | None = "interagency_0002"


def upgrade() -> None:
    # Determinations already stored made no such finding on record: false, as the default.
    with op.batch_alter_table("sanctions_determinations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "substantial_contribution", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("sanctions_determinations", schema=None) as batch_op:
        batch_op.drop_column("substantial_contribution")
