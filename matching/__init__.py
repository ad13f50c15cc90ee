"""Dutch FAQ matching: hybrid BM25 + embeddings with automatic calibration per KB."""

from matching.dense import EMBEDDING_ID, vector_key
from matching.loaders import load_kb_yaml, load_questions_jsonl
from matching.matcher import Matcher
from matching.scoring import score_predictions
from matching.types import Candidate, Decision, FaqDoc

__all__ = [
    "EMBEDDING_ID",
    "Candidate",
    "Decision",
    "FaqDoc",
    "Matcher",
    "load_kb_yaml",
    "load_questions_jsonl",
    "score_predictions",
    "vector_key",
]
