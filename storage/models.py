"""SQLAlchemy models: the FAQ, conversation references and every question asked."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from vocabulary import (
    AnnouncementKind,
    AnnouncementStatus,
    DeliveryStatus,
    GroupKind,
    Level,
    PhrasingStatus,
    ProposalStatus,
    ReleaseMessageStatus,
    Role,
    TicketStatus,
)


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
    """The language we last spoke with them: their messages' own, else their Teams client's."""
    preferred_language: Mapped[str | None] = mapped_column(String(8))
    """The language they chose ('taal en'); it wins over everything else."""
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


# --------------------------------------------------------------------------- announcements (migration 0007)
class Announcement(Base):
    """A release note or update announcement: written in Teams or through the API, sent to an audience."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32), default=AnnouncementKind.UPDATE)
    status: Mapped[str] = mapped_column(String(24), default=AnnouncementStatus.DRAFT, index=True)
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    """Markdown, as Adaptive Card TextBlocks render it."""
    image_url: Mapped[str | None] = mapped_column(String(2000))
    links: Mapped[list[dict]] = mapped_column(JSON, default=list)
    """Up to three link buttons: [{"title": str, "url": str}]."""
    application: Mapped[str | None] = mapped_column(String(200))
    audience: Mapped[dict] = mapped_column(JSON, default=dict)
    """The API's audience object, e.g. {"groups": ["Kerngebruikers Zaaksysteem"]} (vocabulary.AudienceKind keys)."""
    ack_required: Mapped[bool] = mapped_column(Boolean, default=False)
    """'Vraag om bevestiging': the card has 'Gelezen' and the report counts acknowledgements."""
    ack_deadline: Mapped[datetime | None] = mapped_column()
    """When those who have not acknowledged get a reminder (None: no reminder)."""
    send_at: Mapped[datetime | None] = mapped_column()
    """When it goes out (None: when it is sent by hand)."""
    language: Mapped[str] = mapped_column(String(8), default="nl")
    """Language of the texts around the author's words on the card (buttons, labels)."""
    revision: Mapped[int] = mapped_column(Integer, default=1)
    """Grows with every edit of the content; a delivery whose card shows an older revision gets an update."""
    author_key: Mapped[str] = mapped_column(String(200), index=True)
    author_name: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(120), default="teams")
    """'teams', 'api:<key name>', 'entra:<object id>', 'golive' or 'release-watch'."""
    approver_key: Mapped[str | None] = mapped_column(String(200))
    approver_name: Mapped[str | None] = mapped_column(String(200))
    approved_at: Mapped[datetime | None] = mapped_column()
    review_remark: Mapped[str | None] = mapped_column(Text)
    """Why the last reviewer sent it back to its author (cleared when it is submitted again)."""
    report_conversation_id: Mapped[str | None] = mapped_column(String(600))
    """Where the author's card with the live counts is (their chat or the functional-management thread)."""
    report_activity_id: Mapped[str | None] = mapped_column(String(200))
    notify: Mapped[bool] = mapped_column(Boolean, default=False)
    """An activity-feed notification goes with each person's card (job announcement.notify)."""
    release_message_id: Mapped[str | None] = mapped_column(String(64))
    """The Message Center post it was drafted from ('MC172851'), if any."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column()
    """When its audience was resolved and the deliveries were written."""
    unresolved: Mapped[int] = mapped_column(Integer, default=0)
    """People of the audience whose chat Graph is still to open (`announcement.resolve` jobs): no delivery row yet,
    and the announcement is not sent before they have one."""
    recalled_at: Mapped[datetime | None] = mapped_column()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class AnnouncementDelivery(Base):
    """One recipient of an announcement (a person's chat or a channel): the fan-out engine's unit of work.

    A row with `op` set is due work: claimed by one worker at a time (`locked_by` until `locked_until`, rows
    skipped with SKIP LOCKED on PostgreSQL), retried with back-off via `run_at`, and done when `op` is NULL again.
    """

    __tablename__ = "announcement_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    announcement_id: Mapped[int] = mapped_column(Integer, ForeignKey("announcements.id", ondelete="CASCADE"))
    recipient_kind: Mapped[str] = mapped_column(String(16))
    """vocabulary.RecipientKind: personal or channel."""
    recipient_key: Mapped[str] = mapped_column(String(512))
    """The person's user_key (Entra object id) or the channel id: unique per announcement."""
    conversation_id: Mapped[str | None] = mapped_column(String(600))
    """Where the card is (the person's 1:1 chat, the channel thread), once known."""
    activity_id: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default=DeliveryStatus.PENDING)
    op: Mapped[str | None] = mapped_column(String(16))
    """vocabulary.DeliveryOp still to do (send, update, delete), or None when nothing is due."""
    revision: Mapped[int] = mapped_column(Integer, default=0)
    """The announcement revision the posted card shows (0: nothing posted yet)."""
    run_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_by: Mapped[str | None] = mapped_column(String(100))
    locked_until: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(String(300))
    """Why a recipient is unreachable, or why the bot posted a card meant to be posted as the author: a key of
    i18n UNREACHABLE_REASON or POSTER_REASON."""
    reason_code: Mapped[str | None] = mapped_column(String(100))
    """Graph's error code behind `reason`, when Graph refused (shown raw in the CSV report)."""
    poster: Mapped[str | None] = mapped_column(String(16))
    """vocabulary.Poster of a channel card meant to be posted as its author (None: the bot, as always)."""
    sent_at: Mapped[datetime | None] = mapped_column()
    acknowledged_at: Mapped[datetime | None] = mapped_column()
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    notification: Mapped[str | None] = mapped_column(String(16))
    """vocabulary.NotificationStatus of its activity-feed notification (None: none asked)."""
    notification_at: Mapped[datetime | None] = mapped_column()
    """When a run took its notification to send: one still 'sending' long after was cut off, not in flight."""
    language: Mapped[str | None] = mapped_column(String(8))
    """A person's own language for the card's texts ('taal en'); None: the announcement's."""

    __table_args__ = (
        UniqueConstraint("announcement_id", "recipient_key", name="uq_announcement_deliveries_recipient"),
        Index("ix_announcement_deliveries_due", "op", "run_at"),
        Index("ix_announcement_deliveries_status", "announcement_id", "status"),
        Index("ix_announcement_deliveries_recipient", "recipient_key"),
    )


