"""The bench scores (see ../shared/bench/README.md)."""

from __future__ import annotations


def score_predictions(predictions: list[dict]) -> dict:
    """top1, found, wrong_answer, escalation_recall and false_escalation over predictions."""
    in_scope = [p for p in predictions if p.get("expect") is not None]
    out_scope = [p for p in predictions if p.get("expect") is None]

    def answered_right(p):
        return p["outcome"] == "answered" and list(p["entries"])[:1] == [p["expect"]]

    def found(p):
        return (
            p["outcome"] in ("answered", "suggested")
            and p["expect"] in list(p["entries"])[:3]
            and (p["outcome"] == "suggested" or answered_right(p))
        )

    def ratio(num, den):
        return num / den if den else 0.0

    wrong = sum(1 for p in predictions if p["outcome"] == "answered" and not answered_right(p))
    return {
        "top1": ratio(sum(map(answered_right, in_scope)), len(in_scope)),
        "found": ratio(sum(map(found, in_scope)), len(in_scope)),
        "wrong_answer": ratio(wrong, len(predictions)),
        "escalation_recall": ratio(sum(1 for p in out_scope if p["outcome"] != "answered"), len(out_scope)),
        "false_escalation": ratio(sum(1 for p in in_scope if p["outcome"] == "unknown"), len(in_scope)),
    }
