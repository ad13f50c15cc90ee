"""A delivery keeps Graph's error code beside its reason key, and who posted a channel card meant to go as its author.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("announcement_deliveries", sa.Column("reason_code", sa.String(100), nullable=True))
    op.add_column("announcement_deliveries", sa.Column("poster", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("announcement_deliveries") as batch:
        batch.drop_column("poster")
        batch.drop_column("reason_code")
