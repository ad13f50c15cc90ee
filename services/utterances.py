"""What a short message is before it is a question: small talk, a command in everyday words, or a language choice.

Pure text work over folded tokens: no database, no botbuilder. A message made only of greeting, thanks,
acknowledgement or goodbye words (and emoji) is small talk; anything with more content goes on to the
commands and then the FAQ, so 'hoi, mijn outlook doet raar' stays a question.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from matching.text import fold
from vocabulary import SmallTalk

MAX_SMALL_TALK_TOKENS = 8
"""A longer message is never only small talk."""
MAX_COMMAND_EXTRA_TOKENS = 3
"""Words a command sentence may carry beyond its own (and the application's) before it is a question instead."""


class CommandKind(StrEnum):
    """The commands the bot recognises in everyday words."""

    HELP = "help"
    MY_TICKETS = "my_tickets"
    KEY_USERS = "key_users"
    LANGUAGE = "language"


@dataclass(frozen=True)
class Command:
    """A recognised command: for KEY_USERS the application named, for LANGUAGE the language chosen."""

    kind: CommandKind
    application: str | None = None
    language: str | None = None


# --- tokens -------------------------------------------------------------------------------------------------------
_SKIPPED = {"\u200d", "\ufe0f", "\ufe0e", "\u20e3"}
"""Zero-width joiner and variation selectors: parts of an emoji, not tokens of their own."""
_SENTENCE_END = {".", "!", "?", ";", "\n"}


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") and not char.isascii()


def tokens(text: str) -> list[str]:
    """Folded words, each emoji and each sentence mark as a token; apostrophes inside words dropped (m'n -> mn)."""
    text = re.sub(r"(\w)['’`](\w)", r"\1\2", text.replace("\r", ""))
    out: list[str] = []
    for piece in re.findall(r"\w+|\n|\S", text):
        if piece[0].isalnum() or piece[0] == "_":
            word = re.sub(r"(.)\1{2,}", r"\1", fold(piece))  # 'hoiii' -> 'hoi', 'okeee' -> 'oke'
            out.append(word)
        elif piece in _SENTENCE_END:
            out.append(piece)
        elif _is_emoji(piece):
            out.append(piece)
        # other punctuation and the emoji joiners are separators only
    return out


def sentences(text: str) -> list[list[str]]:
    """The message's word and emoji tokens, split into sentences at . ! ? ; and line breaks."""
    result: list[list[str]] = [[]]
    for token in tokens(text):
        if token in _SENTENCE_END:
            if result[-1]:
                result.append([])
        elif token not in _SKIPPED:
            result[-1].append(token)
    return [sentence for sentence in result if sentence]


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance, stopping early once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _allowed_typos(word: str) -> int:
    """Edit distance tolerated for a vocabulary word: none for short words, one from 5 letters, two from 10."""
    return 0 if len(word) < 5 else 1 if len(word) < 10 else 2


def _canonical(token: str, vocabulary: dict[str, str]) -> str | None:
    """The canonical word a token spells, exactly or within the typos its length allows."""
    if token in vocabulary:
        return vocabulary[token]
    best: tuple[int, str] | None = None
    for word, canonical in vocabulary.items():
        limit = _allowed_typos(word)
        if limit and token[:1] == word[:1]:
            distance = _distance(token, word, limit)
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, canonical)
    return best[1] if best else None


