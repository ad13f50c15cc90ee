"""Announcements with one delivery row per recipient, the shared send budget, API keys, the release watch's
Message Center posts and run-time settings.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "announcements",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(24), nullable=False, index=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("image_url", sa.String(2000)),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("application", sa.String(200)),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("ack_required", sa.Boolean(), nullable=False),
        sa.Column("ack_deadline", TZ),
        sa.Column("send_at", TZ),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("author_key", sa.String(200), nullable=False, index=True),
        sa.Column("author_name", sa.String(200)),
        sa.Column("source", sa.String(120), nullable=False),
        sa.Column("approver_key", sa.String(200)),
        sa.Column("approver_name", sa.String(200)),
        sa.Column("approved_at", TZ),
        sa.Column("report_conversation_id", sa.String(600)),
        sa.Column("report_activity_id", sa.String(200)),
        sa.Column("release_message_id", sa.String(64)),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("started_at", TZ),
        sa.Column("recalled_at", TZ),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "announcement_deliveries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "announcement_id",
            sa.Integer(),
            sa.ForeignKey("announcements.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("recipient_kind", sa.String(16), nullable=False),
        sa.Column("recipient_key", sa.String(512), nullable=False),
        sa.Column("conversation_id", sa.String(600)),
        sa.Column("activity_id", sa.String(200)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("op", sa.String(16)),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("run_at", TZ, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("locked_by", sa.String(100)),
        sa.Column("locked_until", TZ),
        sa.Column("last_error", sa.Text()),
        sa.Column("reason", sa.String(300)),
        sa.Column("sent_at", TZ),
        sa.Column("acknowledged_at", TZ),
        sa.Column("clicks", sa.Integer(), nullable=False),
        sa.UniqueConstraint("announcement_id", "recipient_key", name="uq_announcement_deliveries_recipient"),
    )
    op.create_index("ix_announcement_deliveries_due", "announcement_deliveries", ["op", "run_at"])
    op.create_index("ix_announcement_deliveries_status", "announcement_deliveries", ["announcement_id", "status"])
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("next_at", TZ, nullable=False),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("last_used_at", TZ),
        sa.Column("revoked_at", TZ),
    )
    op.create_table(
        "release_messages",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("services", sa.JSON(), nullable=False),
        sa.Column("category", sa.String(64)),
        sa.Column("severity", sa.String(32)),
        sa.Column("is_major_change", sa.Boolean(), nullable=False),
        sa.Column("action_required_by", TZ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("last_modified", TZ, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("listed_at", TZ),
        sa.Column("announcement_id", sa.Integer(), sa.ForeignKey("announcements.id", ondelete="SET NULL")),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )


def downgrade() -> None:
    for table in ("settings", "release_messages", "api_keys", "rate_limits", "announcement_deliveries"):
        op.drop_table(table)
    op.drop_table("announcements")
