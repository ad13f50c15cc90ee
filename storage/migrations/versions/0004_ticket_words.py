"""Index tickets' analysed words, so a near-identical question is found without reading every open ticket.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

WORD_LENGTH = 100  # storage.models.WORD_LENGTH when this revision was written


def upgrade() -> None:
    words = op.create_table(
        "ticket_words",
        sa.Column("word", sa.String(WORD_LENGTH), primary_key=True),
        sa.Column("ticket_id", sa.Integer(), sa.ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True),
    )
    connection = op.get_bind()
    rows = []
    for ticket_id, key in connection.execute(sa.text("SELECT id, match_key FROM tickets")):
        rows.extend({"word": word, "ticket_id": ticket_id} for word in {w[:WORD_LENGTH] for w in (key or "").split()})
        if len(rows) >= 5000:
            op.bulk_insert(words, rows)
            rows = []
    if rows:
        op.bulk_insert(words, rows)


def downgrade() -> None:
    op.drop_table("ticket_words")