# --- small talk ---------------------------------------------------------------------------------------------------
_SMALL_TALK_WORDS: dict[SmallTalk, tuple[str, ...]] = {
    SmallTalk.GREETING: tuple(
        """
        hoi hoii hallo hai hey hee hei heej hi hello hiya yo goedemorgen goedemiddag goedenavond morgen
        middag avond morning afternoon evening greetings howdy dag
        """.split()
    ),
    SmallTalk.THANKS: tuple(
        """
        bedankt dank dankje dankjewel dankuwel danku thanks thank thx tnx thnx ty merci cheers
        appreciated
        """.split()
    ),
    SmallTalk.ACK: tuple(
        """
        ok oke okay okey okido k kk top super fijn mooi prima goed helder duidelijk begrepen gelukt
        perfect geweldig great cool nice fine alright good awesome ja yes yep jep jup check klopt lekker
        toppie chill netjes excellent thumbs understood clear lol haha
        """.split()
    ),
    SmallTalk.BYE: tuple(
        """
        doei dooi daag dag doeg ciao bye goodbye later ziens groetjes groet gegroet weekend fijne
        prettige welterusten
        """.split()
    ),
}
_HOW_ARE_YOU = ("hoe gaat het", "hoe gaat het met je", "alles goed", "alles oke", "how are you", "how are you doing")
_FILLERS = frozenset(
    """
    je jij jou jullie u wel hoor heel erg zeer echt veel vriendelijk hartelijk allemaal daar zo nou nog een
    de het voor met van tot en is was dat dit gaat werkt weer dan me mij ik snap hem t s vraagbaak bot much
    very so you for the a and again it that works worked all see got have nice day dag lot lots hulp help
    antwoord answer reactie snelle quick there everyone allen iedereen mate hele in orde oke
    """.split()
)
"""Words small talk may carry around its own ('dank je wel hoor', 'thanks a lot for the help')."""
_EMOJI_KIND = {
    "👍": SmallTalk.ACK,
    "👌": SmallTalk.ACK,
    "✅": SmallTalk.ACK,
    "🙂": SmallTalk.ACK,
    "😊": SmallTalk.ACK,
    "😀": SmallTalk.ACK,
    "😄": SmallTalk.ACK,
    "😁": SmallTalk.ACK,
    "💪": SmallTalk.ACK,
    "🎉": SmallTalk.ACK,
    "❤": SmallTalk.THANKS,
    "🙏": SmallTalk.THANKS,
    "👋": SmallTalk.GREETING,
}
_PRECEDENCE = (SmallTalk.BYE, SmallTalk.THANKS, SmallTalk.HOW_ARE_YOU, SmallTalk.GREETING, SmallTalk.ACK)
"""When a message mixes kinds ('bedankt, doei!'), the reply for the first kind here."""


@lru_cache(maxsize=1)
def _small_talk_vocabulary() -> dict[str, str]:
    vocabulary: dict[str, str] = {}
    for kind, words in _SMALL_TALK_WORDS.items():
        for word in words:
            vocabulary.setdefault(word, kind.value)
    return vocabulary


def small_talk(text: str) -> SmallTalk | None:
    """The kind of small talk a message is, or None when it carries anything else (a question, a command)."""
    words = [token for sentence in sentences(text) for token in sentence]
    if not words or len(words) > MAX_SMALL_TALK_TOKENS:
        return None
    joined = " ".join(w for w in words if not _is_emoji(w[0]))
    kinds: set[SmallTalk] = set()
    if any(joined == phrase or joined.endswith(" " + phrase) for phrase in _HOW_ARE_YOU):
        kinds.add(SmallTalk.HOW_ARE_YOU)
        words = [w for w in words if w not in ("hoe", "how", "are", "doing", "alles")]
    vocabulary = _small_talk_vocabulary()
    for word in words:
        if _is_emoji(word[0]):
            kinds.add(_EMOJI_KIND.get(word, SmallTalk.ACK))
            continue
        kind = vocabulary.get(word) or (None if word in _FILLERS else _canonical(word, vocabulary))
        if kind is not None:
            kinds.add(SmallTalk(kind))
        elif word not in _FILLERS:
            return None
    if not kinds:
        return None
    return next(kind for kind in _PRECEDENCE if kind in kinds)


