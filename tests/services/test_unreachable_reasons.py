"""An unreachable person's reason is kept as a catalogue key with Graph's error code: the author's card and the CSV
say it in the reader's language, the CSV keeps the raw code."""

from __future__ import annotations

import csv
import io

import pytest

from cards.announcements import announcement_report_card
from graph import GraphClient
from services.announcement_drafts import Audience
from tests.support.announcements import LAYOUT, deliveries, draft, service
from tests.support.cards import card_text
from tests.support.credentials import StaticCredential
from tests.support.fake_graph import FakeGraph
from tests.support.people import DIRK
from tests.support.world import World
from vocabulary import AudienceKind

TEAMS_APP = "b1c2d3e4-0000-4000-8000-00000000a77a"


@pytest.fixture
async def world(database) -> World:
    return await World.build(database, LAYOUT)


async def test_blocked_and_unlicensed_people_get_a_key_and_graphs_code_shown_in_words(world):
    with FakeGraph() as fake:
        fake.teams_app_ids.add(TEAMS_APP)
        for user in ("u-open", "u-blocked", "u-gone"):
            fake.add_user(user, user, department="Burgerzaken")
        fake.block_install("u-blocked")
        fake.unlicense("u-gone")
        graph = GraphClient(StaticCredential(), teams_app_id=TEAMS_APP, base_url=fake.base_url, timeout=5.0)
        try:
            announcements = service(world, graph=graph)
            view = await announcements.create(DIRK, draft(audience=Audience(AudienceKind.DEPARTMENT, ("Burgerzaken",))))
            await announcements.submit(DIRK, view.id, send_now=True)
            await world.worker.run_due()
        finally:
            await graph.close()

    rows = await deliveries(world, view.id)
    assert (rows["u-blocked"].status, rows["u-blocked"].reason) == ("unreachable", "install_forbidden")
    assert rows["u-blocked"].reason_code == "Forbidden"
    assert (rows["u-gone"].status, rows["u-gone"].reason) == ("unreachable", "no_user_or_licence")
    assert rows["u-gone"].reason_code and rows["u-open"].reason is None

    for lang, words in (
        ("nl", "De app mag niet voor deze persoon worden geïnstalleerd"),
        ("en", "The app may not be installed for this person"),
    ):
        lines = {
            line[1]: line for line in csv.reader(io.StringIO(await announcements.report_csv(DIRK, view.id, lang=lang)))
        }
        assert lines["u-blocked"][5].startswith(words) and lines["u-blocked"][6] == "Forbidden"
        assert lines["u-gone"][6] == rows["u-gone"].reason_code
        shown = await announcements.get(view.id)
        assert shown is not None
        card = card_text(announcement_report_card(view=shown, lang=lang))
        assert f"1 × {words}" in card and "(Forbidden)" in card
