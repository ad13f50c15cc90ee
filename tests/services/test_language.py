"""The language of each turn: the person's choice, the message's own, the one last spoken, the Teams locale."""

from __future__ import annotations

import pytest

from services.directory import DirectoryService
from services.language import LanguageService, detect


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ik ben mijn wachtwoord vergeten", "nl"),
        ("Hoe stel ik mijn afwezigheidsmelding in?", "nl"),
        ("bedankt!", "nl"),
        ("hoi", "nl"),
        ("How do I reset my password?", "en"),
        ("thanks", "en"),
        ("my teams keeps crashing", "en"),
        ("ok", None),
        ("outlook?", None),
        ("👍", None),
        ("", None),
    ],
)
def test_detect_tells_dutch_from_english_and_leaves_what_tells_neither_undecided(text, language):
    assert detect(text) == language


def test_gibberish_decides_no_language_however_long():
    """Random letters hold 'th' and 'a' by chance; they used to switch a Dutch user to English."""
    import random
    import string

    rng = random.Random(7)
    word = "".join(rng.choice(string.ascii_lowercase) for _ in range(2000))
    words = " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 12))) for _ in range(800))
    assert detect(word) is None and detect(words) is None
    assert detect("wachtwoord " * 20 + "vergeten") is None, "no function word in 21 words"
    assert detect("ik ben mijn wachtwoord van het portaal voor de gemeente vergeten") == "nl"


async def test_the_message_wins_over_the_locale_and_is_remembered_for_clicks_and_undecided_messages(database):
    directory = DirectoryService(database)
    languages = LanguageService(directory)
    assert await languages.for_message("aad-fleur", "ok", "en-US") == "en", "nothing stored: the locale"
    assert await languages.for_message("aad-fleur", "ik ben mijn wachtwoord vergeten", "en-US") == "nl"
    assert await languages.for_action("aad-fleur", "en-US") == "nl", "the language last spoken"
    assert await languages.for_message("aad-fleur", "ok", "en-US") == "nl"
    assert await languages.for_message("aad-fleur", "How do I reset my password?", "nl-NL") == "en"
    assert await languages.for_action("aad-fleur", "nl-NL") == "en"


async def test_a_chosen_language_wins_over_everything_until_changed(database):
    directory = DirectoryService(database)
    languages = LanguageService(directory)
    await languages.choose("aad-fleur", "en")
    assert await languages.for_message("aad-fleur", "ik ben mijn wachtwoord vergeten", "nl-NL") == "en"
    assert await languages.for_action("aad-fleur", "nl-NL") == "en"
    person = await directory.person("aad-fleur")
    assert person is not None and (person.preferred_language, person.role) == ("en", "employee")
    await languages.choose("aad-fleur", "nl")
    assert await languages.for_message("aad-fleur", "How do I reset my password?", "en-US") == "nl"
    with pytest.raises(ValueError):
        await languages.choose("aad-fleur", "de")


async def test_without_a_directory_the_message_then_the_locale_setting_decide():
    languages = LanguageService(None, default="en", follow_locale=False)
    assert await languages.for_message("aad-fleur", "ik ben mijn wachtwoord vergeten", "en-US") == "nl"
    assert await languages.for_message("aad-fleur", "ok", "nl-NL") == "en", "the locale is not followed: the default"
    assert await languages.for_action("aad-fleur", "nl-NL") == "en"
