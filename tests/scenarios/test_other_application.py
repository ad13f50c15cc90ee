"""'Anders / weet ik niet' in the ticket form, through the real endpoint: a question that belongs to no
application goes to the general key-user group, or to functional management when there is none."""

from __future__ import annotations

from app import DIRECTORY
from tests.scenarios.test_ticket_loop import UNKNOWN_QUESTION
from tests.support.activities import USER, activity
from tests.support.cards import card_text, click, element, execute_actions, walk
from tests.support.conversations import cards_in, posts_to, threads
from tests.support.people import DIRK, KARIN
from tests.support.world import FM_CHANNEL, FM_GROUP, ZAAK_CHANNEL

OTHER = "Anders / weet ik niet"
GENERAL_CHANNEL = "19:algemeen@thread.tacv2"


async def form(client, connector) -> dict:
    """The ticket form the employee gets for a question the FAQ cannot answer."""
    await client.post("/api/messages", json=activity(connector.url, text=UNKNOWN_QUESTION))
    assert await connector.wait_for_async(lambda c: posts_to(c, "a:personal-conv-1"), timeout=10)
    unknown = posts_to(connector, "a:personal-conv-1")[0].cards[0]
    return (await click(client, connector.url, unknown, "ask_key_user"))["value"]


def application_choices(form_card: dict) -> list[dict]:
    """The choices of the form's application input."""
    return element(form_card, "application")["choices"]


async def send_other(client, connector, form_card: dict) -> dict:
    """The employee picks 'Anders / weet ik niet' and sends the form: the confirmation card."""
    other = next(c for c in application_choices(form_card) if c["title"] == OTHER)
    created = await click(
        client, connector.url, form_card, "ticket.create", question=UNKNOWN_QUESTION, application=other["value"]
    )
    return created["value"]


async def test_other_goes_to_functional_management_when_there_is_no_general_group(client, connector):
    form_card = await form(client, connector)
    titles = [c["title"] for c in application_choices(form_card)]
    assert titles[-1] == OTHER and titles.count(OTHER) == 1, "the choice comes last, after the applications"
    assert "Zaaksysteem" in titles

    created = await send_other(client, connector, form_card)
    assert "VB-" in card_text(created) and "Functioneel beheer" in card_text(created)
    assert await connector.wait_for_async(lambda c: threads(c, FM_CHANNEL), timeout=10)
    assert not threads(connector, ZAAK_CHANNEL), "not forced under an application's key users"
    call = threads(connector, FM_CHANNEL)[0]
    card, thread, card_id = cards_in(call)[0], call.answer["id"], call.answer["activityId"]
    verbs = [a["verb"] for a in execute_actions(card)]
    assert "ticket.claim" in verbs and "ticket.answer" in verbs
    assert "ticket.escalate" not in verbs, "functional management is the last line: nothing to pass it on to"

    # a functional manager handles it like any ticket; the asker gets the answer
    done = await click(
        client,
        connector.url,
        card,
        "ticket.answer",
        by=DIRK,
        thread=thread,
        card_id=card_id,
        answer="Dat regel je bij P&O.",
    )
    assert "P&O" in card_text(done["value"])
    assert await connector.wait_for_async(
        lambda c: any("P&O" in card_text(x.cards) for x in posts_to(c, "a:personal-conv-1")), timeout=10
    )

    # and can make an FAQ entry of the answer, proposed in its own channel
    await click(client, connector.url, done["value"], "ticket.propose_faq", by=DIRK, thread=thread, card_id=card_id)
    assert await connector.wait_for_async(
        lambda c: any(a.get("verb") == "faq.approve" for x in threads(c, FM_CHANNEL) for a in walk(cards_in(x))),
        timeout=10,
    )


async def test_other_goes_to_the_general_key_user_group(client, connector):
    directory = client.server.app[DIRECTORY]
    await directory.save_group(
        name="Kerngebruikers Algemeen", application="Algemeen", parent=FM_GROUP, channel_id=GENERAL_CHANNEL
    )
    await directory.add_member("Kerngebruikers Algemeen", KARIN.key, name=KARIN.name, chair=True)
    form_card = await form(client, connector)
    titles = [c["title"] for c in application_choices(form_card)]
    assert titles[-1] == OTHER and "Algemeen" not in titles, (
        "the general group is the 'Anders' choice, not an application"
    )

    created = await send_other(client, connector, form_card)
    assert "Kerngebruikers Algemeen" in card_text(created)
    assert await connector.wait_for_async(lambda c: threads(c, GENERAL_CHANNEL), timeout=10)
    card = cards_in(threads(connector, GENERAL_CHANNEL)[0])[0]
    assert "ticket.escalate" in [a["verb"] for a in execute_actions(card)], "the general key users can pass it on"
    assert not threads(connector, FM_CHANNEL) and not threads(connector, ZAAK_CHANNEL)
    assert USER["name"] in card_text(card)
