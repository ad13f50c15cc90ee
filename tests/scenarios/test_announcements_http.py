"""Announcements written in Teams, through /api/messages with several people: the functional manager's form, preview
and send, a key user refused, a second functional manager approving, readers clicking 'Gelezen' and the author's
card counting them. The app's fan-out engine posts the cards to the fake Bot Connector, and the readers click the
card it posted in their chat."""

from __future__ import annotations

from typing import Any

from app import ANNOUNCEMENTS, DATABASE, DIRECTORY
from i18n import t
from services.directory import Actor
from storage import AnnouncementRepository
from tests.support.activities import TENANT, account, activity, channel_action, personal_chat
from tests.support.cards import card_text, click, click_data, invoke, texts_of, verbs
from tests.support.conversations import cards_in, posts_to, threads
from tests.support.fake_connector import FakeConnector
from tests.support.people import ANNA, BRAM, DIRK, ESRA
from tests.support.world import FM_CHANNEL, FM_GROUP

FRANK = Actor("aad-frank", "Frank de Boer", teams_id="29:frank", tenant_id=TENANT)
"""A second functional manager, who has Teams."""
TITLE = "Zaaksysteem 4.2: opschorten voor behandelaars"
TEXT = "Vanaf **maandag 7 december** kan elke behandelaar een zaak opschorten.\n\nKies *Acties > Opschorten*."
_ids = iter(range(1, 10_000))


def chat(actor: Actor) -> str:
    return f"a:chat-{actor.key}"


async def say(client, connector: FakeConnector, actor: Actor, text: str, locale: str = "nl-NL") -> list[Any]:
    """`actor` types `text` in their personal chat: what the bot posted there in answer."""
    before = len(posts_to(connector, chat(actor)))
    body = activity(
        connector.url,
        text=text,
        id=f"msg-{next(_ids)}",
        locale=locale,
        **{"from": account(actor), "conversation": personal_chat(chat(actor))},
    )
    response = await client.post("/api/messages", json=body)
    assert response.status in (200, 201), await response.text()
    assert await connector.wait_for_async(lambda c: len(posts_to(c, chat(actor))) > before, timeout=10)
    return posts_to(connector, chat(actor))[before:]


async def press(client, connector: FakeConnector, actor: Actor, card: Any, verb: str, **values: Any) -> dict[str, Any]:
    """`actor` clicks `verb` on `card` in their personal chat: the invoke's answer."""
    return await click(client, connector.url, card, verb, by=actor, chat=chat(actor), **values)


async def fill_in(client, connector) -> dict[str, Any]:
    """Dirk asks for the form and saves it filled in, asking for acknowledgement: the form as saved."""
    [posted] = await say(client, connector, DIRK, "nieuwe aankondiging")
    form = posted.cards[0]
    saved = await press(
        client, connector, DIRK, form, "announcement.save", title=TITLE, text=TEXT, audience_kind="everyone", ack="true"
    )
    assert saved["type"] == "application/vnd.microsoft.card.adaptive", saved
    return saved["value"]


def ack_cards(connector: FakeConnector, actor: Actor) -> list[dict[str, Any]]:
    """The cards with 'Gelezen' posted in `actor`'s chat, oldest first."""
    return [card for x in posts_to(connector, chat(actor)) for card in x.cards if "announcement.ack" in verbs(card)]


async def sent_to(app, announcement_id: int) -> list[str]:
    """The recipients whose delivery the fan-out engine recorded as sent (none acknowledged yet)."""
    async with app[DATABASE].read() as session:
        return [d.recipient_key for d in await AnnouncementRepository(session).unacknowledged(announcement_id)]


def report_updates(connector: FakeConnector, actor: Actor) -> list[dict[str, Any]]:
    """The author's card as the report jobs left it in their chat, oldest first."""
    prefix = f"/v3/conversations/{chat(actor)}/activities/"
    return [c.cards[0] for c in connector.calls if c.method == "PUT" and c.path.startswith(prefix) and c.cards]


