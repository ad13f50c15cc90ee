"""What fan-out tests, the crash worker and the benchmark share: recipients, announcements, a card and an engine."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, insert, select

from bot.connector import ConnectorTransport
from bot.proactive import ConnectorMessenger
from bot.tokens import NoToken
from services.conversations import ConversationService
from services.fanout import FanoutEngine, FanoutOptions
from storage import Database
from storage.models import Announcement, AnnouncementDelivery, ConversationRef, utcnow
from vocabulary import DeliveryOp, DeliveryStatus, RecipientKind

TENANT = "tenant-fanout"
BOT = {"id": "28:vraagbaak-bot", "name": "Vraagbaak"}


def person(i: int) -> str:
    """The i-th recipient's user key (Entra object id)."""
    return f"aad-person-{i}"


def chat(i: int) -> str:
    """The i-th recipient's personal chat id."""
    return f"a:chat-{i}"


def render(announcement: Announcement, delivery: AnnouncementDelivery) -> dict[str, Any]:
    """A plain card naming the announcement's title and revision (the product's is cards/announcements.py)."""
    return {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [{"type": "TextBlock", "text": f"{announcement.title} (r{announcement.revision})"}],
    }


def personal_reference(service_url: str, i: int) -> dict[str, Any]:
    return {
        "serviceUrl": service_url,
        "channelId": "msteams",
        "bot": BOT,
        "user": {"id": f"29:{person(i)}", "aadObjectId": person(i)},
        "conversation": {"id": chat(i), "conversationType": "personal", "tenantId": TENANT},
    }


def channel_reference(service_url: str, channel_id: str) -> dict[str, Any]:
    return {
        "serviceUrl": service_url,
        "channelId": "msteams",
        "bot": BOT,
        "conversation": {"id": channel_id, "conversationType": "channel", "isGroup": True, "tenantId": TENANT},
    }


async def seed_people(db: Database, service_url: str, count: int, *, first: int = 0) -> None:
    """Personal chats with `count` people, stored as the bot stores them (bulk, in batches)."""
    now = utcnow()
    for start in range(first, first + count, 1000):
        rows = [
            {
                "conversation_id": chat(i),
                "conversation_type": "personal",
                "user_key": person(i),
                "tenant_id": TENANT,
                "service_url": service_url,
                "reference": personal_reference(service_url, i),
                "updated_at": now,
            }
            for i in range(start, min(first + count, start + 1000))
        ]
        async with db.transaction() as session:
            await session.execute(insert(ConversationRef), rows)


async def seed_channel(db: Database, service_url: str, channel_id: str) -> None:
    await ConversationService(db).remember(
        conversation_id=channel_id,
        conversation_type="channel",
        user_key=None,
        tenant_id=TENANT,
        reference=channel_reference(service_url, channel_id),
    )


async def seed_announcement(
    db: Database,
    *,
    people: range = range(0),
    channels: tuple[str, ...] = (),
    title: str = "Nieuwe versie Zaaksysteem",
    ack_required: bool = False,
    sent: bool = False,
) -> int:
    """An announcement being sent, with a due 'send' delivery per person and channel (bulk); its id.

    `sent`: every card is out already (the deliveries recorded as the engine records them), for clicks on them."""
    async with db.transaction() as session:
        announcement = Announcement(
            title=title,
            text="Vanaf maandag werkt het anders.",
            author_key="aad-fm",
            status="sent" if sent else "sending",
            ack_required=ack_required,
        )
        session.add(announcement)
        await session.flush()
        announcement_id = announcement.id
    now = utcnow() - timedelta(seconds=1)
    recipients = [(RecipientKind.PERSONAL, person(i)) for i in people] + [(RecipientKind.CHANNEL, c) for c in channels]
    for start in range(0, len(recipients), 1000):
        rows = [
            {
                "announcement_id": announcement_id,
                "recipient_kind": kind,
                "recipient_key": key,
                "status": DeliveryStatus.SENT if sent else DeliveryStatus.PENDING,
                "op": None if sent else DeliveryOp.SEND,
                "revision": 1 if sent else 0,
                "conversation_id": _posted_in(kind, key, n) if sent else None,
                "activity_id": f"act-{n}" if sent else None,
                "sent_at": now if sent else None,
                "run_at": now,
                "attempts": 0,
                "clicks": 0,
            }
            for n, (kind, key) in enumerate(recipients[start : start + 1000], start)
        ]
        async with db.transaction() as session:
            await session.execute(insert(AnnouncementDelivery), rows)
    return announcement_id


def _posted_in(kind: str, key: str, n: int) -> str:
    """Where a card recorded as sent is: the person's chat, or a thread of the channel."""
    return chat(int(key.rsplit("-", 1)[1])) if kind == RecipientKind.PERSONAL else f"{key};messageid=act-{n}"


async def delivery_counts(db: Database) -> dict[str, int]:
    """Deliveries per status, with 'due' for rows that still have an op."""
    async with db.read() as session:
        rows = await session.execute(
            select(AnnouncementDelivery.status, func.count()).group_by(AnnouncementDelivery.status)
        )
        counts = {status: int(n) for status, n in rows}
        counts["due"] = int(
            await session.scalar(
                select(func.count()).select_from(AnnouncementDelivery).where(AnnouncementDelivery.op.is_not(None))
            )
            or 0
        )
    return counts


def connector_messenger(timeout: float = 10.0) -> tuple[ConnectorMessenger, ConnectorTransport]:
    """The product's Messenger over its own transport, without outbound tokens (the fake connector wants none)."""
    transport = ConnectorTransport(NoToken(), timeout=timeout)
    return ConnectorMessenger(transport), transport


def engine(db: Database, messenger: Any, **options: Any) -> FanoutEngine:
    """A fan-out engine with the plain card and the given FanoutOptions fields."""
    return FanoutEngine(db, messenger, ConversationService(db), render, options=FanoutOptions(**options))
