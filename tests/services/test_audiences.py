"""services/audiences.py on both databases: an audience into recipients, with a small Graph double in the test."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import pytest

from services.announcement_delivery import RESOLVE_ATTEMPTS, AnnouncementDelivery
from services.announcement_drafts import Audience, Draft, DraftError
from services.announcements import AnnouncementService
from services.audiences import RESOLVE_CHUNK, AudienceNeedsGraph, Recipient, open_chats, resolve
from services.payloads import AnnouncementResolve
from services.ports import DeliveryError, DirectoryUser, ServiceMessage, TeamChannel, Unreachable
from storage import AnnouncementRepository
from tests.support.announcements import ANNA_CHAT, LAYOUT, NO_CHANNEL, deliveries, jobs, mark_sent
from tests.support.people import ANNA, DIRK, ESRA, SARA
from tests.support.world import FM_CHANNEL, FM_GROUP, SUITE4, SUITE4_CHANNEL, World
from vocabulary import AudienceKind, RecipientKind

BOB = "aad-bob"
"""In Entra, never wrote to the bot: Graph installs the app for him."""
LOCKED = "aad-locked"
"""In Entra, but the tenant does not let the app be installed for him."""


class GraphDouble:
    """Implements services.ports.Graph in memory: who is in which group, and whose chat it can open."""

    def __init__(self, members: dict[str, list[str]], *, unreachable: dict[str, str] | None = None) -> None:
        self.members = members
        self.unreachable = unreachable or {}
        self.opened: list[str] = []
        self.fail_next = False
        self.throttle_after: int | None = None
        """Opening this many more chats, then one 429 (and the count cleared)."""
        self.refuse: DeliveryError | None = None
        """Every chat opened from now on fails with this."""

    async def _of(self, name: str) -> list[DirectoryUser]:
        if self.fail_next:
            self.fail_next = False
            raise DeliveryError("429 from Graph", transient=True, retry_after=2.0)
        return [DirectoryUser(key) for key in self.members.get(name, [])]

    async def group_members(self, group_id: str) -> list[DirectoryUser]:
        return await self._of(f"group:{group_id}")

    async def department_members(self, department: str) -> list[DirectoryUser]:
        return await self._of(f"department:{department}")

    async def team_members(self, team_id: str) -> list[DirectoryUser]:
        return await self._of(f"team:{team_id}")

    async def team_channels(self, team_id: str) -> list[TeamChannel]:
        return []

    async def personal_chat_id(self, user_id: str) -> str:
        if self.refuse is not None:
            raise self.refuse
        if self.throttle_after is not None:
            if self.throttle_after == 0:
                self.throttle_after = None
                raise DeliveryError("429 from Graph", transient=True, retry_after=2.0, status=429)
            self.throttle_after -= 1
        if user_id in self.unreachable:
            raise Unreachable(self.unreachable[user_id], "Forbidden")
        self.opened.append(user_id)
        return f"a:installed-{user_id}"

    async def notify_activity(self, user_id: str, *, activity_type: str, preview: str, params: dict[str, str]) -> None:
        raise AssertionError("announcements do not notify the activity feed")

    async def post_channel_card_as(
        self, user_assertion: str, team_id: str, channel_id: str, card: dict[str, Any]
    ) -> str:
        raise AssertionError("announcements are posted by the bot")

    async def service_messages(self, modified_since: datetime | None) -> list[ServiceMessage]:
        return []


@pytest.fixture
async def world(database) -> World:
    return await World.build(database, LAYOUT)


async def recipients(world: World, audience: Audience, graph: GraphDouble | None = None) -> list[Recipient]:
    """The resolution's rows, then those of the chats Graph opened for the rest."""
    resolution = await resolve(world.db, audience, graph, world.directory, world.conversations)
    if not resolution.to_open:
        return resolution.recipients
    assert graph is not None
    opened = await open_chats(world.db, graph, resolution.to_open)
    assert opened.error is None
    return resolution.recipients + opened.recipients


