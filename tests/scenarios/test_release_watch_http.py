"""The release watch's digest through /api/messages: the serving app reads Message Center from the fake Graph, its
digest job posts the card in functional management's channel (fake Bot Connector), and people click its buttons
there: Dirk makes a draft of one post ('Maak aankondiging') and sets the other aside ('Niet relevant'), Bram (a key
user) is refused, a second click says what was decided."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import ANNOUNCEMENTS, CONVERSATIONS, DATABASE, DIRECTORY, JOBS, build_app
from config import Settings
from graph import GraphClient
from i18n import t
from services.jobs import WorkerOptions
from services.payloads import ReleaseDigest
from storage import ReleaseMessageRepository
from tests.conftest import DATABASE_KINDS, make_database
from tests.support.activities import account, channel_action
from tests.support.cards import click_data, invoke
from tests.support.conversations import cards_in, threads
from tests.support.credentials import StaticCredential
from tests.support.fake_connector import FakeConnector
from tests.support.fake_graph import FakeGraph
from tests.support.people import BRAM, DIRK
from tests.support.world import FM_CHANNEL, ZAAKSYSTEEM, furnish
from vocabulary.actions import DISMISS_RELEASE, DRAFT_RELEASE

MESSAGES = "/admin/serviceAnnouncement/messages"


@pytest.fixture(params=DATABASE_KINDS)
async def client(request, tmp_path, connector: FakeConnector) -> AsyncIterator[TestClient]:
    """The serving app with Graph (two Message Center posts) and the Zaaksysteem's people; its digest posted."""
    db, cleanup = await make_database(request.param, tmp_path)
    with FakeGraph() as fake:
        for n in (1, 2):
            fake.add_service_message(
                {
                    "id": f"MC{n}",
                    "title": f"Teams wijziging {n}",
                    "services": ["Microsoft Teams"],
                    "lastModifiedDateTime": "2026-11-20T10:00:00Z",
                    "body": {"contentType": "html", "content": "<p>Nieuw in Teams</p>"},
                }
            )
        graph = GraphClient(StaticCredential(), teams_app_id="app", base_url=fake.base_url, timeout=5.0)
        app = build_app(
            Settings(matcher="lexical"),
            database=db,
            graph=graph,
            worker_options=WorkerOptions(poll_interval=0.05, base_delay=0.05),
        )
        await furnish(app[DIRECTORY], app[CONVERSATIONS], ZAAKSYSTEEM, service_url=connector.url)
        test_client = TestClient(TestServer(app, host="127.0.0.1"))
        await test_client.start_server()
        try:
            assert await fake.wait_for_async(lambda f: f.calls_to(MESSAGES), 10), "the watch runs at start"
            await _until_read(app, 2)
            async with app[DATABASE].transaction() as session:
                await app[JOBS].enqueue(session, ReleaseDigest(day="today"))
            app[JOBS].wake()
            assert await connector.wait_for_async(lambda c: threads(c, FM_CHANNEL), timeout=10), "the digest"
            yield test_client
        finally:
            await test_client.close()
            await graph.close()
            await cleanup()


async def _until_read(app: Any, count: int) -> None:
    """Wait until the watch stored `count` posts (it runs in the app's worker)."""
    for _ in range(200):
        async with app[DATABASE].read() as session:
            if len(await ReleaseMessageRepository(session).new()) == count:
                return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the release watch did not store {count} posts")


async def test_the_digests_buttons_in_the_channel_draft_dismiss_refuse_and_say_what_was_decided(
    client: TestClient, connector: FakeConnector
):
    app = client.app
    assert app is not None
    [posted] = threads(connector, FM_CHANNEL)
    digest = cards_in(posted)[0]
    thread, card_id = posted.answer["id"], posted.answer["activityId"]
    draft, dismiss = DRAFT_RELEASE.verb.value, DISMISS_RELEASE.verb.value

    async def press(who: Any, verb: str, message_id: str) -> Any:
        data = click_data(digest, verb, message_id=message_id)
        answer = await invoke(client, channel_action(connector.url, account(who), thread, card_id, verb, data))
        assert answer["statusCode"] == 200, answer
        return answer["value"]

    refused = await press(BRAM, draft, "MC1")
    assert refused == t("release.refused.role", "nl")

    made = await press(DIRK, draft, "MC2")
    assert isinstance(made, str) and made.startswith("Concept-aankondiging ") and "MC2" in made
    [note] = await app[ANNOUNCEMENTS].mine(DIRK)
    assert (note.status, note.source, note.kind) == ("draft", "release-watch", "release_note")
    assert note.title == "Teams wijziging 2"

    gone = await press(DIRK, dismiss, "MC1")
    assert gone == t("release.dismissed", "nl", id="MC1")

    again = await press(DIRK, dismiss, "MC2")
    assert again == t("release.already_decided", "nl", id="MC2", status=t("release.status.drafted", "nl"))
    assert len(await app[ANNOUNCEMENTS].mine(DIRK)) == 1, "a second click makes no second draft"
    async with app[DATABASE].read() as session:
        repo = ReleaseMessageRepository(session)
        mc1, mc2 = await repo.get("MC1"), await repo.get("MC2")
    assert mc1 is not None and mc2 is not None
    assert (mc1.status, mc2.status, mc2.announcement_id) == ("dismissed", "drafted", note.id)
