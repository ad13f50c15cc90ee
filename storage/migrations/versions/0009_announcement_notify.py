"""An announcement can ask for an activity-feed notification with each person's card; each delivery keeps its own.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("announcements", sa.Column("notify", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("announcement_deliveries", sa.Column("notification", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("announcement_deliveries") as batch:
        batch.drop_column("notification")
    with op.batch_alter_table("announcements") as batch:
        batch.drop_column("notify")
