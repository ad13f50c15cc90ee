"""The FAQ flows over real services and storage, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dialogs import Incoming, User, build_router
from dialogs.types import MAX_TEXT_LENGTH
from i18n import t
from services.conversations import ConversationService
from services.faq import FaqService
from services.questions import QuestionService
from storage import ConversationRepository, QuestionRepository
from tests.support.cards import action as button
from tests.support.cards import card_text, execute_actions

KB = [
    {
        "id": "m365-wachtwoord",
        "application": "Microsoft 365",
        "question": "Ik ben mijn wachtwoord vergeten, hoe stel ik een nieuw wachtwoord in?",
        "alternates": ["wachtwoord resetten", "ik kan niet inloggen omdat ik mijn wachtwoord kwijt ben"],
        "answer": "Ga naar **Wachtwoord herstellen** op het intranet en volg de stappen.",
        "tags": ["wachtwoord"],
    },
    {
        "id": "m365-mfa-telefoon",
        "application": "Microsoft 365",
        "question": "Ik heb een nieuwe telefoon, hoe zet ik de Authenticator-app over?",
        "alternates": ["authenticator op nieuwe telefoon", "mfa overzetten naar ander toestel"],
        "answer": "Meld je nieuwe telefoon aan via **Beveiligingsgegevens**.",
        "tags": ["mfa"],
    },
    {
        "id": "werkplek-printen",
        "application": "Werkplek",
        "question": "Hoe print ik op een printer van de gemeente?",
        "alternates": ["printen lukt niet", "welke printer moet ik kiezen"],
        "answer": "Kies de printer **Follow-me** en haal je afdruk op met je pas.",
        "tags": ["printen"],
    },
    {
        "id": "zaak-behandelaar",
        "application": "Zaaksysteem",
        "question": "Hoe wijzig ik de behandelaar van een zaak?",
        "alternates": ["zaak overdragen aan collega", "andere behandelaar kiezen"],
        "answer": "Open de zaak, kies **Behandelaar wijzigen** en selecteer je collega.",
        "tags": ["zaak"],
    },
    {
        "id": "rooster-ruilen",
        "application": "Roostertool",
        "question": "Hoe ruil ik een dienst met een collega in de roostertool?",
        "alternates": ["dienst ruilen", "rooster wisselen met collega"],
        "answer": "Open je rooster, kies de dienst en dan **Ruilverzoek**.",
        "tags": ["rooster"],
    },
    {
        "id": "afspraak-whatsapp",
        "application": "Werkafspraken",
        "question": "Mag ik WhatsApp gebruiken om werkbestanden te delen?",
        "alternates": ["bestanden delen via whatsapp", "wetransfer gebruiken voor werk"],
        "answer": "Nee. Deel werkbestanden via **Teams** of **OneDrive**.",
        "tags": ["afspraken"],
    },
]

ANNA = User(id="29:anna", aad_object_id="aad-anna", name="Anna de Vries")
BRAM = User(id="29:bram", aad_object_id="aad-bram", name="Bram Jansen")


def message(text: str, user: User = ANNA, **extra) -> Incoming:
    return Incoming(
        kind="message",
        user=user,
        conversation_id=f"a:{user.id}",
        text=text,
        locale="nl-NL",
        reference={"serviceUrl": "http://127.0.0.1:9/", "conversation": {"id": f"a:{user.id}"}},
        **extra,
    )


def action(verb: str, data: dict, user: User = ANNA, locale: str = "nl-NL") -> Incoming:
    return Incoming(kind="action", user=user, conversation_id=f"a:{user.id}", verb=verb, data=data, locale=locale)


@pytest.fixture
async def bot(database):
    faq = FaqService(database, use_embeddings=False)
    await faq.import_entries(KB)
    router = build_router(faq=faq, questions=QuestionService(database), conversations=ConversationService(database))
    yield router, faq, database
    faq.close()


async def last_question(database):
    async with database.transaction() as session:
        return (await QuestionRepository(session).for_user(ANNA.key, limit=1))[0]


async def test_clear_question_gets_the_answer_card_and_is_logged(bot):
    router, _, database = bot
    outcome = await router(message("ww vergeten, hoe kom ik er weer in?"))
    (reply,) = outcome.replies
    assert "Wachtwoord herstellen" in card_text(reply.card)
    stored = await last_question(database)
    assert (stored.outcome, stored.entry_id, stored.text) == (
        "answered",
        "m365-wachtwoord",
        "ww vergeten, hoe kom ik er weer in?",
    )
    async with database.transaction() as session:
        stored = await ConversationRepository(session).get("a:29:anna")
        assert stored is not None and stored.user_key == "aad-anna"


async def test_feedback_updates_the_card_and_is_recorded(bot):
    router, _, database = bot
    card = (await router(message("printen lukt niet"))).replies[0].card
    no = button(card, "feedback", helpful=False)
    outcome = await router(action("feedback", no["data"]))
    assert outcome.card is not None and outcome.card != card
    assert not [a for a in execute_actions(outcome.card) if a["verb"] == "feedback"], "Ja/Nee gone after a click"
    assert (await last_question(database)).feedback == "not_helpful"


async def test_someone_elses_card_is_refused_and_changes_nothing(bot):
    router, _, database = bot
    card = (await router(message("printen lukt niet"))).replies[0].card
    yes = button(card, "feedback")
    outcome = await router(action("feedback", yes["data"], user=BRAM))
    assert outcome.message == t("reply.not_yours", "nl") and outcome.card is None
    assert (await last_question(database)).feedback is None


async def test_ask_key_user_records_the_question_as_unanswered(bot):
    router, _, database = bot
    card = (await router(message("hoeveel verlofuren heb ik nog dit jaar over"))).replies[0].card
    ask = button(card, "ask_key_user")
    outcome = await router(action("ask_key_user", ask["data"]))
    assert outcome.card is not None
    assert (await last_question(database)).escalated_at is not None
    again = await router(action("ask_key_user", ask["data"]))
    assert again.card == outcome.card, "a retried invoke changes nothing"


async def test_choosing_a_suggestion_shows_its_answer(bot):
    router, faq, database = bot
    question = await QuestionService(database).record(
        user_key=ANNA.key, user_name=None, conversation_id="c", language="nl", text="rooster", decision=None
    )
    outcome = await router(action("choose", {"question_id": question.id, "entry_id": "rooster-ruilen"}))
    assert "Ruilverzoek" in card_text(outcome.card)
    assert (await last_question(database)).entry_id == "rooster-ruilen"


@pytest.mark.parametrize("data", [{}, {"question_id": "abc"}, {"question_id": 10**9}, {"question_id": True}])
async def test_broken_card_data_gets_a_polite_answer(bot, data):
    router, _, _ = bot
    outcome = await router(action("feedback", {**data, "entry_id": "x", "helpful": True}))
    assert outcome.message in (t("reply.unknown_action", "nl"), t("reply.question_gone", "nl"))
    assert outcome.card is None


async def test_unknown_verb_and_english_locale(bot):
    router, _, _ = bot
    outcome = await router(action("selfDestruct", {}, locale="en-GB"))
    assert outcome.message == t("reply.unknown_action", "en")


async def test_empty_attachments_only_and_oversized_messages(bot):
    router, _, database = bot
    assert (await router(message(""))).replies[0].text == t("reply.empty", "nl")
    assert (await router(message("", attachment_count=1))).replies[0].text == t("reply.attachments_only", "nl")
    long_text = "Ik heb een vraag over mijn rooster. " * 300
    outcome = await router(message(long_text))
    assert outcome.replies[0].text == t("reply.too_long", "nl", length=len(long_text.strip()), limit=MAX_TEXT_LENGTH)
    assert any(a["verb"] == "ask_key_user" for a in execute_actions(outcome.replies[1].card))
    assert (await last_question(database)).text == long_text.strip(), "an oversized question is kept, not lost"


async def test_help_and_install(bot):
    router, _, database = bot
    help_reply = (await router(message("help"))).replies[0]
    assert help_reply.card is not None
    welcome = await router(
        Incoming(
            kind="install",
            user=ANNA,
            conversation_id="a:new",
            locale="nl-NL",
            reference={"serviceUrl": "http://127.0.0.1:9/"},
        )
    )
    assert welcome.replies[0].card is not None
    async with database.transaction() as session:
        assert (await ConversationRepository(session).get("a:new")) is not None
    second = await router(
        Incoming(
            kind="install",
            user=ANNA,
            conversation_id="a:new",
            locale="nl-NL",
            reference={"serviceUrl": "http://127.0.0.1:9/"},
        )
    )
    assert second.replies == [], "installationUpdate + conversationUpdate for one install greet once"


async def test_new_entry_is_answered_without_restart(bot):
    router, faq, _ = bot
    before = await router(message("hoe vraag ik een parkeervergunning voor de parkeergarage aan"))
    assert "Parkeerbeheer" not in card_text(before.replies[0].card)
    await faq.import_entries(
        [
            {
                "id": "werkplek-parkeren",
                "application": "Werkplek",
                "question": "Hoe vraag ik een parkeervergunning voor de parkeergarage aan?",
                "alternates": ["parkeerkaart aanvragen", "parkeren bij het stadhuis"],
                "answer": "Vraag je parkeerkaart aan bij **Parkeerbeheer** via het intranet.",
                "tags": [],
            }
        ]
    )
    after = await router(message("hoe vraag ik een parkeervergunning voor de parkeergarage aan"))
    assert "Parkeerbeheer" in card_text(after.replies[0].card)


@pytest.mark.parametrize(
    ("follow", "default", "expected"), [(True, "nl", "en"), (False, "nl", "nl"), (False, "en", "en")]
)
async def test_what_tells_no_language_follows_the_settings_and_a_question_gets_its_own(bot, follow, default, expected):
    _, faq, database = bot
    router = build_router(
        faq=faq,
        questions=QuestionService(database),
        conversations=ConversationService(database),
        default_language=default,
        follow_locale=follow,
    )
    english = {"locale": "en-US"}
    help_card = (await router(replace(message("help"), **english))).replies[0].card
    assert t("card.help.title", expected) in card_text(help_card)
    answer = (await router(replace(message("printen lukt niet"), **english))).replies[0].card
    assert t("card.answer.helpful_question", "nl") in card_text(answer), "a Dutch question gets Dutch texts"
    unknown = (await router(message("How do I order a parking permit for my bike?"))).replies[0].card
    assert t("card.unknown.title", "en") in card_text(unknown), "an English question English ones, in a Dutch Teams"
    garbled = await router(action("feedback", {"question_id": "abc"}, locale="en-US"))
    assert garbled.message == t("reply.unknown_action", expected)
