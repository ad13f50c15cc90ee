"""Announcements, their delivery rows (one per recipient) and the run-time settings table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, bindparam, case, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from storage.models import Announcement, AnnouncementDelivery, ConversationRef, Setting, utcnow
from storage.results import rowcount
from vocabulary import (
    LIVE_STATUSES,
    AnnouncementStatus,
    DeliveryOp,
    DeliveryStatus,
    NotificationStatus,
    Poster,
    RecipientKind,
)

INSERT_CHUNK = 500
"""Delivery rows per INSERT statement (PostgreSQL takes at most 32767 parameters in one)."""


def _acknowledge_statement() -> Any:
    """The guarded 'Gelezen': one UPDATE of a sent, unacknowledged delivery of a live announcement asking for it,
    returning the announcement's revision and language (built once: no ORM load, a cached compiled statement)."""
    announcements, deliveries = Announcement.__table__, AnnouncementDelivery.__table__
    own = announcements.c.id == deliveries.c.announcement_id
    return (
        update(deliveries)
        .where(
            deliveries.c.announcement_id == bindparam("announcement"),
            deliveries.c.recipient_key == bindparam("key"),
            deliveries.c.status == DeliveryStatus.SENT,
            deliveries.c.acknowledged_at.is_(None),
            exists().where(
                own, announcements.c.ack_required.is_(True), announcements.c.status.in_(sorted(LIVE_STATUSES))
            ),
        )
        .values(acknowledged_at=bindparam("now", type_=deliveries.c.acknowledged_at.type))
        .returning(
            select(announcements.c.revision).where(own).scalar_subquery(),
            select(announcements.c.language).where(own).scalar_subquery(),
        )
    )


_ACKNOWLEDGE = _acknowledge_statement()


@dataclass(frozen=True)
class NewDelivery:
    """One recipient to write: pending with op=send, or unreachable with its reason."""

    recipient_kind: str
    recipient_key: str
    conversation_id: str | None = None
    reason: str | None = None
    """Set: the recipient is unreachable (no work due); with poster=bot: why the bot posts it."""
    code: str | None = None
    """Graph's error code behind `reason`."""
    poster: str | None = None
    """vocabulary.Poster: PERSON waits for the announcement.post_as job (no work due for the engine)."""
    language: str | None = None
    """The person's own language for the card's texts, when they have one."""


@dataclass(frozen=True)
class ReasonCount:
    """How many deliveries of one status share a reason (and Graph code), and who posted them."""

    status: str
    reason: str
    code: str | None
    poster: str | None
    rows: int


@dataclass(frozen=True)
class StatusCount:
    """Delivery rows of one status: how many, how many acknowledged, and their link clicks."""

    rows: int
    acknowledged: int
    clicks: int


async def acknowledge_alone(
    connection: AsyncConnection, announcement_id: int, recipient_key: str, now: datetime
) -> tuple[int, str] | None:
    """AnnouncementRepository.acknowledge as a statement on its own (Database.statement): one round trip."""
    result = await connection.execute(_ACKNOWLEDGE, {"announcement": announcement_id, "key": recipient_key, "now": now})
    return _recorded(result.first())


def _recorded(row: Row[Any] | None) -> tuple[int, str] | None:
    return (int(row[0]), str(row[1])) if row is not None else None


