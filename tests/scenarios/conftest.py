"""The app every story here is told through: the sample FAQ, the ZAAKSYSTEEM world, a fake Bot Connector."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from app import CONVERSATIONS, DIRECTORY, FAQ, build_app
from config import Settings
from services.faq_files import read_faq_file
from services.jobs import WorkerOptions
from tests.conftest import DATABASE_KINDS, make_database
from tests.scenarios.walk import start
from tests.support.requirements import ROOT
from tests.support.world import ZAAKSYSTEEM, furnish

SAMPLE = ROOT / "samples" / "faq.yaml"


@pytest.fixture(params=DATABASE_KINDS)
async def app(request, tmp_path, connector):
    """The app on SQLite or PostgreSQL with the sample FAQ and the Zaaksysteem's key users under functional
    management; the bot was installed in both groups' channels."""
    db, cleanup = await make_database(request.param, tmp_path)
    app = build_app(
        Settings(matcher="lexical"), database=db, worker_options=WorkerOptions(poll_interval=0.05, base_delay=0.05)
    )
    await app[FAQ].import_entries(read_faq_file(SAMPLE))
    await furnish(app[DIRECTORY], app[CONVERSATIONS], ZAAKSYSTEEM, service_url=connector.url)
    yield app
    await cleanup()


@pytest.fixture(params=DATABASE_KINDS)
async def walk_client(request, tmp_path, connector) -> AsyncIterator[TestClient]:
    """The demo walk's app (walk.py: Zaaksysteem and Outlook key users sharing General, functional management above)
    on SQLite or PostgreSQL, serving on 127.0.0.1; its database dropped afterwards."""
    client = await start(request.param, tmp_path, connector)
    try:
        yield client
    finally:
        await client.close()
        await client.cleanup()  # type: ignore[attr-defined]


@pytest.fixture
async def client(app: web.Application):
    """A client of the app serving on 127.0.0.1."""
    test_client = TestClient(TestServer(app, host="127.0.0.1"))
    await test_client.start_server()
    yield test_client
    await test_client.close()
