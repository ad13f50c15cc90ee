"""Deliveries by recipient: the fan-out engine asks whether a chat has other live deliveries (then it is paced
through a shared per-conversation budget in rate_limits).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_announcement_deliveries_recipient", "announcement_deliveries", ["recipient_key"])


def downgrade() -> None:
    op.drop_index("ix_announcement_deliveries_recipient", table_name="announcement_deliveries")
