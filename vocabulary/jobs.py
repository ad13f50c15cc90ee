"""Kinds of durable jobs (`jobs.kind`) and the values their payloads name."""

from __future__ import annotations

from enum import StrEnum


class JobKind(StrEnum):
    """What a job does; each kind has one payload type and one handler (see services/payloads.py)."""

    TICKET_SYNC = "ticket.sync"
    """Post or refresh a ticket's cards in its channel(s)."""
    TICKET_THREAD = "ticket.thread"
    """A text reply in a ticket's channel thread(s)."""
    TICKET_NOTIFY = "ticket.notify"
    """A message in someone's personal chat about a ticket."""
    TICKET_REMIND = "ticket.remind"
    """A timer of a ticket's first-response target."""
    PROPOSAL_SYNC = "proposal.sync"
    """Post or refresh an FAQ proposal's card in functional management's channel."""
    REPLY_SEND = "reply.send"
    """A turn's reply the Bot Connector did not take during the turn, sent later."""
    REPLY_UPDATE = "reply.update"
    """A clicked card's update the Bot Connector did not take during the turn, sent later."""
    ANNOUNCEMENT_START = "announcement.start"
    """At an announcement's send time: resolve its audience into delivery rows for the fan-out engine."""
    ANNOUNCEMENT_POST_AS = "announcement.post_as"
    """Post an announcement's channel cards through Graph as its signed-in author (on-behalf-of), else by the bot."""
    ANNOUNCEMENT_REPORT = "announcement.report"
    """Refresh the author's card with the delivery counts (throttled: one per few seconds per announcement)."""
    ANNOUNCEMENT_NOTIFY = "announcement.notify"
    """Activity-feed notifications for a batch of an announcement's sent personal cards (Graph, 5/s per tenant)."""
    ANNOUNCEMENT_REMIND = "announcement.remind"
    """At an announcement's acknowledgement deadline: remind those who have not clicked 'Gelezen'."""
    RELEASE_WATCH = "release.watch"
    """Daily: read new and changed Microsoft 365 Message Center posts through Graph."""
    RELEASE_DIGEST = "release.digest"
    """Weekly (or daily): post the digest card of Message Center posts in functional management's channel."""
    ANNOUNCEMENT_APPROVAL = "announcement.approval"
    """Post the approval card of an announcement awaiting four-eyes approval for the other functional managers."""
    ANNOUNCEMENT_SENT_BACK = "announcement.sent_back"
    """Tell the author that their announcement was sent back, with the approver's remark."""
    ANNOUNCEMENT_RESOLVE = "announcement.resolve"
    """Open the chats of a chunk of an announcement's audience through Graph (installing the app); write their rows."""


class NoticeKind(StrEnum):
    """What a `ticket.notify` job sends."""

    STATUS = "status"
    """The ticket's status card."""
    ANSWER = "answer"
    """The answer card with 'Opgelost?'."""
    TEXT = "text"
    """A text from the catalogue."""


class ReminderStage(StrEnum):
    """Which timer of a ticket's first-response target fired."""

    HALF = "half"
    """Half the target passed: a reminder in the ticket's thread."""
    OVERDUE = "overdue"
    """All of it passed: the group's chair is told."""
