"""Activity-feed notifications with announcements, through the real path: the fan-out engine sends the cards to
the fake Bot Connector, its recorded hook queues a job, the job notifies through the fake Graph over HTTP within
the shared budget of 5 per second per tenant; both databases."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from graph import GraphClient
from services.announcement_notify import IN_FLIGHT, AnnouncementNotifier, budget_key
from services.conversations import ConversationService
from services.fanout import FanoutEngine, FanoutOptions
from services.jobs import Jobs, Worker
from services.payloads import AnnouncementNotify
from services.ports import DeliveryError
from storage import Database, DeliveryRepository
from storage.models import Announcement, AnnouncementDelivery, Job
from tests.support.clock import Paced
from tests.support.credentials import StaticCredential
from tests.support.fake_graph import FakeGraph
from tests.support.fanout import connector_messenger, person, render, seed_announcement, seed_channel, seed_people
from vocabulary import AnnouncementStatus, JobKind, NotificationStatus

CHANNEL = "19:kerngebruikers@thread.tacv2"
APP = "teams-app-id"
PEOPLE = 3


@pytest.fixture
def fake_graph() -> Iterator[FakeGraph]:
    with FakeGraph(activity_types={"announcement", "announcementReminder"}) as fake:
        for i in range(PEOPLE):
            fake.add_user(person(i), f"Persoon {i}")
            fake.install(person(i), APP)
        yield fake


@pytest.fixture
async def graph(fake_graph: FakeGraph) -> AsyncIterator[GraphClient]:
    client = GraphClient(StaticCredential(), teams_app_id=APP, base_url=fake_graph.base_url)
    yield client
    await client.close()


def notifier(database: Database, graph: GraphClient, paced: Paced) -> AnnouncementNotifier:
    return AnnouncementNotifier(
        database, Jobs(database, paced.clock), graph, "tenant-1", clock=paced.clock, sleep=paced.sleep
    )


async def send_cards(database: Database, connector, notify_on: AnnouncementNotifier, *, notify: bool = True) -> int:
    """An announcement to PEOPLE people and a channel, its cards sent by the engine with the notifier's hook."""
    await seed_people(database, connector.url, PEOPLE)
    await seed_channel(database, connector.url, CHANNEL)
    announcement_id = await seed_announcement(database, people=range(PEOPLE), channels=(CHANNEL,))
    async with database.transaction() as session:
        await session.execute(update(Announcement).where(Announcement.id == announcement_id).values(notify=notify))
    messenger, transport = connector_messenger()
    try:
        engine = FanoutEngine(
            database,
            messenger,
            ConversationService(database),
            render,
            options=FanoutOptions(rate=1000.0, per_conversation=1000.0),
            on_recorded=notify_on.queue,
        )
        assert await engine.run_due() == PEOPLE + 1
    finally:
        await transport.close()
    return announcement_id


async def notifications(database: Database) -> dict[str, str | None]:
    async with database.read() as session:
        rows = await session.scalars(select(AnnouncementDelivery))
        return {row.recipient_key: row.notification for row in rows}


async def notify_jobs(database: Database) -> list[Job]:
    async with database.read() as session:
        return list(await session.scalars(select(Job).where(Job.kind == JobKind.ANNOUNCEMENT_NOTIFY)))


async def queued_payload(database: Database) -> AnnouncementNotify:
    """The queued jobs' deliveries as one batch (the engine may record its sends in more than one transaction):
    each personal card in exactly one job."""
    payloads = [AnnouncementNotify.from_json(job.payload) for job in await notify_jobs(database)]
    ids = [i for p in payloads for i in p.delivery_ids]
    assert payloads and len(ids) == len(set(ids)) == PEOPLE
    assert len({p.announcement_id for p in payloads}) == 1
    return AnnouncementNotify(payloads[0].announcement_id, sorted(ids))


