"""Repositories: all SQL lives here; each works inside the caller's transaction."""

from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ConversationRef, EmbeddingVector, FaqEntry, KbState, Question, utcnow
from storage.results import rowcount

FAQ_FIELDS = ("application", "question", "alternates", "answer", "tags")


class FaqRepository:
    """FAQ entries and the KB revision counter."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def all(self) -> list[FaqEntry]:
        """Every entry, ordered by id."""
        return list((await self.session.scalars(select(FaqEntry).order_by(FaqEntry.id))).all())

    async def get(self, entry_id: str) -> FaqEntry | None:
        """One entry or None."""
        return await self.session.get(FaqEntry, entry_id)

    async def get_many(self, entry_ids: Iterable[str]) -> dict[str, FaqEntry]:
        """Entries by id; missing ids are left out."""
        ids = list(entry_ids)
        if not ids:
            return {}
        rows = await self.session.scalars(select(FaqEntry).where(FaqEntry.id.in_(ids)))
        return {row.id: row for row in rows}

    async def count(self) -> int:
        """Number of entries."""
        return int(await self.session.scalar(select(func.count()).select_from(FaqEntry)) or 0)

    async def upsert_many(self, items: Iterable[dict[str, Any]]) -> tuple[int, int]:
        """Insert new ids, update changed ones (version + 1); returns (created, updated)."""
        items = list(items)
        existing = await self.get_many(item["id"] for item in items)
        created = updated = 0
        now = utcnow()
        for item in items:
            row = existing.get(item["id"])
            values = {name: item[name] for name in FAQ_FIELDS}
            if row is None:
                self.session.add(FaqEntry(id=item["id"], updated_at=now, version=1, **values))
                created += 1
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                row.version += 1
                row.updated_at = now
                updated += 1
        if created or updated:
            await self.bump_revision()
        return created, updated

    async def delete(self, entry_id: str) -> bool:
        """Remove an entry; True when it existed."""
        row = await self.get(entry_id)
        if row is None:
            return False
        await self.session.delete(row)
        await self.bump_revision()
        return True

    async def revision(self) -> int:
        """The KB revision; changes whenever any entry changes."""
        return int(await self.session.scalar(select(KbState.revision).where(KbState.id == 1)) or 0)

    async def bump_revision(self) -> None:
        """Tell every instance the index must change (entries or their learned phrasings)."""
        await self.session.flush()
        await self.session.execute(update(KbState).where(KbState.id == 1).values(revision=KbState.revision + 1))


class QuestionRepository:
    """The log of every question asked and what came of it."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, **fields: Any) -> Question:
        """Store a new question and return it with its id."""
        question = Question(**fields)
        self.session.add(question)
        await self.session.flush()
        return question

    async def get(self, question_id: int) -> Question | None:
        """One question or None."""
        return await self.session.get(Question, question_id)

    async def set_feedback(self, question_id: int, feedback: str) -> Question | None:
        """Record 'helpful' or 'not_helpful'; the last click counts."""
        question = await self.get(question_id)
        if question is not None:
            question.feedback = feedback
            question.feedback_at = utcnow()
        return question

    async def choose_entry(self, question_id: int, entry_id: str) -> Question | None:
        """The asker picked a suggestion: that entry answered the question."""
        question = await self.get(question_id)
        if question is not None:
            question.entry_id = entry_id
        return question

    async def mark_escalated(self, question_id: int) -> Question | None:
        """Flag the question as unanswered for the key users; idempotent."""
        question = await self.get(question_id)
        if question is not None and question.escalated_at is None:
            question.escalated_at = utcnow()
        return question

    async def set_escalated(self, question_id: int) -> None:
        """Flag the question as unanswered in one statement, without loading it (idempotent)."""
        await self.session.execute(_SET_ESCALATED, {"question": question_id, "at": utcnow()})

    async def for_user(self, user_key: str, limit: int = 20) -> list[Question]:
        """A user's most recent questions."""
        query = select(Question).where(Question.user_key == user_key).order_by(Question.id.desc()).limit(limit)
        return list((await self.session.scalars(query)).all())


