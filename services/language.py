"""Which language to answer in: the message's own (Dutch or English function words), a choice the person made
with 'taal nl' / 'language en', the language we last spoke with them, their Teams locale, the default."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from i18n import LANGUAGES, language_for
from matching.text import fold
from services.directory import DirectoryService
from storage import StorageUnavailable

log = logging.getLogger(__name__)

MIN_MARGIN = 1
"""Function words by which one language must lead the other before a message counts as written in it."""
MIN_FUNCTION_SHARE = 8
"""A longer text counts as a language only when at least one word in this many is a function word of either."""
MAX_SPELLING_WORDS, MAX_SPELLING_LETTERS = 6, 24
"""Without function words, spelling decides only this few words of at most this many letters."""

_DUTCH = frozenset(
    """
    de het een en van ik je jij jou jouw mijn mn mij me wij we ons onze jullie hij zij ze haar hun u uw
    niet geen wel ook nog al maar dus want omdat als dan toen waar wat wie welke welk hoe waarom wanneer
    hoeveel kan kun kunt kunnen wil wilt willen moet moeten mag mogen zou zouden heb hebt heeft hebben
    ben bent zijn was waren word wordt worden werd gaat gaan doe doet doen krijg krijgt krijgen zie zien
    er daar hier dat die dit deze naar bij met voor over uit aan om tot door tegen zonder na sinds
    nieuwe nieuw graag bedankt dank hoi hallo doei goedemorgen alsjeblieft alstublieft hoor even eigenlijk
    iets niets alles iemand niemand meer minder veel weer nu straks vandaag morgen gisteren week
    mijzelf jezelf zelf staat staan ziet lukt gelukt werkt werken kapot vergeten zetten instellen
    aanvragen wijzigen verwijderen toevoegen openen inloggen waarom terwijl tussen tijdens elke elk
    te om op af toe mee alle zal zullen vanuit volgende vorige laatste eerste andere ander zo zoals
    laat geef zoek vind voeg zet maak stuur lees speel speelt herinner bel annuleer verwijder graag
    alstjeblieft ajb aub svp welk waarmee waarin hierop daarna
    """.split()
)
_ENGLISH = frozenset(
    """
    the a an and of to i you your my me mine we our us they their he she it its his her this that these
    those not no yes but so because if then when where what who which how why many much can could
    will would should shall must may might do does did done have has had am are was were be been being
    get gets got there here with for from about into out at by without after since please thanks thank
    hello hi bye any some something nothing everything someone anyone more less again now today tomorrow
    yesterday new forgot work works working broken cannot cant dont doesnt isnt wont just still also
    only than keeps need needs want wants left lost good morning afternoon evening great see
    """.split()
)
_SHARED = _DUTCH & _ENGLISH
_DUTCH_ONLY, _ENGLISH_ONLY = _DUTCH - _SHARED, _ENGLISH - _SHARED
_DUTCH_SPELLING = re.compile(r"ij|oe|ui|aa|uu|sch|eu|ei|cht|[^e]en\b|\bge|heid|tie\b")
_ENGLISH_SPELLING = re.compile(r"th|wh|sh|ing\b|ea|\bw|y\b|ght|tion|ck|ou")


def detect(text: str) -> str | None:
    """'nl' or 'en' when the message's function words (then, for one or two words, its spelling) say so clearly."""
    words = re.findall(r"[a-z]+", fold(re.sub(r"(\w)['’](\w)", r"\1\2", text)))
    if not words:
        return None
    dutch = sum(word in _DUTCH_ONLY for word in words)
    english = sum(word in _ENGLISH_ONLY for word in words)
    if len(words) > MAX_SPELLING_WORDS and (dutch + english) * MIN_FUNCTION_SHARE < len(words):
        return None  # too few function words for text in either language: gibberish, code, a list of names
    if dutch - english >= MIN_MARGIN and dutch > english:
        return "nl"
    if english - dutch >= MIN_MARGIN and english > dutch:
        return "en"
    if dutch or english:
        return None  # a tie of function words
    if len(words) > MAX_SPELLING_WORDS or max(map(len, words)) > MAX_SPELLING_LETTERS:
        return None  # spelling decides only a word or two that look like words
    joined = " ".join(words)
    dutch_marks, english_marks = len(_DUTCH_SPELLING.findall(joined)), len(_ENGLISH_SPELLING.findall(joined))
    if dutch_marks >= english_marks + 2:
        return "nl"
    if english_marks >= dutch_marks + 2:
        return "en"
    return None


@dataclass
class LanguageService:
    """The language of each turn, and the choice a person makes, kept on their Person row."""

    directory: DirectoryService | None = None
    default: str = "nl"
    follow_locale: bool = True

    async def for_message(self, user_key: str, text: str, locale: str | None) -> str:
        """A message's language: the person's choice, else the message's own, else what we last spoke, else locale."""
        person = await self._person(user_key)
        if person is not None and person.preferred_language in LANGUAGES:
            return person.preferred_language
        detected = detect(text)
        if detected is not None:
            if self.directory is not None and (person is None or person.language != detected):
                try:  # remembered for the clicks and proactive cards that follow; the turn goes on without it
                    await self.directory.set_person(user_key, language=detected)
                except StorageUnavailable:
                    log.warning("Could not remember the language of %s", user_key)
            return detected
        if person is not None and person.language in LANGUAGES:
            return person.language
        return language_for(locale, self.default, self.follow_locale)

    async def for_action(self, user_key: str, locale: str | None) -> str:
        """A card click's language: the person's choice, else the language we last spoke with them, else locale."""
        person = await self._person(user_key)
        for stored in (person.preferred_language, person.language) if person is not None else ():
            if stored in LANGUAGES:
                return stored
        return language_for(locale, self.default, self.follow_locale)

    async def choose(self, user_key: str, language: str) -> None:
        """Remember the person's own choice ('taal en'): every later turn and proactive card uses it."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
        if self.directory is None:
            raise ValueError("choosing a language needs the directory")
        await self.directory.set_person(user_key, preferred_language=language, language=language)

    async def _person(self, user_key: str):
        return await self.directory.person(user_key) if self.directory is not None else None
