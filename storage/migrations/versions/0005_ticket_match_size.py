"""Add tickets.match_size where it is missing and fill it from match_key.

Stop 5 created the tickets table (0003) without match_size; the column was later added to 0003 itself, so a
database migrated at stop 5 never got it. Databases created since have it already and are left as they are.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    connection = op.get_bind()
    if "match_size" in {column["name"] for column in sa.inspect(connection).get_columns("tickets")}:
        return
    op.add_column("tickets", sa.Column("match_size", sa.Integer(), nullable=False, server_default="0"))
    set_size = sa.text("UPDATE tickets SET match_size = :size WHERE id = :id")
    sizes = [{"id": ticket_id, "size": len(set((key or "").split()))}
             for ticket_id, key in connection.execute(sa.text("SELECT id, match_key FROM tickets")).all()]
    for start in range(0, len(sizes), BATCH):
        connection.execute(set_size, sizes[start:start + BATCH])


def downgrade() -> None:
    pass  # the column belongs to 0003 on databases created since; dropping it here would break them