class ConversationRepository:
    """Conversation references for proactive messages."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(
        self,
        *,
        conversation_id: str,
        conversation_type: str,
        user_key: str | None,
        tenant_id: str | None,
        service_url: str,
        reference: dict,
    ) -> bool:
        """Store or refresh a reference; True only for the one caller that stored it first, even when instances race."""
        stored = await self.get(conversation_id)
        if stored is not None and _same_reference(
            stored, conversation_type, user_key, tenant_id, service_url, reference
        ):
            return False  # the usual case: a known chat, nothing to write
        dialect = postgresql if self.session.bind.dialect.name == "postgresql" else sqlite
        values = dict(
            conversation_id=conversation_id,
            conversation_type=conversation_type,
            user_key=user_key,
            tenant_id=tenant_id,
            service_url=service_url,
            reference=reference,
            updated_at=utcnow(),
        )
        inserted = await self.session.execute(dialect.insert(ConversationRef).values(**values).on_conflict_do_nothing())
        if rowcount(inserted) == 1:
            return True
        await self.session.execute(
            update(ConversationRef)
            .where(ConversationRef.conversation_id == conversation_id)
            .values({k: v for k, v in values.items() if k != "conversation_id"})
        )
        return False

    async def get(self, conversation_id: str) -> ConversationRef | None:
        """One reference or None."""
        return await self.session.get(ConversationRef, conversation_id)

    async def personal_for(self, user_key: str) -> ConversationRef | None:
        """The most recent personal chat with a user."""
        return await self.session.scalar(
            select(ConversationRef)
            .where(
                ConversationRef.user_key == user_key,
                ConversationRef.conversation_type == "personal",
            )
            .order_by(ConversationRef.updated_at.desc())
            .limit(1)
        )

    async def personal_for_many(self, user_keys: Iterable[str]) -> dict[str, ConversationRef]:
        """The most recent personal chat with each of these users (those with none left out), in one query."""
        keys = list(set(user_keys))
        if not keys:
            return {}
        rows = await self.session.scalars(
            select(ConversationRef)
            .where(ConversationRef.user_key.in_(keys), ConversationRef.conversation_type == "personal")
            .order_by(ConversationRef.updated_at)
        )
        return {row.user_key: row for row in rows if row.user_key is not None}  # the newest one wins

    async def get_many(self, conversation_ids: Iterable[str]) -> dict[str, ConversationRef]:
        """The stored references of these conversations, by id, in one query."""
        ids = list(set(conversation_ids))
        if not ids:
            return {}
        rows = await self.session.scalars(select(ConversationRef).where(ConversationRef.conversation_id.in_(ids)))
        return {row.conversation_id: row for row in rows}

    async def any_in_tenant(self, tenant_id: str | None) -> ConversationRef | None:
        """Any stored reference of a tenant (for its service URL when a channel's own is missing)."""
        query = select(ConversationRef).order_by(ConversationRef.updated_at.desc()).limit(1)
        if tenant_id:
            query = query.where(ConversationRef.tenant_id == tenant_id)
        return await self.session.scalar(query)


class EmbeddingRepository:
    """Stored embedding vectors, as raw float32 bytes keyed by model and text hash."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def load(self, model: str) -> dict[str, bytes]:
        """Every stored vector of `model`."""
        rows = await self.session.execute(
            select(EmbeddingVector.key, EmbeddingVector.vector).where(EmbeddingVector.model == model)
        )
        return {key: vector for key, vector in rows}

    async def save(self, model: str, vectors: dict[str, bytes]) -> None:
        """Store vectors; keys another instance stored meanwhile are left as they are."""
        if not vectors:
            return
        dialect = postgresql if self.session.bind.dialect.name == "postgresql" else sqlite
        rows = [{"model": model, "key": key, "vector": vector} for key, vector in vectors.items()]
        for start in range(0, len(rows), 500):
            await self.session.execute(
                dialect.insert(EmbeddingVector).values(rows[start : start + 500]).on_conflict_do_nothing()
            )


def _same_reference(
    stored: ConversationRef,
    conversation_type: str,
    user_key: str | None,
    tenant_id: str | None,
    service_url: str,
    reference: dict,
) -> bool:
    """Whether a stored reference already says all this (the activity id it came with aside)."""

    def without_activity(value: dict) -> dict:
        return {k: v for k, v in (value or {}).items() if k != "activityId"}

    return (stored.conversation_type, stored.user_key, stored.tenant_id, stored.service_url) == (
        conversation_type,
        user_key,
        tenant_id,
        service_url,
    ) and without_activity(stored.reference) == without_activity(reference)


# Statements run on every ticket, built once: constructing them costs more than running them.
_SET_ESCALATED = (
    update(Question)
    .where(Question.id == bindparam("question"), Question.escalated_at.is_(None))
    .values(escalated_at=bindparam("at"))
    .execution_options(synchronize_session=False)
)
