"""An incremental BM25 index over units (phrasings or answers), each owned by an entry slot."""

from __future__ import annotations

import math

import numpy as np

_NO_UNITS = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


class Bm25:
    """BM25 with per-term weighted queries; units can be added and removed in place."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.postings: dict[str, dict[int, float]] = {}
        self._lengths: list[float] = []
        self._owner: list[int] = []
        self._alive: list[bool] = []
        self._np: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._unit_terms: list[dict[str, float]] = []
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._counted: list[bool] = []
        self._df: dict[str, int] = {}
        self._total = 0.0
        self._count = 0

    def add(self, terms: dict[str, float], owner: int, counted: bool = True) -> int:
        """Index a unit and return its number; an uncounted unit is scored but left out of idf and average length."""
        unit = len(self._unit_terms)
        self._unit_terms.append(terms)
        length = sum(terms.values())
        self._lengths.append(length)
        self._owner.append(owner)
        self._alive.append(True)
        self._counted.append(counted)
        self._np = None
        if counted:
            self._total += length
            self._count += 1
        for term, tf in terms.items():
            self.postings.setdefault(term, {})[unit] = tf
            if counted:
                self._df[term] = self._df.get(term, 0) + 1
            self._cache.pop(term, None)
        return unit

    def remove(self, unit: int) -> None:
        """Drop a unit from the index."""
        if not self._alive[unit]:
            return
        self._alive[unit] = False
        self._np = None
        counted = self._counted[unit]
        if counted:
            self._total -= self._lengths[unit]
            self._count -= 1
        for term in self._unit_terms[unit]:
            self.postings[term].pop(unit, None)
            if not self.postings[term]:
                del self.postings[term]
            if counted:
                self._df[term] -= 1
                if not self._df[term]:
                    del self._df[term]
            self._cache.pop(term, None)
        self._unit_terms[unit] = {}

    def _vectors(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Lengths, owners and liveness as arrays (rebuilt after a change)."""
        if self._np is None:
            self._np = (
                np.asarray(self._lengths, dtype=np.float64),
                np.asarray(self._owner, dtype=np.int64),
                np.asarray(self._alive, dtype=bool),
            )
        return self._np

    @property
    def owner(self) -> np.ndarray:
        """Owning entry slot per unit."""
        return self._vectors()[1]

    @property
    def alive(self) -> np.ndarray:
        """Whether each unit is still indexed."""
        return self._vectors()[2]

    def idf(self, term: str, held_out: tuple[int, ...] = ()) -> float:
        """Robertson-Sparck Jones idf (never negative), as if the held-out units were not indexed."""
        posting = self.postings.get(term, {})
        df = self._df.get(term, 0) - sum(1 for unit in held_out if unit in posting and self._counted[unit])
        n = max(self._count - sum(1 for unit in held_out if self._counted[unit]), 1)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _arrays(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Posting list of a term as arrays (cached until the term changes; unindexed terms are not kept)."""
        hit = self._cache.get(term)
        if hit is None:
            posting = self.postings.get(term)
            if posting is None:  # a question's unknown word: caching it would grow with every new one
                return _NO_UNITS
            hit = (
                np.fromiter(posting.keys(), dtype=np.int64, count=len(posting)),
                np.fromiter(posting.values(), dtype=np.float64, count=len(posting)),
            )
            self._cache[term] = hit
        return hit

    def scores(self, query: dict[str, float], held_out: tuple[int, ...] = ()) -> tuple[np.ndarray, float]:
        """Per-unit scores, and the query's idf mass (for normalisation); held-out units don't count in the idf."""
        lengths = self._vectors()[0]
        out = np.zeros(len(self._unit_terms), dtype=np.float64)
        avgdl = self._total / max(self._count, 1) or 1.0
        mass = 0.0
        for term, weight in query.items():
            idf = self.idf(term, held_out)
            mass += weight * idf
            units, tfs = self._arrays(term)
            if len(units):
                norm = self.k1 * (1 - self.b + self.b * lengths[units] / avgdl)
                out[units] += weight * idf * tfs * (self.k1 + 1) / (tfs + norm)
        return out, mass