async def test_everyone_is_every_stored_personal_chat_once(world):
    await world.conversations.remember(  # a second, newer chat with Anna: she still gets one card, in the newest
        conversation_id="a:chat-anna-2",
        conversation_type="personal",
        user_key=ANNA.key,
        tenant_id=None,
        reference={"serviceUrl": "http://127.0.0.1:1/teams", "conversation": {"id": "a:chat-anna-2"}},
    )
    found = await recipients(world, Audience(AudienceKind.EVERYONE))
    assert {(r.kind, r.key, r.conversation_id, r.reason) for r in found} == {
        (RecipientKind.PERSONAL, ANNA.key, "a:chat-anna-2", None),
        (RecipientKind.PERSONAL, ESRA.key, "a:chat-esra", None),
        (RecipientKind.PERSONAL, SARA.key, "a:chat-sara", None),
    }


async def test_groups_are_their_channels_and_a_group_without_one_is_unreachable_with_the_reason(world):
    found = await recipients(world, Audience(AudienceKind.GROUPS, (SUITE4, NO_CHANNEL, "Bestaat niet", FM_GROUP)))
    assert [(r.kind, r.key, r.conversation_id, r.reason) for r in found] == [
        (RecipientKind.CHANNEL, SUITE4_CHANNEL, SUITE4_CHANNEL, None),
        (RecipientKind.CHANNEL, f"group:{NO_CHANNEL}", None, "no_channel"),
        (RecipientKind.CHANNEL, "group:Bestaat niet", None, "no_group"),
        (RecipientKind.CHANNEL, FM_CHANNEL, FM_CHANNEL, None),
    ]


async def test_channels_by_id_each_once(world):
    found = await recipients(world, Audience(AudienceKind.CHANNELS, (SUITE4_CHANNEL, "19:new@thread.tacv2")))
    assert [(r.key, r.reason) for r in found] == [(SUITE4_CHANNEL, None), ("19:new@thread.tacv2", None)]


async def test_an_entra_group_reaches_people_by_their_chat_else_installs_else_says_why(world):
    graph = GraphDouble({"group:g-1": [ANNA.key, BOB, LOCKED, ANNA.key]}, unreachable={LOCKED: "install_forbidden"})
    found = await recipients(world, Audience(AudienceKind.ENTRA_GROUP, ("g-1",)), graph)
    assert [(r.kind, r.key, r.conversation_id, r.reason, r.code) for r in found] == [
        (RecipientKind.PERSONAL, ANNA.key, ANNA_CHAT, None, None),
        (RecipientKind.PERSONAL, BOB, f"a:installed-{BOB}", None, None),
        (RecipientKind.PERSONAL, LOCKED, None, "install_forbidden", "Forbidden"),
    ]
    assert graph.opened == [BOB], "Anna's stored chat is used as it is"
    department = await recipients(world, Audience(AudienceKind.DEPARTMENT, ("Burgerzaken",)), GraphDouble({}))
    assert department == []
    with pytest.raises(AudienceNeedsGraph):
        await recipients(world, Audience(AudienceKind.TEAM, ("team-1",)))


async def test_a_graph_audience_without_graph_is_refused_at_submit(world):
    announcements = AnnouncementService(world.db, world.jobs, world.directory, world.conversations, clock=world.clock)
    draft = Draft(title="Aan de afdeling", text="Tekst", audience=Audience(AudienceKind.DEPARTMENT, ("Burgerzaken",)))
    view = await announcements.create(DIRK, draft)
    with pytest.raises(DraftError) as refused:
        await announcements.submit(DIRK, view.id, send_now=True)
    assert refused.value.errors == {"audience": "announcement.error.needs_graph"}


async def test_the_start_job_resolves_through_graph_retries_a_throttled_graph_and_writes_unreachable_rows(world):
    graph = GraphDouble({"team:t-1": [ESRA.key, LOCKED]}, unreachable={LOCKED: "no licence"})
    announcements = AnnouncementService(
        world.db, world.jobs, world.directory, world.conversations, graph=graph, clock=world.clock
    )
    AnnouncementDelivery(announcements, world.messenger).register(world.worker)
    draft = Draft(title="Aan het team", text="Tekst", audience=Audience(AudienceKind.TEAM, ("t-1",)))
    view = await announcements.create(DIRK, draft)
    await announcements.submit(DIRK, view.id, send_now=True)
    graph.fail_next = True
    await world.worker.run_due()
    [start] = await jobs(world, "announcement.start")
    assert start.status == "pending" and "429" in (start.last_error or ""), "Graph's Retry-After: tried again later"
    assert await deliveries(world, view.id) == {}
    world.clock.advance(seconds=3)
    await world.worker.run_due()
    rows = await deliveries(world, view.id)
    assert {k: (r.status, r.op, r.conversation_id, r.reason) for k, r in rows.items()} == {
        ESRA.key: ("pending", "send", "a:chat-esra", None),
        LOCKED: ("unreachable", None, None, "no licence"),
    }
    now = await announcements.get(view.id)
    assert now is not None and (now.counts.recipients, now.counts.unreachable, now.counts.pending) == (2, 1, 1)


