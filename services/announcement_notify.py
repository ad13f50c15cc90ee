"""Activity-feed notifications with announcements that ask for them: the fan-out engine's recorded hook queues
each sent personal card (one job per batch), and the job sends them through Graph within Graph's limit of
5 per second per tenant, taken from the shared `rate_limits` budget so the limit holds over every instance.

A notification is marked sending just before Graph is called and sent right after Graph took it, so a job cut off
and run again repeats only the one in flight, and two runs of one job (a lease that passed) never send the same
queued one; a throttled one (429) goes back to queued, pushes the shared budget back by Retry-After and the job
retries the rest.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from i18n import t
from services import graph_limits
from services.clock import REAL_CLOCK, Clock
from services.graph_limits import ACTIVITY, GraphLimits
from services.jobs import Jobs, Worker
from services.payloads import AnnouncementNotify
from services.ports import DeliveryError, Graph, Unreachable
from storage import AnnouncementRepository, Database, Session
from vocabulary import ActivityType, AnnouncementStatus, NotificationStatus

log = logging.getLogger(__name__)

IN_FLIGHT = timedelta(seconds=60)
"""How long a notification taken to send counts as in flight: a second run of the job (the first one's lease passed)
takes over only one taken longer ago, whose run was cut off; one Graph call ends far sooner (its time-out)."""
GRAPH_ACTIVITY_RATE = 5.0
"""sendActivityNotification calls per second per tenant that Graph allows an app."""
BATCH = 50
"""Deliveries per announcement.notify job."""
Sleep = Callable[[float], Awaitable[None]]


def budget_key(tenant: str) -> str:
    """The shared `rate_limits` row of a tenant's activity notifications."""
    return graph_limits.budget_key(ACTIVITY, tenant)


class AnnouncementNotifier:
    """Queues and sends the activity-feed notifications of announcements with `notify` on."""

    def __init__(
        self,
        db: Database,
        jobs: Jobs,
        graph: Graph | None,
        tenant: str,
        *,
        rate: float = GRAPH_ACTIVITY_RATE,
        clock: Clock = REAL_CLOCK,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.db = db
        self.jobs = jobs
        self.graph = graph
        self.limits = GraphLimits(db, tenant, rates={ACTIVITY: rate}, clock=clock, sleep=sleep)
        self.clock = clock

    def register(self, worker: Worker) -> None:
        """Attach the job handler to `worker`."""
        worker.handle(AnnouncementNotify)(self.notify)

    async def queue(self, session: Session, announcement_ids: set[int]) -> None:
        """In the engine's transaction that recorded sends: a job per batch of newly sent personal cards."""
        repo = AnnouncementRepository(session)
        for announcement_id in sorted(announcement_ids):
            row = await repo.get(announcement_id)
            if row is None or not row.notify:
                continue
            ids = await repo.queue_notifications(announcement_id)
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                await self.jobs.enqueue(
                    session, AnnouncementNotify(announcement_id=announcement_id, delivery_ids=batch)
                )

    async def queue_reminders(self, session: Session, announcement_id: int, delivery_ids: list[int]) -> None:
        """In the reminder's transaction: a reminder notification job per batch of the unacknowledged cards."""
        repo = AnnouncementRepository(session)
        row = await repo.get(announcement_id)
        if row is None or not row.notify:
            return
        ids = await repo.queue_reminder_notifications(announcement_id, delivery_ids)
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            await self.jobs.enqueue(session, AnnouncementNotify(announcement_id, batch, reminder=True))

    async def notify(self, payload: AnnouncementNotify) -> None:
        """Send the batch's notifications still queued, each in its slot of the shared budget."""
        async with self.db.read() as session:
            repo = AnnouncementRepository(session)
            announcement = await repo.get(payload.announcement_id)
            rows = await repo.queued_notifications(payload.delivery_ids, self.clock() - IN_FLIGHT)
            targets = [(row.id, row.recipient_key, row.notification or "") for row in rows]
        if not targets:
            return
        gone = announcement is None or not announcement.notify or announcement.status == AnnouncementStatus.RECALLED
        if gone or self.graph is None:  # recalled meanwhile, or Graph switched off since it was queued
            await self._mark([i for i, _, _ in targets], NotificationStatus.SKIPPED)
            return
        assert announcement is not None, "checked above"
        graph = self.graph
        title, lang = announcement.title, announcement.language
        activity_type, preview = (
            (ActivityType.ANNOUNCEMENT_REMINDER, "notification.announcement.reminder")
            if payload.reminder
            else (ActivityType.ANNOUNCEMENT, "notification.announcement.preview")
        )
        start = await self.limits.take(ACTIVITY, len(targets))
        for index, (delivery_id, user_id, seen) in enumerate(targets):
            await self.limits.wait_until(self.limits.slot_of(start, index, ACTIVITY))
            # Recorded before the call (sending) and after it (sent): a run cut off in between leaves only this one
            # to be sent again, and a second run of the same job never sends what this one took.
            async with self.db.transaction() as session:
                now = self.clock()
                if not await AnnouncementRepository(session).claim_notification(
                    delivery_id, seen, now, now - IN_FLIGHT
                ):
                    continue
            try:
                await graph.notify_activity(
                    user_id,
                    activity_type=activity_type,
                    preview=t(preview, lang, title=title),
                    params={"title": title},
                )
            except Unreachable as error:
                log.info("activity notification %s: unreachable: %s", delivery_id, error.reason)
                await self._mark([delivery_id], NotificationStatus.FAILED)
                continue
            except DeliveryError as error:
                if error.transient:
                    await self._mark([delivery_id], NotificationStatus.QUEUED)
                    await self.limits.push(ACTIVITY, error.retry_after)
                    raise  # the job retries the rest after Retry-After; those sent are marked
                log.warning("activity notification %s refused: %s", delivery_id, error)
                await self._mark([delivery_id], NotificationStatus.FAILED)
                continue
            await self._mark([delivery_id], NotificationStatus.SENT)

    async def _mark(self, delivery_ids: list[int], status: NotificationStatus) -> None:
        async with self.db.transaction() as session:
            await AnnouncementRepository(session).set_notification(delivery_ids, status)
