"""Plain read-only views the ticket and group cards are built from (filled by the services).

Statuses, levels, reasons and kinds are the strings of the enums in `vocabulary`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class PersonView:
    """Someone shown on a card."""

    key: str
    """Entra object id (or channel user id): what card actions send back."""
    name: str


@dataclass(frozen=True)
class EventView:
    """One line of a ticket's history."""

    at: datetime
    actor: str
    kind: str
    """A `vocabulary.EventKind`."""
    detail: str | None = None
    """What someone wrote or chose by name (a reason, a remark, a group, a colleague), shown as it is."""
    close_reason: str | None = None
    """For 'closed': a `vocabulary.CloseReason`, which the card names in its own language (a duplicate's detail is the
    number of the ticket it duplicates)."""


@dataclass(frozen=True)
class TicketView:
    """A ticket as every card shows it."""

    id: int
    number: str
    """Readable number, e.g. VB-2026-0042."""
    version: int
    """Grows with every change; card actions send it back so stale clicks are recognised."""
    status: str
    """A `vocabulary.TicketStatus`."""
    level: str
    """A `vocabulary.Level`."""
    application: str
    department: str | None
    group_name: str
    asker: PersonView
    text: str
    context: str | None
    created_at: datetime
    due_at: datetime | None = None
    """First-response target (working time)."""
    updated_at: datetime | None = None
    """Its last change (claimed, answered, reopened, ...); None when not known."""
    assignee: PersonView | None = None
    answer: str | None = None
    answered_by: PersonView | None = None
    escalation_reason: str | None = None
    close_reason: str | None = None
    """A `vocabulary.CloseReason` once closed."""
    duplicate_of: str | None = None
    """Number of the ticket this one duplicates (closed as 'duplicate')."""
    reopen_remark: str | None = None
    linked_askers: int = 0
    """Other askers whose near-identical question was linked to this ticket."""
    events: tuple[EventView, ...] = ()
    """Most recent history, oldest first (cards show the last few)."""
    faq_proposed: bool = False
    claimed_by_assignee: bool = False
    """The assignee took it with 'Ik pak dit op'; False when it was assigned to them (or that is not known)."""
    escalatable: bool = True
    """False when functional management itself handles it as the first line (an 'Anders / weet ik niet'
    question without a general key-user group): there is no line above to pass it on to."""


@dataclass(frozen=True)
class GroupView:
    """A key-user group as 'wie is mijn kerngebruiker' shows it."""

    name: str
    application: str
    department: str | None
    key_users: tuple[PersonView, ...]
    chair: PersonView | None
    channel_name: str | None = None


@dataclass(frozen=True)
class ProposalView:
    """A proposed FAQ entry made from a ticket's answer, for functional management."""

    id: int
    ticket_number: str
    status: str
    """A `vocabulary.ProposalStatus`."""
    application: str
    question: str
    answer: str
    proposed_by: PersonView
    entry_id: str | None = None
    """Existing FAQ entry this would update; None for a new entry."""
    decided_by: PersonView | None = None
    alternates: tuple[str, ...] = field(default_factory=tuple)
    version: int = 1
    """Grows with every edit; approving sends it back, so only the text the card shows is approved."""
    entry_question: str | None = None
    """The question of the FAQ entry it updates (entry_id), as people know that entry."""


@dataclass(frozen=True)
class LinkView:
    """A link button on an announcement."""

    title: str
    url: str


@dataclass(frozen=True)
class ReasonView:
    """Deliveries sharing one reason: unreachable ones, or channel cards the bot posted for their author."""

    status: str
    """A `vocabulary.DeliveryStatus`."""
    reason: str
    """A key of i18n UNREACHABLE_REASON or POSTER_REASON (anything else is shown as it is)."""
    code: str | None
    """Graph's error code, when Graph refused."""
    count: int


@dataclass(frozen=True)
class DeliveryCounts:
    """How an announcement's deliveries stand (the API's `counts` and the author's card)."""

    recipients: int = 0
    sent: int = 0
    failed: int = 0
    unreachable: int = 0
    acknowledged: int = 0
    pending: int = 0
    clicks: int = 0
    resolving: int = 0
    """People whose chat Graph is still opening: counted in `recipients`, without a delivery row yet."""


@dataclass(frozen=True)
class AnnouncementView:
    """An announcement as its cards, lists and the API show it."""

    id: int
    kind: str
    """A `vocabulary.AnnouncementKind`."""
    status: str
    """A `vocabulary.AnnouncementStatus`."""
    revision: int
    """Grows with every edit of the content; card actions send it back so stale clicks are recognised."""
    title: str
    text: str
    image_url: str | None
    links: tuple[LinkView, ...]
    application: str | None
    audience: dict
    """The audience as stored (vocabulary.AudienceKind keys)."""
    audience_label: str
    """The audience in words ("kanaal Sociaal Domein", "afdeling Burgerzaken")."""
    ack_required: bool
    send_at: datetime | None
    author: PersonView
    approver: PersonView | None
    language: str
    created_at: datetime
    updated_at: datetime
    counts: DeliveryCounts = field(default_factory=DeliveryCounts)
    ack_deadline: datetime | None = None
    """When those who have not clicked 'Gelezen' are reminded (None: no reminder)."""
    reminder: bool = False
    """The acknowledgement deadline has passed: a recipient's card that is not acknowledged says so."""
    remark: str | None = None
    """Why a second functional manager sent it back (a draft again), as they wrote it."""
    source: str = "teams"
    """Where it was written: 'teams', 'api:<key name>', 'entra:<object id>', 'golive' or 'release-watch'."""
    notify: bool = False
    """An activity-feed notification goes with each person's card."""
    reasons: tuple[ReasonView, ...] = ()
    """Why deliveries were unreachable, or posted by the bot instead of as the author."""
    posted_as_author: int = 0
    """Channel cards posted through Graph as the author."""


@dataclass(frozen=True)
class ReleasePostView:
    """A Microsoft 365 Message Center post as the release watch's digest lists it."""

    id: str
    """Graph's id, e.g. 'MC172851'."""
    title: str
    services: tuple[str, ...]
    action_required_by: datetime | None
    is_major_change: bool
    url: str
    """Where the post is in the Microsoft 365 admin centre."""


@dataclass(frozen=True)
class LearnedPhrasingView:
    """A learned phrasing waiting for functional management: the asked question and the entry it would answer with."""

    id: int
    text: str
    entry_id: str
    entry_question: str
    confirmations: int
    counter_signals: int


@dataclass(frozen=True)
class LearningReviewView:
    """The review card's content: the first proposals, how many more wait, and the auto-approve policy."""

    phrasings: tuple[LearnedPhrasingView, ...]
    more: int
    auto_approve_after: int
    """Independent confirmations after which a proposal is used without review (0: only once approved)."""
    decided: str | None = None
    """After a click: the catalogue key of what was just done ('learned.review.approved' / '...rejected')."""
    decided_text: str | None = None
