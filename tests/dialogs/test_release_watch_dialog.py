"""The digest's buttons through the product's router on both databases: the card the release.digest job posted
is clicked by functional managers (draft, dismiss, already decided), a key user, and with garbled data."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from dialogs import build_router
from i18n import t
from services.announcements import AnnouncementService
from services.faq import FaqService
from services.questions import QuestionService
from services.release_watch import ReleaseWatchService
from tests.dialogs.test_ticket_dialog import clicked, sent
from tests.support.credentials import StaticCredential
from tests.support.fake_graph import FakeGraph
from tests.support.people import DIRK, FRANK, KEES
from tests.support.world import FM_CHANNEL, FM_GROUP, SUITE4, SUITE4_CHANNEL, Group, Layout, World
from vocabulary.actions import DISMISS_RELEASE, DRAFT_RELEASE

LAYOUT = Layout(
    groups=(
        Group(FM_GROUP, kind="functional_management", channel=FM_CHANNEL, members=(DIRK, FRANK)),
        Group(SUITE4, "Suite4", parent=FM_GROUP, channel=SUITE4_CHANNEL, members=(KEES,)),
    ),
)


@pytest.fixture
async def world(database) -> World:
    return await World.build(database, LAYOUT)


@pytest.fixture
async def digest_and_router(world: World):
    """The digest card as the job posted it (two posts), and the router with the release watch's flows."""
    from graph import GraphClient

    with FakeGraph() as fake:
        for n in (1, 2):
            fake.add_service_message(
                {
                    "id": f"MC{n}",
                    "title": f"Teams wijziging {n}",
                    "services": ["Microsoft Teams"],
                    "lastModifiedDateTime": "2026-02-20T10:00:00Z",
                    "body": {"contentType": "html", "content": "<p>Nieuw</p>"},
                }
            )
        graph = GraphClient(StaticCredential(), teams_app_id="app", base_url=fake.base_url)
        announcements = AnnouncementService(
            world.db, world.jobs, world.directory, world.conversations, clock=world.clock
        )
        watch = ReleaseWatchService(announcements, graph, clock=world.clock)
        watch.register(world.worker, world.messenger)
        await watch.schedule()
        await world.worker.run_due()
        world.clock.now = datetime(2026, 3, 9, 7, 1, tzinfo=timezone.utc)
        await world.worker.run_due()
        await graph.close()
    (posted,) = [c for c in world.messenger.calls if c.method == "start_thread"]
    faq = FaqService(world.db, use_embeddings=False)
    router = build_router(
        faq=faq,
        questions=QuestionService(world.db),
        conversations=world.conversations,
        tickets=world.tickets,
        directory=world.directory,
        release_watch=watch,
    )
    yield posted, router
    faq.close()


async def test_draft_then_dismiss_then_already_decided(digest_and_router):
    posted, router = digest_and_router
    draft = DRAFT_RELEASE.verb.value
    dismiss = DISMISS_RELEASE.verb.value

    made = await router(clicked(DIRK, posted.card, draft, message_id="MC2", on=posted))
    assert made.message is not None and made.message.startswith("Concept-aankondiging ")
    assert "MC2" in made.message

    gone = await router(clicked(FRANK, posted.card, dismiss, message_id="MC1", on=posted))
    assert gone.message == t("release.dismissed", "nl", id="MC1")

    again = await router(clicked(FRANK, posted.card, dismiss, message_id="MC2", on=posted, locale="en-US"))
    status = t("release.status.drafted", "en")
    assert again.message == t("release.already_decided", "en", id="MC2", status=status)


async def test_a_key_user_is_refused_and_garbled_data_answered(digest_and_router):
    posted, router = digest_and_router

    refused = await router(clicked(KEES, posted.card, DRAFT_RELEASE.verb.value, message_id="MC1", on=posted))
    garbled = await router(sent(DIRK, DRAFT_RELEASE.verb.value, {"message": "MC1"}, on=posted))
    unknown = await router(sent(DIRK, DISMISS_RELEASE.verb.value, {"message_id": "MC999"}, on=posted))

    assert refused.message == t("release.refused.role", "nl")
    assert garbled.message == t("release.refused.unknown", "nl")
    assert unknown.message == t("release.refused.unknown", "nl")