class RateLimit(Base):
    """A send budget shared by every instance: the earliest moment the next send of `key` may go (a virtual clock).

    A worker takes n sends at once by moving `next_at` forward by n / rate in one UPDATE, so the limit holds in
    aggregate however many instances send.
    """

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    next_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiKey(Base):
    """A key for the announcements API (release pipelines, scripts); only its SHA-256 is stored."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    """The key's first characters, so a listing can tell keys apart without showing them."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class ReleaseMessage(Base):
    """A Microsoft 365 Message Center post the release watch read, and what functional management did with it."""

    __tablename__ = "release_messages"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    """Graph's id, e.g. 'MC172851'."""
    title: Mapped[str] = mapped_column(String(500))
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    category: Mapped[str | None] = mapped_column(String(64))
    severity: Mapped[str | None] = mapped_column(String(32))
    is_major_change: Mapped[bool] = mapped_column(Boolean, default=False)
    action_required_by: Mapped[datetime | None] = mapped_column()
    body: Mapped[str] = mapped_column(Text, default="")
    """The post's text (HTML reduced to plain text)."""
    last_modified: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default=ReleaseMessageStatus.NEW, index=True)
    listed_at: Mapped[datetime | None] = mapped_column()
    announcement_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("announcements.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Setting(Base):
    """A setting functional management can change at run time (e.g. four-eyes approval), shared by every instance."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class LearnedPhrasing(Base):
    """A question asked in use, learned as a phrasing of the FAQ entry that answered it (never with personal data).

    A row whose entry_id is NOT_FAQ_ENTRY ('') is a real out-of-scope question: a ticket closed as 'geen FAQ'."""

    __tablename__ = "learned_phrasings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[str] = mapped_column(String(FAQ_ID_LENGTH), index=True)
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str] = mapped_column(String(40))
    """SHA-1 of the text's folded words: the same question in other case or punctuation is one phrasing."""
    status: Mapped[str] = mapped_column(String(16), default=PhrasingStatus.PROPOSED, index=True)
    confirmations: Mapped[int] = mapped_column(Integer, default=0)
    """Independent askers whose signal confirmed it."""
    counter_signals: Mapped[int] = mapped_column(Integer, default=0)
    """'Nee' signals against it."""
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    """The signal kinds seen (vocabulary SignalKind)."""
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    """Pseudonymous asker digests already counted, so one asker confirms once."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column()
    decided_by: Mapped[str | None] = mapped_column(String(200))
    """Who approved or rejected it; 'auto' when the confirmations did."""

    __table_args__ = (UniqueConstraint("entry_id", "text_key", name="uq_learned_phrasings_entry_text"),)
