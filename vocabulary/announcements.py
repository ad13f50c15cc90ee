"""Announcements (release notes and update announcements), their deliveries, audiences and the release watch."""

from __future__ import annotations

from enum import StrEnum


class AnnouncementKind(StrEnum):
    """What an announcement is about."""

    RELEASE_NOTE = "release_note"
    """What changed in a release of an application."""
    UPDATE = "update"
    """An update announcement: an outage, a new way of working, a reminder."""
    GOLIVE_WELCOME = "golive_welcome"
    """The welcome card of a phased go-live, to every employee of the department."""
    GOLIVE_KICKOFF = "golive_kickoff"
    """The kick-off message of a phased go-live, in the department's key-user channel."""


class AnnouncementStatus(StrEnum):
    """Where an announcement is in its life: draft -> (awaiting approval) -> scheduled/sending -> sent."""

    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    """Submitted while four-eyes approval is on; a second functional manager approves or sends it back."""
    SCHEDULED = "scheduled"
    """Approved (or no approval needed) and waiting for its send time."""
    SENDING = "sending"
    """Its audience is resolved and deliveries are going out."""
    SENT = "sent"
    """Every delivery is sent, failed or unreachable."""
    CANCELLED = "cancelled"
    """A scheduled announcement cancelled before it went out."""
    RECALLED = "recalled"
    """Sent, then recalled: every delivered card is deleted."""


EDITABLE_STATUSES = frozenset(
    {AnnouncementStatus.DRAFT, AnnouncementStatus.AWAITING_APPROVAL, AnnouncementStatus.SCHEDULED}
)
"""Statuses in which editing changes only the stored announcement (no card is out yet)."""
LIVE_STATUSES = frozenset({AnnouncementStatus.SENDING, AnnouncementStatus.SENT})
"""Statuses in which cards are out: an edit updates them in place, a recall deletes them."""


class AudienceKind(StrEnum):
    """Who an announcement goes to (the API's audience keys)."""

    EVERYONE = "everyone"
    """Every person with a stored personal conversation."""
    CHANNELS = "channels"
    """Teams channels by id (a post in each)."""
    GROUPS = "groups"
    """Key-user groups by name: a post in each group's channel."""
    ENTRA_GROUP = "entra_group"
    """Every (transitive) member of an Entra group, in their personal chat."""
    DEPARTMENT = "department"
    """Every employee whose Entra department is this name, in their personal chat."""
    TEAM = "team"
    """Every member of a team in their personal chat (`team` = team id)."""


class RecipientKind(StrEnum):
    """Where one delivery goes."""

    PERSONAL = "personal"
    CHANNEL = "channel"


class NotificationStatus(StrEnum):
    """Where a delivery's activity-feed notification is (announcements that ask for one)."""

    QUEUED = "queued"
    """Its card was sent; an announcement.notify job holds it."""
    SENDING = "sending"
    """Marked just before Graph is called: a job run cut off here sends it again (the only possible duplicate)."""
    SENT = "sent"
    FAILED = "failed"
    """Graph refused it for good (e.g. the person cannot be reached); not tried again."""
    SKIPPED = "skipped"
    """The announcement was recalled or no longer asks for it before the notification went."""


class DeliveryStatus(StrEnum):
    """The state of one recipient's card."""

    PENDING = "pending"
    """Waiting for the fan-out engine (first send not done yet)."""
    SENT = "sent"
    """The card is in the recipient's chat or channel."""
    FAILED = "failed"
    """Gave up after the attempts allowed (dead letter); `last_error` says why."""
    UNREACHABLE = "unreachable"
    """No way to reach the recipient (no conversation and the app cannot be installed); `reason` says why."""
    RECALLED = "recalled"
    """The card was deleted after a recall."""


class Poster(StrEnum):
    """Who posted a channel card of an announcement whose author asked for it to be posted as them."""

    PERSON = "person"
    """Posted through Graph as the signed-in author (on-behalf-of); the bot cannot edit or delete it."""
    BOT = "bot"
    """Posted by the bot after all (the token expired, Graph refused it, a scheduled send); `reason` says why."""


class DeliveryOp(StrEnum):
    """What the fan-out engine still has to do for one delivery row."""

    SEND = "send"
    UPDATE = "update"
    """Put the announcement's current revision on the posted card (an edit, or the reader's 'Gelezen')."""
    DELETE = "delete"
    """Delete the posted card (a recall)."""


class ReleaseMessageStatus(StrEnum):
    """What functional management did with a Microsoft 365 Message Center post."""

    NEW = "new"
    """Read, not yet in a digest."""
    LISTED = "listed"
    """Shown in a digest card."""
    DRAFTED = "drafted"
    """'Maak aankondiging' made a draft of it."""
    DISMISSED = "dismissed"
    """'Niet relevant'."""


class DigestCadence(StrEnum):
    """How often the release watch posts its digest."""

    WEEKLY = "weekly"
    DAILY = "daily"


class ActivityType(StrEnum):
    """Activity-feed notification types (`Graph.notify_activity`); each is declared in the app manifest's
    `activities.activityTypes` with a template naming the parameters it takes."""

    ANNOUNCEMENT = "announcement"
    """A new announcement is in the person's chat: template parameter `title`."""
    ANNOUNCEMENT_REMINDER = "announcementReminder"
    """A reminder to read an announcement by its deadline: template parameter `title`."""
