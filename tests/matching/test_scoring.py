"""The bench scores against hand-computed values."""

import pytest

from matching import score_predictions


def test_scores_match_hand_computation():
    preds = [
        {"q": "a", "expect": "x", "outcome": "answered", "entries": ["x"], "score": 0.9},  # right
        {"q": "b", "expect": "x", "outcome": "answered", "entries": ["y"], "score": 0.9},  # wrong
        {"q": "c", "expect": "x", "outcome": "suggested", "entries": ["y", "x"], "score": 0.5},  # found
        {"q": "d", "expect": "x", "outcome": "unknown", "entries": ["x"], "score": 0.1},  # false escalation
        {"q": "e", "expect": None, "outcome": "answered", "entries": ["y"], "score": 0.9},  # wrong
        {"q": "f", "expect": None, "outcome": "suggested", "entries": ["y"], "score": 0.5},  # escalated
        {"q": "g", "expect": None, "outcome": "unknown", "entries": [], "score": 0.0},  # escalated
    ]
    scores = score_predictions(preds)
    assert scores["top1"] == pytest.approx(1 / 4)
    assert scores["found"] == pytest.approx(2 / 4)
    assert scores["wrong_answer"] == pytest.approx(2 / 7)
    assert scores["escalation_recall"] == pytest.approx(2 / 3)
    assert scores["false_escalation"] == pytest.approx(1 / 4)


def test_suggestion_beyond_three_is_not_found():
    preds = [{"q": "a", "expect": "x", "outcome": "suggested", "entries": ["a", "b", "c", "x"], "score": 0.4}]
    assert score_predictions(preds)["found"] == 0.0