async def test_a_functional_manager_writes_previews_and_sends_and_readers_acknowledge(app, client, connector):
    for reader in (ANNA, ESRA):  # readers who have the app: their chats are stored
        await say(client, connector, reader, "hallo")

    # a key user may not write one: a polite refusal, in their language
    [refused] = await say(client, connector, BRAM, "new announcement", locale="en-US")
    assert refused.text == t("authoring.refused.role", "en")

    # Dirk saves with the title missing: the error is on the form, his text kept
    [posted] = await say(client, connector, DIRK, "nieuwe aankondiging")
    form = posted.cards[0]
    wrong = await press(client, connector, DIRK, form, "announcement.save", title=" ", text=TEXT)
    assert t("announcement.error.title_empty", "nl") in texts_of(wrong["value"])
    assert TEXT in card_text(wrong["value"])
    saved = await fill_in(client, connector)
    assert verbs(saved) == ["announcement.save", "announcement.preview", "announcement.submit"]

    # the preview goes to Dirk's chat only, as the recipients will see it
    before = len(posts_to(connector, chat(DIRK)))
    preview = await press(client, connector, DIRK, saved, "announcement.preview")
    assert preview["value"] == t("authoring.reply.preview_below", "nl")
    assert await connector.wait_for_async(lambda c: any(x.cards for x in posts_to(c, chat(DIRK))[before:]), timeout=10)
    recipient_card = next(x.cards[0] for x in posts_to(connector, chat(DIRK))[before:] if x.cards)
    assert TITLE in card_text(recipient_card) and "announcement.ack" in verbs(recipient_card)
    for reader in (ANNA, ESRA):
        got = [card for x in posts_to(connector, chat(reader)) for card in x.cards]
        assert not any("announcement.ack" in verbs(card) for card in got), "nobody else got it yet"

    # Versturen: the form becomes Dirk's card with the counts; the start job writes a row per person with a chat
    sent = await press(client, connector, DIRK, saved, "announcement.submit")
    assert verbs(sent["value"]) == ["announcement.edit", "announcement.recall"]
    [view] = await app[ANNOUNCEMENTS].mine(DIRK)
    assert view.status == "sending"

    def counted(c, key: str, number: int) -> bool:
        cards = report_updates(c, DIRK)
        return bool(cards) and f"{t(key, 'nl')} {number}" in texts_of(cards[-1])

    assert await connector.wait_for_async(lambda c: counted(c, "announcement.report.recipients", 3), timeout=15)
    # the fan-out engine posts one card in each chat (Dirk's second one: the first was his preview)
    assert await connector.wait_for_async(
        lambda c: len(ack_cards(c, ANNA)) == len(ack_cards(c, ESRA)) == 1 and len(ack_cards(c, DIRK)) == 2, timeout=15
    )
    assert await connector.wait_for_async(lambda c: counted(c, "announcement.report.sent", 3), timeout=15)
    assert sorted(await sent_to(app, view.id)) == sorted([ANNA.key, ESRA.key, DIRK.key])
    assert ack_cards(connector, ANNA)[0] == recipient_card

    # Anna and Esra click 'Gelezen': each gets their own card back acknowledged; Bram, who got none, is told so
    for reader in (ANNA, ESRA):
        read = await press(client, connector, reader, ack_cards(connector, reader)[0], "announcement.ack")
        assert t("announcement.card.acknowledged", "nl") in texts_of(read["value"])
        assert "announcement.ack" not in verbs(read["value"])
    bram = await press(client, connector, BRAM, recipient_card, "announcement.ack")
    assert bram["value"] == t("authoring.refused.not_recipient", "en"), "Bram last wrote English"
    assert await connector.wait_for_async(lambda c: counted(c, "announcement.report.acknowledged", 2), timeout=15)
    assert verbs(report_updates(connector, DIRK)[-1]) == ["announcement.edit", "announcement.recall"]

    # 'mijn aankondigingen' lists it with the counts
    [listed] = await say(client, connector, DIRK, "mijn aankondigingen")
    assert TITLE in texts_of(listed.cards[0]) and t("authoring.status.sent", "nl") in texts_of(listed.cards[0])


async def test_four_eyes_the_approval_card_goes_to_functional_management_and_a_colleague_approves(
    app, client, connector
):
    await app[DIRECTORY].add_member(FM_GROUP, FRANK.key, name=FRANK.name)
    await app[ANNOUNCEMENTS].set_approval(DIRK, True)
    await say(client, connector, ANNA, "hallo")
    saved = await fill_in(client, connector)
    submitted = await press(client, connector, DIRK, saved, "announcement.submit")
    assert verbs(submitted["value"]) == ["announcement.edit", "announcement.cancel"]
    assert await connector.wait_for_async(lambda c: threads(c, FM_CHANNEL), timeout=10)
    [posted] = threads(connector, FM_CHANNEL)
    approval = cards_in(posted)[0]
    assert TITLE in card_text(approval) and verbs(approval) == ["announcement.approve", "announcement.send_back"]
    thread, card_id = posted.answer["id"], posted.answer["activityId"]

    # the author cannot approve it; a colleague sends it back with a remark, which reaches the author
    own = await invoke(
        client,
        channel_action(
            connector.url,
            account(DIRK),
            thread,
            card_id,
            "announcement.approve",
            click_data(approval, "announcement.approve"),
        ),
    )
    assert own["value"] == t("authoring.refused.own_approval", "nl")
    remark = "Zet de datum in de titel."
    back = await invoke(
        client,
        channel_action(
            connector.url,
            account(FRANK),
            thread,
            card_id,
            "announcement.send_back",
            click_data(approval, "announcement.send_back", remark=remark),
        ),
    )
    assert t("authoring.approval.sent_back", "nl") in texts_of(back["value"])
    assert await connector.wait_for_async(
        lambda c: any(remark in (x.text or "") for x in posts_to(c, chat(DIRK))), timeout=10
    )

    # sent again, approved by Frank: it goes out, and the approval card says who approved it
    again = await press(client, connector, DIRK, saved, "announcement.submit")
    assert verbs(again["value"]) == ["announcement.edit", "announcement.cancel"]
    assert await connector.wait_for_async(lambda c: len(threads(c, FM_CHANNEL)) == 2, timeout=10)
    newer = threads(connector, FM_CHANNEL)[1]
    approved = await invoke(
        client,
        channel_action(
            connector.url,
            account(FRANK),
            newer.answer["id"],
            newer.answer["activityId"],
            "announcement.approve",
            click_data(cards_in(newer)[0], "announcement.approve"),
        ),
    )
    assert "Frank de Boer" in card_text(approved["value"]) and verbs(approved["value"]) == []
    [view] = await app[ANNOUNCEMENTS].mine(DIRK)
    assert view.status == "sending" and view.approver is not None and view.approver.key == FRANK.key
