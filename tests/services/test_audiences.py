"""services/audiences.py on both databases: an audience into recipients, with a small Graph double in the test."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from services.announcement_delivery import AnnouncementDelivery
from services.announcement_drafts import Audience, Draft, DraftError
from services.announcements import AnnouncementService
from services.audiences import AudienceNeedsGraph, Recipient, resolve
from services.ports import DeliveryError, DirectoryUser, ServiceMessage, TeamChannel, Unreachable
from tests.support.announcements import ANNA_CHAT, LAYOUT, NO_CHANNEL, deliveries, jobs
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
    return await resolve(world.db, audience, graph, world.directory, world.conversations)


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
