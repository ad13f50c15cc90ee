"""AnnouncementService on both databases: the lifecycle row by row, roles, four-eyes, schedule, recall, 'Gelezen'."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select, update

from services.announcement_delivery import AnnouncementDelivery
from services.announcement_drafts import Audience, Draft, Link
from services.announcements import (
    AnnouncementService,
)
from storage.models import AnnouncementDelivery as DeliveryRow
from storage.models import Job
from tests.support.people import ANNA, DIRK, ESRA, FRANK, KEES, SARA
from tests.support.world import FM_CHANNEL, FM_GROUP, SUITE4, SUITE4_CHANNEL, Group, Known, Layout, World
from vocabulary import AudienceKind, DeliveryStatus

ESRA_CHAT = "a:chat-esra"
SARA_CHAT = "a:chat-sara"
ANNA_CHAT = "a:chat-anna"
NO_CHANNEL = "Kerngebruikers Decos"

LAYOUT = Layout(
    groups=(
        Group(FM_GROUP, kind="functional_management", channel=FM_CHANNEL, members=(DIRK, FRANK)),
        Group(SUITE4, "Suite4", parent=FM_GROUP, channel=SUITE4_CHANNEL, members=(KEES,)),
        Group(NO_CHANNEL, "Decos", parent=FM_GROUP),
    ),
    people=(Known(ANNA), Known(ESRA), Known(SARA)),
    chats=((ANNA, ANNA_CHAT), (ESRA, ESRA_CHAT), (SARA, SARA_CHAT)),
)
"""Dirk and Frank manage (functional management's channel); Suite4's key users have a channel, Decos's none;
the bot has personal chats with Anna, Esra and Sara."""


@pytest.fixture
async def world(database) -> World:
    return await World.build(database, LAYOUT)


def service(world: World, **options) -> AnnouncementService:
    """The announcement service on the world, its job handlers on the world's worker."""
    announcements = AnnouncementService(
        world.db, world.jobs, world.directory, world.conversations, clock=world.clock, **options
    )
    AnnouncementDelivery(announcements, world.messenger).register(world.worker)
    return announcements


def draft(**changes) -> Draft:
    base = Draft(
        title="Nieuwe versie Suite4",
        text="Vanaf maandag werkt **Suite4** met een nieuw menu.",
        audience=Audience(AudienceKind.EVERYONE),
        links=(Link("Handleiding", "https://intranet.example/suite4"),),
    )
    return replace(base, **changes)


async def deliveries(world: World, announcement_id: int) -> dict[str, DeliveryRow]:
    async with world.db.read() as session:
        rows = await session.scalars(select(DeliveryRow).where(DeliveryRow.announcement_id == announcement_id))
        return {row.recipient_key: row for row in rows}


async def jobs(world: World, kind: str) -> list[Job]:
    async with world.db.read() as session:
        return list(await session.scalars(select(Job).where(Job.kind == kind).order_by(Job.id)))


async def mark_sent(world: World, announcement_id: int, *keys: str) -> None:
    """What the fan-out engine records after posting these recipients' cards."""
    async with world.db.transaction() as session:
        await session.execute(
            update(DeliveryRow)
            .where(DeliveryRow.announcement_id == announcement_id, DeliveryRow.recipient_key.in_(keys))
            .values(status=DeliveryStatus.SENT, op=None, revision=1, activity_id="act", sent_at=world.clock())
        )


async def test_create_submit_now_and_start_write_one_pending_row_per_person(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft())
    assert (view.status, view.revision, view.author.key, view.audience_label) == (
        "draft",
        1,
        DIRK.key,
        "iedereen met de app",
    )
    assert view.counts.recipients == 0 and view.links[0].url == "https://intranet.example/suite4"

    sending = await announcements.submit(DIRK, view.id, send_now=True)
    assert sending.status == "sending"
    assert await world.worker.run_due() == 1  # the start job; the report waits for its slot's end
    rows = await deliveries(world, view.id)
    assert sorted(rows) == sorted([ANNA.key, ESRA.key, SARA.key])
    assert {(r.status, r.op, r.recipient_kind) for r in rows.values()} == {("pending", "send", "personal")}
    assert rows[ESRA.key].conversation_id == ESRA_CHAT
    now = await announcements.get(view.id)
    assert now is not None and now.status == "sending"
    assert (now.counts.recipients, now.counts.pending, now.counts.sent) == (3, 3, 0)
    [report] = await jobs(world, "announcement.report")
    assert report.status == "pending" and report.payload == {"announcement_id": view.id}

    assert await world.worker.run_due() == 0
    async with world.db.transaction() as session:  # a start job run twice writes nothing twice
        await session.execute(update(Job).where(Job.kind == "announcement.start").values(status="pending"))
    await world.worker.run_due()
    assert len(await deliveries(world, view.id)) == 3
