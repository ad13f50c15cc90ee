"""A ticket closed as 'dubbel': its askers hear which ticket it duplicates and get that ticket's answer."""

from __future__ import annotations

from i18n import t
from tests.scenarios.walk import (
    BRAM,
    ESRA,
    FLEUR,
    GENERAL,
    ask_key_users,
    click,
    current_card,
    invoke,
    personal,
    posted_card,
    posts_to,
    ticket_row,
    verb_data,
)
from tests.support.cards import card_text, execute_actions

FIRST = "Mijn gedeelde agenda van team Burgerzaken toont geen afspraken meer sinds de update van dinsdag"
SAME = "Sinds dinsdag zie ik in Outlook niets meer in de teamagenda van Burgerzaken, is dat bij iedereen zo?"


def answer_cards(connector, who: dict, text: str) -> list[dict]:
    """Answer cards ('Opgelost?') in someone's personal chat that contain `text`."""
    return [
        x.cards[0]
        for x in posts_to(connector, personal(who)["id"])
        if x.cards
        and any(a["verb"] == "ticket.resolved" for a in execute_actions(x.cards[0]))
        and text in card_text(x.cards)
    ]


async def close_as_duplicate(walk_client, connector, number: str, of: str | None) -> dict:
    card, thread, card_id = await posted_card(connector, GENERAL, number)
    data = {**verb_data(card, "ticket.close"), "close_reason": "duplicate"}
    if of is not None:
        data["duplicate_of"] = of
    return await invoke(walk_client, click(connector, BRAM, "ticket.close", data, thread=thread, card_id=card_id))


async def test_closed_as_duplicate_the_asker_hears_the_other_number_and_gets_its_answer(walk_client, connector):
    first = await ask_key_users(walk_client, connector, FLEUR, FIRST, "Outlook")
    same = await ask_key_users(walk_client, connector, ESRA, SAME, "Outlook")
    assert first != same, "the questions differ in words: two tickets"

    for wrong, says in ((None, "nummer"), ("VB-1999-0042", "VB-1999-0042"), (same, same)):
        refused = await close_as_duplicate(walk_client, connector, same, wrong)
        assert refused["type"] == "application/vnd.microsoft.activity.message" and says in refused["value"], refused
    assert (await ticket_row(walk_client, same)).status == "open"

    closed = await close_as_duplicate(walk_client, connector, same, first.lower().replace("vb-", ""))  # as typed
    duplicate_of = t("ticket.card.close_reason.duplicate_of", "nl", number=first)
    assert t("ticket.card.status.closed", "nl", reason=duplicate_of) in card_text(closed["value"])
    history = t("ticket.card.history_detail", "nl", what=t("ticket.card.event.closed", "nl"), detail=duplicate_of)
    assert history in card_text(closed["value"])

    # Esra is told, with the other ticket's number; the other ticket's card counts her as waiting for it
    chat = personal(ESRA)["id"]
    assert await connector.wait_for_async(
        lambda c: any(first in card_text(x.cards) and same in card_text(x.cards) for x in posts_to(c, chat)), timeout=10
    )
    notice = next(x.cards[0] for x in posts_to(connector, chat) if first in card_text(x.cards))
    assert t("ticket.card.status_update.duplicate", "nl", number=first) in card_text(notice)

    assert await connector.wait_for_async(
        lambda c: t("ticket.card.linked.one", "nl") in card_text(current_card(c, GENERAL, first)), timeout=10
    ), "the other ticket's card shows one more colleague waiting"

    # the other ticket is answered: both askers get the answer
    card, thread, card_id = await posted_card(connector, GENERAL, first)
    answer = {**verb_data(card, "ticket.answer"), "answer": "De agenda is hersteld; start Outlook opnieuw."}
    await invoke(walk_client, click(connector, BRAM, "ticket.answer", answer, thread=thread, card_id=card_id))
    for who in (FLEUR, ESRA):
        assert await connector.wait_for_async(
            lambda c, who=who: answer_cards(c, who, "start Outlook opnieuw"), timeout=10
        ), who["name"]


async def test_closed_as_duplicate_of_an_answered_ticket_the_answer_comes_at_once(walk_client, connector):
    first = await ask_key_users(walk_client, connector, FLEUR, FIRST, "Outlook")
    card, thread, card_id = await posted_card(connector, GENERAL, first)
    answer = {**verb_data(card, "ticket.answer"), "answer": "De agenda is hersteld; start Outlook opnieuw."}
    await invoke(walk_client, click(connector, BRAM, "ticket.answer", answer, thread=thread, card_id=card_id))
    same = await ask_key_users(walk_client, connector, ESRA, SAME, "Outlook")

    closed = await close_as_duplicate(walk_client, connector, same, first)
    assert closed["type"] == "application/vnd.microsoft.card.adaptive"
    assert await connector.wait_for_async(lambda c: answer_cards(c, ESRA, "start Outlook opnieuw"), timeout=10)
    assert ESRA["aadObjectId"] in {a.user_key for a in await _askers(walk_client, first)}


async def _askers(walk_client, number: str):
    from app import TICKETS
    from storage import TicketRepository

    ticket = await ticket_row(walk_client, number)
    async with walk_client.server.app[TICKETS].db.read() as session:
        return await TicketRepository(session).askers(ticket.id)
