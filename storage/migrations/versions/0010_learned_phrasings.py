"""Learned phrasings: questions asked in use that functional management approves as phrasings of an entry.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "learned_phrasings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("entry_id", sa.String(200), nullable=False, index=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_key", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("confirmations", sa.Integer(), nullable=False),
        sa.Column("counter_signals", sa.Integer(), nullable=False),
        sa.Column("kinds", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("decided_at", TZ, nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.UniqueConstraint("entry_id", "text_key", name="uq_learned_phrasings_entry_text"),
    )


def downgrade() -> None:
    op.drop_table("learned_phrasings")