async def test_an_audience_of_nobody_reachable_is_sent_at_once(world):
    announcements = AnnouncementService(world.db, world.jobs, world.directory, world.conversations, clock=world.clock)
    AnnouncementDelivery(announcements, world.messenger).register(world.worker)
    draft = Draft(title="Decos", text="Tekst", audience=Audience(AudienceKind.GROUPS, (NO_CHANNEL,)))
    view = await announcements.create(DIRK, draft)
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    now = await announcements.get(view.id)
    assert now is not None and (now.status, now.counts.unreachable) == ("sent", 1)


def started(world: World, graph: GraphDouble) -> tuple[AnnouncementService, AnnouncementDelivery]:
    announcements = AnnouncementService(
        world.db, world.jobs, world.directory, world.conversations, graph=graph, clock=world.clock
    )
    delivery = AnnouncementDelivery(announcements, world.messenger)
    delivery.register(world.worker)
    return announcements, delivery


async def unresolved(world: World, announcement_id: int) -> int:
    async with world.db.read() as session:
        row = await AnnouncementRepository(session).get(announcement_id)
        assert row is not None
        return row.unresolved


def newcomers(n: int) -> list[str]:
    return [f"aad-new-{i:03}" for i in range(n)]


async def submitted(announcements: AnnouncementService, audience: Audience) -> int:
    view = await announcements.create(DIRK, Draft(title="Nieuw zaaksysteem", text="Tekst", audience=audience))
    await announcements.submit(DIRK, view.id, send_now=True)
    return view.id


async def test_stored_chats_are_written_at_once_and_the_rest_opened_in_chunks_that_resume_after_a_429(world):
    people = newcomers(2 * RESOLVE_CHUNK + 7)
    graph = GraphDouble({"department:Sociaal Domein": [ANNA.key, *people]})
    announcements, _ = started(world, graph)
    graph.throttle_after = RESOLVE_CHUNK + 10  # Graph throttles in the middle of the second chunk
    announcement = await submitted(announcements, Audience(AudienceKind.DEPARTMENT, ("Sociaal Domein",)))

    await world.worker.run_due()

    chunks = await jobs(world, "announcement.resolve")
    assert [len(AnnouncementResolve.from_json(j.payload).user_keys) for j in chunks] == [
        RESOLVE_CHUNK,
        RESOLVE_CHUNK,
        7,
    ]
    rows = await deliveries(world, announcement)
    assert rows[ANNA.key].conversation_id == ANNA_CHAT, "a stored chat is written by the start job itself"
    throttled = [j for j in chunks if j.status == "pending"]
    assert len(throttled) == 1 and "429" in (throttled[0].last_error or "")
    left = [key for key in AnnouncementResolve.from_json(throttled[0].payload).user_keys if key not in rows]
    assert 0 < len(left) < len(people), "what the throttled chunk opened before the 429 is written"
    assert len(rows) == 1 + len(people) - len(left), "the other chunks wrote all of theirs"
    view = await announcements.get(announcement)
    assert view is not None and view.status == "sending"
    assert (view.counts.recipients, view.counts.resolving) == (len(people) + 1, len(left))
    await mark_sent(world, announcement, *rows)
    async with world.db.transaction() as session:
        assert not await AnnouncementRepository(session).settle(announcement), "not sent while chats are opening"

    world.clock.advance(seconds=3)
    await world.worker.run_due()

    assert sorted(graph.opened) == people, "each chat opened once: a retried chunk skips the people it wrote"
    rows = await deliveries(world, announcement)
    assert len(rows) == len(people) + 1 and all(
        r.conversation_id == f"a:installed-{k}" for k, r in rows.items() if k in people
    )
    assert await unresolved(world, announcement) == 0
    assert {j.status for j in await jobs(world, "announcement.resolve")} == {"done"}
    await mark_sent(world, announcement, *rows)
    async with world.db.transaction() as session:
        assert await AnnouncementRepository(session).settle(announcement)


