"""An FAQ proposal edited by functional management: what is approved is what the card shows, and the card names
entries by their question, not their id."""

from __future__ import annotations

from app import FAQ, TICKETS
from i18n import t
from storage import FaqRepository
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
    thread_cards,
    verb_data,
)
from tests.support.cards import card_text, execute_actions

QUESTION = "waarom toont outlook mijn gedeelde agenda van burgerzaken niet meer sinds dinsdag"
"""As an employee types it: lowercase, no question mark."""
EDITED = "Waarom toont Outlook een gedeelde agenda niet meer?"
ALTERNATES = "gedeelde agenda leeg\nagenda van een collega verdwenen"
ANSWER = "Verwijder de gedeelde agenda en voeg hem opnieuw toe via Agenda > Toevoegen."


def show_card_inputs(card: dict, verb: str) -> dict[str, dict]:
    """The inputs of the ShowCard whose submit sends `verb`, by id."""
    for action in card.get("actions", []):
        inner = action.get("card") or {}
        if action.get("type") == "Action.ShowCard" and any(a["verb"] == verb for a in execute_actions(inner)):
            return {field["id"]: field for field in inner["body"]}
    raise AssertionError(f"no ShowCard sending {verb}")


async def proposal_card(walk_client, connector) -> tuple[dict, str, str]:
    """Fleur's question answered by Bram and proposed for the FAQ: the proposal card in functional management's
    channel, its thread and id."""
    number = await ask_key_users(walk_client, connector, FLEUR, QUESTION, "Outlook")
    card, thread, card_id = await posted_card(connector, GENERAL, number)
    answered = await invoke(
        walk_client,
        click(
            connector,
            BRAM,
            "ticket.answer",
            {**verb_data(card, "ticket.answer"), "answer": ANSWER},
            thread=thread,
            card_id=card_id,
        ),
    )
    await invoke(
        walk_client,
        click(
            connector,
            BRAM,
            "ticket.propose_faq",
            verb_data(answered["value"], "ticket.propose_faq"),
            thread=thread,
            card_id=card_id,
        ),
    )

    def proposal(c):
        return next(
            (p for p in thread_cards(c, FM_CHANNEL) if any(a["verb"] == "faq.approve" for a in execute_actions(p[0]))),
            None,
        )

    assert await connector.wait_for_async(lambda c: proposal(c) is not None, timeout=10)
    found = proposal(connector)
    assert found is not None
    return found


async def test_approving_saves_the_edits_the_card_shows_not_the_inputs_a_redrawn_card_sends(walk_client, connector):
    card, thread, card_id = await proposal_card(walk_client, connector)
    approve = next(a for a in execute_actions(card) if a["verb"] == "faq.approve")
    assert approve.get("associatedInputs") == "none", "approving sends no typed text that could have been reset"
    fields = show_card_inputs(card, "faq.save")
    assert (fields["question"]["value"], fields["alternates"]["value"]) == (QUESTION, "")

    # Dirk edits the question and adds other phrasings: saved, and the card now shows them (also as input values,
    # so a client that draws the card again from its JSON keeps them)
    save = verb_data(card, "faq.save")
    saved = await invoke(
        walk_client,
        click(
            connector,
            DIRK,
            "faq.save",
            {**save, "question": EDITED, "alternates": ALTERNATES, "answer": ANSWER},
            thread=thread,
            card_id=card_id,
        ),
    )
    edited = saved["value"]
    assert EDITED in card_text(edited["body"]) and "agenda van een collega verdwenen" in card_text(edited["body"])
    assert show_card_inputs(edited, "faq.save")["question"]["value"] == EDITED
    async with walk_client.server.app[TICKETS].db.read() as session:
        assert not [e for e in await FaqRepository(session).all() if e.question in (QUESTION, EDITED)], "not yet"

    # the old card's Goedkeuren (the text before the edit) approves nothing: the card is shown again as it is now
    stale = await invoke(
        walk_client,
        click(connector, DIRK, "faq.approve", verb_data(card, "faq.approve"), thread=thread, card_id=card_id),
    )
    assert t("faq.note.changed", "nl") in card_text(stale["value"]) and EDITED in card_text(stale["value"])

    # approving the edited card, even with the original text in the inputs a redrawn card sends, saves the edits
    approved = await invoke(
        walk_client,
        click(
            connector,
            DIRK,
            "faq.approve",
            {**verb_data(edited, "faq.approve"), "question": QUESTION, "answer": ANSWER},
            thread=thread,
            card_id=card_id,
        ),
    )
    assert t("ticket.card.faq.approved_by", "nl", name=DIRK["name"]) in card_text(approved["value"])
    async with walk_client.server.app[TICKETS].db.read() as session:
        [entry] = [e for e in await FaqRepository(session).all() if e.answer == ANSWER]
    assert (entry.question, entry.alternates, entry.answer) == (
        EDITED,
        ["gedeelde agenda leeg", "agenda van een collega verdwenen"],
        ANSWER,
    )
    decision = await walk_client.server.app[FAQ].decide("agenda van een collega verdwenen")
    assert decision.candidates and decision.candidates[0].entry_id == entry.id

    # item 6: the id does not repeat the application, and the card names the entry by its question
    assert entry.id.startswith("outlook-") and entry.id.count("outlook") == 1, entry.id
    assert entry.id not in card_text(approved["value"])
    facts = {f["title"]: f["value"] for f in approved["value"]["body"][1]["facts"]}
    assert facts[t("ticket.card.faq.target", "nl")] == EDITED


async def test_a_proposal_that_improves_an_entry_names_that_entry_by_its_question(walk_client, connector):
    card, thread, card_id = await proposal_card(walk_client, connector)
    await invoke(
        walk_client,
        click(connector, DIRK, "faq.approve", verb_data(card, "faq.approve"), thread=thread, card_id=card_id),
    )
    async with walk_client.server.app[TICKETS].db.read() as session:
        [entry] = [e for e in await FaqRepository(session).all() if e.answer == ANSWER]
    assert entry.question == QUESTION, "approved as the card showed it: the asker's words"

    # Esra asks the same, the FAQ answers with that entry, it does not help: the proposal improves that entry
    number = await ask_key_users(walk_client, connector, ESRA, QUESTION, "Outlook")
    card, thread, card_id = await posted_card(connector, GENERAL, number)
    answered = await invoke(
        walk_client,
        click(
            connector,
            BRAM,
            "ticket.answer",
            {**verb_data(card, "ticket.answer"), "answer": "Start Outlook opnieuw op."},
            thread=thread,
            card_id=card_id,
        ),
    )
    await invoke(
        walk_client,
        click(
            connector,
            BRAM,
            "ticket.propose_faq",
            verb_data(answered["value"], "ticket.propose_faq"),
            thread=thread,
            card_id=card_id,
        ),
    )

    def second(c):
        return next((p[0] for p in thread_cards(c, FM_CHANNEL) if "Start Outlook opnieuw op." in card_text(p[0])), None)

    assert await connector.wait_for_async(lambda c: second(c) is not None, timeout=10)
    improves = second(connector)
    assert improves is not None
    facts = {f["title"]: f["value"] for f in improves["body"][1]["facts"]}
    assert facts[t("ticket.card.faq.target", "nl")] == t("ticket.card.faq.existing_entry", "nl", question=QUESTION)
    assert entry.id not in card_text(improves)
