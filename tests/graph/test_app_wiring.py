"""build_app with Graph: the serving app schedules the release watch at start and its worker reads the fake Graph."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from app import ANNOUNCEMENTS, NOTIFIER, RELEASE_WATCH, build_app
from config import Settings
from graph import GraphClient
from services.graph_limits import LimitedGraph
from storage.models import Job, ReleaseMessage
from tests.conftest import make_database
from tests.support.credentials import StaticCredential
from tests.support.fake_graph import FakeGraph
from vocabulary import JobKind


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database(request, tmp_path):
    db, cleanup = await make_database(request.param, tmp_path)
    yield db
    await cleanup()


async def test_the_app_reads_message_center_at_start_through_its_graph_client(database):
    with FakeGraph() as fake:
        fake.add_service_message(
            {
                "id": "MC1",
                "title": "Teams",
                "services": ["Microsoft Teams"],
                "lastModifiedDateTime": "2026-11-20T10:00:00Z",
                "body": {"contentType": "html", "content": "<p>x</p>"},
            }
        )
        graph = GraphClient(StaticCredential("serving-token"), teams_app_id="app", base_url=fake.base_url)
        settings = Settings(matcher="lexical", release_watch_services=("Microsoft Teams",))
        app = build_app(settings, database=database, graph=graph)
        for limited in (app[ANNOUNCEMENTS].graph, app[RELEASE_WATCH].graph):  # within Graph's shared budgets
            assert isinstance(limited, LimitedGraph) and limited.graph is graph
        assert app[NOTIFIER].graph is graph and app[NOTIFIER].queue in app[ANNOUNCEMENTS]._recorded_steps
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        try:
            assert await fake.wait_for_async(lambda f: f.calls_to("/admin/serviceAnnouncement/messages"), 10)
            async with database.read() as session:
                digest = await session.scalar(select(Job).where(Job.kind == JobKind.RELEASE_DIGEST))
            assert digest is not None and digest.status == "pending"
        finally:
            await client.close()
            await graph.close()
        (call,) = fake.calls_to("/admin/serviceAnnouncement/messages")
        assert call.token == "serving-token"


async def test_without_graph_settings_nothing_is_scheduled(database):
    app = build_app(Settings(matcher="lexical"), database=database)
    assert app[ANNOUNCEMENTS].graph is None and app[NOTIFIER].graph is None
    assert app[NOTIFIER].queue not in app[ANNOUNCEMENTS]._recorded_steps
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    await client.close()
    async with database.read() as session:
        kinds = set(await session.scalars(select(Job.kind)))
        assert not kinds & {JobKind.RELEASE_WATCH, JobKind.RELEASE_DIGEST}
        assert (await session.scalars(select(ReleaseMessage))).all() == []
