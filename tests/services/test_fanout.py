"""The fan-out engine through the real path: ConnectorMessenger over HTTP to the fake Bot Connector, both databases."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from storage import Database, DeliveryRepository
from storage.models import Announcement, AnnouncementDelivery, utcnow
from tests.support.clock import Clock
from tests.support.fake_connector import FakeConnector
from tests.support.fanout import (
    TENANT,
    chat,
    connector_messenger,
    delivery_counts,
    engine,
    person,
    seed_announcement,
    seed_channel,
    seed_people,
)
from tests.support.postgres import in_schema, new_schema
from tests.support.requirements import require
from vocabulary import DeliveryOp, DeliveryStatus

WAIT = 10.0
"""Seconds a test waits for a condition before it fails."""
FAST = dict(rate=1000.0, per_conversation=1000.0, base_delay=0.01)
"""Limits far above what a test sends, and short back-offs: a test asks for the limit it is about."""
CHANNEL = "19:kerngebruikers-zaaksysteem@thread.tacv2"


@pytest.fixture
async def messenger():
    found, transport = connector_messenger()
    yield found
    await transport.close()


async def deliveries(db: Database) -> dict[str, AnnouncementDelivery]:
    async with db.read() as session:
        rows = await session.scalars(select(AnnouncementDelivery).order_by(AnnouncementDelivery.id))
        return {row.recipient_key: row for row in rows}


def activity_posts(connector: FakeConnector, conversation: str) -> int:
    return connector.count(f"/v3/conversations/{conversation}/activities", "POST")


async def test_every_recipient_gets_one_card_and_its_row_says_where(database, connector, messenger):
    await seed_people(database, connector.url, 12)
    await seed_channel(database, connector.url, CHANNEL)
    await seed_announcement(database, people=range(12), channels=(CHANNEL,))
    fanout = engine(database, messenger, batch=5, **FAST)

    assert await fanout.run_due() == 13

    rows = await deliveries(database)
    for i in range(12):
        assert activity_posts(connector, chat(i)) == 1
        row = rows[person(i)]
        assert (row.status, row.op, row.conversation_id, row.revision) == (DeliveryStatus.SENT, None, chat(i), 1)
        assert row.activity_id and row.sent_at is not None and row.locked_by is None
    threads = [c for c in connector.calls if c.method == "POST" and c.path == "/v3/conversations"]
    assert len(threads) == 1 and threads[0].json["channelData"]["channel"]["id"] == CHANNEL
    (attachment,) = threads[0].json["activity"]["attachments"]
    assert attachment["content"]["body"][0]["text"] == "Nieuwe versie Zaaksysteem (r1)"
    channel_row = rows[CHANNEL]
    assert channel_row.conversation_id == threads[0].answer["id"]
    assert channel_row.activity_id == threads[0].answer["activityId"]
    assert await fanout.run_due() == 0


async def test_an_edit_updates_every_posted_card_in_place(database, connector, messenger):
    await seed_people(database, connector.url, 3)
    await seed_channel(database, connector.url, CHANNEL)
    announcement_id = await seed_announcement(database, people=range(3), channels=(CHANNEL,))
    fanout = engine(database, messenger, **FAST)
    await fanout.run_due()
    async with database.transaction() as session:  # what the announcement service does on an edit
        await session.execute(
            update(Announcement).where(Announcement.id == announcement_id).values(title="Gewijzigd", revision=2)
        )
        await session.execute(update(AnnouncementDelivery).values(op=DeliveryOp.UPDATE))
    before = await deliveries(database)

    assert await fanout.run_due() == 4

    puts = [c for c in connector.calls if c.method == "PUT"]
    assert len(puts) == 4 and all(c.cards[0]["body"][0]["text"] == "Gewijzigd (r2)" for c in puts)
    paths = {c.path for c in puts}
    for key, row in (await deliveries(database)).items():
        assert (row.status, row.op, row.revision, row.activity_id) == (
            DeliveryStatus.SENT,
            None,
            2,
            before[key].activity_id,
        )
        assert f"/v3/conversations/{row.conversation_id}/activities/{row.activity_id}" in paths


async def test_a_recall_deletes_every_posted_card_and_a_card_already_gone_counts_as_recalled(
    database, connector, messenger
):
    await seed_people(database, connector.url, 3)
    await seed_announcement(database, people=range(3))
    fanout = engine(database, messenger, **FAST)
    await fanout.run_due()
    async with database.transaction() as session:
        await session.execute(update(AnnouncementDelivery).values(op=DeliveryOp.DELETE))
    gone = await deliveries(database)
    connector.fail("DELETE", f"/v3/conversations/{chat(1)}/activities/{gone[person(1)].activity_id}", 404)

    assert await fanout.run_due() == 3

    assert connector.count(method="DELETE") == 3
    assert all((row.status, row.op) == (DeliveryStatus.RECALLED, None) for row in (await deliveries(database)).values())


async def test_a_429_waits_its_retry_after_without_using_an_attempt_and_pushes_the_shared_budget(
    database, connector, messenger
):
    clock = Clock(utcnow())
    await seed_people(database, connector.url, 1)
    await seed_announcement(database, people=range(1))
    connector.fail("POST", f"/v3/conversations/{chat(0)}/activities", 429, retry_after=30)
    fanout = engine(database, messenger, rate=1000.0, base_delay=0.01)
    fanout.clock = clock

    await fanout.run_due()

    row = (await deliveries(database))[person(0)]
    assert (row.status, row.op, row.attempts) == (DeliveryStatus.PENDING, DeliveryOp.SEND, 0)
    assert row.run_at == clock.now + timedelta(seconds=30) and "429" in (row.last_error or "")
    async with database.read() as session:
        budget = await DeliveryRepository(session).budget(f"tenant:{TENANT}")
    assert budget is not None and budget >= clock.now + timedelta(seconds=30)
    clock.advance(seconds=29)
    assert await fanout.run_due() == 0
    clock.advance(seconds=2)
    assert await fanout.run_due() == 1
    assert (await deliveries(database))[person(0)].status == DeliveryStatus.SENT
    assert activity_posts(connector, chat(0)) == 2


async def test_a_server_error_is_retried_after_a_jittered_back_off(database, connector, messenger):
    clock = Clock(utcnow())
    await seed_people(database, connector.url, 1)
    await seed_announcement(database, people=range(1))
    connector.fail("POST", f"/v3/conversations/{chat(0)}/activities", 503)
    fanout = engine(database, messenger, rate=1000.0, base_delay=4.0)
    fanout.clock = clock

    await fanout.run_due()

    row = (await deliveries(database))[person(0)]
    assert (row.status, row.op, row.attempts) == (DeliveryStatus.PENDING, DeliveryOp.SEND, 1)
    assert clock.now + timedelta(seconds=2) <= row.run_at <= clock.now + timedelta(seconds=6)
    assert "503" in (row.last_error or "")
    clock.advance(seconds=6)
    assert await fanout.run_due() == 1
    assert (await deliveries(database))[person(0)].status == DeliveryStatus.SENT


async def test_after_the_last_attempt_the_row_is_dead_lettered_with_the_reason(database, connector, messenger):
    clock = Clock(utcnow())
    await seed_people(database, connector.url, 1)
    await seed_announcement(database, people=range(1))
    connector.fail("POST", f"/v3/conversations/{chat(0)}/activities", 502, times=-1)
    fanout = engine(database, messenger, rate=1000.0, base_delay=1.0, max_attempts=3)
    fanout.clock = clock

    for _ in range(5):
        await fanout.run_due()
        clock.advance(seconds=10)

    row = (await deliveries(database))[person(0)]
    assert (row.status, row.op, row.attempts) == (DeliveryStatus.FAILED, None, 3)
    assert (
        row.last_error is not None and row.last_error.startswith("gave up after 3 attempts") and "502" in row.last_error
    )
    assert activity_posts(connector, chat(0)) == 3


async def test_a_refusal_fails_at_once_with_the_reason_and_a_missing_chat_is_not_sent(database, connector, messenger):
    await seed_people(database, connector.url, 1)
    await seed_announcement(database, people=range(2))  # person 1 has no chat the bot knows
    connector.fail("POST", f"/v3/conversations/{chat(0)}/activities", 403, code="BotDisabledByAdmin")

    await engine(database, messenger, **FAST).run_due()

    rows = await deliveries(database)
    assert (rows[person(0)].status, rows[person(0)].op) == (DeliveryStatus.FAILED, None)
    assert "403" in (rows[person(0)].last_error or "") and rows[person(0)].attempts == 1
    assert (rows[person(1)].status, rows[person(1)].last_error) == (
        DeliveryStatus.FAILED,
        "no conversation with the recipient",
    )
    assert activity_posts(connector, chat(0)) == 1 and activity_posts(connector, chat(1)) == 0


async def test_posts_into_one_conversation_keep_to_its_limit(database, connector, messenger):
    """The fake allows 7 posts per 0.25 s into one channel (Teams' 7/s, four times faster to keep the test short)."""
    connector.limit(rate=None, per_conversation=7, window=0.25)
    await seed_channel(database, connector.url, CHANNEL)
    for n in range(15):  # fifteen announcements for the same channel, due at once
        await seed_announcement(database, channels=(CHANNEL,), title=f"Bericht {n}")

    await engine(database, messenger, rate=1000.0, per_conversation=26.0, batch=50).run_due()

    assert connector.throttled == 0 and connector.posted(CHANNEL) == 15
    assert (await delivery_counts(database)) == {"sent": 15, "due": 0}


async def test_without_pacing_the_fake_throttles_a_burst_into_one_conversation(database, connector, messenger):
    """The other side of the test above: the fake's per-conversation limit bites, and the engine recovers."""
    connector.limit(rate=None, per_conversation=7, window=0.25)
    await seed_channel(database, connector.url, CHANNEL)
    for n in range(15):
        await seed_announcement(database, channels=(CHANNEL,), title=f"Bericht {n}")
    fanout = engine(database, messenger, rate=1000.0, per_conversation=10_000.0, batch=50, poll_interval=0.05)

    fanout.start()
    try:
        assert await connector.wait_for_async(lambda c: c.throttled > 0, WAIT)
        assert await connector.wait_for_async(lambda c: c.posted(CHANNEL) == 15, WAIT)  # after their Retry-After
    finally:
        await fanout.stop()
    assert (await delivery_counts(database)) == {"sent": 15, "due": 0}


async def test_a_claim_whose_worker_died_is_taken_back_on_start_and_sent(database, connector, messenger):
    await seed_people(database, connector.url, 4)
    await seed_announcement(database, people=range(4))
    clock = Clock(utcnow())
    async with database.transaction() as session:  # a worker claimed two rows, then was killed
        await DeliveryRepository(session).claim_due("dead-worker", clock.now, timedelta(seconds=60), 2)
    fanout = engine(database, messenger, **FAST)
    fanout.clock = clock
    assert await fanout.run_due() == 2  # the two free rows; the dead worker's are still leased
    clock.advance(seconds=61)

    assert await fanout.recover() == 2
    assert await fanout.run_due() == 2

    assert all(activity_posts(connector, chat(i)) == 1 for i in range(4))
    assert (await delivery_counts(database)) == {"sent": 4, "due": 0}


async def test_the_background_loop_sends_when_woken_and_stops_cleanly(database, connector, messenger):
    await seed_people(database, connector.url, 5)
    fanout = engine(database, messenger, poll_interval=30.0, **FAST)
    fanout.start()
    try:
        await seed_announcement(database, people=range(5))
        fanout.wake()
        assert await connector.wait_for_async(lambda c: c.posted() == 5, WAIT)
    finally:
        await fanout.stop()
    assert (await delivery_counts(database)) == {"sent": 5, "due": 0}


@pytest.mark.postgres
async def test_two_engines_on_one_postgresql_send_each_row_once_within_the_shared_budget(tmp_path, connector):
    """Two instances (own engines, own connection pools) on one schema: no row twice, the limit held together."""
    try:
        first, schema, cleanup = await new_schema("fanout")
    except RuntimeError as unreachable:
        require(False, str(unreachable))
    await first.upgrade()
    second = in_schema(schema)
    connector.limit(rate=100, per_conversation=None, window=1.0)
    one, one_transport = connector_messenger()
    two, two_transport = connector_messenger()
    try:
        await seed_people(first, connector.url, 80)
        await seed_announcement(first, people=range(80))
        engines = [engine(db, m, rate=80.0, batch=10, base_delay=0.01) for db, m in ((first, one), (second, two))]
        await asyncio.gather(*(e.run_due() for e in engines))

        assert connector.duplicates() == 0 and connector.posted() == 80
        assert connector.throttled == 0
        assert all(e.sent > 0 for e in engines) and sum(e.sent for e in engines) == 80
        assert (await delivery_counts(first)) == {"sent": 80, "due": 0}
    finally:
        await one_transport.close()
        await two_transport.close()
        await second.dispose()
        await cleanup()
