"""Announcement test helpers: a municipality with managers and chats, the service on it, and reading rows back."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select, update

from services.announcement_approvals import ApprovalDelivery
from services.announcement_delivery import AnnouncementDelivery
from services.announcement_drafts import Audience, Draft, Link
from services.announcements import AnnouncementService
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


def service(world: World, **options) -> AnnouncementService:
    """The announcement service on the world, its job handlers on the world's worker."""
    announcements = AnnouncementService(
        world.db, world.jobs, world.directory, world.conversations, clock=world.clock, **options
    )
    AnnouncementDelivery(announcements, world.messenger).register(world.worker)
    ApprovalDelivery(announcements, world.messenger).register(world.worker)
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
