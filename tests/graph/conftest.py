"""A fake Graph per test (its own thread on 127.0.0.1) and a GraphClient pointed at it with a static credential."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from graph import GraphClient
from tests.support.credentials import StaticCredential
from tests.support.fake_graph import FakeGraph

TEAMS_APP_ID = "b1c2d3e4-0000-4000-8000-00000000a77a"


@pytest.fixture
def fake_graph() -> Iterator[FakeGraph]:
    with FakeGraph(page_size=2) as fake:
        fake.teams_app_ids.add(TEAMS_APP_ID)
        yield fake


@pytest.fixture
def credential() -> StaticCredential:
    return StaticCredential("app-token")


@pytest.fixture
async def graph(fake_graph: FakeGraph, credential: StaticCredential) -> AsyncIterator[GraphClient]:
    client = GraphClient(
        credential,
        teams_app_id=TEAMS_APP_ID,
        base_url=fake_graph.base_url,
        on_behalf_of=lambda assertion: StaticCredential(f"obo-{assertion}"),
        timeout=5.0,
    )
    yield client
    await client.close()
