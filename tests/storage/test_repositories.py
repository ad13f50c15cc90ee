"""Repositories on both databases: FAQ upserts, revision, questions, conversation refs."""

from sqlalchemy import text

from storage import ConversationRepository, FaqRepository, QuestionRepository


def entry(entry_id: str, answer: str = "Antwoord.") -> dict:
    return {
        "id": entry_id,
        "application": "Microsoft 365",
        "question": f"Vraag {entry_id}?",
        "alternates": ["andere vorm"],
        "answer": answer,
        "tags": ["test"],
    }


async def test_upsert_creates_updates_and_bumps_revision(database):
    async with database.transaction() as session:
        repo = FaqRepository(session)
        assert await repo.revision() == 0
        assert await repo.upsert_many([entry("a"), entry("b")]) == (2, 0)
    async with database.transaction() as session:
        repo = FaqRepository(session)
        assert await repo.revision() == 1
        assert await repo.upsert_many([entry("a"), entry("b", "Nieuw antwoord.")]) == (0, 1)
    async with database.transaction() as session:
        repo = FaqRepository(session)
        a, b = await repo.get("a"), await repo.get("b")
        assert a is not None and b is not None
        assert (b.answer, b.version, b.alternates) == ("Nieuw antwoord.", 2, ["andere vorm"])
        assert a.version == 1
        assert await repo.revision() == 2
        assert await repo.upsert_many([entry("a")]) == (0, 0)
        assert await repo.revision() == 2, "an unchanged import must not invalidate every index"


async def test_delete_bumps_revision(database):
    async with database.transaction() as session:
        await FaqRepository(session).upsert_many([entry("a")])
    async with database.transaction() as session:
        repo = FaqRepository(session)
        assert await repo.delete("a") is True
        assert await repo.delete("a") is False
        assert await repo.count() == 0
        assert await repo.revision() == 2


async def test_failed_transaction_leaves_nothing(database):
    try:
        async with database.transaction() as session:
            await FaqRepository(session).upsert_many([entry("a")])
            raise RuntimeError("crash half-way")
    except RuntimeError:
        pass
    async with database.transaction() as session:
        assert await FaqRepository(session).count() == 0


async def test_question_log_feedback_and_escalation(database):
    async with database.transaction() as session:
        question = await QuestionRepository(session).record(
            user_key="aad-1",
            user_name="Anna",
            conversation_id="c1",
            language="nl",
            text="ww vergeten",
            outcome="answered",
            entry_id="a",
            score=0.9,
            candidates=[{"entry_id": "a", "score": 0.9}],
        )
        question_id = question.id
    async with database.transaction() as session:
        repo = QuestionRepository(session)
        await repo.set_feedback(question_id, "not_helpful")
        escalated = await repo.mark_escalated(question_id)
        again = await repo.mark_escalated(question_id)
        assert escalated is not None and again is not None
        assert again.escalated_at == escalated.escalated_at
        assert await repo.set_feedback(999_999, "helpful") is None
    async with database.transaction() as session:
        stored = await QuestionRepository(session).get(question_id)
        assert stored is not None
        assert (stored.feedback, stored.escalated_at is not None, stored.candidates[0]["entry_id"]) == (
            "not_helpful",
            True,
            "a",
        )
        assert [q.id for q in await QuestionRepository(session).for_user("aad-1")] == [question_id]


async def test_conversation_reference_upsert(database):
    for url in ("http://127.0.0.1:1/", "http://127.0.0.1:2/"):
        async with database.transaction() as session:
            await ConversationRepository(session).upsert(
                conversation_id="a:1",
                conversation_type="personal",
                user_key="aad-1",
                tenant_id="t",
                service_url=url,
                reference={"serviceUrl": url},
            )
    async with database.transaction() as session:
        stored = await ConversationRepository(session).get("a:1")
        assert stored is not None
        assert (stored.service_url, stored.reference["serviceUrl"]) == ("http://127.0.0.1:2/", "http://127.0.0.1:2/")


async def test_the_write_probe_passes_on_a_writable_database_and_changes_nothing(database):
    async with database.read() as session:
        before = (await session.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
    assert await database.unwritable() is None
    async with database.read() as session:
        assert (await session.execute(text("SELECT version_num FROM alembic_version"))).scalars().all() == before


async def test_only_the_first_store_of_a_conversation_counts_as_new(database):
    async with database.transaction() as session:
        first = await ConversationRepository(session).upsert(
            conversation_id="a:2",
            conversation_type="personal",
            user_key=None,
            tenant_id=None,
            service_url="http://127.0.0.1:1/",
            reference={},
        )
    async with database.transaction() as session:
        again = await ConversationRepository(session).upsert(
            conversation_id="a:2",
            conversation_type="personal",
            user_key="aad-2",
            tenant_id=None,
            service_url="http://127.0.0.1:1/",
            reference={},
        )
    assert (first, again) == (True, False)


async def test_embedding_vectors_are_kept_per_model(database):
    from storage import EmbeddingRepository

    async with database.transaction() as session:
        await EmbeddingRepository(session).save("e5", {f"q:{i}": i.to_bytes(8, "little") for i in range(700)})
    async with database.transaction() as session:
        repo = EmbeddingRepository(session)
        await repo.save("e5", {"q:1": b"changed!"})
        stored = await repo.load("e5")
        assert len(stored) == 700 and stored["q:1"] == (1).to_bytes(8, "little")
        assert await repo.load("other-model") == {}
