"""Persistence: SQLAlchemy models, repositories and Alembic migrations."""

from storage.db import Database
from storage.repositories import ConversationRepository, FaqRepository, QuestionRepository

__all__ = ["Database", "FaqRepository", "QuestionRepository", "ConversationRepository"]
