"""Small talk, commands in everyday words and the language of each answer, through the real endpoint."""

from __future__ import annotations

from app import DIRECTORY
from i18n import t
from tests.support.activities import USER, activity, card_action
from tests.support.cards import card_text, click_data
from tests.support.conversations import posts_to
from tests.support.fake_connector import Call
from tests.support.people import KARIN

CHAT = "a:personal-conv-1"


async def say(client, connector, text: str, locale: str = "nl-NL") -> Call:
    """The employee sends `text` from a Teams client in `locale`; the bot's reply as the connector received it."""
    before = len(posts_to(connector, CHAT))
    response = await client.post("/api/messages", json=activity(connector.url, text=text, locale=locale))
    assert response.status in (200, 201, 202), await response.text()
    assert await connector.wait_for_async(lambda c: len(posts_to(c, CHAT)) > before, timeout=10)
    return posts_to(connector, CHAT)[-1]


async def test_small_talk_gets_a_short_reply_in_the_users_language_never_the_unknown_card(client, connector):
    for text, key, lang in (
        ("hoi", "smalltalk.greeting", "nl"),
        ("bedankt!", "smalltalk.thanks", "nl"),
        ("👍", "smalltalk.ack", "nl"),
        ("doei", "smalltalk.bye", "nl"),
        ("top, thanks 👍", "smalltalk.thanks", "en"),
        ("Hello!", "smalltalk.greeting", "en"),
        ("👍", "smalltalk.ack", "en"),  # tells no language: the one last spoken
    ):
        reply = await say(client, connector, text)
        assert reply.text == t(key, lang), text
        assert reply.cards == [], f"{text!r} got a card"


async def test_a_greeting_with_a_question_is_a_question(client, connector):
    reply = await say(client, connector, "hoi, ik ben mijn wachtwoord vergeten")
    assert reply.cards, "the FAQ answers it"
    assert t("card.answer.helpful_question", "nl") in card_text(reply.cards[0])


async def test_a_newcomer_asking_what_to_ask_gets_the_help_card(client, connector):
    reply = await say(client, connector, "Hoi, ik ben nieuw hier. Wat kan ik allemaal aan jou vragen?")
    assert t("card.help.title", "nl") in card_text(reply.cards[0])
    english = await say(client, connector, "what can you do?", locale="nl-NL")
    assert t("card.help.title", "en") in card_text(english.cards[0])


async def test_who_is_my_key_user_in_everyday_words_names_only_the_application_asked_about(app, client, connector):
    directory = app[DIRECTORY]
    await directory.save_group(name="Kerngebruikers Outlook", application="Outlook", parent="Functioneel beheer")
    await directory.add_member("Kerngebruikers Outlook", KARIN.key, name=KARIN.name)
    reply = await say(client, connector, "wie is mn kerngebruiker voor het zaaksysteem")
    shown = card_text(reply.cards[0])
    assert "Bram Jansen" in shown and "Zaaksysteem" in shown
    assert "Karin" not in shown and "Outlook" not in shown, "only the application asked about"
    misspelt = card_text((await say(client, connector, "wie is mijn kerngebuiker voor outlok?")).cards[0])
    assert "Karin" in misspelt and "Bram Jansen" not in misspelt
    every = card_text((await say(client, connector, "wie zijn onze key users")).cards[0])
    assert "Karin" in every and "Bram Jansen" in every, "no application named: all of them"


async def test_mijn_vragen_in_its_variants_lists_the_askers_tickets(client, connector):
    for text in ("mijn vragen", "mn vragen", "Mijn tickets?", "my questions"):
        reply = await say(client, connector, text)
        assert reply.cards and t("card.unknown.title", "nl") not in card_text(reply.cards[0]), text


async def test_a_dutch_question_in_an_english_teams_gets_dutch_texts_and_the_clicks_after_it_too(client, connector):
    reply = await say(client, connector, "ik ben mijn wachtwoord vergeten, hoe kom ik weer in?", locale="en-US")
    card = reply.cards[0]
    assert t("card.answer.helpful_question", "nl") in card_text(card)
    assert t("card.answer.helpful_question", "en") not in card_text(card)
    clicked = await client.post(
        "/api/messages",
        json=card_action(connector.url, "feedback", click_data(card, "feedback", helpful=True), locale="en-US"),
    )
    after = (await clicked.json())["value"]
    assert t("card.answer.helpful_question", "en") not in card_text(after), "the click stays in the chat's language"
    english = await say(client, connector, "How do I order a parking permit for my bike?", locale="nl-NL")
    shown = card_text(english.cards[0])
    assert t("card.unknown.title", "en") in shown or t("card.suggestions.title", "en") in shown, "English texts"
    assert t("card.suggestions.title", "nl") not in shown and t("card.unknown.title", "nl") not in shown


async def test_a_chosen_language_is_confirmed_in_it_and_remembered_for_the_person(app, client, connector):
    chosen = await say(client, connector, "language en")
    assert chosen.text == t("language.chosen", "en")
    person = await app[DIRECTORY].person(USER["aadObjectId"])
    assert person is not None and person.preferred_language == "en"
    assert (await say(client, connector, "hoi")).text == t("smalltalk.greeting", "en"), "the choice wins"
    answer = await say(client, connector, "ik ben mijn wachtwoord vergeten", locale="nl-NL")
    assert t("card.answer.helpful_question", "en") in card_text(answer.cards[0])
    back = await say(client, connector, "taal nl", locale="en-US")
    assert back.text == t("language.chosen", "nl")
    assert (await say(client, connector, "ok", locale="en-US")).text == t("smalltalk.ack", "nl")
