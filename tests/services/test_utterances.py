"""Small talk, commands in everyday words and language choices, told from the text alone."""

from __future__ import annotations

import pytest

from services.utterances import Command, CommandKind, command, small_talk, tokens
from vocabulary import SmallTalk

APPLICATIONS = ["Microsoft 365", "Teams", "Outlook", "Zaaksysteem", "Roostertool", "Werkplek"]


def test_tokens_fold_accents_drop_apostrophes_and_keep_each_emoji():
    assert tokens("Oké, m'n café 👍🏽!") == ["oke", "mn", "cafe", "👍", "🏽", "!"]
    assert tokens("hoiii") == ["hoi"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hoi", SmallTalk.GREETING),
        ("Hallo Vraagbaak!", SmallTalk.GREETING),
        ("goedemorgen", SmallTalk.GREETING),
        ("bedankt!", SmallTalk.THANKS),
        ("dank je wel hoor", SmallTalk.THANKS),
        ("top, thanks 👍", SmallTalk.THANKS),
        ("bedankt voor je hulp!", SmallTalk.THANKS),
        ("dankjewl", SmallTalk.THANKS),
        ("ok", SmallTalk.ACK),
        ("oké", SmallTalk.ACK),
        ("👍", SmallTalk.ACK),
        ("super, dat werkt!", SmallTalk.ACK),
        ("doei", SmallTalk.BYE),
        ("ok, bedankt. doei!", SmallTalk.BYE),
        ("hoe gaat het?", SmallTalk.HOW_ARE_YOU),
    ],
)
def test_a_short_message_of_only_greeting_thanks_ack_or_bye_words_is_small_talk(text, kind):
    assert small_talk(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "hoi, mijn outlook doet raar",
        "bedankt, maar hoe zet ik nu mijn afwezigheid aan?",
        "Hoe reset ik mijn wachtwoord?",
        "ok dus ik moet opnieuw inloggen in teams",
        "nee",
        "",
        "help",
    ],
)
def test_anything_with_more_content_is_no_small_talk(text):
    assert small_talk(text) is None


@pytest.mark.parametrize(
    ("text", "application"),
    [
        ("wie is mn kerngebruiker voor het zaaksysteem", "Zaaksysteem"),
        ("wie is mijn kerngebuiker voor outlok?", "Outlook"),
        ("Hoi, wie is onze key user voor Teams?", "Teams"),
        ("wie zijn de kerngebruikers van Microsoft 365", "Microsoft 365"),
        ("who is my key user", None),
        ("wie is de champion van onze afdeling", None),
        ("kerngebruikers roostertool", "Roostertool"),
        ("wie is mijn kg", None),
    ],
)
def test_who_is_my_key_user_in_its_variants_with_the_application_named(text, application):
    assert command(text, APPLICATIONS) == Command(CommandKind.KEY_USERS, application=application)


@pytest.mark.parametrize(
    "text",
    [
        "help",
        "hulp",
        "?",
        "wat kan je",
        "wat kun je allemaal?",
        "Hoi, ik ben nieuw hier. Wat kan ik allemaal aan jou vragen?",
        "hoe werkt dit?",
        "what can you do?",
        "waarmee kun je me helpen?",
    ],
)
def test_help_in_its_variants(text):
    assert command(text, APPLICATIONS) == Command(CommandKind.HELP)


@pytest.mark.parametrize("text", ["mijn vragen", "mn vragen", "Mijn tickets?", "my questions", "mijn vraagen"])
def test_my_questions_in_its_variants(text):
    assert command(text, APPLICATIONS) == Command(CommandKind.MY_TICKETS)


@pytest.mark.parametrize(
    ("text", "language"),
    [("taal nl", "nl"), ("taal en", "en"), ("language en", "en"), ("Language NL", "nl"), ("in het Engels graag", "en")],
)
def test_a_language_choice(text, language):
    assert command(text) == Command(CommandKind.LANGUAGE, language=language)


@pytest.mark.parametrize(
    "text",
    [
        "mijn kerngebruiker reageert niet, wat nu?",
        "wat kan ik doen als outlook crasht",
        "ik heb hulp nodig met outlook",
        "wie is de kerngebruiker die mijn ticket heeft opgepakt en waarom duurt het zo lang",
        "hoeveel verlofuren heb ik nog",
        "taal van de brief aanpassen in het zaaksysteem",
        "en",
    ],
)
def test_a_question_that_only_mentions_command_words_is_no_command(text):
    assert command(text, APPLICATIONS) is None
