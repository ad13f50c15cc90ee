"""'open tickets' in a channel that serves several groups, 'mijn vragen' and the history lines on the cards."""

from __future__ import annotations

import pytest

from cards.tickets import status_text
from tests.scenarios.walk import (
    BRAM,
    DIRK,
    ESRA,
    FLEUR,
    FM_CHANNEL,
    GENERAL,
    ask_key_users,
    click,
    invoke,
    posted_card,
    say_in_channel,
    verb_data,
)
from tests.support.cards import card_text, execute_actions

OUTLOOK_QUESTION = "Mijn gedeelde agenda van team Burgerzaken toont geen afspraken meer sinds de update van dinsdag"
CASE_QUESTION = "Het zaaksysteem geeft foutcode ZS-4711 bij het afsluiten van een melding openbare ruimte"


def sections(card: dict) -> dict[str, str]:
    """The open-tickets card as {group heading: the text of its rows}."""
    found: dict[str, str] = {}
    for item in card["body"]:
        if item.get("type") == "Container" and item.get("id", "").startswith("group-"):
            heading, *rows = item["items"]
            found[heading["text"]] = card_text(rows)
    return found


async def test_open_tickets_lists_every_group_of_the_channel_as_its_cards_show_them(walk_client, connector):
    outlook = await ask_key_users(walk_client, connector, FLEUR, OUTLOOK_QUESTION, "Outlook")
    case = await ask_key_users(walk_client, connector, ESRA, CASE_QUESTION, "Zaaksysteem")
    case_card, thread, card_id = await posted_card(connector, GENERAL, case)
    outlook_card, *_ = await posted_card(connector, GENERAL, outlook)

    listed = await say_in_channel(walk_client, connector, BRAM, GENERAL, "open tickets")
    groups = sections(listed)
    assert list(groups) == ["Kerngebruikers Outlook (1)", "Kerngebruikers Zaaksysteem (1)"], card_text(listed)
    assert outlook in groups["Kerngebruikers Outlook (1)"] and case in groups["Kerngebruikers Zaaksysteem (1)"]
    open_line = status_text_of(outlook_card)
    assert open_line in groups["Kerngebruikers Outlook (1)"], "the list says what the ticket's card says"

    # passed on to functional management: still waiting, in both channels, as each channel's card says
    escalate = verb_data(case_card, "ticket.escalate")
    await invoke(
        walk_client,
        click(connector, BRAM, "ticket.escalate", {**escalate, "reason": "Rechten"}, thread=thread, card_id=card_id),
    )
    fm_card, *_ = await posted_card(connector, FM_CHANNEL, case)
    general = sections(await say_in_channel(walk_client, connector, BRAM, GENERAL, "open tickets"))
    assert case in general["Kerngebruikers Zaaksysteem (1)"]
    assert status_text_of(fm_card) in general["Kerngebruikers Zaaksysteem (1)"]
    management = sections(await say_in_channel(walk_client, connector, DIRK, FM_CHANNEL, "open tickets"))
    assert list(management) == ["Functioneel beheer (1)"] and case in management["Functioneel beheer (1)"]
    assert outlook not in card_text(list(management.values()))

    # Bram picks up the Outlook ticket himself: the list says what its card says ("Opgepakt door", not "Toegewezen aan")
    outlook_card, thread, card_id = await posted_card(connector, GENERAL, outlook)
    claimed = await invoke(
        walk_client,
        click(connector, BRAM, "ticket.claim", verb_data(outlook_card, "ticket.claim"), thread=thread, card_id=card_id),
    )
    general = sections(await say_in_channel(walk_client, connector, BRAM, GENERAL, "open tickets"))
    assert status_text_of(claimed["value"]) in general["Kerngebruikers Outlook (1)"], general


def status_text_of(card: dict) -> str:
    """The status line of a ticket card (its second block, under the title)."""
    line = card["body"][1]["text"]
    assert line and not execute_actions(line)
    return line


def test_the_status_line_helper_reads_what_the_card_builds():
    from cards import ticket_card
    from tests.cards.samples import CLAIMED

    assert status_text_of(ticket_card(ticket=CLAIMED, lang="nl")) == status_text(CLAIMED, "nl")


async def test_my_questions_shows_when_a_ticket_last_changed(walk_client, connector):
    from datetime import timedelta

    from app import JOBS, TICKETS, WORKER
    from cards.tickets import format_when
    from i18n import t
    from tests.scenarios.walk import personal, posts_to, ticket_row
    from tests.support.clock import Clock

    app = walk_client.server.app
    tickets, jobs, worker = app[TICKETS], app[JOBS], app[WORKER]
    clock = tickets.clock = jobs.clock = worker.clock = Clock(tickets.clock())  # the services and worker on one clock
    number = await ask_key_users(walk_client, connector, FLEUR, OUTLOOK_QUESTION, "Outlook")
    card, thread, card_id = await posted_card(connector, GENERAL, number)
    clock.advance(minutes=5)
    answer = {**verb_data(card, "ticket.answer"), "answer": "Verwijder de agenda en voeg hem opnieuw toe."}
    await invoke(walk_client, click(connector, BRAM, "ticket.answer", answer, thread=thread, card_id=card_id))
    chat = personal(FLEUR)["id"]

    def answer_card(c):
        return next(
            (
                x.cards[0]
                for x in posts_to(c, chat)
                if x.cards and any(a["verb"] == "ticket.resolved" for a in execute_actions(x.cards[0]))
            ),
            None,
        )

    assert await connector.wait_for_async(lambda c: answer_card(c) is not None, timeout=10)
    clock.advance(minutes=7)
    relayed = answer_card(connector)
    assert relayed is not None
    no = verb_data(relayed, "ticket.resolved", solved=False)
    await invoke(walk_client, click(connector, FLEUR, "ticket.resolved", {**no, "remark": "Hij blijft leeg"}))
    reopened = await ticket_row(walk_client, number)
    assert reopened.status == "claimed" and reopened.updated_at > reopened.created_at + timedelta(minutes=10)

    before = len(posts_to(connector, chat))
    from tests.support.activities import activity

    await walk_client.post(
        "/api/messages",
        json=activity(
            connector.url, text="mijn vragen", id="mine-1", **{"from": FLEUR, "conversation": personal(FLEUR)}
        ),
    )
    assert await connector.wait_for_async(lambda c: len(posts_to(c, chat)) > before, timeout=10)
    shown = card_text(posts_to(connector, chat)[-1].cards)
    assert t("ticket.card.mine.changed", "nl", when=format_when(clock(), "nl")) in shown, shown
    assert format_when(reopened.created_at, "nl") not in shown


@pytest.mark.parametrize("reason", ["not_a_question", "answered"])
async def test_history_says_why_a_ticket_was_closed_in_the_cards_language(walk_client, connector, reason):
    from i18n import t

    number = await ask_key_users(walk_client, connector, FLEUR, OUTLOOK_QUESTION, "Outlook")
    card, thread, card_id = await posted_card(connector, GENERAL, number)
    closed = await invoke(
        walk_client,
        click(
            connector,
            BRAM,
            "ticket.close",
            {**verb_data(card, "ticket.close"), "close_reason": reason},
            thread=thread,
            card_id=card_id,
        ),
    )
    history = card_text(
        next(
            i
            for i in closed["value"]["body"]
            if i.get("type") == "Container" and t("ticket.card.history", "nl") in card_text(i)
        )
    )
    label = t(f"ticket.card.close_reason.{reason}", "nl")
    assert t("ticket.card.history_detail", "nl", what=t("ticket.card.event.closed", "nl"), detail=label) in history
    assert f"({reason})" not in history
