"""Small loaders for the bench formats (used by benchmarks and tests)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from matching.types import FaqDoc


def _strings(value) -> tuple[str, ...]:
    """A YAML scalar or list as a tuple of non-empty strings."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    return tuple(str(v).strip() for v in value if str(v).strip())


def load_kb_yaml(path) -> list[FaqDoc]:
    """Read a knowledge base in the bench YAML format."""
    rows = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    return [
        FaqDoc(
            id=str(row["id"]),
            application=str(row.get("application") or ""),
            question=str(row["question"]).strip(),
            alternates=_strings(row.get("alternates")),
            answer=str(row.get("answer") or "").strip(),
            tags=_strings(row.get("tags")),
        )
        for row in rows
    ]


def load_questions_jsonl(path) -> list[dict]:
    """Read a question set in the bench JSON-lines format."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
