"""The question log: what was asked, what the bot did, and what the asker thought of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matching import Decision
from services.learning import LearningService
from storage import Database, QuestionRepository
from storage.models import Question
from vocabulary import SignalKind


@dataclass(frozen=True)
class QuestionView:
    """A logged question as the flows use it."""

    id: int
    user_key: str
    text: str


class QuestionRefused(Exception):
    """A click on a question that is gone or someone else's: the catalogue key to answer it with."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _view(question: Question) -> QuestionView:
    return QuestionView(id=question.id, user_key=question.user_key, text=question.text)


class QuestionService:
    """Records questions and the asker's follow-up clicks."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self,
        *,
        user_key: str,
        user_name: str | None,
        conversation_id: str,
        language: str,
        text: str,
        decision: Decision | None,
    ) -> QuestionView:
        """Store a question with the decision taken; `decision` None means it was not matched."""
        candidates: list[dict[str, Any]] = []
        outcome, entry_id, score = "unknown", None, None
        if decision is not None:
            outcome, score = decision.outcome, decision.score
            candidates = [{"entry_id": c.entry_id, "score": round(c.score, 4)} for c in decision.candidates]
            if decision.outcome == "answered":
                entry_id = decision.candidates[0].entry_id
        async with self.db.transaction() as session:
            return _view(
                await QuestionRepository(session).record(
                    user_key=user_key,
                    user_name=user_name,
                    conversation_id=conversation_id,
                    language=language,
                    text=text,
                    outcome=outcome,
                    entry_id=entry_id,
                    score=score,
                    candidates=candidates,
                )
            )

    async def own(self, question_id: int, user_key: str) -> QuestionView:
        """The asker's own logged question; QuestionRefused when it is gone ('reply.question_gone') or not theirs."""
        async with self.db.read() as session:
            question = await QuestionRepository(session).get(question_id)
        if question is None:
            raise QuestionRefused("reply.question_gone")
        if question.user_key != user_key:
            raise QuestionRefused("reply.not_yours")
        return _view(question)

    async def feedback(self, question_id: int, helpful: bool, entry_id: str | None = None) -> None:
        """Record whether the answer (of `entry_id`, else the one logged) helped, and learn from it at once."""
        async with self.db.transaction() as session:
            question = await QuestionRepository(session).set_feedback(
                question_id, "helpful" if helpful else "not_helpful"
            )
            entry_id = entry_id or (question.entry_id if question is not None else None)
            if question is not None and entry_id:
                kind = SignalKind.HELPFUL if helpful else SignalKind.NOT_HELPFUL
                await LearningService.signal(
                    session, entry_id=entry_id, text=question.text, kind=kind, asker_key=question.user_key
                )

    async def choose(self, question_id: int, entry_id: str) -> None:
        """Record the suggestion the asker picked, and learn from it in the same transaction."""
        async with self.db.transaction() as session:
            question = await QuestionRepository(session).choose_entry(question_id, entry_id)
            if question is not None:
                await LearningService.signal(
                    session, entry_id=entry_id, text=question.text, kind=SignalKind.PICKED, asker_key=question.user_key
                )

    async def escalate(self, question_id: int) -> None:
        """Record that the asker wants a key user; idempotent."""
        async with self.db.transaction() as session:
            await QuestionRepository(session).mark_escalated(question_id)
