"""The payload of every job kind the product enqueues: one frozen dataclass per vocabulary.JobKind.

The convention (services/jobs.py `JobPayload`): ids and catalogue keys, which the handler reads afresh when the
job runs, so a retried or late job never shows something old; only what cannot be read again later is kept
whole (a turn's reply: its text, card and where to send it). Field names are the JSON keys stored in
`jobs.payload`; a field that is None is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services.jobs import JobPayload
from vocabulary import EventKind, JobKind, NoticeKind, ReminderStage


@dataclass(frozen=True)
class TicketSync(JobPayload):
    """Post the ticket's cards in its channel(s), or update them where they are posted."""

    job_kind = JobKind.TICKET_SYNC
    ticket_id: int


@dataclass(frozen=True)
class TicketThread(JobPayload):
    """A text from the catalogue as a reply in the ticket's channel thread(s)."""

    job_kind = JobKind.TICKET_THREAD
    ticket_id: int
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    """The text's parameters; a name ending in `_label` is a catalogue key, translated when sent."""


@dataclass(frozen=True)
class TicketNotice(JobPayload):
    """A message about a ticket in someone's personal chat."""

    job_kind = JobKind.TICKET_NOTIFY
    ticket_id: int
    user_key: str
    kind: NoticeKind
    status_event: EventKind | None = None
    """For a status notice: the ticket event that changed the status."""
    key: str | None = None
    """For a text notice: the catalogue key."""
    params: dict[str, Any] | None = None
    """For a text notice: the text's parameters."""
    unreachable: dict[str, Any] | None = None
    """What the ticket's thread says when the notice cannot be delivered: {"key": catalogue key, "params": {...}}."""

    def __post_init__(self) -> None:
        if self.kind == NoticeKind.TEXT and not self.key:
            raise ValueError("a text notice needs the catalogue key of its text")
        if self.unreachable is not None and not isinstance(self.unreachable.get("key"), str):
            raise ValueError("what the thread says about an undelivered notice needs its catalogue key")


@dataclass(frozen=True)
class TicketReminder(JobPayload):
    """A timer of a ticket's first-response target."""

    job_kind = JobKind.TICKET_REMIND
    ticket_id: int
    stage: ReminderStage


@dataclass(frozen=True)
class ProposalSync(JobPayload):
    """Post an FAQ proposal's card in functional management's channel, or update it there."""

    job_kind = JobKind.PROPOSAL_SYNC
    proposal_id: int


@dataclass(frozen=True)
class ReplySend(JobPayload):
    """A turn's reply kept for later (services/replies.py): it was rendered in the turn and cannot be again."""

    job_kind = JobKind.REPLY_SEND
    reference: dict[str, Any]
    """Only what sending needs: service URL, channel, bot account and conversation (no user, no activity)."""
    text: str | None = None
    card: dict[str, Any] | None = None
    reply_to_id: str | None = None
    """In a channel: the root message of the thread the reply stays under."""


@dataclass(frozen=True)
class ReplyUpdate(JobPayload):
    """A clicked card's update kept for later: the card replaces activity `activity_id` in the conversation."""

    job_kind = JobKind.REPLY_UPDATE
    reference: dict[str, Any]
    activity_id: str
    card: dict[str, Any]


@dataclass(frozen=True)
class AnnouncementStart(JobPayload):
    """At an announcement's send time: resolve its audience into delivery rows (services/audiences.py)."""

    job_kind = JobKind.ANNOUNCEMENT_START
    announcement_id: int
    as_author: str | None = None
    """The author's sealed sign-in (services/sign_in.py): its channel cards go through Graph as them (send now)."""
    bot_note: str | None = None
    """The author signed in but the channel cards go through the bot anyway: why (a POSTER_REASON key)."""


@dataclass(frozen=True)
class AnnouncementResolve(JobPayload):
    """Open the chats of these people of an announcement's audience (Graph installs the app) and write their rows."""

    job_kind = JobKind.ANNOUNCEMENT_RESOLVE
    announcement_id: int
    user_keys: list[str]
    """Entra object ids, at most services.audiences.RESOLVE_CHUNK."""

    def __post_init__(self) -> None:
        if not all(isinstance(key, str) and key for key in self.user_keys):
            raise ValueError("the people of a chunk are named by their Entra object ids")


@dataclass(frozen=True)
class AnnouncementPostAs(JobPayload):
    """Post an announcement's channel cards through Graph as its author; what cannot be, goes to the bot."""

    job_kind = JobKind.ANNOUNCEMENT_POST_AS
    announcement_id: int
    as_author: str
    """The author's sealed sign-in; useless once the token inside expired (about an hour)."""


@dataclass(frozen=True)
class AnnouncementReport(JobPayload):
    """Refresh the author's card with the delivery counts; enqueued with a dedupe key per time slot (throttled)."""

    job_kind = JobKind.ANNOUNCEMENT_REPORT
    announcement_id: int


@dataclass(frozen=True)
class AnnouncementNotify(JobPayload):
    """Activity-feed notifications for these deliveries (personal cards just sent) of one announcement."""

    job_kind = JobKind.ANNOUNCEMENT_NOTIFY
    announcement_id: int
    delivery_ids: list[int]
    reminder: bool = False
    """The reminder at the acknowledgement deadline (activity type announcementReminder), not the first one."""


@dataclass(frozen=True)
class AnnouncementRemind(JobPayload):
    """At the acknowledgement deadline: a reminder to every recipient who has not clicked 'Gelezen'."""

    job_kind = JobKind.ANNOUNCEMENT_REMIND
    announcement_id: int


@dataclass(frozen=True)
class ReleaseWatch(JobPayload):
    """Read new and changed Message Center posts (runs daily; the next run is enqueued by this one)."""

    job_kind = JobKind.RELEASE_WATCH
    day: str = ""
    """The day (UTC, ISO) this run is for: its dedupe key, so every instance's start schedules one run a day."""


@dataclass(frozen=True)
class ReleaseDigest(JobPayload):
    """Post the digest card of the Message Center posts not yet listed (weekly or daily)."""

    job_kind = JobKind.RELEASE_DIGEST
    day: str = ""
    """The day (UTC, ISO) this digest is for: its dedupe key."""


@dataclass(frozen=True)
class AnnouncementApproval(JobPayload):
    """Post the approval card of an announcement awaiting approval in functional management's channel (or, without
    one, in the other functional managers' chats); the card shows the revision that was submitted."""

    job_kind = JobKind.ANNOUNCEMENT_APPROVAL
    announcement_id: int
    revision: int


@dataclass(frozen=True)
class AnnouncementSentBack(JobPayload):
    """Tell an announcement's author that a second functional manager sent it back, and why: the remark is kept
    whole (it is stored nowhere else)."""

    job_kind = JobKind.ANNOUNCEMENT_SENT_BACK
    announcement_id: int
    revision: int
    by: str
    """Who sent it back, by name."""
    remark: str