# --- commands -----------------------------------------------------------------------------------------------------
_COMMAND_WORDS = {
    "mijn": "mijn",
    "mn": "mijn",
    "mijne": "mijn",
    "men": "mijn",
    "mjin": "mijn",
    "my": "mijn",
    "onze": "mijn",
    "ons": "mijn",
    "our": "mijn",
    "kerngebruiker": "kerngebruiker",
    "kerngebruikers": "kerngebruiker",
    "kerngebruikster": "kerngebruiker",
    "kerngebruikersgroep": "kerngebruiker",
    "keyuser": "kerngebruiker",
    "keyusers": "kerngebruiker",
    "champion": "kerngebruiker",
    "champions": "kerngebruiker",
    "ambassadeur": "kerngebruiker",
    "ambassadeurs": "kerngebruiker",
    "superuser": "kerngebruiker",
    "superusers": "kerngebruiker",
    "kg": "kerngebruiker",
    "kgs": "kerngebruiker",
    "aanspreekpunt": "kerngebruiker",
    "contactpersoon": "kerngebruiker",
    "vragen": "vragen",
    "vraag": "vragen",
    "questions": "vragen",
    "question": "vragen",
    "tickets": "vragen",
    "ticket": "vragen",
    "meldingen": "vragen",
    "melding": "vragen",
    "wie": "wie",
    "who": "wie",
    "welke": "wie",
    "which": "wie",
    "whos": "wie",
    "help": "help",
    "hulp": "help",
    "helpen": "help",
    "menu": "help",
    "uitleg": "help",
    "commandos": "help",
    "commands": "help",
    "opties": "help",
    "options": "help",
    "wat": "wat",
    "what": "wat",
    "kan": "kan",
    "kun": "kan",
    "kunt": "kan",
    "can": "kan",
    "could": "kan",
    "je": "je",
    "jij": "je",
    "jou": "je",
    "u": "je",
    "you": "je",
    "ik": "ik",
    "i": "ik",
    "hoe": "hoe",
    "how": "hoe",
    "werkt": "werkt",
    "werk": "werkt",
    "work": "werkt",
    "works": "werkt",
    "does": "does",
    "do": "doen",
    "doen": "doen",
    "doe": "doen",
    "doet": "doen",
    "ask": "vragen",
    "status": "status",
    "taal": "taal",
    "language": "taal",
    "lang": "taal",
    "spreek": "taal",
    "speak": "taal",
    "praat": "taal",
}
_LANGUAGE_NAMES = {
    "nl": "nl",
    "nederlands": "nl",
    "dutch": "nl",
    "hollands": "nl",
    "en": "en",
    "engels": "en",
    "english": "en",
    "eng": "en",
}
_HELP_SENTENCES = tuple(
    re.compile(pattern)
    for pattern in (
        r"(help|\?)( (me|mij|nodig|graag|aub|pls|please))*",
        r"ik (heb|wil) (help|uitleg)( nodig)?",
        r"(wat|welke) (kan|mag) je( allemaal)?( (doen|voor (me|mij|ik) doen|met je|help))?",
        r"wat (kan|mag) ik( allemaal| zoal)?( (aan|bij|van|met) je| je)? (vragen|doen met je|met je)",
        r"wat (kan|mag) ik( allemaal| zoal)? (aan|bij|van|met) je (vragen|doen)?",
        r"waar (kan|help) je( me| mij)?( allemaal)? (mee|bij) (helpen|help)?",
        r"waarmee (kan|help) je( me| mij)?( allemaal)?( helpen| help)?",
        r"hoe werkt (dit|het|je|vraagbaak|deze bot|de bot)( eigenlijk| precies)?",
        r"(wie|wat) ben je( eigenlijk)?",
        r"wat (is|doen) (vraagbaak|deze bot|dit)( eigenlijk| precies)?",
        r"wat doen je( eigenlijk| precies| allemaal)?",
        r"wat kan je( do| doen)?( for (me|ik))?",
        r"wat kan ik vragen( je)?",
        r"hoe does (this|it|je|vraagbaak) werkt",
        r"(show )?(the |me the )?help( menu)?",
    )
)
"""Sentences that ask what the bot can do, over canonical words (dutch spelling: 'you' is 'je', 'can' is 'kan')."""
_INTRO_SENTENCE = re.compile(
    r"(ik ben|i am|im) (nieuw|new|net begonnen|nieuw hier|new here)( hier| here| bij de gemeente)?|"
    r"(ik ben|i am|im) \w+( \w+)?"
)
"""A short self-introduction ('ik ben nieuw hier') that may stand before a help question."""
_HELP_FILLERS = frozenset(("eigenlijk", "precies", "allemaal", "zoal", "nou", "dus", "even", "so", "then", "dan"))
_KEY_USER_OK = frozenset(
    """
    is zijn are de het een the a voor van bij in op for of at with met mijn kerngebruiker wie afdeling
    department team applicatie application app systeem nieuwe new eigenlijk ook nu hier welke collega mag
    kan je ik terecht contact
    """.split()
)


def _command_words(sentence: list[str]) -> list[str]:
    """A sentence's words in canonical form, 'key user' and 'super user' joined; emoji dropped."""
    words = [w for w in sentence if not _is_emoji(w[0])]
    joined: list[str] = []
    i = 0
    while i < len(words):
        pair = words[i] + (words[i + 1] if i + 1 < len(words) else "")
        if i + 1 < len(words) and pair in ("keyuser", "keyusers", "superuser", "superusers", "kerngebruiker"):
            joined.append(pair)
            i += 2
            continue
        joined.append(words[i])
        i += 1
    return [(_canonical(w, _COMMAND_WORDS) or w) if len(w) > 1 else w for w in joined]


def _application_in(words: list[str], applications: list[str]) -> tuple[str | None, set[int]]:
    """The one application whose words the sentence spells (typos allowed), and the positions they take."""
    found: list[tuple[str, set[int]]] = []
    for application in applications:
        needed = re.findall(r"\w+", fold(application))
        if not needed:
            continue
        positions: set[int] = set()
        for part in needed:
            at = next(
                (
                    i
                    for i, w in enumerate(words)
                    if i not in positions and _distance(w, part, _allowed_typos(part)) <= _allowed_typos(part)
                ),
                None,
            )
            if at is None:
                break
            positions.add(at)
        else:
            found.append((application, positions))
    if not found:
        return None, set()
    found.sort(key=lambda item: -len(item[1]))  # 'Microsoft 365' before 'Microsoft' when both match
    if len(found) > 1 and len(found[0][1]) == len(found[1][1]):
        return None, found[0][1] | found[1][1]
    return found[0]


