"""The vocabulary's values are the strings already stored in databases, card data and job payloads."""

from __future__ import annotations

import json

import pytest

from vocabulary import (
    HANDLER_CLOSE_REASONS,
    OPEN_STATUSES,
    ActivityType,
    AnnouncementKind,
    AnnouncementStatus,
    AudienceKind,
    CardVerb,
    CloseReason,
    DeliveryOp,
    DeliveryStatus,
    DigestCadence,
    EventKind,
    GroupKind,
    JobKind,
    Level,
    NoticeKind,
    ProposalStatus,
    RecipientKind,
    ReleaseMessageStatus,
    ReminderStage,
    Role,
    TicketStatus,
)

STORED = {
    TicketStatus: ["open", "claimed", "escalated", "answered", "closed"],
    Level: ["first", "second"],
    CloseReason: ["answered", "duplicate", "not_a_question", "resolved", "not_faq"],
    EventKind: [
        "created",
        "claimed",
        "assigned",
        "answered",
        "reopened",
        "escalated",
        "closed",
        "linked",
        "reminder",
        "overdue",
        "faq_proposed",
        "faq_approved",
        "faq_rejected",
        "resolved",
    ],
    ProposalStatus: ["pending", "approved", "rejected"],
    Role: ["employee", "key_user", "functional_manager", "admin"],
    GroupKind: ["key_users", "functional_management"],
    JobKind: [
        "ticket.sync",
        "ticket.thread",
        "ticket.notify",
        "ticket.remind",
        "proposal.sync",
        "reply.send",
        "reply.update",
        "announcement.start",
        "announcement.post_as",
        "announcement.report",
        "announcement.notify",
        "announcement.remind",
        "release.watch",
        "release.digest",
        "announcement.approval",
        "announcement.sent_back",
        "announcement.resolve",
    ],
    AnnouncementKind: ["release_note", "update", "golive_welcome", "golive_kickoff"],
    AnnouncementStatus: ["draft", "awaiting_approval", "scheduled", "sending", "sent", "cancelled", "recalled"],
    AudienceKind: ["everyone", "channels", "groups", "entra_group", "department", "team"],
    RecipientKind: ["personal", "channel"],
    DeliveryStatus: ["pending", "sent", "failed", "unreachable", "recalled"],
    DeliveryOp: ["send", "update", "delete"],
    ReleaseMessageStatus: ["new", "listed", "drafted", "dismissed"],
    DigestCadence: ["weekly", "daily"],
    ActivityType: ["announcement", "announcementReminder"],
    NoticeKind: ["status", "answer", "text"],
    ReminderStage: ["half", "overdue"],
    CardVerb: [
        "feedback",
        "choose",
        "ask_key_user",
        "ticket.create",
        "ticket.claim",
        "ticket.assign",
        "ticket.answer",
        "ticket.escalate",
        "ticket.close",
        "ticket.propose_faq",
        "ticket.resolved",
        "faq.approve",
        "faq.save",
        "faq.reject",
        "announcement.ack",
        "announcement.new",
        "announcement.save",
        "announcement.preview",
        "announcement.submit",
        "announcement.submit_as_me",
        "announcement.edit",
        "announcement.cancel",
        "announcement.recall",
        "announcement.approve",
        "announcement.send_back",
        "release.draft",
        "release.dismiss",
        "learned.approve",
        "learned.reject",
        "golive.plan",
    ],
}
"""Every value as databases in use, cards already posted and jobs already queued hold it: renaming one breaks them."""


@pytest.mark.parametrize("enum", list(STORED), ids=lambda enum: enum.__name__)
def test_values_are_the_stored_strings(enum):
    assert [member.value for member in enum] == STORED[enum]
    for member in enum:
        assert member == member.value and f"{member}" == member.value and json.dumps(member) == f'"{member.value}"'


def test_roles_rise_in_power_and_unknown_ones_are_employees():
    assert [role.rank for role in Role] == [0, 1, 2, 3]
    assert Role.ADMIN.includes(Role.FUNCTIONAL_MANAGER) and Role.KEY_USER.includes(Role.KEY_USER)
    assert not Role.KEY_USER.includes(Role.FUNCTIONAL_MANAGER) and not Role.EMPLOYEE.includes(Role.KEY_USER)
    assert [Role.of(value) for value in ("admin", "key_user", "superuser", "", None)] == [
        Role.ADMIN,
        Role.KEY_USER,
        Role.EMPLOYEE,
        Role.EMPLOYEE,
        Role.EMPLOYEE,
    ]


def test_the_sets_the_code_shares():
    assert OPEN_STATUSES == (TicketStatus.OPEN, TicketStatus.CLAIMED, TicketStatus.ESCALATED)
    assert set(HANDLER_CLOSE_REASONS) == set(CloseReason) - {CloseReason.RESOLVED}, "only the asker resolves"
