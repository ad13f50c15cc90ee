"""The announcement service as build_app wires it: its jobs run on the app's worker and reach the Bot Connector."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import ANNOUNCEMENTS, CONVERSATIONS, DIRECTORY, build_app
from config import Settings
from services.announcement_drafts import Audience, Draft
from services.jobs import WorkerOptions
from tests.conftest import DATABASE_KINDS, make_database
from tests.support.people import DIRK
from tests.support.world import FM_CHANNEL, ZAAK, ZAAK_CHANNEL, ZAAKSYSTEEM, furnish
from vocabulary import AudienceKind


@pytest.fixture(params=DATABASE_KINDS)
async def client(request, tmp_path, connector):
    db, cleanup = await make_database(request.param, tmp_path)
    app = build_app(
        Settings(matcher="lexical"), database=db, worker_options=WorkerOptions(poll_interval=0.05, base_delay=0.05)
    )
    await furnish(app[DIRECTORY], app[CONVERSATIONS], ZAAKSYSTEEM, service_url=connector.url)
    test_client = TestClient(TestServer(app, host="127.0.0.1"))
    await test_client.start_server()  # starts the job worker
    yield test_client
    await test_client.close()
    await cleanup()


async def test_send_now_writes_the_deliveries_and_the_authors_card_is_updated_over_http(client, connector):
    announcements = client.app[ANNOUNCEMENTS]
    draft = Draft(
        title="Zaaksysteem 4.2", text="Nieuw: zaken samenvoegen.", audience=Audience(AudienceKind.GROUPS, (ZAAK,))
    )
    view = await announcements.create(DIRK, draft)
    thread = f"{FM_CHANNEL};messageid=card-1"
    await announcements.set_report_card(view.id, thread, "card-1")
    await announcements.submit(DIRK, view.id, send_now=True)

    def report_put(c):
        return [x for x in c.calls if x.method == "PUT" and x.path == f"/v3/conversations/{thread}/activities/card-1"]

    def facts_of(put) -> dict[str, str]:
        return {
            f["title"]: f["value"] for part in put.cards[0]["body"] if part["type"] == "FactSet" for f in part["facts"]
        }

    assert await connector.wait_for_async(lambda c: report_put(c), timeout=15), "the report job's update"
    facts = facts_of(report_put(connector)[0])
    assert facts["Ontvangers"] == "1" and facts["Doelgroep"] == f"groep {ZAAK}"

    # the app's fan-out engine posts in the group's channel, and the next report counts it
    def channel_posts(c):
        return [
            x
            for x in c.calls
            if x.method == "POST"
            and x.path == "/v3/conversations"
            and x.json["channelData"]["channel"]["id"] == ZAAK_CHANNEL
        ]

    assert await connector.wait_for_async(lambda c: len(channel_posts(c)) == 1 and channel_posts(c)[0].delivered, 15)
    assert await connector.wait_for_async(
        lambda c: any(facts_of(put).get("Verzonden") == "1" for put in report_put(c)), timeout=15
    ), "a report after the engine recorded the post"
    now = await announcements.get(view.id)
    assert now is not None and now.status == "sent" and (now.counts.pending, now.counts.sent) == (0, 1)
    csv_lines = (await announcements.report_csv(DIRK, view.id)).splitlines()
    assert csv_lines[1].startswith(f"channel,{ZAAK_CHANNEL},sent,"), "the group's channel, posted by the engine"
