"""Keep the remark of a functional manager who sent an announcement back, so its author's card can show it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("announcements", sa.Column("review_remark", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("announcements", "review_remark")
