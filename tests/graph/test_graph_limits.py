"""Graph's per-endpoint limits over every instance: the real GraphClient against the fake Graph, each kind of call
in its slot of a named shared budget in rate_limits, a 429's Retry-After pushing that budget; both databases."""

from __future__ import annotations

import pytest

from graph import GraphClient
from services.announcement_drafts import Audience
from services.announcement_views import aware
from services.audiences import open_chats, resolve
from services.conversations import ConversationService
from services.directory import DirectoryService
from services.graph_limits import INSTALL, READ, GraphLimits, LimitedGraph
from services.ports import DeliveryError
from storage import Database, DeliveryRepository
from tests.support.clock import Paced
from tests.support.fake_graph import FakeGraph
from vocabulary import AudienceKind

TENANT = "tenant-1"


def limited(database: Database, graph: GraphClient, paced: Paced, **rates: float | None) -> LimitedGraph:
    limits = GraphLimits(
        database, TENANT, clock=paced.clock, sleep=paced.sleep, rates={INSTALL: 30.0, READ: None, **rates}
    )
    return LimitedGraph(graph, limits)


async def budget(database: Database, name: str):
    async with database.read() as session:
        return aware(await DeliveryRepository(session).budget(f"graph:{name}:{TENANT}"))


def people(fake: FakeGraph, n: int) -> list[str]:
    ids = [f"aad-{i}" for i in range(n)]
    for i, user in enumerate(ids):
        fake.add_user(user, f"Persoon {i}", department="Burgerzaken")
    return ids


async def test_installing_for_a_department_keeps_to_thirty_a_second_over_two_instances(database, fake_graph, graph):
    ids = people(fake_graph, 6)
    paced, other = Paced(), Paced()  # two instances at the same moment, each with its own sleeps
    other.clock = paced.clock
    first, second = limited(database, graph, paced), limited(database, graph, other)
    start = paced.clock()

    for user in ids[:3]:
        await first.personal_chat_id(user)
    for user in ids[3:]:
        await second.personal_chat_id(user)

    assert all(len(fake_graph.installations(user)) == 1 for user in ids)
    assert sum(paced.waits) + sum(other.waits) == pytest.approx(5 / 30, abs=1e-5)  # six slots, 1/30 s apart
    taken = await budget(database, INSTALL)
    assert taken is not None and (taken - start).total_seconds() == pytest.approx(6 / 30, abs=1e-5)


async def test_a_429_pushes_the_budget_back_by_retry_after_for_every_instance(database, fake_graph, graph):
    ids = people(fake_graph, 2)
    fake_graph.fail("POST", f"/users/{ids[0]}/teamwork/installedApps", 429, retry_after=7)
    paced = Paced()
    first, second = limited(database, graph, paced), limited(database, graph, paced)

    with pytest.raises(DeliveryError) as throttled:
        await first.personal_chat_id(ids[0])
    assert throttled.value.status == 429 and throttled.value.retry_after == 7
    waited = sum(paced.waits)
    await second.personal_chat_id(ids[1])  # the other instance waits the Retry-After out before it calls

    assert sum(paced.waits) - waited == pytest.approx(7.0, abs=0.05)
    assert len(fake_graph.installations(ids[1])) == 1


async def test_a_throttled_directory_read_makes_the_next_read_wait_without_pacing_reads(database, fake_graph, graph):
    people(fake_graph, 3)
    paced = Paced()
    client = limited(database, graph, paced)
    assert len(await client.department_members("Burgerzaken")) == 3
    assert paced.waits == []  # reads take no slots
    fake_graph.fail("GET", "/users", 429, retry_after=3)

    with pytest.raises(DeliveryError):
        await client.department_members("Burgerzaken")
    assert len(await client.department_members("Burgerzaken")) == 3

    assert paced.waits == [pytest.approx(3.0, abs=0.05)]


async def test_audience_resolution_goes_through_the_limits(database, fake_graph, graph):
    ids = people(fake_graph, 4)
    paced = Paced()
    client = limited(database, graph, paced)

    resolution = await resolve(
        database,
        Audience(AudienceKind.DEPARTMENT, ("Burgerzaken",)),
        client,
        DirectoryService(database),
        ConversationService(database),
    )
    assert resolution.recipients == [] and sorted(resolution.to_open) == ids, "nobody has a stored chat yet"
    assert await budget(database, INSTALL) is None, "listing the department installs nothing"
    opened = await open_chats(database, client, resolution.to_open)

    found = opened.recipients
    assert opened.error is None
    assert sorted(r.key for r in found) == ids and all(r.conversation_id for r in found)
    assert await budget(database, INSTALL) is not None
    assert sum(paced.waits) == pytest.approx(3 / 30, abs=1e-5)
