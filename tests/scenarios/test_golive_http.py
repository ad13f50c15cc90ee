"""A go-live planned in Teams, through /api/messages: Dirk types 'livegang plannen', fills in the form and gets both
announcements scheduled at the moment chosen (the department looked up in Graph only then); a moment in the past, a
group without a channel and an app without Graph say what to change; a key user is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from app import CONVERSATIONS, DATABASE, DIRECTORY, build_app
from config import Settings
from dialogs.announcement_form import TIMEZONE
from graph import GraphClient
from i18n import t
from services.jobs import WorkerOptions
from storage.models import Announcement, Job
from tests.conftest import DATABASE_KINDS, make_database
from tests.scenarios.test_announcements_http import press, say
from tests.services.test_golive import LAYOUT as GOLIVE_LAYOUT
from tests.support.cards import card_text, inputs_of, texts_of, verbs
from tests.support.credentials import StaticCredential
from tests.support.fake_graph import FakeGraph
from tests.support.people import DIRK, KEES
from tests.support.world import DECOS_SD, FM_CHANNEL, FM_GROUP, SUITE4_SD, Group, furnish
from vocabulary import JobKind

LAYOUT = replace(
    GOLIVE_LAYOUT,
    groups=(
        Group(FM_GROUP, kind="functional_management", channel=FM_CHANNEL, members=(DIRK,)),
        *GOLIVE_LAYOUT.groups[1:],
    ),
)
"""The go-live tests' municipality (Suite4 and Decos key users in the Sociaal Domein), with Dirk managing."""
DAY = (datetime.now(TIMEZONE) + timedelta(days=30)).date()


async def serving(kind: str, tmp_path, connector, graph: GraphClient | None) -> tuple[TestClient, Any]:
    db, cleanup = await make_database(kind, tmp_path)
    app = build_app(
        Settings(matcher="lexical"),
        database=db,
        graph=graph,
        worker_options=WorkerOptions(poll_interval=0.05, base_delay=0.05),
    )
    await furnish(app[DIRECTORY], app[CONVERSATIONS], LAYOUT, service_url=connector.url)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    return client, cleanup


@pytest.fixture(params=DATABASE_KINDS)
async def stage(request, tmp_path, connector) -> AsyncIterator[tuple[TestClient, FakeGraph]]:
    with FakeGraph() as fake:
        graph = GraphClient(StaticCredential(), teams_app_id="app", base_url=fake.base_url, timeout=5.0)
        client, cleanup = await serving(request.param, tmp_path, connector, graph)
        try:
            yield client, fake
        finally:
            await client.close()
            await graph.close()
            await cleanup()


async def plan(client, connector, form: dict[str, Any], **typed: str) -> dict[str, Any]:
    """Dirk clicks 'Plannen' with the Sociaal Domein's Suite4 go-live, 30 days ahead at 09:00, unless `typed` says
    otherwise: the invoke's answer."""
    values = {"department": "Sociaal Domein", "application": "Suite4", "date": DAY.isoformat(), "time": "09:00"}
    return await press(client, connector, DIRK, form, "golive.plan", **{**values, **typed})


async def form_of(client, connector, actor=DIRK) -> dict[str, Any]:
    [posted] = await say(client, connector, actor, "livegang plannen")
    assert posted.cards, posted
    return posted.cards[0]


async def test_a_functional_manager_plans_the_go_live_in_teams(stage, connector):
    client, fake = stage
    form = await form_of(client, connector)
    inputs = inputs_of(form)
    assert [c["value"] for c in inputs["department"]["choices"]] == ["Sociaal Domein"]
    assert [c["value"] for c in inputs["application"]["choices"]] == ["Decos", "Suite4"]
    assert verbs(form) == ["golive.plan"]

    past = await plan(client, connector, form, date="2020-01-06")
    assert t("golive.form.past", "nl") in texts_of(past["value"])
    no_channel = await plan(client, connector, form, application="Decos")
    assert t("golive.error.no_channel", "nl", group=DECOS_SD) in texts_of(no_channel["value"])

    planned = await plan(client, connector, form, department="sociaal domein ", time="08:30")

    shown = card_text(planned["value"])
    assert t("golive.card.title", "nl", application="Suite4", department="Sociaal Domein") in shown
    at = datetime.combine(DAY, time(8, 30), TIMEZONE).astimezone(UTC)
    db = client.app[DATABASE]
    async with db.read() as session:
        rows = list(await session.scalars(select(Announcement).order_by(Announcement.id)))
        starts = list(await session.scalars(select(Job).where(Job.kind == JobKind.ANNOUNCEMENT_START)))
    assert [(r.kind, r.status, r.audience, r.author_key) for r in rows] == [
        ("golive_welcome", "scheduled", {"department": "Sociaal Domein"}, DIRK.key),
        ("golive_kickoff", "scheduled", {"groups": [SUITE4_SD]}, DIRK.key),
    ]
    assert all(r.send_at is not None and r.send_at.replace(tzinfo=UTC) == at for r in rows)
    assert "Je kerngebruikers: Kees." in rows[0].text and "Voorzitter van de kerngebruikers: Karin." in rows[0].text
    assert len(starts) == 2 and all(j.status == "pending" for j in starts), "both wait for the go-live moment"
    assert fake.calls_to("/users") == [], "the department is looked up in Graph only at the moment itself"

    again = await plan(client, connector, form, time="08:30")
    assert card_text(again["value"]) == shown, "planning the same go-live twice plans nothing new"
    async with db.read() as session:
        assert len(list(await session.scalars(select(Announcement)))) == 2


async def test_a_key_user_is_refused(stage, connector):
    client, _ = stage
    [refused] = await say(client, connector, KEES, "livegang plannen")
    assert refused.text == t("golive.refused.role", "nl")


@pytest.mark.parametrize("kind", DATABASE_KINDS)
async def test_without_graph_the_form_says_a_department_needs_it(kind, tmp_path, connector):
    client, cleanup = await serving(kind, tmp_path, connector, None)
    try:
        form = await form_of(client, connector)
        answer = await plan(client, connector, form)
        assert t("golive.error.no_graph", "nl") in texts_of(answer["value"])
        async with client.app[DATABASE].read() as session:
            assert list(await session.scalars(select(Announcement))) == [], "nothing planned, no draft left behind"
    finally:
        await client.close()
        await cleanup()
