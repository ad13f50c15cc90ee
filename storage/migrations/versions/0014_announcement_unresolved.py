"""An announcement counts the people whose chat Graph is still to open, so it is sent only once they all have a
delivery row (chunked, resumable audience resolution).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("announcements", sa.Column("unresolved", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("announcements") as batch:
        batch.drop_column("unresolved")
