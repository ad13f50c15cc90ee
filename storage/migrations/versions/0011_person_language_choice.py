"""A person can choose their language ('taal en'), kept apart from the language last spoken; an announcement's
card for a person is rendered in their language.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("people", sa.Column("preferred_language", sa.String(8), nullable=True))
    op.add_column("announcement_deliveries", sa.Column("language", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("announcement_deliveries") as batch:
        batch.drop_column("language")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("preferred_language")