_LANGUAGE_FILLERS = frozenset("in het the graag please pls aub naar to is op".split())


def _language_choice(words: list[str]) -> str | None:
    """'taal nl', 'language en', 'in het Engels graag', 'english please': the language chosen."""
    rest = [w for w in words if w not in _LANGUAGE_FILLERS]
    if len(rest) == 2 and rest[0] == "taal" and rest[1] in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[rest[1]]
    if len(rest) == 1 and rest[0] in _LANGUAGE_NAMES and len(words) > 1 and rest[0] not in ("nl", "en"):
        return _LANGUAGE_NAMES[rest[0]]
    return None


def command(text: str, applications: list[str] = ()) -> Command | None:  # type: ignore[assignment]
    """The command a message is in everyday words (typos allowed), or None when it is something else."""
    parts = sentences(text)
    if not parts:
        return Command(CommandKind.HELP) if text.strip().strip("?") == "" and "?" in text else None
    canonical = [_command_words(sentence) for sentence in parts]
    if len(parts) == 1:
        language = _language_choice(canonical[0])
        if language:
            return Command(CommandKind.LANGUAGE, language=language)
    if _is_help(parts, canonical):
        return Command(CommandKind.HELP)
    for words in canonical:
        found = _key_users(words, applications)
        if found is not None:
            return found
    if len(parts) <= 2 and any(_is_my_tickets(words) for words in canonical):
        pairs = zip(canonical, parts, strict=True)
        if all(_is_my_tickets(words) or small_talk(" ".join(sentence)) is not None for words, sentence in pairs):
            return Command(CommandKind.MY_TICKETS)
    return None


def _is_help(parts: list[list[str]], canonical: list[list[str]]) -> bool:
    """Some sentence asks what the bot can do, and every other one is small talk or a short introduction."""
    asked = False
    for sentence, words in zip(parts, canonical, strict=True):
        core = " ".join(w for w in words if w not in _HELP_FILLERS)
        if any(pattern.fullmatch(core) for pattern in _HELP_SENTENCES):
            asked = True
        elif small_talk(" ".join(sentence)) is not None:
            continue
        elif _is_intro(sentence):
            continue
        else:
            head = _strip_small_talk(sentence)
            if head and _is_intro(head):
                continue
            if head and any(pattern.fullmatch(" ".join(_command_words(head))) for pattern in _HELP_SENTENCES):
                asked = True
                continue
            return False
    return asked


def _is_intro(sentence: list[str]) -> bool:
    return len(sentence) <= 6 and _INTRO_SENTENCE.fullmatch(" ".join(sentence)) is not None


def _strip_small_talk(sentence: list[str]) -> list[str]:
    """The sentence without the greeting or thanks words it opens with ('hoi wat kan je' -> 'wat kan je')."""
    vocabulary = _small_talk_vocabulary()
    i = 0
    while i < len(sentence) and (sentence[i] in vocabulary or _is_emoji(sentence[i][0])):
        i += 1
    return sentence[i:]


def _key_users(words: list[str], applications: list[str]) -> Command | None:
    """'wie is mn kerngebruiker voor het zaaksysteem', 'key users outlook': who the key users are, for what."""
    if "kerngebruiker" not in words:
        return None
    application, taken = _application_in(words, list(applications))
    extra = [w for i, w in enumerate(words) if i not in taken and w not in _KEY_USER_OK]
    extra = [w for w in extra if small_talk(w) is None]
    if "wie" in words:
        allowed = MAX_COMMAND_EXTRA_TOKENS
    elif words[0] == "kerngebruiker" or words[:2] == ["mijn", "kerngebruiker"]:
        allowed = 0  # 'kerngebruikers outlook', 'mijn kerngebruiker': nothing else, or it is a question about them
    else:
        return None
    if len(extra) > allowed:
        return None
    return Command(CommandKind.KEY_USERS, application=application)


def _is_my_tickets(words: list[str]) -> bool:
    """'mijn vragen', 'mn tickets', 'status van mijn vragen', 'my questions'."""
    core = [w for w in words if w not in ("de", "het", "van", "of", "the", "al", "alle", "all", "open", "openstaande")]
    return core in (["mijn", "vragen"], ["status", "mijn", "vragen"], ["mijn", "vragen", "status"])
