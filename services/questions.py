"""The question log: what was asked, what the bot did, and what the asker thought of it."""

from __future__ import annotations

from typing import Any

from matching import Decision
from storage import Database, QuestionRepository
from storage.models import Question


class QuestionService:
    """Records questions and the asker's follow-up clicks."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(self, *, user_key: str, user_name: str | None, conversation_id: str, language: str,
                     text: str, decision: Decision | None) -> Question:
        """Store a question with the decision taken; `decision` None means it was not matched."""
        candidates: list[dict[str, Any]] = []
        outcome, entry_id, score = "unknown", None, None
        if decision is not None:
            outcome, score = decision.outcome, decision.score
            candidates = [{"entry_id": c.entry_id, "score": round(c.score, 4)} for c in decision.candidates]
            if decision.outcome == "answered":
                entry_id = decision.candidates[0].entry_id
        async with self.db.transaction() as session:
            return await QuestionRepository(session).record(
                user_key=user_key, user_name=user_name, conversation_id=conversation_id, language=language,
                text=text, outcome=outcome, entry_id=entry_id, score=score, candidates=candidates)

    async def get(self, question_id: int) -> Question | None:
        """One question or None."""
        async with self.db.read() as session:
            return await QuestionRepository(session).get(question_id)

    async def feedback(self, question_id: int, helpful: bool) -> Question | None:
        """Record whether the answer helped."""
        async with self.db.transaction() as session:
            return await QuestionRepository(session).set_feedback(question_id, "helpful" if helpful else "not_helpful")

    async def choose(self, question_id: int, entry_id: str) -> Question | None:
        """Record the suggestion the asker picked."""
        async with self.db.transaction() as session:
            return await QuestionRepository(session).choose_entry(question_id, entry_id)

    async def escalate(self, question_id: int) -> Question | None:
        """Record that the asker wants a key user; idempotent."""
        async with self.db.transaction() as session:
            return await QuestionRepository(session).mark_escalated(question_id)
