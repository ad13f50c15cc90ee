"""The welcome the bot posts when it is added to a team channel or a group chat, through the real endpoint."""

from __future__ import annotations

from app import DIRECTORY
from i18n import t
from tests.support.activities import TENANT, USER, activity
from tests.support.cards import card_text
from tests.support.conversations import posts_to
from tests.support.world import FM_GROUP

GENERAL = "19:general-team@thread.tacv2"
NEW_CHANNEL = "19:nieuw-kanaal@thread.tacv2"
PERSONAL_WELCOME = ("card.welcome.examples_title", "card.welcome.examples", "card.welcome.text")


def installed(service_url: str, conversation: dict, **channel_data) -> dict:
    """Teams' installationUpdate when someone adds the app to a team (its General channel) or a group chat."""
    body = activity(
        service_url,
        type="installationUpdate",
        action="add",
        id="install-1",
        conversation={**conversation, "tenantId": TENANT},
        channelData={"tenant": {"id": TENANT}, **channel_data},
    )
    body.pop("text")
    return body


async def welcome_in(client, connector, conversation_id: str) -> str:
    """The text of the one card the bot posted in a conversation."""
    assert await connector.wait_for_async(lambda c: posts_to(c, conversation_id), timeout=10)
    posted = posts_to(connector, conversation_id)
    assert len(posted) == 1, posted
    return card_text(posted[0].cards)


def assert_not_the_personal_welcome(shown: str) -> None:
    for key in PERSONAL_WELCOME:
        assert t(key, "nl") not in shown, key


async def test_team_install_welcomes_the_channel_with_its_groups_and_the_mention(client, connector):
    directory = client.server.app[DIRECTORY]
    for application in ("Outlook", "Teams"):  # two groups whose tickets arrive in the team's General channel
        await directory.save_group(
            name=f"Kerngebruikers {application}", application=application, parent=FM_GROUP, channel_id=GENERAL
        )
    await client.post(
        "/api/messages",
        json=installed(
            connector.url,
            {"id": GENERAL, "conversationType": "channel", "isGroup": True},
            channel={"id": GENERAL, "name": "General"},
            team={"id": GENERAL, "name": "Gemeente"},
        ),
    )
    shown = await welcome_in(client, connector, GENERAL)
    assert_not_the_personal_welcome(shown)
    assert "Kerngebruikers Outlook" in shown and "Kerngebruikers Teams" in shown
    assert "@Vraagbaak" in shown, "people must know to mention the bot in a channel"
    assert "open tickets" in shown and "help" in shown


async def test_channel_not_linked_yet_is_told_how_to_link_it(client, connector):
    await client.post(
        "/api/messages",
        json=installed(
            connector.url,
            {"id": NEW_CHANNEL, "conversationType": "channel", "isGroup": True},
            channel={"id": NEW_CHANNEL, "name": "Nieuw"},
            team={"id": "team-2"},
        ),
    )
    shown = await welcome_in(client, connector, NEW_CHANNEL)
    assert_not_the_personal_welcome(shown)
    assert "@Vraagbaak" in shown and "koppel kanaal" in shown


async def test_group_chat_gets_a_welcome_that_fits_a_group_chat(client, connector):
    chat = "19:groepschat-1@thread.v2"
    await client.post(
        "/api/messages", json=installed(connector.url, {"id": chat, "conversationType": "groupChat", "isGroup": True})
    )
    shown = await welcome_in(client, connector, chat)
    assert_not_the_personal_welcome(shown)
    assert "@Vraagbaak" in shown
    assert "open tickets" not in shown, "a group chat is no key users' channel"


async def test_personal_install_keeps_the_personal_welcome(client, connector):
    await client.post(
        "/api/messages", json=installed(connector.url, {"id": "a:personal-new", "conversationType": "personal"})
    )
    shown = await welcome_in(client, connector, "a:personal-new")
    assert t("card.welcome.examples_title", "nl") in shown and USER["name"] in shown
