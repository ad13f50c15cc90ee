"""A phased go-live on both databases: two announcements at the moment given, to the department and to its key
users' channel, naming the key users and the chair; refusals when the group or its channel is missing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from graph import GraphClient
from services.announcements import AnnouncementService
from services.golive import GOLIVE_ACTOR, GoLiveError, GoLiveService
from storage import AnnouncementRepository
from storage.models import Announcement, Job
from tests.support.credentials import StaticCredential
from tests.support.fake_graph import FakeGraph
from tests.support.people import KARIN, KEES, SARA
from tests.support.world import DECOS_SD, FM_CHANNEL, FM_GROUP, SD_CHANNEL, SUITE4_SD, Group, Layout, World, chair
from vocabulary import AnnouncementKind, AnnouncementStatus, JobKind, Role

LAYOUT = Layout(
    groups=(
        Group(FM_GROUP, kind="functional_management", channel=FM_CHANNEL),
        Group(
            SUITE4_SD,
            "Suite4",
            department="Sociaal Domein",
            parent=FM_GROUP,
            channel=SD_CHANNEL,
            members=(chair(KARIN), KEES),
        ),
        Group(DECOS_SD, "Decos", department="Sociaal Domein", parent=FM_GROUP, members=(SARA,)),
    ),
)
AT = datetime(2026, 3, 9, 8, 0, tzinfo=timezone.utc)  # Monday 9 March, 09:00 in Amsterdam


@pytest.fixture
async def world(database) -> World:
    return await World.build(database, LAYOUT)


@pytest.fixture
async def graph() -> AsyncIterator[GraphClient]:
    """A Graph client for the department audience's check; planning calls nothing (the start job would)."""
    with FakeGraph() as fake:
        client = GraphClient(StaticCredential(), teams_app_id="app", base_url=fake.base_url)
        yield client
        await client.close()
        assert fake.calls == []


@pytest.fixture
def golive(world: World, graph: GraphClient) -> GoLiveService:
    return GoLiveService(
        AnnouncementService(world.db, world.jobs, world.directory, world.conversations, graph=graph, clock=world.clock)
    )


async def rows(world: World) -> list[Announcement]:
    async with world.db.read() as session:
        return list(await session.scalars(select(Announcement).order_by(Announcement.id)))


async def test_welcome_and_kickoff_are_scheduled_at_the_golive(world, golive):
    plan = await golive.plan("sociaal domein", "suite4", AT)

    welcome, kickoff = await rows(world)
    assert plan.group == SUITE4_SD and (plan.welcome.id, plan.kickoff.id) == (welcome.id, kickoff.id)
    assert (welcome.kind, kickoff.kind) == (AnnouncementKind.GOLIVE_WELCOME, AnnouncementKind.GOLIVE_KICKOFF)
    assert welcome.audience == {"department": "sociaal domein"}
    assert kickoff.audience == {"groups": [SUITE4_SD]}
    for row in (welcome, kickoff):
        assert (row.status, row.source, row.author_key) == (AnnouncementStatus.SCHEDULED, "golive", GOLIVE_ACTOR.key)
        assert row.send_at == AT and row.application == "suite4"
        assert "ma 9 mrt 09:00" in row.text
        assert "Je kerngebruikers: Kees." in row.text and "Voorzitter van de kerngebruikers: Karin." in row.text
    assert "Stel hem hier in de chat aan Vraagbaak" in welcome.text
    assert "als ticket in dit kanaal" in kickoff.text
    async with world.db.read() as session:
        starts = list(await session.scalars(select(Job).where(Job.kind == JobKind.ANNOUNCEMENT_START)))
    assert sorted(job.run_at for job in starts) == [AT, AT]


async def test_with_four_eyes_on_both_wait_for_approval(world, golive):
    async with world.db.transaction() as session:
        await AnnouncementRepository(session).set_setting("announcement.approval", "on")

    plan = await golive.plan("Sociaal Domein", "Suite4", AT)

    assert plan.welcome.status == plan.kickoff.status == AnnouncementStatus.AWAITING_APPROVAL


async def test_planning_again_plans_nothing_new(world, golive):
    first = await golive.plan("Sociaal Domein", "Suite4", AT)

    again = await golive.plan(" sociaal domein ", "SUITE4", AT)

    assert (again.welcome.id, again.kickoff.id) == (first.welcome.id, first.kickoff.id)
    assert len(await rows(world)) == 2
    later = await golive.plan("Sociaal Domein", "Suite4", AT.replace(hour=12))
    assert len(await rows(world)) == 4 and later.welcome.id not in (first.welcome.id, first.kickoff.id)


async def test_a_run_cut_off_after_a_draft_submits_it_and_a_cancelled_one_is_planned_anew(world, golive):
    service = golive.announcements
    submit = service.submit
    cut = True

    async def crash_once(*args, **kwargs):
        nonlocal cut
        if cut:
            cut = False
            raise RuntimeError("killed")
        return await submit(*args, **kwargs)

    service.submit = crash_once  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        await golive.plan("Sociaal Domein", "Suite4", AT)
    (draft,) = await rows(world)
    assert draft.status == AnnouncementStatus.DRAFT

    plan = await golive.plan("Sociaal Domein", "Suite4", AT)

    assert plan.welcome.id == draft.id and plan.welcome.status == AnnouncementStatus.SCHEDULED
    assert len(await rows(world)) == 2
    await service.cancel(GOLIVE_ACTOR, plan.welcome.id, role=Role.ADMIN)
    replanned = await golive.plan("Sociaal Domein", "Suite4", AT)
    assert replanned.welcome.id != plan.welcome.id and replanned.kickoff.id == plan.kickoff.id
    assert replanned.welcome.status == AnnouncementStatus.SCHEDULED


@pytest.mark.parametrize(
    ("department", "application", "key"),
    [
        ("Burgerzaken", "Suite4", "golive.error.no_group"),
        ("Sociaal Domein", "Zaaksysteem", "golive.error.no_group"),
        ("Sociaal Domein", "Decos", "golive.error.no_channel"),
    ],
)
async def test_a_missing_group_or_channel_plans_nothing(world, golive, department, application, key):
    with pytest.raises(GoLiveError) as refused:
        await golive.plan(department, application, AT)
    assert refused.value.key == key
    assert await rows(world) == []
