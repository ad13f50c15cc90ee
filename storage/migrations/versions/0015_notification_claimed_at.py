"""A delivery keeps when a run took its activity-feed notification to send: a second run of the same job takes over
only one whose sender was cut off long ago, never one another live run has in flight.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("announcement_deliveries", sa.Column("notification_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("announcement_deliveries") as batch:
        batch.drop_column("notification_at")
