"""Tokenisation, stemming, compounds, abbreviations, accents and typos."""

import gc
import weakref

from matching.text import Vocabulary, analyze, content_words, damerau, fold, stem


def vocab_of(*texts):
    """A vocabulary learned from texts."""
    vocab = Vocabulary()
    for text in texts:
        vocab.add_text(text)
    return vocab


def test_fold_strips_accents_and_case():
    assert fold("Ideeën Café ÉÉN") == "ideeen cafe een"


def test_stopwords_dropped_and_hyphens_split_and_joined():
    words = content_words("Hoe werkt de MFA-code van mijn e-mail?")
    assert "hoe" not in words and "de" not in words
    assert {"mfa", "code", "mfacode", "email"} <= set(words)


def test_dutch_stemming_unifies_inflections():
    assert stem("vergaderingen") == stem("vergadering")
    assert stem("telefoons") == stem("telefoon")


def test_abbreviations_expand_additively():
    vocab = vocab_of("wachtwoord vergeten", "functioneel beheer bellen")
    terms = analyze("ww vergeten", vocab, query=True)
    assert stem("wachtwoord") in terms and stem("vergeten") in terms
    fb = analyze("fb bellen", vocab, query=True)
    assert stem("functioneel") in fb and stem("beheer") in fb


def test_compound_split_uses_kb_vocabulary_only():
    vocab = vocab_of("Mijn wachtwoord is verlopen", "herstel via de selfservice")
    assert vocab.split("wachtwoordherstel") == ("wachtwoord", "herstel")
    assert vocab.split("zonnebloemveld") == ()
    terms = analyze("wachtwoordherstel", vocab, query=True)
    assert stem("wachtwoord") in terms and stem("herstel") in terms


def test_compound_split_handles_linking_s():
    vocab = vocab_of("de vergadering begint", "het verzoek is binnen")
    assert vocab.split("vergaderingsverzoek") == ("vergadering", "verzoek")


def test_typos_are_corrected_to_kb_words():
    vocab = vocab_of("account geblokkeerd na inloggen", "wachtwoord vergeten")
    assert vocab.correct("geblokeerd") == ("geblokkeerd",)
    assert vocab.correct("wachtwrod") == ("wachtwoord",)
    terms = analyze("acount geblokeerd", vocab, query=True)
    assert stem("account") in terms and stem("geblokkeerd") in terms


def test_short_words_are_not_typo_corrected():
    vocab = vocab_of("pas kwijt")
    assert vocab.correct("pat") == ()


def test_a_dropped_vocabulary_is_freed_with_its_caches():
    vocab = vocab_of("Mijn wachtwoord is verlopen", "herstel via de selfservice")
    assert vocab.split("wachtwoordherstel") == ("wachtwoord", "herstel")
    assert vocab.correct("wachtwrod") == ("wachtwoord",)
    other = vocab_of("de vergadering begint", "het verzoek is binnen")
    other.add_text("nog een zin")  # learning in one vocabulary leaves another's cached answers alone
    assert vocab._split_cached.cache_info().currsize > 0
    gone = weakref.ref(vocab)
    del vocab
    gc.collect()
    assert gone() is None


def test_damerau_counts_transpositions_as_one():
    assert damerau("wachtwoord", "wachtoword", 2) == 1
    assert damerau("abc", "xyz", 1) == 2
