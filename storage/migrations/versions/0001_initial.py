"""FAQ entries, KB revision, conversation references and the question log.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "faq_entries",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("application", sa.String(200), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("alternates", sa.JSON(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_faq_entries_application", "faq_entries", ["application"])
    op.create_table(
        "kb_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("revision", sa.Integer(), nullable=False),
    )
    op.bulk_insert(sa.table("kb_state", sa.column("id"), sa.column("revision")), [{"id": 1, "revision": 0}])
    op.create_table(
        "conversation_refs",
        sa.Column("conversation_id", sa.String(512), primary_key=True),
        sa.Column("conversation_type", sa.String(32), nullable=False),
        sa.Column("user_key", sa.String(200), nullable=True),
        sa.Column("tenant_id", sa.String(64), nullable=True),
        sa.Column("service_url", sa.String(500), nullable=False),
        sa.Column("reference", sa.JSON(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_index("ix_conversation_refs_user_key", "conversation_refs", ["user_key"])
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("asked_at", TZ, nullable=False),
        sa.Column("user_key", sa.String(200), nullable=False),
        sa.Column("user_name", sa.String(200), nullable=True),
        sa.Column("conversation_id", sa.String(512), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("entry_id", sa.String(200), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("feedback", sa.String(16), nullable=True),
        sa.Column("feedback_at", TZ, nullable=True),
        sa.Column("escalated_at", TZ, nullable=True),
    )
    op.create_index("ix_questions_asked_at", "questions", ["asked_at"])
    op.create_index("ix_questions_user_key", "questions", ["user_key"])
    op.create_index("ix_questions_outcome", "questions", ["outcome"])
    op.create_index("ix_questions_entry_id", "questions", ["entry_id"])


def downgrade() -> None:
    op.drop_table("questions")
    op.drop_table("conversation_refs")
    op.drop_table("kb_state")
    op.drop_table("faq_entries")
