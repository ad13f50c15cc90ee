"""A ticket's status, level, close reason and history, and an FAQ proposal's status."""

from __future__ import annotations

from enum import StrEnum


class TicketStatus(StrEnum):
    """Where a ticket stands."""

    OPEN = "open"
    """Nobody has it."""
    CLAIMED = "claimed"
    """A key user (or functional manager) works on it."""
    ESCALATED = "escalated"
    """Waiting for functional management."""
    ANSWERED = "answered"
    """The answer went to the asker, who may say it did not solve it."""
    CLOSED = "closed"
    """Done; `CloseReason` says why."""


OPEN_STATUSES = (TicketStatus.OPEN, TicketStatus.CLAIMED, TicketStatus.ESCALATED)
"""Statuses in which a ticket still waits for someone."""


class Level(StrEnum):
    """Which line handles a ticket, and which of its cards (channels) is meant."""

    FIRST = "first"
    """The key users, in their group's channel."""
    SECOND = "second"
    """Functional management, in its own channel."""


class CloseReason(StrEnum):
    """Why a ticket was closed."""

    ANSWERED = "answered"
    DUPLICATE = "duplicate"
    NOT_A_QUESTION = "not_a_question"
    RESOLVED = "resolved"
    """The asker confirmed the answer solved it ('Opgelost? Ja'); never picked by a key user."""
    NOT_FAQ = "not_faq"
    """'geen FAQ': a question the FAQ is not meant to answer; the matcher learns it as a real out-of-scope question."""


HANDLER_CLOSE_REASONS = (CloseReason.ANSWERED, CloseReason.DUPLICATE, CloseReason.NOT_A_QUESTION, CloseReason.NOT_FAQ)
"""The reasons a key user or functional manager picks when closing, in the order the card offers them."""


class EventKind(StrEnum):
    """One line of a ticket's append-only history (`ticket_events.kind`)."""

    CREATED = "created"
    CLAIMED = "claimed"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    REOPENED = "reopened"
    ESCALATED = "escalated"
    CLOSED = "closed"
    LINKED = "linked"
    """Another asker's near-identical question joined the ticket."""
    REMINDER = "reminder"
    OVERDUE = "overdue"
    FAQ_PROPOSED = "faq_proposed"
    FAQ_APPROVED = "faq_approved"
    FAQ_REJECTED = "faq_rejected"
    RESOLVED = "resolved"


class ProposalStatus(StrEnum):
    """An FAQ entry proposed from a ticket's answer, for functional management to decide."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
