"""Key-user groups, people and roles, tickets with their append-only history, FAQ proposals and durable jobs.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)

_PG_APPEND_ONLY = (
    "CREATE FUNCTION ticket_events_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'ticket_events is append-only'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER ticket_events_no_update BEFORE UPDATE OR DELETE ON ticket_events "
    "FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only()",
)


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("user_key", sa.String(200), primary_key=True),
        sa.Column("name", sa.String(200)),
        sa.Column("email", sa.String(320)),
        sa.Column("department", sa.String(200), index=True),
        sa.Column("role", sa.String(32), nullable=False, server_default="employee"),
        sa.Column("teams_id", sa.String(200)),
        sa.Column("tenant_id", sa.String(64)),
        sa.Column("language", sa.String(8)),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "key_user_groups",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False, server_default="key_users"),
        sa.Column("application", sa.String(200), index=True),
        sa.Column("department", sa.String(200)),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("key_user_groups.id", ondelete="SET NULL")),
        sa.Column("channel_id", sa.String(512)),
        sa.Column("channel_name", sa.String(200)),
        sa.Column("team_id", sa.String(512)),
        sa.Column("response_target_minutes", sa.Integer()),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "group_members",
        sa.Column("group_id", sa.Integer(), sa.ForeignKey("key_user_groups.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("user_key", sa.String(200), sa.ForeignKey("people.user_key"), primary_key=True),
        sa.Column("is_chair", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("number", sa.String(32), nullable=False, unique=True),
        sa.Column("question_id", sa.Integer(), sa.ForeignKey("questions.id"), unique=True),
        sa.Column("group_id", sa.Integer(), sa.ForeignKey("key_user_groups.id"), nullable=False, index=True),
        sa.Column("second_group_id", sa.Integer(), sa.ForeignKey("key_user_groups.id")),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("application", sa.String(200), nullable=False),
        sa.Column("department", sa.String(200)),
        sa.Column("asker_key", sa.String(200), nullable=False, index=True),
        sa.Column("asker_name", sa.String(200)),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("context", sa.Text()),
        sa.Column("match_key", sa.Text(), nullable=False),
        sa.Column("assignee_key", sa.String(200)),
        sa.Column("assignee_name", sa.String(200)),
        sa.Column("answer", sa.Text()),
        sa.Column("answered_by_key", sa.String(200)),
        sa.Column("answered_by_name", sa.String(200)),
        sa.Column("escalation_reason", sa.Text()),
        sa.Column("close_reason", sa.String(32)),
        sa.Column("reopen_remark", sa.Text()),
        sa.Column("faq_proposed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("thread_id", sa.String(600)),
        sa.Column("card_activity_id", sa.String(200)),
        sa.Column("second_thread_id", sa.String(600)),
        sa.Column("second_card_activity_id", sa.String(200)),
        sa.Column("created_at", TZ, nullable=False, index=True),
        sa.Column("due_at", TZ),
        sa.Column("first_response_at", TZ),
        sa.Column("closed_at", TZ),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_tickets_group_status", "tickets", ["group_id", "status"])
    op.create_index("ix_tickets_second_group_status", "tickets", ["second_group_id", "status"])
    op.create_table(
        "ticket_askers",
        sa.Column("ticket_id", sa.Integer(), sa.ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("user_key", sa.String(200), primary_key=True, index=True),
        sa.Column("name", sa.String(200)),
        sa.Column("question_id", sa.Integer(), sa.ForeignKey("questions.id")),
        sa.Column("linked_at", TZ, nullable=False),
    )
    op.create_table(
        "ticket_counters",
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last", sa.Integer(), nullable=False),
    )
    op.create_table(
        "ticket_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("ticket_id", sa.Integer(), sa.ForeignKey("tickets.id"), nullable=False, index=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor_key", sa.String(200)),
        sa.Column("actor_name", sa.String(200)),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_table(
        "faq_proposals",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("ticket_id", sa.Integer(), sa.ForeignKey("tickets.id"), nullable=False, unique=True),
        sa.Column("group_id", sa.Integer(), sa.ForeignKey("key_user_groups.id"), nullable=False),
        sa.Column("entry_id", sa.String(200)),
        sa.Column("application", sa.String(200), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("alternates", sa.JSON(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("proposed_by_key", sa.String(200), nullable=False),
        sa.Column("proposed_by_name", sa.String(200)),
        sa.Column("decided_by_key", sa.String(200)),
        sa.Column("decided_by_name", sa.String(200)),
        sa.Column("thread_id", sa.String(600)),
        sa.Column("card_activity_id", sa.String(200)),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("decided_at", TZ),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("run_at", TZ, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("serial_key", sa.String(200), index=True),
        sa.Column("dedupe_key", sa.String(200), unique=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_by", sa.String(100)),
        sa.Column("locked_until", TZ),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("finished_at", TZ),
    )
    op.create_index("ix_jobs_status_run_at", "jobs", ["status", "run_at"])
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_APPEND_ONLY:
            op.execute(statement)
    else:
        op.execute("CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events "
                   "BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END")
        op.execute("CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events "
                   "BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS ticket_events_no_update ON ticket_events")
        op.execute("DROP FUNCTION IF EXISTS ticket_events_append_only()")
    for table in ("jobs", "faq_proposals", "ticket_events", "ticket_counters", "ticket_askers", "tickets",
                  "group_members", "key_user_groups", "people"):
        op.drop_table(table)
