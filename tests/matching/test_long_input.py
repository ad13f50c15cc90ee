"""Very long words and messages: bounded work and memory per word and per message."""

from __future__ import annotations

import pytest

from matching import Matcher
from matching.text import Vocabulary, analyze, stem
from tests.support.work import LIGATURES, LONG_MESSAGE, LONG_WORD, REPEATED_COMPOUND, count_work, peak_memory

# Per message: at most 64 words analysed; per word at most the 821 deletions of a 40-letter word (rounded up) and
# a few hundred compound probes. Before the bound one 2,000-letter word generated about two million deletions.
MAX_WORDS, CANDIDATES_PER_WORD, PARTS_PER_WORD = 64, 1_000, 200
MAX_PEAK_BYTES = 8 * 1024 * 1024


@pytest.fixture
def matcher(office_kb):
    """A fresh lexical matcher: nothing in its caches yet."""
    return Matcher.build(office_kb, use_embeddings=False)


@pytest.mark.parametrize(
    "text",
    [LONG_WORD, LIGATURES, REPEATED_COMPOUND, LONG_MESSAGE],
    ids=["2000-letters", "ligatures", "repeated-compound", "10000-characters"],
)
def test_a_long_word_or_message_is_decided_with_bounded_work_and_memory(matcher, monkeypatch, text):
    work = count_work(monkeypatch)
    with peak_memory() as peak:
        decision = matcher.decide(text)
    assert decision.outcome in ("answered", "suggested", "unknown")
    assert 1 <= work.words <= MAX_WORDS
    assert work.candidates <= CANDIDATES_PER_WORD * work.words
    assert work.parts <= PARTS_PER_WORD * work.words
    assert peak[0] < MAX_PEAK_BYTES


def test_a_word_longer_than_any_dutch_word_is_neither_corrected_nor_split(monkeypatch):
    vocab = Vocabulary()
    vocab.add_text("wachtwoord kindercarnavalsoptochtvoorbereiding")  # 35 letters: still a word
    work = count_work(monkeypatch)
    assert vocab.correct("kindercarnavalsoptochtvoorbereidng") == ("kindercarnavalsoptochtvoorbereiding",)
    assert vocab.split("wachtwoordkindercarnavalsoptochtvoorbereiding") == ()  # 45 letters
    work.reset()
    for word in ("x" + "kindercarnavalsoptochtvoorbereiding" * 2, "wachtwoord" * 5, LONG_WORD):
        assert vocab.correct(word) == () and vocab.split(word) == ()
    assert (work.candidates, work.parts) == (0, 0)


def test_a_long_kb_word_is_learned_without_typo_candidates(monkeypatch):
    work = count_work(monkeypatch)
    vocab = Vocabulary()
    vocab.add_text(f"printer {LONG_WORD}")
    assert work.candidates == 8  # 'printer' and its seven deletions; none for the long word
    assert vocab.known(LONG_WORD) and stem(LONG_WORD) in analyze(LONG_WORD, vocab, query=True)


def test_a_query_analyses_only_its_first_64_words():
    vocab = Vocabulary()
    vocab.add_text("printer wachtwoord")
    words = [f"woord{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(100)]
    terms = analyze(" ".join([*words, "printer"]), vocab, query=True)
    assert stem("printer") not in terms and stem(words[63]) in terms and stem(words[64]) not in terms
    assert stem("printer") in analyze(" ".join(["printer", *words]), vocab, query=True)


def test_unknown_question_words_do_not_fill_the_index_cache(matcher):
    before = len(matcher._phr._cache) + len(matcher._aux._cache)
    for i in range(50):
        matcher.decide(f"onbekendwoord{i} printer")
    assert len(matcher._phr._cache) + len(matcher._aux._cache) <= before + 2  # at most the 'printer' postings