class AnnouncementRepository:
    """SQL for announcements and their deliveries; every method works inside the caller's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _dialect(self) -> Any:
        return postgresql if self.session.bind.dialect.name == "postgresql" else sqlite

    # ------------------------------------------------------------------ announcements
    async def get(self, announcement_id: int, *, fresh: bool = False) -> Announcement | None:
        """One announcement or None; `fresh` reads it again even when the session holds it."""
        return await self.session.get(Announcement, announcement_id, populate_existing=fresh)

    def add(self, announcement: Announcement) -> Announcement:
        """A new announcement, inserted with the next flush."""
        self.session.add(announcement)
        return announcement

    async def by_author(self, author_key: str, limit: int = 20) -> list[Announcement]:
        """Someone's announcements, newest first."""
        rows = await self.session.scalars(
            select(Announcement)
            .where(Announcement.author_key == author_key)
            .order_by(Announcement.created_at.desc(), Announcement.id.desc())
            .limit(limit)
        )
        return list(rows)

    async def by_status(self, statuses: Iterable[str], limit: int = 100) -> list[Announcement]:
        """Announcements in one of `statuses`, oldest first."""
        rows = await self.session.scalars(
            select(Announcement)
            .where(Announcement.status.in_(list(statuses)))
            .order_by(Announcement.created_at, Announcement.id)
            .limit(limit)
        )
        return list(rows)

    # ------------------------------------------------------------------ deliveries
    async def counts(self, announcement_id: int) -> dict[str, StatusCount]:
        """Delivery rows per status, with acknowledgements and clicks (one GROUP BY)."""
        rows = await self.session.execute(
            select(
                AnnouncementDelivery.status,
                func.count(),
                func.count(AnnouncementDelivery.acknowledged_at),
                func.coalesce(func.sum(AnnouncementDelivery.clicks), 0),
            )
            .where(AnnouncementDelivery.announcement_id == announcement_id)
            .group_by(AnnouncementDelivery.status)
        )
        return {status: StatusCount(int(n), int(acked), int(clicks)) for status, n, acked, clicks in rows}

    async def insert_deliveries(self, announcement_id: int, recipients: Sequence[NewDelivery], now: datetime) -> int:
        """Write one row per recipient; a recipient already written is left alone. Returns the rows inserted."""
        values = [
            dict(
                announcement_id=announcement_id,
                recipient_kind=r.recipient_kind,
                recipient_key=r.recipient_key,
                conversation_id=r.conversation_id,
                status=DeliveryStatus.UNREACHABLE if r.reason and not r.poster else DeliveryStatus.PENDING,
                op=None if (r.reason and not r.poster) or r.poster == Poster.PERSON else DeliveryOp.SEND,
                reason=r.reason[:300] if r.reason else None,
                reason_code=r.code[:100] if r.code else None,
                poster=r.poster,
                language=r.language,
                revision=0,
                run_at=now,
                attempts=0,
                clicks=0,
            )
            for r in recipients
        ]
        inserted = 0
        for start in range(0, len(values), INSERT_CHUNK):
            statement = (
                self._dialect()
                .insert(AnnouncementDelivery)
                .values(values[start : start + INSERT_CHUNK])
                .on_conflict_do_nothing(index_elements=["announcement_id", "recipient_key"])
            )
            inserted += rowcount(await self.session.execute(statement))
        return inserted

    async def mark_for_update(self, announcement_id: int, now: datetime, *, keys: Sequence[str] | None = None) -> int:
        """Due now: put the current revision on every sent card (or only those of `keys`)."""
        query = update(AnnouncementDelivery).where(
            AnnouncementDelivery.announcement_id == announcement_id,
            AnnouncementDelivery.status == DeliveryStatus.SENT,
            AnnouncementDelivery.op.is_distinct_from(DeliveryOp.DELETE),
            AnnouncementDelivery.poster.is_distinct_from(Poster.PERSON),  # the author's own message: not the bot's
        )
        if keys is not None:
            query = query.where(AnnouncementDelivery.recipient_key.in_(list(keys)))
        result = await self.session.execute(query.values(op=DeliveryOp.UPDATE, run_at=now, attempts=0))
        return rowcount(result)

    async def mark_for_delete(self, announcement_id: int, now: datetime) -> int:
        """Due now: delete every sent card the bot posted (the author's own messages stay theirs)."""
        result = await self.session.execute(
            update(AnnouncementDelivery)
            .where(
                AnnouncementDelivery.announcement_id == announcement_id,
                AnnouncementDelivery.status == DeliveryStatus.SENT,
                AnnouncementDelivery.poster.is_distinct_from(Poster.PERSON),
            )
            .values(op=DeliveryOp.DELETE, run_at=now, attempts=0)
        )
        return rowcount(result)

    async def recall_unsent(self, announcement_id: int) -> int:
        """Rows not sent yet will never be: recalled, no work due."""
        result = await self.session.execute(
            update(AnnouncementDelivery)
            .where(
                AnnouncementDelivery.announcement_id == announcement_id,
                AnnouncementDelivery.status == DeliveryStatus.PENDING,
            )
            .values(status=DeliveryStatus.RECALLED, op=None)
        )
        return rowcount(result)

    async def awaiting_author(self, announcement_id: int) -> list[AnnouncementDelivery]:
        """The channel cards still to be posted as the author (announcement.post_as), in id order."""
        rows = await self.session.scalars(
            select(AnnouncementDelivery)
            .where(
                AnnouncementDelivery.announcement_id == announcement_id,
                AnnouncementDelivery.poster == Poster.PERSON,
                AnnouncementDelivery.status == DeliveryStatus.PENDING,
                AnnouncementDelivery.op.is_(None),
            )
            .order_by(AnnouncementDelivery.id)
        )
        return list(rows)

    async def posted_as_author(
        self, delivery_id: int, conversation_id: str, activity_id: str, revision: int, now: datetime
    ) -> bool:
        """Record a card posted as the author; False when the row is no longer waiting (recalled meanwhile)."""
        result = await self.session.execute(
            update(AnnouncementDelivery)
            .where(
                AnnouncementDelivery.id == delivery_id,
                AnnouncementDelivery.poster == Poster.PERSON,
                AnnouncementDelivery.status == DeliveryStatus.PENDING,
            )
            .values(
                status=DeliveryStatus.SENT,
                conversation_id=conversation_id,
                activity_id=activity_id,
                revision=revision,
                sent_at=now,
            )
        )
        return rowcount(result) == 1

    async def hand_to_bot(self, delivery_ids: Sequence[int], reason: str, code: str | None, now: datetime) -> int:
        """Cards that cannot be posted as the author go to the fan-out engine (op=send), saying why."""
        if not delivery_ids:
            return 0
        result = await self.session.execute(
            update(AnnouncementDelivery)
            .where(
                AnnouncementDelivery.id.in_(list(delivery_ids)),
                AnnouncementDelivery.poster == Poster.PERSON,
                AnnouncementDelivery.status == DeliveryStatus.PENDING,
            )
            .values(
                poster=Poster.BOT,
                op=DeliveryOp.SEND,
                run_at=now,
                attempts=0,
                reason=reason,
                reason_code=code[:100] if code else None,
            )
        )
        return rowcount(result)

    async def reason_counts(self, announcement_id: int) -> list[ReasonCount]:
        """The deliveries with a reason, counted per status, reason, Graph code and poster."""
        d = AnnouncementDelivery
        rows = await self.session.execute(
            select(d.status, d.reason, d.reason_code, d.poster, func.count())
            .where(d.announcement_id == announcement_id, d.reason.is_not(None))
            .group_by(d.status, d.reason, d.reason_code, d.poster)
            .order_by(d.status, d.reason, d.reason_code)
        )
        return [ReasonCount(status, reason, code, poster, int(n)) for status, reason, code, poster, n in rows]

    async def posted_by_author(self, announcement_id: int) -> int:
        """Channel cards posted as the author."""
        found = await self.session.scalar(
            select(func.count()).where(
                AnnouncementDelivery.announcement_id == announcement_id,
                AnnouncementDelivery.poster == Poster.PERSON,
                AnnouncementDelivery.status == DeliveryStatus.SENT,
            )
        )
        return int(found or 0)

    async def due(self, announcement_id: int) -> int:
        """Rows of the announcement with work still due."""
        found = await self.session.scalar(
            select(func.count()).where(
                AnnouncementDelivery.announcement_id == announcement_id, AnnouncementDelivery.op.is_not(None)
            )
        )
        return int(found or 0)

    async def unacknowledged(self, announcement_id: int) -> list[AnnouncementDelivery]:
        """Sent deliveries whose recipient has not clicked 'Gelezen'."""
        rows = await self.session.scalars(
            select(AnnouncementDelivery)
            .where(
                AnnouncementDelivery.announcement_id == announcement_id,
                AnnouncementDelivery.status == DeliveryStatus.SENT,
                AnnouncementDelivery.acknowledged_at.is_(None),
            )
            .order_by(AnnouncementDelivery.id)
        )
        return list(rows)

    async def delivery(self, announcement_id: int, recipient_key: str) -> AnnouncementDelivery | None:
        """One recipient's row, or None."""
        return await self.session.scalar(
            select(AnnouncementDelivery).where(
                AnnouncementDelivery.announcement_id == announcement_id,
                AnnouncementDelivery.recipient_key == recipient_key,
            )
        )

    async def queue_notifications(self, announcement_id: int) -> list[int]:
        """Mark the announcement's sent personal cards without a notification queued (one UPDATE, so two
        instances never queue the same row); their ids."""
        result = await self.session.execute(
            update(AnnouncementDelivery)
            .where(
                AnnouncementDelivery.announcement_id == announcement_id,
                AnnouncementDelivery.recipient_kind == RecipientKind.PERSONAL,
                AnnouncementDelivery.status == DeliveryStatus.SENT,
                AnnouncementDelivery.notification.is_(None),
            )
            .values(notification=NotificationStatus.QUEUED)
            .returning(AnnouncementDelivery.id)
        )
        return sorted(result.scalars())

    async def queue_reminder_notifications(self, announcement_id: int, delivery_ids: Sequence[int]) -> list[int]:
        """Mark these sent personal cards' notifications queued again, for the reminder (one UPDATE); their ids."""
        result = await self.session.execute(
            update(AnnouncementDelivery)
            .where(
                AnnouncementDelivery.announcement_id == announcement_id,
                AnnouncementDelivery.id.in_(list(delivery_ids)),
                AnnouncementDelivery.recipient_kind == RecipientKind.PERSONAL,
                AnnouncementDelivery.status == DeliveryStatus.SENT,
            )
            .values(notification=NotificationStatus.QUEUED)
            .returning(AnnouncementDelivery.id)
        )
        return sorted(result.scalars())

    async def queued_notifications(
        self, delivery_ids: Sequence[int], stale_before: datetime
    ) -> list[AnnouncementDelivery]:
        """Those of these rows whose notification is still to go, by id: queued, or taken to send before
        `stale_before` by a run that was cut off (one taken since is another run's, in flight)."""
        taken_long_ago = and_(
            AnnouncementDelivery.notification == NotificationStatus.SENDING,
            or_(AnnouncementDelivery.notification_at.is_(None), AnnouncementDelivery.notification_at < stale_before),
        )
        rows = await self.session.scalars(
            select(AnnouncementDelivery)
            .where(
                AnnouncementDelivery.id.in_(list(delivery_ids)),
                or_(AnnouncementDelivery.notification == NotificationStatus.QUEUED, taken_long_ago),
            )
            .order_by(AnnouncementDelivery.id)
        )
        return list(rows)

    async def claim_notification(self, delivery_id: int, seen: str, now: datetime, stale_before: datetime) -> bool:
        """Take one notification to send if it is still as it was read (`seen`; one 'sending' only while it was taken
        before `stale_before`); False when another run took it."""
        query = update(AnnouncementDelivery).where(
            AnnouncementDelivery.id == delivery_id, AnnouncementDelivery.notification == seen
        )
        if seen == NotificationStatus.SENDING:
            query = query.where(
                or_(AnnouncementDelivery.notification_at.is_(None), AnnouncementDelivery.notification_at < stale_before)
            )
        result = await self.session.execute(query.values(notification=NotificationStatus.SENDING, notification_at=now))
        return rowcount(result) == 1

    async def set_notification(self, delivery_ids: Sequence[int], status: NotificationStatus) -> None:
        """Record how these rows' notifications ended."""
        await self.session.execute(
            update(AnnouncementDelivery)
            .where(AnnouncementDelivery.id.in_(list(delivery_ids)))
            .values(notification=status)
        )

    async def deliveries(self, announcement_id: int) -> list[AnnouncementDelivery]:
        """Every row of an announcement, by recipient kind and key."""
        rows = await self.session.scalars(
            select(AnnouncementDelivery)
            .where(AnnouncementDelivery.announcement_id == announcement_id)
            .order_by(AnnouncementDelivery.recipient_kind, AnnouncementDelivery.recipient_key)
        )
        return list(rows)

    async def acknowledge(self, announcement_id: int, recipient_key: str, now: datetime) -> tuple[int, str] | None:
        """Record the recipient's 'Gelezen' once: (revision, language) of the announcement; None when nothing was
        recorded (already acknowledged, not sent to them, not live, no acknowledgement asked, no such announcement)."""
        result = await self.session.execute(
            _ACKNOWLEDGE, {"announcement": announcement_id, "key": recipient_key, "now": now}
        )
        return _recorded(result.first())

    async def settle(self, announcement_id: int) -> bool:
        """A sending announcement with no first send left to do and nobody left to resolve becomes sent; True when
        it changed.

        Taken under the announcement's row lock once no pending row is visible: a chunk of resolution writing its
        last rows and an engine recording its last send then settle one after the other, the second seeing the
        first's commit, so neither leaves the announcement sending for ever (each saw the other's work undone).
        """
        if await self._pending(announcement_id):
            return False  # a pending row is committed work whose own recording settles later
        unresolved = await self.session.scalar(
            select(Announcement.unresolved).where(Announcement.id == announcement_id).with_for_update()
        )
        if unresolved or await self._pending(announcement_id):  # a fresh look now the lock is held
            return False
        result = await self.session.execute(
            update(Announcement)
            .where(
                Announcement.id == announcement_id,
                Announcement.status == AnnouncementStatus.SENDING,
                Announcement.started_at.is_not(None),
            )
            .values(status=AnnouncementStatus.SENT, updated_at=utcnow(), version=Announcement.version + 1)
            .execution_options(synchronize_session=False)
        )
        return rowcount(result) == 1

    async def _pending(self, announcement_id: int) -> int:
        return (
            await self.session.scalar(
                select(func.count()).where(
                    AnnouncementDelivery.announcement_id == announcement_id,
                    AnnouncementDelivery.status == DeliveryStatus.PENDING,
                )
            )
            or 0
        )

    async def resolved(self, announcement_id: int, people: int) -> None:
        """`people` of those still to resolve got their delivery row (never below zero)."""
        if people:
            await self.session.execute(
                update(Announcement)
                .where(Announcement.id == announcement_id)
                .values(unresolved=case((Announcement.unresolved > people, Announcement.unresolved - people), else_=0))
                .execution_options(synchronize_session=False)
            )

    async def written_keys(self, announcement_id: int, recipient_keys: Sequence[str]) -> set[str]:
        """Which of these recipients have a delivery row already."""
        found: set[str] = set()
        keys = list(dict.fromkeys(recipient_keys))
        for start in range(0, len(keys), INSERT_CHUNK):
            found.update(
                await self.session.scalars(
                    select(AnnouncementDelivery.recipient_key).where(
                        AnnouncementDelivery.announcement_id == announcement_id,
                        AnnouncementDelivery.recipient_key.in_(keys[start : start + INSERT_CHUNK]),
                    )
                )
            )
        return found

    # ------------------------------------------------------------------ audiences
    async def personal_conversations(self) -> dict[str, str]:
        """Every person with a stored personal chat: user_key -> the most recent chat's conversation id."""
        rows = await self.session.execute(
            select(ConversationRef.user_key, ConversationRef.conversation_id)
            .where(ConversationRef.conversation_type == "personal", ConversationRef.user_key.is_not(None))
            .order_by(ConversationRef.updated_at)
        )
        return {user_key: conversation_id for user_key, conversation_id in rows}  # the newest wins

    async def personal_conversations_of(self, user_keys: Sequence[str]) -> dict[str, str]:
        """The most recent personal chat of each of `user_keys` that has one."""
        found: dict[str, str] = {}
        keys = list(dict.fromkeys(user_keys))
        for start in range(0, len(keys), INSERT_CHUNK):
            rows = await self.session.execute(
                select(ConversationRef.user_key, ConversationRef.conversation_id)
                .where(
                    ConversationRef.conversation_type == "personal",
                    ConversationRef.user_key.in_(keys[start : start + INSERT_CHUNK]),
                )
                .order_by(ConversationRef.updated_at)
            )
            found.update({user_key: conversation_id for user_key, conversation_id in rows if user_key})
        return found

    # ------------------------------------------------------------------ settings
    async def setting(self, key: str) -> str | None:
        """A run-time setting's value, or None when it was never set."""
        row = await self.session.get(Setting, key, populate_existing=True)
        return row.value if row is not None else None

    async def add_setting(self, key: str, value: str) -> None:
        """Store a setting that must not exist yet (a unique violation, in CONFLICTS, when another wrote it first)."""
        self.session.add(Setting(key=key, value=value, updated_at=utcnow()))
        await self.session.flush()

    async def set_setting(self, key: str, value: str) -> None:
        """Store a run-time setting (insert or replace)."""
        insert = self._dialect().insert(Setting).values(key=key, value=value, updated_at=utcnow())
        await self.session.execute(
            insert.on_conflict_do_update(index_elements=["key"], set_={"value": value, "updated_at": utcnow()})
        )
