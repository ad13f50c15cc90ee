"""What the ticket cards and messages read like, through the real endpoint: readable colours, whole words,
a multi-line FAQ question, no doubled group words, and 'Toegewezen aan' after an assignment."""

from __future__ import annotations

import re
from typing import Any

from tests.scenarios.test_ticket_loop import filled_form, open_ticket
from tests.support.activities import account, card_action, channel_action, channel_message
from tests.support.cards import action, card_text, click, element, invoke, textblocks, walk
from tests.support.conversations import cards_in, current_card, posts_to, threads
from tests.support.people import BRAM, CHANTAL, DIRK
from tests.support.world import FM_CHANNEL, ZAAK_CHANNEL

REASON = (
    "De rechten in het zaaksysteem ontbreken voor de hele afdeling Vergunningen; dit moet via "
    "functioneel beheer en daarna naar P&O omdat het ook over de functieprofielen gaat"
)
"""An escalation reason longer than a history line: 160 characters."""


def coloured(card: dict[str, Any], colour: str) -> list[str]:
    """Texts of every element in `card` drawn in `colour`."""
    return [e.get("text", "") for e in walk(card) if str(e.get("color", "")).lower() == colour.lower()]


def texts(card: dict[str, Any]) -> list[str]:
    """Every TextBlock's text."""
    return [e["text"] for e in textblocks(card)]


def escalated_line(card: dict[str, Any]) -> str:
    """The history line of the escalation."""
    return next(line for line in texts(card) if "doorgezet naar functioneel beheer (" in line)


async def test_escalation_reason_is_readable_whole_on_the_card_and_cut_at_a_word_in_the_history(client, connector):
    assert len(REASON) > 150
    card, thread, card_id = await open_ticket(client, connector)
    await click(client, connector.url, card, "ticket.escalate", by=BRAM, thread=thread, card_id=card_id, reason=REASON)
    assert await connector.wait_for_async(lambda c: threads(c, FM_CHANNEL), timeout=10)
    fm_card = cards_in(threads(connector, FM_CHANNEL)[0])[0]
    assert await connector.wait_for_async(
        lambda c: (
            REASON[:40]
            in card_text(
                next((x.cards[0] for x in reversed(c.calls) if x.method == "PUT" and x.path.endswith(card_id)), {})
            )
        ),
        timeout=10,
    )
    key_users_card = current_card(connector, ZAAK_CHANNEL, card_id)
    for shown in (fm_card, key_users_card):
        assert coloured(shown, "Warning") == [], "yellow text is hard to read"
        assert REASON in texts(shown), "the reason itself is shown whole, as it was written"
        line = escalated_line(shown)
        found = re.search(r"\((.*)\)$", line)
        assert found, line
        detail = found.group(1)
        assert detail.endswith("…"), line
        kept = detail[:-1].rstrip()
        assert REASON.startswith(kept) and REASON[len(kept)] == " ", f"cut in the middle of a word: {line!r}"


async def test_faq_question_of_a_proposal_can_be_edited_over_several_lines(client, connector):
    card, thread, card_id = await open_ticket(client, connector)
    answered = await click(
        client, connector.url, card, "ticket.answer", by=BRAM, thread=thread, card_id=card_id, answer="Via Afhandeling."
    )
    await click(client, connector.url, answered["value"], "ticket.propose_faq", by=BRAM, thread=thread, card_id=card_id)

    def proposal(c):
        return next(
            (
                cards_in(x)[0]
                for x in threads(c, FM_CHANNEL)
                if any(a.get("verb") == "faq.approve" for a in walk(cards_in(x)))
            ),
            None,
        )

    assert await connector.wait_for_async(lambda c: proposal(c) is not None, timeout=10)
    question = element(proposal(connector), "question")
    assert question["type"] == "Input.Text" and question.get("isMultiline") is True


async def test_no_doubled_group_words_where_a_group_name_is_inserted(client, connector):
    created = await invoke(client, card_action(connector.url, "ticket.create", await filled_form(client, connector)))
    confirmation = card_text(created["value"])
    assert "Kerngebruikers Zaaksysteem" in confirmation

    linked = {}
    for text, channel, post in (
        ("koppel kanaal Roostertool", "19:roosters@thread.tacv2", "p-1"),
        ("koppel functioneel beheer", FM_CHANNEL, "p-2"),
    ):
        await client.post("/api/messages", json=channel_message(connector.url, account(DIRK), text, channel, post))
        path = f"{channel};messageid={post}"
        assert await connector.wait_for_async(lambda c, path=path: posts_to(c, path), timeout=10)
        linked[post] = card_text(posts_to(connector, path)[0].cards)
    assert "Kerngebruikers Roostertool" in linked["p-1"] and "Functioneel beheer" in linked["p-2"]
    for shown in (confirmation, *linked.values()):
        folded = " ".join(shown.replace("*", "").lower().split())
        assert "kerngebruikers van kerngebruikers" not in folded, shown
        assert "functioneel beheer voor functioneel beheer" not in folded, shown


async def test_an_assigned_ticket_says_toegewezen_aan_not_opgepakt_door(client, connector):
    card, thread, card_id = await open_ticket(client, connector)
    claimed = await click(client, connector.url, card, "ticket.claim", by=BRAM, thread=thread, card_id=card_id)
    assert "Opgepakt door Bram Jansen" in card_text(claimed["value"]), "taking it yourself is picking it up"
    assigned = await click(
        client,
        connector.url,
        claimed["value"],
        "ticket.assign",
        by=BRAM,
        thread=thread,
        card_id=card_id,
        assignee=CHANTAL.key,
    )
    shown = card_text(assigned["value"])
    assert "Toegewezen aan Chantal Bakker" in shown and "Opgepakt door" not in shown

    # the asker's notice says the same
    def notice(c):
        return next(
            (
                x.cards[0]
                for x in posts_to(c, "a:personal-conv-1")
                if x.cards and "Chantal Bakker" in card_text(x.cards[0])
            ),
            None,
        )

    assert await connector.wait_for_async(lambda c: notice(c) is not None, timeout=10)
    told = card_text(notice(connector))
    assert "Toegewezen aan Chantal Bakker" in told and "Opgepakt door" not in told

    # an old card's "Ik pak dit op" shows the card as it is now; with the current card a colleague hears who has it
    stale = await click(client, connector.url, card, "ticket.claim", by=BRAM, thread=thread, card_id=card_id)
    assert "Toegewezen aan Chantal Bakker" in card_text(stale["value"])
    current = {k: v for k, v in action(assigned["value"], "ticket.answer")["data"].items() if k in ("ticket_id", "v")}
    late = await invoke(client, channel_action(connector.url, account(BRAM), thread, card_id, "ticket.claim", current))
    assert "toegewezen aan Chantal Bakker" in late["value"] and "opgepakt" not in late["value"], late
