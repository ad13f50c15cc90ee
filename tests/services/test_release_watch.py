"""The release watch on both databases: Message Center posts read through GraphClient from the fake Graph over
HTTP, kept per watched service, listed in functional management's digest, drafted into an announcement or set aside."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from graph import GraphClient
from services.announcements import AnnouncementService
from services.directory import NotAllowed
from services.release_watch import LAST_RUN, ReleaseWatchService
from storage import AnnouncementRepository
from storage.models import Announcement, Job, ReleaseMessage
from tests.support.cards import actions_of, textblocks, verbs
from tests.support.credentials import StaticCredential
from tests.support.fake_graph import FakeGraph
from tests.support.people import ANNA, DIRK, FRANK, KEES
from tests.support.world import FM_CHANNEL, FM_GROUP, SUITE4, SUITE4_CHANNEL, Group, Known, Layout, World
from vocabulary import AnnouncementKind, DigestCadence, JobKind, ReleaseMessageStatus
from vocabulary.actions import DISMISS_RELEASE, DRAFT_RELEASE

LAYOUT = Layout(
    groups=(
        Group(FM_GROUP, kind="functional_management", channel=FM_CHANNEL, members=(DIRK, FRANK)),
        Group(SUITE4, "Suite4", parent=FM_GROUP, channel=SUITE4_CHANNEL, members=(KEES,)),
    ),
    people=(Known(ANNA),),
)


def post(n: int, services: list[str], modified: str, **extra) -> dict:
    return {
        "id": f"MC{n}",
        "title": f"Wijziging {n}",
        "services": services,
        "category": "planForChange",
        "severity": "normal",
        "isMajorChange": False,
        "lastModifiedDateTime": modified,
        "body": {"contentType": "html", "content": f"<p>Bericht <b>{n}</b></p>"},
        **extra,
    }


@pytest.fixture
def fake_graph() -> Iterator[FakeGraph]:
    with FakeGraph(page_size=2) as fake:
        fake.add_service_message(post(1, ["Microsoft Teams"], "2026-02-20T10:00:00Z"))
        fake.add_service_message(post(2, ["Exchange Online"], "2026-02-21T10:00:00Z"))
        fake.add_service_message(
            post(3, ["SharePoint Online", "Microsoft Teams"], "2026-02-25T10:00:00Z", isMajorChange=True)
            | {"actionRequiredByDateTime": "2026-04-01T00:00:00Z"}
        )
        yield fake


@pytest.fixture
async def graph(fake_graph: FakeGraph) -> AsyncIterator[GraphClient]:
    client = GraphClient(StaticCredential(), teams_app_id="app", base_url=fake_graph.base_url)
    yield client
    await client.close()


@pytest.fixture
async def world(database) -> World:
    return await World.build(database, LAYOUT)


@pytest.fixture
def watch(world: World, graph: GraphClient) -> ReleaseWatchService:
    announcements = AnnouncementService(world.db, world.jobs, world.directory, world.conversations, clock=world.clock)
    service = ReleaseWatchService(
        announcements, graph, services=("microsoft teams",), cadence=DigestCadence.WEEKLY, clock=world.clock
    )
    service.register(world.worker, world.messenger)
    return service


async def posts(world: World) -> dict[str, ReleaseMessage]:
    async with world.db.read() as session:
        return {row.id: row for row in await session.scalars(select(ReleaseMessage))}


async def pending(world: World, kind: JobKind) -> list[Job]:
    async with world.db.read() as session:
        rows = await session.scalars(select(Job).where(Job.kind == kind, Job.status == "pending").order_by(Job.run_at))
        return list(rows)


async def test_the_watch_keeps_the_watched_services_and_queues_tomorrow(world, watch, fake_graph):
    await watch.schedule()
    await watch.schedule()  # a second instance starting: nothing more
    assert len(await pending(world, JobKind.RELEASE_WATCH)) == 1
    (digest,) = await pending(world, JobKind.RELEASE_DIGEST)
    assert digest.run_at == datetime(2026, 3, 9, 7, tzinfo=timezone.utc)  # the next Monday morning

    assert await world.worker.run_due() == 1

    stored = await posts(world)
    assert sorted(stored) == ["MC1", "MC3"]  # MC2 is Exchange only
    assert stored["MC3"].services == ["SharePoint Online", "Microsoft Teams"]
    assert stored["MC3"].body == "Bericht 3" and stored["MC3"].is_major_change
    assert stored["MC3"].action_required_by == datetime(2026, 4, 1, tzinfo=timezone.utc)
    assert {row.status for row in stored.values()} == {ReleaseMessageStatus.NEW}
    assert "$filter" not in fake_graph.calls[0].query  # the first run reads everything
    assert len(fake_graph.calls) == 2  # both pages
    (tomorrow,) = await pending(world, JobKind.RELEASE_WATCH)
    assert tomorrow.run_at == datetime(2026, 3, 3, 5, tzinfo=timezone.utc)
    async with world.db.read() as session:
        assert await AnnouncementRepository(session).setting(LAST_RUN) == world.clock().isoformat()


async def test_the_next_watch_reads_changes_since_the_last_run(world, watch, fake_graph):
    await watch.schedule()
    await world.worker.run_due()
    fake_graph.reset()
    fake_graph.add_service_message(post(4, ["Microsoft Teams"], "2026-03-02T12:00:00Z"))
    world.clock.advance(days=1)

    assert await world.worker.run_due() == 1

    assert fake_graph.calls[0].query["$filter"] == "lastModifiedDateTime ge 2026-03-02T07:00:00Z"
    assert sorted(await posts(world)) == ["MC1", "MC3", "MC4"]


async def test_the_digest_lists_new_posts_in_functional_managements_channel(world, watch, fake_graph):
    await watch.schedule()
    await world.worker.run_due()
    world.clock.now = datetime(2026, 3, 9, 7, 0, 1, tzinfo=timezone.utc)

    await world.worker.run_due()  # the digest (and the day's watches)

    (call,) = [c for c in world.messenger.calls if c.method == "start_thread"]
    assert call.conversation_id == FM_CHANNEL
    assert verbs(call.card) == [DRAFT_RELEASE.verb, DISMISS_RELEASE.verb] * 2
    texts = [block["text"] for block in textblocks(call.card)]
    assert texts.index("MC3: Wijziging 3") < texts.index("MC1: Wijziging 1")  # action date first
    assert any("Actie vereist voor" in line for line in texts)
    urls = [a["url"] for a in actions_of(call.card) if a["type"] == "Action.OpenUrl"]
    assert urls[0].endswith("/messages/MC3")
    assert {row.status for row in (await posts(world)).values()} == {ReleaseMessageStatus.LISTED}
    assert [j.run_at for j in await pending(world, JobKind.RELEASE_DIGEST)] == [
        datetime(2026, 3, 16, 7, tzinfo=timezone.utc)
    ]

    world.clock.now = datetime(2026, 3, 16, 7, 0, 1, tzinfo=timezone.utc)
    await world.worker.run_due()
    assert len([c for c in world.messenger.calls if c.method == "start_thread"]) == 1  # nothing new: no card


async def test_a_listed_post_that_changes_is_new_again(world, watch, fake_graph):
    await watch.schedule()
    await world.worker.run_due()
    world.clock.now = datetime(2026, 3, 9, 7, 0, 1, tzinfo=timezone.utc)
    await world.worker.run_due()
    fake_graph.add_service_message(post(1, ["Microsoft Teams"], "2026-03-09T09:00:00Z") | {"title": "Gewijzigd"})
    world.clock.now = datetime(2026, 3, 10, 5, 0, 1, tzinfo=timezone.utc)

    await world.worker.run_due()

    stored = await posts(world)
    assert (stored["MC1"].status, stored["MC1"].title) == (ReleaseMessageStatus.NEW, "Gewijzigd")
    assert stored["MC3"].status == ReleaseMessageStatus.LISTED


async def test_maak_aankondiging_drafts_a_release_note_once(world, watch):
    await watch.schedule()
    await world.worker.run_due()

    decision = await watch.draft(DIRK, "MC3")

    assert decision.done and decision.announcement_id is not None
    async with world.db.read() as session:
        row = await session.get(Announcement, decision.announcement_id)
        assert row is not None
        assert (row.kind, row.status, row.source) == (AnnouncementKind.RELEASE_NOTE, "draft", "release-watch")
        assert (row.title, row.release_message_id, row.author_key) == ("Wijziging 3", "MC3", DIRK.key)
        assert row.audience == {"groups": [FM_GROUP]}
        assert "Bericht 3" in row.text and "MC3" in row.text
        assert row.links[0]["url"].endswith("/messages/MC3")
    stored = (await posts(world))["MC3"]
    assert (stored.status, stored.announcement_id) == (ReleaseMessageStatus.DRAFTED, decision.announcement_id)

    again = await watch.draft(FRANK, "MC3")
    assert not again.done and again.announcement_id == decision.announcement_id
    dismissed = await watch.dismiss(FRANK, "MC3")
    assert not dismissed.done and dismissed.status == ReleaseMessageStatus.DRAFTED


async def test_a_post_decided_while_drafting_leaves_no_draft(world, watch, monkeypatch):
    await watch.schedule()
    await world.worker.run_due()
    create = watch.announcements.create

    async def dismissed_meanwhile(*args, **kwargs):
        assert (await watch.dismiss(FRANK, "MC3")).done  # another click lands between the check and the draft
        return await create(*args, **kwargs)

    monkeypatch.setattr(watch.announcements, "create", dismissed_meanwhile)
    decision = await watch.draft(DIRK, "MC3")

    assert not decision.done and decision.status == ReleaseMessageStatus.DISMISSED
    assert decision.announcement_id is None
    async with world.db.read() as session:
        assert list(await session.scalars(select(Announcement))) == []
    assert (await posts(world))["MC3"].status == ReleaseMessageStatus.DISMISSED


async def test_niet_relevant_is_for_functional_managers(world, watch):
    await watch.schedule()
    await world.worker.run_due()

    with pytest.raises(NotAllowed):
        await watch.dismiss(KEES, "MC1")
    with pytest.raises(NotAllowed):
        await watch.draft(ANNA, "MC1")
    decision = await watch.dismiss(FRANK, "MC1")

    assert decision.done
    assert (await posts(world))["MC1"].status == ReleaseMessageStatus.DISMISSED
