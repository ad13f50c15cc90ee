"""Dutch text analysis: folding, abbreviations, stemming, KB-learned compound splitting, typos."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import Stemmer

# Generic Dutch office shorthand; additive (the original token is kept as well).
ABBREVIATIONS: dict[str, str] = {
    "ww": "wachtwoord",
    "pw": "wachtwoord",
    "wachtw": "wachtwoord",
    "m365": "microsoft 365",
    "o365": "office 365",
    "ms": "microsoft",
    "mfa": "meervoudige authenticatie verificatie",
    "2fa": "tweestapsverificatie authenticatie",
    "fb": "functioneel beheer",
    "fab": "functioneel applicatiebeheer",
    "kg": "kerngebruiker",
    "sd": "servicedesk",
    "hd": "helpdesk",
    "ict": "ict automatisering",
    "pc": "computer",
    "tel": "telefoon",
    "mob": "mobiel",
    "nr": "nummer",
    "nrs": "nummers",
    "ivm": "in verband met",
    "mbt": "met betrekking tot",
    "tzt": "te zijner tijd",
    "zsm": "zo snel mogelijk",
    "ff": "even",
    "svp": "alstublieft",
    "aub": "alstublieft",
    "evt": "eventueel",
    "bijv": "bijvoorbeeld",
    "mn": "mijn",
    "m'n": "mijn",
    "zn": "zijn",
    "z'n": "zijn",
    "je": "je",
    "ipv": "in plaats van",
    "wfh": "thuiswerken",
    "ooo": "afwezig",
    "hr": "personeelszaken",
    "p&o": "personeelszaken",
    "mt": "managementteam",
    "lg": "leidinggevende",
    "mdw": "medewerker",
    "mw": "medewerker",
    "vm": "voicemail",
    "agenda": "agenda",
    "ol": "outlook",
    "od": "onedrive",
    "sp": "sharepoint",
    "app": "app",
    "appje": "app bericht",
    "mail": "mail email",
    "email": "mail email",
    "e-mail": "mail email",
    "wifi": "wifi draadloos",
    "wi-fi": "wifi draadloos",
}

STOPWORDS = frozenset(
    """
aan al alles als altijd ander andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er
ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen
maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen
toch toen tot u uit uw van veel voor want waren was wat we wel werd wezen wie wil worden wordt zal ze zelf zich
zij zijn zo zonder zou jij jouw jullie mn m n s t er even graag nou hoi hallo hey beste dag dank bedankt
kun kunt wilt zou zouden moeten mag mogen gaat ga gaan doe doet krijg krijgt
""".split()
)

WORD = re.compile(r"[a-z0-9]+(?:['&-][a-z0-9]+)*")
_stemmer = Stemmer.Stemmer("dutch")

# A folded word longer than this is no typo to correct nor compound to split: no Dutch word in use is, and the work
# on a word grows with the square of its length (one of 2,000 letters took 25 s and 4 GB).
MAX_WORD_LENGTH = 40
# Content words of a question that are analysed (the bench questions have at most 17): bounded work per message.
MAX_QUERY_WORDS = 64


def fold(text: str) -> str:
    """Lower-case and strip accents (é -> e, ë -> e)."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def stem(word: str) -> str:
    """Dutch Snowball stem of a folded word (cached, except for words too long to be worth keeping)."""
    return _stemmer.stemWord(word) if len(word) > MAX_WORD_LENGTH else _cached_stem(word)


@lru_cache(maxsize=200_000)
def _cached_stem(word: str) -> str:
    """stem() of a word short enough to keep."""
    return _stemmer.stemWord(word)


def raw_words(text: str) -> list[str]:
    """Folded words; hyphenated words yield their parts and their joined form."""
    out: list[str] = []
    for word in WORD.findall(fold(text)):
        if word in ABBREVIATIONS:
            out.append(word)
            out.extend(WORD.findall(ABBREVIATIONS[word]))
            continue
        parts = re.split(r"['&-]", word)
        if len(parts) > 1:
            out.extend(p for p in parts if p)
            joined = "".join(parts)
            if joined in ABBREVIATIONS:
                out.extend(WORD.findall(ABBREVIATIONS[joined]))
            out.append(joined)
        else:
            out.append(word)
    return out


def content_words(text: str) -> list[str]:
    """Folded words without stopwords or one-letter tokens."""
    return [w for w in raw_words(text) if w not in STOPWORDS and len(w) > 1]


