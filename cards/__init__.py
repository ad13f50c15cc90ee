"""Adaptive Cards 1.5 the bot sends: pure functions returning JSON-able dicts."""

from cards.answer import answer_card
from cards.common import card_attachment
from cards.suggestions import suggestions_card
from cards.unknown import escalated_card, unknown_card
from cards.welcome import HELP_COMMANDS, help_card, welcome_card

__all__ = [
    "HELP_COMMANDS",
    "answer_card",
    "card_attachment",
    "escalated_card",
    "help_card",
    "suggestions_card",
    "unknown_card",
    "welcome_card",
]
