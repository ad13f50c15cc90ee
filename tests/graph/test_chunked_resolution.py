"""A department without stored chats through the app as it is wired: the real GraphClient on the fake Graph opens
their chats in chunk jobs within the shared install budget, a 429 on one install is waited out, and the fan-out
engine reaches every reachable person once over the fake Bot Connector."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import ANNOUNCEMENTS, CONVERSATIONS, DIRECTORY, build_app
from config import Settings
from graph import GraphClient
from services.announcement_drafts import Audience, Draft
from services.audiences import RESOLVE_CHUNK
from services.jobs import WorkerOptions
from tests.conftest import DATABASE_KINDS, make_database
from tests.graph.conftest import TEAMS_APP_ID
from tests.support.credentials import StaticCredential
from tests.support.fake_graph import FakeGraph
from tests.support.people import DIRK
from tests.support.world import ZAAKSYSTEEM, furnish
from vocabulary import AudienceKind

PEOPLE = [f"aad-sd-{i:03}" for i in range(RESOLVE_CHUNK + 12)]
BLOCKED = PEOPLE[7]
THROTTLED = PEOPLE[RESOLVE_CHUNK + 3]


@pytest.mark.parametrize("kind", DATABASE_KINDS)
async def test_a_department_without_chats_is_reached_once_each_through_chunks_and_a_429(kind, tmp_path, connector):
    db, cleanup = await make_database(kind, tmp_path)
    with FakeGraph() as fake:
        fake.teams_app_ids.add(TEAMS_APP_ID)
        for user in PEOPLE:
            fake.add_user(user, user, department="Sociaal Domein")
        fake.block_install(BLOCKED)
        fake.fail("POST", f"/users/{THROTTLED}/teamwork/installedApps", 429, retry_after=1)
        graph = GraphClient(StaticCredential(), teams_app_id=TEAMS_APP_ID, base_url=fake.base_url, timeout=5.0)
        app = build_app(
            Settings(matcher="lexical", send_rate_limit=500),
            database=db,
            graph=graph,
            worker_options=WorkerOptions(poll_interval=0.05, base_delay=0.05),
        )
        await furnish(app[DIRECTORY], app[CONVERSATIONS], ZAAKSYSTEEM, service_url=connector.url)
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        try:
            announcements = app[ANNOUNCEMENTS]
            audience = Audience(AudienceKind.DEPARTMENT, ("Sociaal Domein",))
            view = await announcements.create(DIRK, Draft(title="Suite4 live", text="Welkom.", audience=audience))
            await announcements.submit(DIRK, view.id, send_now=True)

            def cards_to_people(c) -> list[str]:
                return [
                    x.path for x in c.calls if x.method == "POST" and x.path.endswith("/activities") and x.delivered
                ]

            assert await connector.wait_for_async(lambda c: len(cards_to_people(c)) >= len(PEOPLE) - 1, timeout=30)
        finally:
            await client.close()  # the worker and the engine stop once the work in hand is recorded
            await graph.close()
        try:
            now = await announcements.get(view.id)
        finally:
            await cleanup()
    chats = {user: fake.installations(user) for user in PEOPLE}
    posts = cards_to_people(connector)
    assert len(posts) == len(set(posts)) == len(PEOPLE) - 1, "every reachable person once, nobody twice"
    assert all(len(chats[user]) == 1 for user in PEOPLE if user != BLOCKED) and chats[BLOCKED] == []
    assert len(fake.calls_to(f"/users/{THROTTLED}/teamwork/installedApps", "POST")) == 2, "the 429, then again"
    assert now is not None and now.status == "sent"
    assert (now.counts.recipients, now.counts.sent, now.counts.unreachable, now.counts.resolving) == (
        len(PEOPLE),
        len(PEOPLE) - 1,
        1,
        0,
    )