def _deletes(word: str, depth: int) -> set[str]:
    """All strings reachable from word by up to depth deletions."""
    level, seen = {word}, {word}
    for _ in range(depth):
        level = {w[:i] + w[i + 1 :] for w in level for i in range(len(w))} - seen
        seen |= level
    return seen


def damerau(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, cut off above limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []  # the row before prev, from the second row on
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def typo_budget(word: str) -> int:
    """Edits tolerated for a word of this length."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


class Vocabulary:
    """The KB's own words: drives compound splitting and typo correction; grows on upsert."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._deletes: dict[str, set[str]] = {}
        self._stems: set[str] = set()
        # Per-instance caches: a cache on the class would keep every vocabulary ever built alive and clear all of them.
        self._split_cached = lru_cache(maxsize=50_000)(self._split)
        self._correct_cached = lru_cache(maxsize=50_000)(self._correct)

    def add_text(self, text: str, weight: int = 1) -> None:
        """Learn the words of a text."""
        for word in content_words(text):
            if not word.isalpha() or len(word) < 3:
                continue
            if word not in self.counts:
                if len(word) <= MAX_WORD_LENGTH:  # a longer word is no typo target
                    for d in _deletes(word, typo_budget(word) or 1):
                        self._deletes.setdefault(d, set()).add(word)
                self._stems.add(stem(word))
            self.counts[word] += weight
        self._split_cached.cache_clear()
        self._correct_cached.cache_clear()

    def known(self, word: str) -> bool:
        """Whether the word (or its stem) occurs in the KB."""
        return word in self.counts or stem(word) in self._stems

    def split(self, word: str) -> tuple[str, ...]:
        """Split a compound into KB words (with Dutch linking s/e/en), or () when not a compound."""
        if not 7 <= len(word) <= MAX_WORD_LENGTH or not word.isalpha():
            return ()
        return self._split_cached(word)

    def _split(self, word: str) -> tuple[str, ...]:
        """split() of a word it accepts, uncached."""
        best: tuple[str, ...] = ()
        for i in range(3, len(word) - 2):
            left, right = word[:i], word[i:]
            heads = [
                left[: -len(link)] for link in ("s", "en", "e") if left.endswith(link) and len(left) - len(link) >= 3
            ]
            heads.append(left)
            head = next((h for h in heads if self._part_known(h)), None)
            if head is None:
                continue
            tail = (right,) if self._part_known(right) else self.split(right)
            if tail and (not best or min(map(len, (head, *tail))) > min(map(len, best))):
                best = (head, *tail)
        return best

    def _part_known(self, part: str) -> bool:
        """A compound part must be a KB word of 3+ letters."""
        return len(part) >= 3 and (part in self.counts or (len(part) >= 4 and stem(part) in self._stems))

    def correct(self, word: str) -> tuple[str, ...]:
        """KB words within the typo budget of an unknown word, closest first (at most 2)."""
        if not typo_budget(word) or len(word) > MAX_WORD_LENGTH or not word.isalpha():
            return ()
        return self._correct_cached(word)

    def _correct(self, word: str) -> tuple[str, ...]:
        """correct() of a word it accepts, uncached."""
        budget = typo_budget(word)
        found: dict[str, int] = {}
        for d in _deletes(word, budget):
            for cand in self._deletes.get(d, ()):
                if cand not in found:
                    dist = damerau(word, cand, budget)
                    if dist <= budget and dist <= typo_budget(cand):
                        found[cand] = dist
        ranked = sorted(found, key=lambda w: (found[w], -self.counts[w]))
        if ranked:
            best = found[ranked[0]]
            ranked = [w for w in ranked if found[w] == best]
        return tuple(ranked[:2])


def analyze(text: str, vocab: Vocabulary, query: bool) -> dict[str, float]:
    """Weighted stemmed terms of a text: words, compound parts, and (queries only, first words) typo corrections."""
    terms: dict[str, float] = {}

    def add(word: str, weight: float) -> None:
        s = stem(word)
        if s and s not in STOPWORDS:
            terms[s] = max(terms.get(s, 0.0), weight) if query else terms.get(s, 0.0) + weight

    words = content_words(text)
    for word in words[:MAX_QUERY_WORDS] if query else words:
        known = vocab.known(word)
        if known or not query:
            add(word, 1.0)
        parts = vocab.split(word)
        for part in parts:
            add(part, 0.7)
        if query and not known and not parts:
            fixes = vocab.correct(word)
            for fix in fixes:
                add(fix, 0.8)
            if not fixes:
                add(word, 1.0)
    return terms
