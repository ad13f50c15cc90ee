"""Remember which ticket a ticket closed as 'dubbel' duplicates, so its cards and notices can name it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tickets", sa.Column("duplicate_of", sa.String(32), nullable=True))


def downgrade() -> None:
    op.drop_column("tickets", "duplicate_of")
