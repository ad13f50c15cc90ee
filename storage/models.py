"""SQLAlchemy models: the FAQ, conversation references and every question asked."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import ClassVar

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from vocabulary import GroupKind, Level, ProposalStatus, Role, TicketStatus


def utcnow() -> datetime:
    """Timezone-aware now, the only clock the storage layer uses."""
    return datetime.now(timezone.utc)


class UtcDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every engine (SQLite stores them naive; this puts UTC back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use storage.models.utcnow()")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    """Declarative base for all Vraagbaak tables."""

    type_annotation_map = {datetime: UtcDateTime()}
    __table__: ClassVar[Table]  # every model here maps one Table (SQLAlchemy types it as any FromClause)


FAQ_ID_LENGTH = 200
"""Longest FAQ entry id a row holds (files with longer ones are refused)."""
FAQ_APPLICATION_LENGTH = 200
"""Longest application name of an FAQ entry."""


class FaqEntry(Base):
    """One FAQ entry as functional management maintains it."""

    __tablename__ = "faq_entries"

    id: Mapped[str] = mapped_column(String(FAQ_ID_LENGTH), primary_key=True)
    application: Mapped[str] = mapped_column(String(FAQ_APPLICATION_LENGTH), index=True)
    question: Mapped[str] = mapped_column(Text)
    alternates: Mapped[list[str]] = mapped_column(JSON, default=list)
    answer: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)


class KbState(Base):
    """A single row whose revision grows with every FAQ change, so every instance can see it."""

    __tablename__ = "kb_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)


class ConversationRef(Base):
    """Where the bot can reach a chat or channel later (proactive messages)."""

    __tablename__ = "conversation_refs"

    conversation_id: Mapped[str] = mapped_column(String(512), primary_key=True)
    conversation_type: Mapped[str] = mapped_column(String(32))
    user_key: Mapped[str | None] = mapped_column(String(200), index=True)
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    service_url: Mapped[str] = mapped_column(String(500))
    reference: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Question(Base):
    """Every question asked, with what the bot did about it and what the asker thought."""

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    asked_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_key: Mapped[str] = mapped_column(String(200), index=True)
    user_name: Mapped[str | None] = mapped_column(String(200))
    conversation_id: Mapped[str] = mapped_column(String(512))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16), index=True)
    entry_id: Mapped[str | None] = mapped_column(String(200), index=True)
    score: Mapped[float | None] = mapped_column(Float)
    candidates: Mapped[list[dict]] = mapped_column(JSON, default=list)
    feedback: Mapped[str | None] = mapped_column(String(16))
    feedback_at: Mapped[datetime | None] = mapped_column()
    escalated_at: Mapped[datetime | None] = mapped_column()


class EmbeddingVector(Base):
    """A text's embedding, kept so restarts and other instances need not compute it again."""

    __tablename__ = "embedding_vectors"

    model: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


# --------------------------------------------------------------------------- key users and tickets
WORD_LENGTH = 100
"""Longer words are stored cut to this length in ticket_words (both when stored and when looked up)."""


class Person(Base):
    """Someone Vraagbaak knows: role, department and how to reach them, keyed by Entra object id."""

    __tablename__ = "people"

    user_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    department: Mapped[str | None] = mapped_column(String(200), index=True)
    role: Mapped[str] = mapped_column(String(32), default=Role.EMPLOYEE)
    teams_id: Mapped[str | None] = mapped_column(String(200))
    """Channel user id (29:...), needed to open a 1:1 chat."""
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(8))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class KeyUserGroup(Base):
    """Key users of one application (optionally one department), or functional management above them."""

    __tablename__ = "key_user_groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32), default=GroupKind.KEY_USERS)
    """'key_users' (first line) or 'functional_management' (second line)."""
    application: Mapped[str | None] = mapped_column(String(200), index=True)
    """None for a functional-management group that covers every application."""
    department: Mapped[str | None] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("key_user_groups.id", ondelete="SET NULL"))
    """The functional-management group above a key-user group."""
    channel_id: Mapped[str | None] = mapped_column(String(512))
    """Teams channel id (19:...@thread.tacv2); its conversation reference is looked up in conversation_refs."""
    channel_name: Mapped[str | None] = mapped_column(String(200))
    team_id: Mapped[str | None] = mapped_column(String(512))
    response_target_minutes: Mapped[int | None] = mapped_column(Integer)
    """First-response target in working minutes; None means the default (one working day)."""
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class GroupMember(Base):
    """A key user (or functional manager) in a group; at most one chair per group."""

    __tablename__ = "group_members"

    group_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("key_user_groups.id", ondelete="CASCADE"), primary_key=True
    )
    user_key: Mapped[str] = mapped_column(String(200), ForeignKey("people.user_key"), primary_key=True)
    is_chair: Mapped[bool] = mapped_column(Boolean, default=False)


