"""Sample review cards of learned phrasings (cards/learning.py), merged into tests/cards/samples.CARDS."""

from __future__ import annotations

from typing import Any, Callable

from cards.learning import learning_review_card
from cards.views import LearnedPhrasingView, LearningReviewView

PHRASINGS = (
    LearnedPhrasingView(
        id=12,
        text="mijn outlook agenda laat afspraken van een collega dubbel zien",
        entry_id="outlook-agenda-dubbel",
        entry_question="Waarom zie ik afspraken dubbel in mijn agenda?",
        confirmations=1,
        counter_signals=0,
    ),
    LearnedPhrasingView(
        id=13,
        text="wachtwoord kwijt " * 40,
        entry_id="wachtwoord-vergeten",
        entry_question="Ik ben mijn wachtwoord vergeten",
        confirmations=3,
        counter_signals=1,
    ),
)

LEARNING_CARDS: dict[str, Callable[[str], dict[str, Any]]] = {
    "learning_review": lambda lang: learning_review_card(LearningReviewView(PHRASINGS, 0, 2), lang=lang),
    "learning_review_more_review_only": lambda lang: learning_review_card(
        LearningReviewView(PHRASINGS[:1], 14, 0), lang=lang
    ),
    "learning_review_decided_empty": lambda lang: learning_review_card(
        LearningReviewView((), 0, 2, "learned.review.approved", PHRASINGS[0].text), lang=lang
    ),
}
