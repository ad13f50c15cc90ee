"""Turn replies the Bot Connector does not take in the turn: kept as jobs, delivered late by the worker, on both DBs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from bot import ConnectorMessenger
from config import Settings
from dialogs.types import Incoming, Outcome, Reply
from services.jobs import Jobs, Worker, WorkerOptions
from services.payloads import ReplySend
from services.replies import REPLY_ATTEMPTS, ReplyDelivery, TurnReplies
from storage.models import Job
from tests.support.activities import USER, Recorder, activity, card_action
from tests.support.clock import Clock

CARD = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Bedankt!"}]}
SEND_PATH = "/v3/conversations/a:personal-conv-1/activities"
REPLY_PATH = f"{SEND_PATH}/1700000000001"
CARD_PATH = f"{SEND_PATH}/1699999999999"
WAIT = 5.0


def echo(incoming: Incoming) -> Outcome:
    return Outcome(replies=[Reply(text=f"Echo: {incoming.text}")])


class Deferred:
    """The endpoint with a reply outbox over a real database, and a worker the test runs by hand."""

    def __init__(self, database, connector, start_bot) -> None:
        self.db = database
        self.connector = connector
        self.clock = Clock()
        self.jobs = Jobs(database, clock=self.clock)
        self.replies = TurnReplies(self.jobs)
        self.worker = Worker(
            self.jobs, options=WorkerOptions(worker_id="w1", poll_interval=0.05, wake_delay=0), clock=self.clock
        )
        self._start_bot = start_bot
        self.endpoint = None

    async def start(self, handle: Callable[[Incoming], Any], settings: Settings | None = None):
        client, self.endpoint = await self._start_bot(handle, settings, outbox=self.replies)
        ReplyDelivery(ConnectorMessenger(self.endpoint.transport)).register(self.worker)
        return client

    async def rows(self) -> list[Job]:
        async with self.db.read() as session:
            return list(await session.scalars(select(Job).order_by(Job.id)))

    async def until(self, predicate: Callable[[list[Job]], bool], within: float = WAIT) -> list[Job]:
        """The job rows once `predicate` holds for them (they are written after the answer, for card updates)."""
        loop = asyncio.get_running_loop()
        end = loop.time() + within
        while True:
            rows = await self.rows()
            if predicate(rows):
                return rows
            assert loop.time() < end, f"condition not met within {within}s: {rows}"
            await asyncio.sleep(0.01)


@pytest.fixture
async def deferred(database, connector, start_bot):
    harness = Deferred(database, connector, start_bot)
    yield harness
    await harness.worker.stop()


def delivered(connector, path: str = SEND_PATH) -> list:
    """Calls to `path` the connector took."""
    return [call for call in connector.calls if call.path == path and call.delivered]


async def test_a_reply_refused_with_500_is_tried_once_more_then_arrives_once_through_the_worker(deferred, connector):
    connector.fail("POST", REPLY_PATH, 500, times=-1)
    client = await deferred.start(Recorder(echo))
    response = await client.post("/api/messages", json=activity(connector.url, text="hallo"))
    assert response.status == 200
    assert connector.count(REPLY_PATH) == 2, "a 500 is worth one more try in the turn, not more"
    [job] = await deferred.rows()
    assert (job.kind, job.status) == ("reply.send", "pending")
    assert connector.count(SEND_PATH) == 0, "the turn was answered before the worker sent anything"

    deferred.worker.start()  # the worker wakes on its own and sends
    assert await connector.wait_for_async(lambda c: delivered(c), timeout=WAIT)
    await deferred.worker.stop()  # lets the job in hand finish
    [job] = await deferred.rows()
    assert job.status == "done" and job.attempts == 1
    [call] = [c for c in connector.calls if c.delivered]
    assert call.path == SEND_PATH and call.text == "Echo: hallo" and call.json["textFormat"] == "markdown"
    assert "replyToId" not in call.json, (
        "a personal chat gets the late reply as a new message, not a reply to an old one"
    )
    assert call.json["conversation"]["id"] == "a:personal-conv-1" and call.json["from"]["id"] == "28:vraagbaak-bot"

    kept = repr(job.payload)  # only what is needed to send it: no user ids or names
    for personal in (USER["id"], USER["name"], USER["aadObjectId"]):
        assert personal not in kept
    assert job.payload["reference"]["serviceUrl"] == connector.url
    assert job.payload["reference"]["conversation"]["tenantId"] == "tenant-1"


async def test_a_connector_that_holds_the_reply_does_not_hold_the_turn(deferred, connector):
    connector.hang("POST", REPLY_PATH, seconds=10)  # a connector answering after 10 s (within the old 30 s timeout)
    client = await deferred.start(Recorder(echo), Settings(reply_timeout=0.2))
    response = await client.post("/api/messages", json=activity(connector.url, text="hallo"))
    assert response.status == 200
    assert connector.held == 1, "the turn was answered while the connector still held its reply"
    [job] = await deferred.rows()
    assert job.status == "pending"

    assert await deferred.worker.run_due() == 1
    connector.release()
    [late] = delivered(connector)
    assert late.text == "Echo: hallo"
    [job] = await deferred.rows()
    assert job.status == "done"


async def test_retry_after_is_waited_for_in_the_turn_only_when_it_fits_and_the_job_honours_it(deferred, connector):
    connector.fail("POST", REPLY_PATH, 429, times=-1, retry_after=120)
    connector.fail("POST", SEND_PATH, 429, times=1, retry_after=120)
    client = await deferred.start(Recorder(echo))
    assert (await client.post("/api/messages", json=activity(connector.url, text="hallo"))).status == 200
    assert connector.count(REPLY_PATH) == 1, "two minutes is longer than the turn may wait"
    assert deferred.endpoint.transport.retry.sleep.delays == []

    assert await deferred.worker.run_due() == 1  # the job's first try: throttled again
    [job] = await deferred.rows()
    assert (job.status, job.attempts) == ("pending", 1) and "429" in job.last_error
    deferred.clock.advance(seconds=119)
    assert await deferred.worker.run_due() == 0, "not before Retry-After has passed"
    deferred.clock.advance(seconds=1)
    assert await deferred.worker.run_due() == 1
    [late] = delivered(connector)
    assert late.text == "Echo: hallo"


async def test_a_reply_the_connector_keeps_refusing_is_dead_lettered_with_the_reason(deferred, connector, caplog):
    connector.fail("POST", REPLY_PATH, 503, times=-1, retry_after=0)
    connector.fail("POST", SEND_PATH, 503, times=-1)
    client = await deferred.start(Recorder(echo))
    assert (await client.post("/api/messages", json=activity(connector.url, text="hallo"))).status == 200
    assert connector.count(REPLY_PATH) == deferred.endpoint.transport.retry.attempts == 4
    with caplog.at_level(logging.ERROR, logger="services"):
        for _ in range(REPLY_ATTEMPTS):
            deferred.clock.advance(hours=1)
            assert await deferred.worker.run_due() == 1
        deferred.clock.advance(hours=1)
        assert await deferred.worker.run_due() == 0, "dead-lettered: not tried again"
    [job] = await deferred.rows()
    assert (job.status, job.attempts) == ("failed", REPLY_ATTEMPTS)
    assert "503" in job.last_error and job.payload["text"] == "Echo: hallo", "kept with the reason, for whoever looks"
    assert connector.count(SEND_PATH) == REPLY_ATTEMPTS and delivered(connector) == []
    assert any("failed for good" in r.getMessage() for r in caplog.records)


async def test_replies_after_one_that_failed_are_kept_in_order_behind_it(deferred, connector):
    three = Recorder(lambda _: Outcome(replies=[Reply(text="Eerste"), Reply(card=CARD), Reply(text="Derde")]))
    connector.fail("POST", REPLY_PATH, 502, times=-1, after=1)  # the first reply goes through
    client = await deferred.start(three)
    assert (await client.post("/api/messages", json=activity(connector.url, text="help"))).status == 200
    assert [c.text for c in delivered(connector, REPLY_PATH)] == ["Eerste"]
    assert connector.count(REPLY_PATH) == 1 + 4, "the third reply is not tried once the second could not go"
    kept = [ReplySend.from_json(job.payload) for job in await deferred.rows()]
    assert [(reply.text, reply.card) for reply in kept] == [(None, CARD), ("Derde", None)]

    deferred.worker.start()
    assert await connector.wait_for_async(lambda c: len(delivered(c)) == 2, timeout=WAIT)
    assert [(c.text, c.cards) for c in delivered(connector)] == [(None, [CARD]), ("Derde", [])]


async def test_teams_delivering_an_activity_again_adds_no_second_job_for_its_reply(deferred, connector):
    connector.fail("POST", REPLY_PATH, 503, times=-1, retry_after=0)
    client = await deferred.start(Recorder(echo))
    body = activity(connector.url, text="hallo")
    for _ in range(2):
        assert (await client.post("/api/messages", json=body)).status == 200
    assert len(await deferred.rows()) == 1
    assert await deferred.worker.run_due() == 1
    assert [c.text for c in delivered(connector)] == ["Echo: hallo"]


async def test_a_channel_reply_kept_for_later_stays_in_its_thread(deferred, connector):
    channel = "19:kerngebruikers@thread.tacv2"
    thread = f"{channel};messageid=1700000000000"
    body = activity(
        connector.url,
        id="1700000000007",
        text="open tickets",
        conversation={"id": thread, "conversationType": "channel", "isGroup": True, "tenantId": "tenant-1"},
        channelData={"tenant": {"id": "tenant-1"}, "channel": {"id": channel}, "team": {"id": "team-1"}},
    )
    connector.fail("POST", f"/v3/conversations/{thread}/activities/1700000000007", 504, times=-1, retry_after=0)
    client = await deferred.start(Recorder(echo))
    assert (await client.post("/api/messages", json=body)).status == 200
    assert await deferred.worker.run_due() == 1
    [late] = [c for c in connector.calls if c.delivered]
    assert late.path == f"/v3/conversations/{thread}/activities", "to the thread's conversation, not a reply path"
    assert late.json["replyToId"] == "1700000000000" and late.json["conversation"]["id"] == thread


async def test_a_refusal_that_will_not_change_is_logged_not_kept(deferred, connector, caplog):
    connector.fail("POST", REPLY_PATH, 403, times=-1)
    client = await deferred.start(Recorder(echo))
    with caplog.at_level(logging.ERROR, logger="bot"):
        assert (await client.post("/api/messages", json=activity(connector.url, text="hallo"))).status == 200
    assert connector.count(REPLY_PATH) == 1 and await deferred.rows() == []
    assert any("403" in r.getMessage() and "Could not deliver" in r.getMessage() for r in caplog.records)


async def test_a_card_update_the_connector_refuses_after_a_click_is_delivered_by_the_worker(deferred, connector):
    connector.fail("PUT", CARD_PATH, 502, times=4, retry_after=0)  # every try in the turn; the job's goes through
    client = await deferred.start(Recorder(lambda _: Outcome(card=CARD)))
    response = await client.post("/api/messages", json=card_action(connector.url, "feedback", {"useful": True}))
    assert (await response.json())["value"] == CARD, "the clicker sees the new card at once"
    [job] = await deferred.until(lambda rows: len(rows) == 1)
    assert job.kind == "reply.update" and connector.count(CARD_PATH) == 4
    assert await deferred.worker.run_due() == 1
    [update] = delivered(connector, CARD_PATH)
    assert update.method == "PUT" and update.cards == [CARD] and update.json["id"] == "1699999999999"


async def test_a_turn_without_an_outbox_still_logs_what_it_could_not_deliver(start_bot, connector, caplog):
    connector.fail("POST", REPLY_PATH, 500, times=-1)
    client, _ = await start_bot(Recorder(echo))
    with caplog.at_level(logging.ERROR, logger="bot"):
        assert (await client.post("/api/messages", json=activity(connector.url, text="hallo"))).status == 200
    assert any("Could not deliver" in r.getMessage() for r in caplog.records)
