"""Learning from use through /api/messages: an employee picks a suggestion and finds it useful, functional
management approves the question as a phrasing on the review card, and the same question is answered outright
next time, on a second bot instance over the same database too."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from app import DATABASE, FAQ, INDEX_TASK, build_app
from config import Settings
from i18n import t
from services.directory import Actor
from services.jobs import WorkerOptions
from tests.support.activities import account, activity, personal_chat
from tests.support.cards import card_text, click, texts_of, verbs
from tests.support.conversations import posts_to
from tests.support.fake_connector import FakeConnector
from tests.support.people import ANNA, BRAM, DIRK, ESRA

QUESTION = "kan ik thuis printen"
"""Suggested, not answered, by the sample FAQ: werkplek-printen among the suggestions."""
ENTRY = "werkplek-printen"
_ids = iter(range(1, 10_000))


def chat(actor: Actor) -> str:
    return f"a:chat-{actor.key}"


async def say(client: TestClient, connector: FakeConnector, actor: Actor, text: str) -> Any:
    """`actor` types `text` in their personal chat: the bot's one post in answer."""
    before = len(posts_to(connector, chat(actor)))
    body = activity(
        connector.url,
        text=text,
        id=f"learn-{next(_ids)}",
        **{"from": account(actor), "conversation": personal_chat(chat(actor))},
    )
    response = await client.post("/api/messages", json=body)
    assert response.status in (200, 201), await response.text()
    assert await connector.wait_for_async(lambda c: len(posts_to(c, chat(actor))) > before, timeout=10)
    [post] = posts_to(connector, chat(actor))[before:]
    return post


async def press(client: TestClient, connector: FakeConnector, actor: Actor, card: Any, verb: str, **values: Any):
    """`actor` clicks `verb` on `card` in their personal chat: the invoke's answer."""
    return await click(client, connector.url, card, verb, by=actor, chat=chat(actor), **values)


def answered_outright(card: dict[str, Any]) -> bool:
    """An answer card (with 'Heeft dit geholpen?'), not suggestions."""
    return t("card.answer.helpful_question", "nl") in card_text(card) and "choose" not in verbs(card)


async def test_a_picked_suggestion_approved_on_the_review_card_is_answered_outright_on_every_instance(app, connector):
    first = TestClient(TestServer(app, host="127.0.0.1"))
    second_app = build_app(  # a second bot instance on the same database, its own index and worker
        Settings(matcher="lexical"),
        database=app[DATABASE],
        worker_options=WorkerOptions(poll_interval=0.05, base_delay=0.05),
    )
    second = TestClient(TestServer(second_app, host="127.0.0.1"))
    await first.start_server()
    await second.start_server()
    try:
        await second_app[INDEX_TASK]
        suggested = (await say(second, connector, ESRA, QUESTION)).cards[0]
        assert not answered_outright(suggested), "the second instance's index was built before anything was learned"

        # Anna picks the printing entry from the suggestions and finds it useful: one asker, one confirmation
        suggestions = (await say(first, connector, ANNA, QUESTION)).cards[0]
        chosen = await press(first, connector, ANNA, suggestions, "choose", entry_id=ENTRY)
        assert "print" in card_text(chosen["value"]).lower()
        thanked = await press(first, connector, ANNA, chosen["value"], "feedback", helpful=True)
        assert thanked["statusCode"] == 200

        # a key user may not review; functional management sees the proposal with the entry it would answer
        refused = await say(first, connector, BRAM, "geleerde formuleringen")
        assert refused.text == t("learned.refused.role", "nl") and not refused.cards
        review = (await say(first, connector, DIRK, "geleerde formuleringen")).cards[0]
        shown = card_text(review)
        assert QUESTION in shown and t("learned.review.signals", "nl", confirmations=1, against=0) in shown
        [entry] = [e for e in await app[FAQ].export_entries() if e["id"] == ENTRY]
        assert entry["question"] in shown
        unused = (await say(first, connector, ESRA, QUESTION)).cards[0]
        assert not answered_outright(unused), "a proposal is not used yet"

        # Bram cannot press a button on a card he was never shown either
        stolen = await press(first, connector, BRAM, review, "learned.approve")
        assert stolen["value"] == t("learned.refused.role", "nl")

        approved = await press(first, connector, DIRK, review, "learned.approve")
        after = approved["value"]
        assert t("learned.review.approved", "nl", text=QUESTION) in texts_of(after)
        assert t("learned.review.none", "nl") in texts_of(after) and "learned.approve" not in verbs(after)

        # the same question, asked by someone else, on either instance: answered outright with the entry
        for client in (first, second):
            answer = (await say(client, connector, ESRA, QUESTION)).cards[0]
            assert answered_outright(answer) and "print" in card_text(answer).lower()
    finally:
        await second.close()
        await first.close()


async def test_a_rejected_phrasing_stays_a_suggestion_and_a_stale_button_is_answered_politely(app, client, connector):
    suggestions = (await say(client, connector, ANNA, QUESTION)).cards[0]
    await press(client, connector, ANNA, suggestions, "choose", entry_id=ENTRY)
    review = (await say(client, connector, DIRK, "learned phrasings")).cards[0]  # the English command; Dirk reads Dutch
    rejected = await press(client, connector, DIRK, review, "learned.reject")
    assert t("learned.review.rejected", "nl", text=QUESTION) in texts_of(rejected["value"])

    # the old card's button again decides nothing; more confirmations do not either: a rejected phrasing is never used
    again = await press(client, connector, DIRK, review, "learned.approve")
    assert t("learned.review.already_rejected", "nl", text=QUESTION) in texts_of(again["value"])
    for asker in (ESRA, BRAM):
        card = (await say(client, connector, asker, QUESTION)).cards[0]
        assert not answered_outright(card)
        await press(client, connector, asker, card, "choose", entry_id=ENTRY)
    assert not answered_outright((await say(client, connector, ESRA, QUESTION)).cards[0])
