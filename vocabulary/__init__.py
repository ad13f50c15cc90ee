"""The product's words, as enums every layer may import: statuses, levels, roles, kinds, card verbs and card actions.

Dependency-free (standard library only). The values are StrEnums, so they are the same strings in the
database, in card data and in job payloads as the literals they replace. The typed card actions are in
vocabulary/actions.py.
"""

from vocabulary.announcements import (
    EDITABLE_STATUSES,
    LIVE_STATUSES,
    ActivityType,
    AnnouncementKind,
    AnnouncementStatus,
    AudienceKind,
    DeliveryOp,
    DeliveryStatus,
    DigestCadence,
    NotificationStatus,
    Poster,
    RecipientKind,
    ReleaseMessageStatus,
)
from vocabulary.jobs import JobKind, NoticeKind, ReminderStage
from vocabulary.learning import (
    AUTO_APPROVE_DEFAULT,
    AUTO_APPROVE_SETTING,
    NOT_FAQ_ENTRY,
    POSITIVE_SIGNALS,
    PhrasingStatus,
    SignalKind,
)
from vocabulary.people import GroupKind, Role, SmallTalk
from vocabulary.tickets import (
    HANDLER_CLOSE_REASONS,
    OPEN_STATUSES,
    CloseReason,
    EventKind,
    Level,
    ProposalStatus,
    TicketStatus,
)
from vocabulary.verbs import CardVerb

__all__ = [
    "AUTO_APPROVE_DEFAULT",
    "AUTO_APPROVE_SETTING",
    "NOT_FAQ_ENTRY",
    "POSITIVE_SIGNALS",
    "PhrasingStatus",
    "SignalKind",
    "EDITABLE_STATUSES",
    "LIVE_STATUSES",
    "ActivityType",
    "AnnouncementKind",
    "AnnouncementStatus",
    "AudienceKind",
    "DeliveryOp",
    "DeliveryStatus",
    "DigestCadence",
    "NotificationStatus",
    "Poster",
    "RecipientKind",
    "ReleaseMessageStatus",
    "HANDLER_CLOSE_REASONS",
    "OPEN_STATUSES",
    "CardVerb",
    "CloseReason",
    "EventKind",
    "GroupKind",
    "JobKind",
    "Level",
    "NoticeKind",
    "ProposalStatus",
    "ReminderStage",
    "Role",
    "SmallTalk",
    "TicketStatus",
]
