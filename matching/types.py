"""Public value types of the matcher."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FaqDoc:
    """One FAQ entry as the matcher sees it."""

    id: str
    application: str
    question: str
    alternates: tuple[str, ...]
    answer: str
    tags: tuple[str, ...] = ()
    learned: tuple[str, ...] = ()
    """Approved phrasings learned from use: weaker evidence than the written ones (see Matcher._learned_weights)."""


@dataclass(frozen=True)
class Candidate:
    """An entry proposed for a question with a calibrated confidence (higher is better)."""

    entry_id: str
    score: float


@dataclass(frozen=True)
class Decision:
    """What the bot should do with a question: answered, suggested or unknown."""

    outcome: str
    candidates: tuple[Candidate, ...]
    score: float
    details: dict = field(default_factory=dict)
