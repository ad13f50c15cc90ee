"""Persistence: SQLAlchemy models, repositories and Alembic migrations."""

from storage.db import Database
from storage.repositories import ConversationRepository, EmbeddingRepository, FaqRepository, QuestionRepository

__all__ = ["Database", "EmbeddingRepository", "FaqRepository", "QuestionRepository", "ConversationRepository"]