async def test_each_person_gets_one_notification_after_their_card_within_five_a_second(
    database, connector, fake_graph, graph
):
    paced = Paced()
    notify = notifier(database, graph, paced)
    announcement_id = await send_cards(database, connector, notify)

    queued = await notifications(database)
    assert queued == {**{person(i): NotificationStatus.QUEUED for i in range(PEOPLE)}, CHANNEL: None}
    assert (await queued_payload(database)).announcement_id == announcement_id
    worker = Worker(notify.jobs, clock=paced.clock)
    notify.register(worker)
    start = paced.clock()

    assert await worker.run_due() >= 1

    assert sorted(user for user, _ in fake_graph.notifications) == [person(i) for i in range(PEOPLE)]
    for _, body in fake_graph.notifications:
        assert body["activityType"] == "announcement"
        assert body["previewText"]["content"] == "Nieuwe aankondiging: Nieuwe versie Zaaksysteem"
        assert body["templateParameters"] == [{"name": "title", "value": "Nieuwe versie Zaaksysteem"}]
        assert "/teamwork/installedApps/" in body["topic"]["value"]
    assert all(0 < wait <= (PEOPLE - 1) / 5 for wait in paced.waits)  # exact spacing: the two-instance test
    assert await notifications(database) == {
        **{person(i): NotificationStatus.SENT for i in range(PEOPLE)},
        CHANNEL: None,
    }
    async with database.read() as session:
        taken = await DeliveryRepository(session).budget(budget_key("tenant-1"))
    assert taken is not None and taken.replace(tzinfo=start.tzinfo) == start + timedelta(seconds=PEOPLE / 5)
    assert await worker.run_due() == 0


async def test_two_instances_share_the_budget(database, connector, fake_graph, graph):
    paced = Paced()
    first = notifier(database, graph, paced)
    await send_cards(database, connector, first)
    payload = await queued_payload(database)
    half = len(payload.delivery_ids) // 2 + 1
    other = Paced()  # another instance, same moment, its own sleeps
    second = notifier(database, graph, other)

    await first.notify(AnnouncementNotify(payload.announcement_id, payload.delivery_ids[:half]))
    await second.notify(AnnouncementNotify(payload.announcement_id, payload.delivery_ids[half:]))

    assert paced.waits == [0.2] and other.waits == [0.4]  # its slot comes after the first instance's two
    assert len(fake_graph.notifications) == PEOPLE


async def test_a_throttled_notification_waits_and_only_the_rest_go_again(database, connector, fake_graph, graph):
    paced = Paced()
    notify = notifier(database, graph, paced)
    await send_cards(database, connector, notify)
    payload = await queued_payload(database)
    fake_graph.fail("POST", f"/users/{person(1)}/teamwork/sendActivityNotification", 429, retry_after=3)
    start = paced.clock()

    with pytest.raises(DeliveryError) as throttled:
        await notify.notify(payload)
    assert throttled.value.transient and throttled.value.retry_after == 3

    state = await notifications(database)
    assert (state[person(0)], state[person(1)], state[person(2)]) == ("sent", "queued", "queued")
    await notify.notify(payload)  # the job's retry
    assert [user for user, _ in fake_graph.notifications] == [person(0), person(1), person(2)]
    async with database.read() as session:
        taken = await DeliveryRepository(session).budget(budget_key("tenant-1"))
    assert taken is not None and taken.replace(tzinfo=start.tzinfo) >= start + timedelta(seconds=3)


async def test_someone_without_the_app_fails_alone_and_a_recall_skips_the_rest(database, connector, fake_graph, graph):
    paced = Paced()
    notify = notifier(database, graph, paced)
    announcement_id = await send_cards(database, connector, notify)
    payload = await queued_payload(database)
    fake_graph.fail("POST", f"/users/{person(0)}/teamwork/sendActivityNotification", 403, times=-1)

    await notify.notify(AnnouncementNotify(announcement_id, payload.delivery_ids[:2]))
    async with database.transaction() as session:
        await session.execute(
            update(Announcement).where(Announcement.id == announcement_id).values(status=AnnouncementStatus.RECALLED)
        )
    await notify.notify(payload)

    state = await notifications(database)
    assert (state[person(0)], state[person(1)], state[person(2)]) == ("failed", "sent", "skipped")
    assert [user for user, _ in fake_graph.notifications] == [person(1)]


async def test_the_reminder_sends_a_reminder_notification_to_those_who_did_not_read_it(
    database, connector, fake_graph, graph
):
    paced = Paced()
    notify = notifier(database, graph, paced)
    announcement_id = await send_cards(database, connector, notify)
    await notify.notify(await queued_payload(database))
    fake_graph.notifications.clear()
    ids = sorted((await queued_payload_ids(database)).values())
    async with database.transaction() as session:  # the reminder's transaction: persons 1 and 2 did not read it
        await notify.queue_reminders(session, announcement_id, ids[1:])
    [job] = [j for j in await notify_jobs(database) if j.payload.get("reminder")]
    assert AnnouncementNotify.from_json(job.payload) == AnnouncementNotify(announcement_id, ids[1:], reminder=True)
    state = await notifications(database)
    assert (state[person(0)], state[person(1)], state[person(2)]) == ("sent", "queued", "queued")

    await notify.notify(AnnouncementNotify.from_json(job.payload))

    assert [user for user, _ in fake_graph.notifications] == [person(1), person(2)]
    for _, body in fake_graph.notifications:
        assert body["activityType"] == "announcementReminder"
        assert body["previewText"]["content"] == "Lees je nog even: Nieuwe versie Zaaksysteem"
    assert set((await notifications(database)).values()) == {NotificationStatus.SENT, None}


