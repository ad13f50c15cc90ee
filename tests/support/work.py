"""Count the matcher's text work (words analysed, typo candidates, compound probes) and long test inputs."""

from __future__ import annotations

import random
import string
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import matching.text
from matching.text import Vocabulary

_rng = random.Random(9)
LONG_WORD = "".join(_rng.choice(string.ascii_lowercase) for _ in range(2000))
"""One word of 2,000 letters (no repeats a cache could absorb)."""

LIGATURES = "\ufb01" * 1000
"""1,000 characters that fold to 2,000 letters ('ﬁ' -> 'fi')."""

REPEATED_COMPOUND = "wachtwoord" * 200
"""A 2,000-letter 'compound' of a KB word, the worst case for compound splitting."""


def _long_message() -> str:
    """Random words of 2 to 40 letters, 10,000 characters in all."""
    rng = random.Random(10)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) <= 10_000:
        words.append("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 40))))
    return " ".join(words)[:10_000]


LONG_MESSAGE = _long_message()
"""10,000 characters of distinct words of 2 to 40 letters: many words, each as much typo work as a word may take."""


@dataclass
class Work:
    """Operations counted while the patch is active."""

    words: int = 0  # content words looked up in the vocabulary
    candidates: int = 0  # strings generated as typo candidates (deletions)
    parts: int = 0  # compound parts looked up

    def reset(self) -> None:
        """Start counting from zero."""
        self.words = self.candidates = self.parts = 0


def count_work(monkeypatch) -> Work:
    """Patch matching.text so that the matcher's text work is counted in the returned Work."""
    work = Work()
    deletes, known, part_known = matching.text._deletes, Vocabulary.known, Vocabulary._part_known

    def counting_deletes(word: str, depth: int) -> set[str]:
        out = deletes(word, depth)
        work.candidates += len(out)
        return out

    def counting_known(self, word: str) -> bool:
        work.words += 1
        return known(self, word)

    def counting_part_known(self, part: str) -> bool:
        work.parts += 1
        return part_known(self, part)

    monkeypatch.setattr(matching.text, "_deletes", counting_deletes)
    monkeypatch.setattr(Vocabulary, "known", counting_known)
    monkeypatch.setattr(Vocabulary, "_part_known", counting_part_known)
    return work


@contextmanager
def peak_memory() -> Iterator[list[int]]:
    """Trace allocations; the yielded list holds the peak in bytes once the block ends."""
    result: list[int] = []
    tracemalloc.start()
    try:
        yield result
    finally:
        result.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
