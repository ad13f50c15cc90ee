"""Reading cards the way a test needs to: all visible text, and the Action.Execute buttons."""

from __future__ import annotations

from typing import Any


def card_text(card: Any) -> str:
    """Every string in a card, for asserting on what a user sees."""
    if isinstance(card, dict):
        return " ".join(card_text(v) for v in card.values())
    if isinstance(card, list):
        return " ".join(card_text(v) for v in card)
    return card if isinstance(card, str) else ""


def execute_actions(card: Any) -> list[dict]:
    """Every Action.Execute in a card, nested ones included, in document order."""
    if isinstance(card, dict):
        own = [card] if card.get("type") == "Action.Execute" else []
        return own + [a for value in card.values() for a in execute_actions(value)]
    if isinstance(card, list):
        return [a for value in card for a in execute_actions(value)]
    return []