class Ticket(Base):
    """A question handed to people: first line (key users) or second line (functional management)."""

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    question_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("questions.id"), unique=True)
    """The logged question it came from; unique, so a repeated 'create' makes one ticket."""
    group_id: Mapped[int] = mapped_column(Integer, ForeignKey("key_user_groups.id"), index=True)
    second_group_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("key_user_groups.id"))
    level: Mapped[str] = mapped_column(String(16), default=Level.FIRST)
    status: Mapped[str] = mapped_column(String(16), default=TicketStatus.OPEN, index=True)
    application: Mapped[str] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(200))
    asker_key: Mapped[str] = mapped_column(String(200), index=True)
    asker_name: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="nl")
    text: Mapped[str] = mapped_column(Text)
    context: Mapped[str | None] = mapped_column(Text)
    match_key: Mapped[str] = mapped_column(Text, default="")
    """The question's analysed words, sorted: how near-identical questions are found."""
    match_size: Mapped[int] = mapped_column(Integer, default=0)
    """How many words match_key has: near-identical questions have about as many."""
    assignee_key: Mapped[str | None] = mapped_column(String(200))
    assignee_name: Mapped[str | None] = mapped_column(String(200))
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_key: Mapped[str | None] = mapped_column(String(200))
    answered_by_name: Mapped[str | None] = mapped_column(String(200))
    escalation_reason: Mapped[str | None] = mapped_column(Text)
    close_reason: Mapped[str | None] = mapped_column(String(32))
    duplicate_of: Mapped[str | None] = mapped_column(String(32))
    """Number of the ticket this one duplicates, when closed as 'duplicate' (migration 0006)."""
    reopen_remark: Mapped[str | None] = mapped_column(Text)
    faq_proposed: Mapped[bool] = mapped_column(Boolean, default=False)
    thread_id: Mapped[str | None] = mapped_column(String(600))
    """First-line channel thread (conversation id '<channel>;messageid=<root>')."""
    card_activity_id: Mapped[str | None] = mapped_column(String(200))
    second_thread_id: Mapped[str | None] = mapped_column(String(600))
    second_card_activity_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    due_at: Mapped[datetime | None] = mapped_column()
    first_response_at: Mapped[datetime | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        Index("ix_tickets_group_status", "group_id", "status"),
        Index("ix_tickets_second_group_status", "second_group_id", "status"),
    )
    __mapper_args__ = {"version_id_col": version}
    """Optimistic locking: a change made from a stale read raises StaleDataError instead of winning twice."""


class TicketAsker(Base):
    """Everyone waiting for a ticket's answer: the first asker and those whose same question was linked."""

    __tablename__ = "ticket_askers"

    ticket_id: Mapped[int] = mapped_column(Integer, ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True)
    user_key: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    question_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("questions.id"))
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)


class TicketWord(Base):
    """One analysed word of a ticket's question: finds near-identical questions without reading every open ticket."""

    __tablename__ = "ticket_words"

    word: Mapped[str] = mapped_column(String(WORD_LENGTH), primary_key=True)
    ticket_id: Mapped[int] = mapped_column(Integer, ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True)


class TicketCounter(Base):
    """Last ticket number handed out per year (VB-<year>-<n>)."""

    __tablename__ = "ticket_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class TicketEvent(Base):
    """Append-only history of a ticket: who did what, when (the database refuses updates and deletes)."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(Integer, ForeignKey("tickets.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_key: Mapped[str | None] = mapped_column(String(200))
    actor_name: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict] = mapped_column(JSON, default=dict)


class FaqProposal(Base):
    """A ticket's answer proposed as FAQ entry, for functional management to approve, edit or reject."""

    __tablename__ = "faq_proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(Integer, ForeignKey("tickets.id"), unique=True)
    group_id: Mapped[int] = mapped_column(Integer, ForeignKey("key_user_groups.id"))
    """The functional-management group that decides."""
    entry_id: Mapped[str | None] = mapped_column(String(200))
    application: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text)
    alternates: Mapped[list[str]] = mapped_column(JSON, default=list)
    answer: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=ProposalStatus.PENDING)
    proposed_by_key: Mapped[str] = mapped_column(String(200))
    proposed_by_name: Mapped[str | None] = mapped_column(String(200))
    decided_by_key: Mapped[str | None] = mapped_column(String(200))
    decided_by_name: Mapped[str | None] = mapped_column(String(200))
    thread_id: Mapped[str | None] = mapped_column(String(600))
    card_activity_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Job(Base):
    """Durable work: outgoing messages and timers, claimed by one instance at a time, retried with back-off.

    Jobs with the same serial_key run one after another in id order (e.g. every post about one ticket).
    """

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    run_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    """pending, running, done, failed (gave up) or cancelled."""
    serial_key: Mapped[str | None] = mapped_column(String(200), index=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=8)
    locked_by: Mapped[str | None] = mapped_column(String(100))
    locked_until: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (Index("ix_jobs_status_run_at", "status", "run_at"),)
