"""Job payloads: one typed payload per job kind, stored as the same JSON as before, read back with its types."""

from __future__ import annotations

import inspect

import pytest

import services.payloads as payloads
from app import WORKER, build_app
from config import Settings
from services.jobs import JobPayload, PermanentJobError
from services.payloads import (
    AnnouncementResolve,
    ProposalSync,
    ReplySend,
    ReplyUpdate,
    TicketNotice,
    TicketReminder,
    TicketSync,
    TicketThread,
)
from vocabulary import EventKind, JobKind, NoticeKind, ReminderStage

PRODUCT_PAYLOADS = [
    cls
    for _, cls in inspect.getmembers(payloads, inspect.isclass)
    if issubclass(cls, JobPayload) and cls is not JobPayload
]

REFERENCE = {
    "serviceUrl": "http://127.0.0.1:1/teams",
    "channelId": "msteams",
    "conversation": {"id": "a:chat-anna", "conversationType": "personal", "tenantId": "tenant-1"},
}
CARD = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Hallo"}]}

STORED = [
    (TicketSync(7), {"ticket_id": 7}),
    (
        TicketThread(7, "ticket.thread.claimed", {"name": "Kees"}),
        {"ticket_id": 7, "key": "ticket.thread.claimed", "params": {"name": "Kees"}},
    ),
    (
        TicketNotice(7, "emp-anna", NoticeKind.STATUS, status_event=EventKind.CLAIMED),
        {"ticket_id": 7, "user_key": "emp-anna", "kind": "status", "status_event": "claimed"},
    ),
    (TicketNotice(7, "emp-anna", NoticeKind.ANSWER), {"ticket_id": 7, "user_key": "emp-anna", "kind": "answer"}),
    (
        TicketNotice(7, "ku-kees", NoticeKind.TEXT, key="ticket.notify.assigned_to_you", params={"number": "VB-1"}),
        {
            "ticket_id": 7,
            "user_key": "ku-kees",
            "kind": "text",
            "key": "ticket.notify.assigned_to_you",
            "params": {"number": "VB-1"},
        },
    ),
    (
        TicketNotice(
            7,
            "ku-kees",
            NoticeKind.TEXT,
            key="ticket.notify.assigned_to_you",
            params={},
            unreachable={"key": "ticket.thread.assignee_unreachable", "params": {"assignee": "Kees"}},
        ),
        {
            "ticket_id": 7,
            "user_key": "ku-kees",
            "kind": "text",
            "key": "ticket.notify.assigned_to_you",
            "params": {},
            "unreachable": {"key": "ticket.thread.assignee_unreachable", "params": {"assignee": "Kees"}},
        },
    ),
    (TicketReminder(7, ReminderStage.HALF), {"ticket_id": 7, "stage": "half"}),
    (ProposalSync(3), {"proposal_id": 3}),
    (
        ReplySend(REFERENCE, "Echo: hallo", reply_to_id="1700000000000"),
        {"reference": REFERENCE, "text": "Echo: hallo", "reply_to_id": "1700000000000"},
    ),
    (ReplySend(REFERENCE, card=CARD), {"reference": REFERENCE, "card": CARD}),
    (
        ReplyUpdate(REFERENCE, "1699999999999", CARD),
        {"reference": REFERENCE, "activity_id": "1699999999999", "card": CARD},
    ),
    (AnnouncementResolve(4, ["aad-bob", "aad-eva"]), {"announcement_id": 4, "user_keys": ["aad-bob", "aad-eva"]}),
]
"""Each payload and the JSON that jobs already in a database hold for it (a reply kept before this convention may
also hold "text": null or "card": null, which reads back the same)."""


def test_every_job_kind_has_exactly_one_payload_type():
    kinds = [cls.job_kind for cls in PRODUCT_PAYLOADS]
    assert sorted(kinds) == sorted(JobKind), "one payload type per JobKind, and no kind without one"


@pytest.mark.parametrize(
    ("payload", "stored"), STORED, ids=[type(p).__name__ + ":" + str(i) for i, (p, _) in enumerate(STORED)]
)
def test_payloads_are_stored_as_before_and_read_back_with_their_types(payload: JobPayload, stored: dict):
    assert payload.to_json() == stored
    read = type(payload).from_json(stored)
    assert read == payload
    for name, value in vars(read).items():
        assert type(value) is type(getattr(payload, name)), f"{name} comes back as {type(value).__name__}"
    assert type(payload).from_json({**stored, "added_by_a_newer_version": 1}) == payload


def test_a_reply_kept_with_nulls_reads_back_the_same():
    assert ReplySend.from_json({"reference": REFERENCE, "text": None, "card": CARD}) == ReplySend(REFERENCE, card=CARD)


@pytest.mark.parametrize(
    ("payload_type", "stored", "why"),
    [
        (TicketSync, {}, "without 'ticket_id'"),
        (TicketSync, {"ticket_id": "7"}, "is not a"),
        (TicketSync, {"ticket_id": True}, "is not a"),
        (TicketReminder, {"ticket_id": 7, "stage": "later"}, "is not a"),
        (TicketThread, {"ticket_id": 7, "key": "k", "params": ["name"]}, "is not a"),
        (TicketNotice, {"ticket_id": 7, "user_key": "u", "kind": "text"}, "needs the catalogue key"),
        (TicketNotice, {"ticket_id": 7, "user_key": None, "kind": "status"}, "is not a"),
        (
            TicketNotice,
            {"ticket_id": 7, "user_key": "u", "kind": "status", "unreachable": {"params": {}}},
            "catalogue key",
        ),
        (ReplyUpdate, {"reference": {}, "card": {}}, "without 'activity_id'"),
        (AnnouncementResolve, {"announcement_id": 4, "user_keys": "aad-bob"}, "is not a"),
        (AnnouncementResolve, {"announcement_id": 4, "user_keys": ["aad-bob", 7]}, "Entra object ids"),
    ],
)
def test_a_payload_that_does_not_fit_is_a_permanent_failure(payload_type: type[JobPayload], stored: dict, why: str):
    with pytest.raises(PermanentJobError, match=why):
        payload_type.from_json(stored)


async def test_the_app_runs_every_job_kind(sqlite_database):
    app = build_app(Settings(matcher="lexical"), database=sqlite_database)
    assert sorted(app[WORKER].handlers) == sorted(JobKind)
    assert all(app[WORKER].handlers[cls.job_kind][0] is cls for cls in PRODUCT_PAYLOADS)