class Killed(BaseException):
    """The process dies: nothing after this point runs (no except clause of the product catches it)."""


class DiesAfterSending:
    """Graph that takes the notification for `victim`, after which the process is killed before it records it."""

    def __init__(self, graph: GraphClient, victim: str) -> None:
        self.graph = graph
        self.victim = victim

    async def notify_activity(self, user_id: str, **kwargs) -> None:
        await self.graph.notify_activity(user_id, **kwargs)
        if user_id == self.victim:
            raise Killed


async def test_a_run_killed_between_sending_and_recording_repeats_only_the_one_in_flight(
    database, connector, fake_graph, graph
):
    paced = Paced()
    notify = notifier(database, graph, paced)
    await send_cards(database, connector, notify)
    payload = await queued_payload(database)
    dying = AnnouncementNotifier(
        database,
        notify.jobs,
        DiesAfterSending(graph, person(1)),  # type: ignore[arg-type]
        "tenant-1",
        clock=paced.clock,
        sleep=paced.sleep,
    )

    with pytest.raises(Killed):
        await dying.notify(payload)
    state = await notifications(database)
    assert (state[person(0)], state[person(1)], state[person(2)]) == ("sent", "sending", "queued")
    await notify.notify(payload)  # at once: another run's notification in flight is left alone
    assert [user for user, _ in fake_graph.notifications] == [person(0), person(1), person(2)]
    assert (await notifications(database))[person(1)] == "sending"
    paced.clock.advance(seconds=IN_FLIGHT.total_seconds() + 60)  # the job's lease passed: another instance runs it
    await notify.notify(payload)

    sent = [user for user, _ in fake_graph.notifications]
    assert sent == [person(0), person(1), person(2), person(1)]  # one duplicate: the notification in flight
    assert set((await notifications(database)).values()) == {NotificationStatus.SENT, None}


async def test_two_runs_of_one_job_at_once_send_each_queued_notification_once(database, connector, fake_graph, graph):
    """A job whose lease passed while it still ran: the second run skips what the first one took."""
    first = notifier(database, graph, Paced())
    await send_cards(database, connector, first)
    payload = await queued_payload(database)
    second = notifier(database, graph, Paced())

    await asyncio.gather(first.notify(payload), second.notify(payload))

    assert sorted(user for user, _ in fake_graph.notifications) == [person(i) for i in range(PEOPLE)]
    assert set((await notifications(database)).values()) == {NotificationStatus.SENT, None}


async def test_no_reminder_notification_without_notify(database, connector, fake_graph, graph):
    notify = notifier(database, graph, Paced())
    announcement_id = await send_cards(database, connector, notify, notify=False)
    ids = sorted((await queued_payload_ids(database)).values())
    async with database.transaction() as session:
        await notify.queue_reminders(session, announcement_id, ids)

    assert await notify_jobs(database) == []


async def queued_payload_ids(database: Database) -> dict[str, int]:
    """Each person's delivery id."""
    async with database.read() as session:
        rows = await session.scalars(select(AnnouncementDelivery).where(AnnouncementDelivery.recipient_key != CHANNEL))
        return {row.recipient_key: row.id for row in rows}


async def test_an_announcement_without_notify_queues_nothing(database, connector, fake_graph, graph):
    notify = notifier(database, graph, Paced())
    await send_cards(database, connector, notify, notify=False)

    assert set((await notifications(database)).values()) == {None}
    assert await notify_jobs(database) == []


async def test_queued_while_graph_was_on_is_set_aside_once_it_is_off(database, connector, fake_graph, graph):
    await send_cards(database, connector, notifier(database, graph, Paced()))
    off = AnnouncementNotifier(database, Jobs(database), None, "tenant-1")

    await off.notify(await queued_payload(database))

    assert set((await notifications(database)).values()) == {NotificationStatus.SKIPPED, None}
    assert fake_graph.notifications == []