async def test_a_chunk_run_twice_at_once_writes_and_counts_each_person_once(world):
    people = newcomers(RESOLVE_CHUNK + 5)
    graph = GraphDouble({"group:g-1": people})
    announcements, delivery = started(world, graph)
    graph.refuse = DeliveryError("503 from Graph", transient=True, status=503)
    announcement = await submitted(announcements, Audience(AudienceKind.ENTRA_GROUP, ("g-1",)))
    await world.worker.run_due()
    assert await deliveries(world, announcement) == {}
    graph.refuse = None
    first, second = [AnnouncementResolve.from_json(j.payload) for j in await jobs(world, "announcement.resolve")]

    await asyncio.gather(delivery.resolve_chunk(first), delivery.resolve_chunk(first))  # a lease ran out mid-run
    await delivery.resolve_chunk(first)

    assert sorted(await deliveries(world, announcement)) == first.user_keys
    assert await unresolved(world, announcement) == len(second.user_keys), "the doubled run counted its people once"
    await delivery.resolve_chunk(second)
    assert await unresolved(world, announcement) == 0
    assert len(await deliveries(world, announcement)) == len(people)


async def test_a_chunk_that_fails_for_good_leaves_its_people_unreachable_and_the_announcement_sent(world):
    people = newcomers(3)
    graph = GraphDouble({"group:g-1": people})
    announcements, _ = started(world, graph)
    graph.throttle_after = 1
    graph.refuse = None
    announcement = await submitted(announcements, Audience(AudienceKind.ENTRA_GROUP, ("g-1",)))
    await world.worker.run_due()  # one chat opened, then throttled
    graph.refuse = DeliveryError("403 from Graph", transient=False, status=403, code="Forbidden")

    world.clock.advance(seconds=3)
    await world.worker.run_due()

    [chunk] = await jobs(world, "announcement.resolve")
    assert chunk.status == "failed" and "403" in (chunk.last_error or "")
    rows = await deliveries(world, announcement)
    assert {k: (r.status, r.reason) for k, r in rows.items()} == {
        people[0]: ("pending", None),
        people[1]: ("unreachable", "chat_failed"),
        people[2]: ("unreachable", "chat_failed"),
    }
    await mark_sent(world, announcement, people[0])
    async with world.db.transaction() as session:
        assert await AnnouncementRepository(session).settle(announcement)
    view = await announcements.get(announcement)
    assert view is not None and (view.counts.unreachable, view.counts.resolving) == (2, 0)
    assert any(r.reason == "chat_failed" for r in view.reasons)


async def test_a_chunk_throttled_on_every_try_gives_up_after_its_attempts(world):
    graph = GraphDouble({"group:g-1": newcomers(2)})
    announcements, _ = started(world, graph)
    graph.refuse = DeliveryError("429 from Graph", transient=True, retry_after=1.0, status=429)
    announcement = await submitted(announcements, Audience(AudienceKind.ENTRA_GROUP, ("g-1",)))
    for _ in range(RESOLVE_ATTEMPTS):
        await world.worker.run_due()
        world.clock.advance(seconds=2)
    [chunk] = await jobs(world, "announcement.resolve")
    assert (chunk.status, chunk.attempts) == ("failed", RESOLVE_ATTEMPTS)
    view = await announcements.get(announcement)
    assert view is not None and (view.status, view.counts.unreachable, view.counts.resolving) == ("sent", 2, 0)


async def test_a_recall_while_chats_are_opening_writes_nothing_more(world):
    people = newcomers(4)
    graph = GraphDouble({"group:g-1": [ESRA.key, *people]})
    announcements, _ = started(world, graph)
    graph.throttle_after = 0
    announcement = await submitted(announcements, Audience(AudienceKind.ENTRA_GROUP, ("g-1",)))
    await world.worker.run_due()
    assert await unresolved(world, announcement) == len(people)

    await announcements.recall(DIRK, announcement)
    world.clock.advance(seconds=3)
    await world.worker.run_due()

    assert graph.opened == [], "no app installed for an announcement that was taken back"
    assert sorted(await deliveries(world, announcement)) == [ESRA.key]
    assert await unresolved(world, announcement) == 0
    assert {j.status for j in await jobs(world, "announcement.resolve")} == {"done"}
    view = await announcements.get(announcement)
    assert view is not None and (view.status, view.counts.recipients) == ("recalled", 1)
