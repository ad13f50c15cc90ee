"""Persistence: SQLAlchemy models, repositories and Alembic migrations."""

from storage.announcements import AnnouncementRepository
from storage.db import CONFLICTS, Database, Session, StorageUnavailable
from storage.deliveries import DeliveryRepository, Outcome
from storage.directory import GroupRepository, PersonRepository
from storage.jobs import JobRepository
from storage.learning import LearnedPhrasingRepository
from storage.release_messages import ReleaseMessageRepository
from storage.repositories import ConversationRepository, EmbeddingRepository, FaqRepository, QuestionRepository
from storage.tickets import ProposalRepository, TicketRepository

__all__ = [
    "AnnouncementRepository",
    "CONFLICTS",
    "ConversationRepository",
    "Database",
    "DeliveryRepository",
    "EmbeddingRepository",
    "FaqRepository",
    "GroupRepository",
    "JobRepository",
    "LearnedPhrasingRepository",
    "Outcome",
    "PersonRepository",
    "ProposalRepository",
    "QuestionRepository",
    "ReleaseMessageRepository",
    "Session",
    "StorageUnavailable",
    "TicketRepository",
]
