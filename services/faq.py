"""The FAQ as the bot sees it: entries in the database and a matcher index kept fresh."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
from collections.abc import Callable, Iterator, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Iterable, TypeVar

import numpy as np

from matching import EMBEDDING_ID, Decision, FaqDoc, Matcher
from matching.matcher import OUT_OF_SCOPE_EXAMPLES
from storage import Database, EmbeddingRepository, FaqRepository, LearnedPhrasingRepository
from storage.models import FaqEntry
from vocabulary import NOT_FAQ_ENTRY, PhrasingStatus

log = logging.getLogger(__name__)
T = TypeVar("T")


def to_doc(entry: FaqEntry, learned: Iterable[str] = ()) -> FaqDoc:
    """A stored entry (with its approved learned phrasings) as the matcher indexes it."""
    return FaqDoc(
        learned=tuple(learned),
        id=entry.id,
        application=entry.application,
        question=entry.question,
        alternates=tuple(entry.alternates or ()),
        answer=entry.answer,
        tags=tuple(entry.tags or ()),
    )


async def _approved(repo: LearnedPhrasingRepository) -> dict[str, tuple[str, ...]]:
    """Approved learned phrasings per entry id, in the order they were learned (out-of-scope questions apart)."""
    out: dict[str, list[str]] = {}
    for row in await repo.with_status((PhrasingStatus.APPROVED,)):
        if row.entry_id != NOT_FAQ_ENTRY:
            out.setdefault(row.entry_id, []).append(row.text)
    return {entry_id: tuple(texts) for entry_id, texts in out.items()}


def to_dict(entry: FaqEntry) -> dict[str, Any]:
    """A stored entry in the import/export shape."""
    return {
        "id": entry.id,
        "application": entry.application,
        "question": entry.question,
        "alternates": list(entry.alternates or []),
        "answer": entry.answer,
        "tags": list(entry.tags or []),
    }


class VectorCache(MutableMapping[str, np.ndarray]):
    """Embedding vectors loaded from the database; remembers which ones are new so they can be saved."""

    def __init__(self, stored: dict[str, bytes] | None = None) -> None:
        self._vectors = {key: np.frombuffer(raw, dtype=np.float32) for key, raw in (stored or {}).items()}
        self._new: dict[str, np.ndarray] = {}

    def __getitem__(self, key: str) -> np.ndarray:
        return self._vectors[key]

    def __setitem__(self, key: str, vector: np.ndarray) -> None:
        vector = np.asarray(vector, dtype=np.float32)
        self._vectors[key] = vector
        self._new[key] = vector

    def __delitem__(self, key: str) -> None:
        del self._vectors[key]
        self._new.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._vectors)

    def __len__(self) -> int:
        return len(self._vectors)

    def take_new(self) -> dict[str, bytes]:
        """Vectors added since the last call, as bytes for storage."""
        new, self._new = self._new, {}
        return {key: vector.tobytes() for key, vector in new.items()}


def _in_daemon_thread(fn: Callable[[], T]) -> "asyncio.Future[T]":
    """Run a long build in a daemon thread, so Ctrl-C does not wait for it to finish."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def succeed(result: T) -> None:
        if not future.done():
            future.set_result(result)

    def fail(error: BaseException) -> None:
        if not future.done():
            future.set_exception(error)

    def target() -> None:
        try:
            settle = functools.partial(succeed, fn())
        except BaseException as error:  # handed to the awaiting coroutine
            settle = functools.partial(fail, error)
        with contextlib.suppress(RuntimeError):  # the loop may be closed by now
            loop.call_soon_threadsafe(settle)

    threading.Thread(target=target, name="matcher-build", daemon=True).start()
    return future


class FaqService:
    """Answers questions from the FAQ; notices changes made by any instance via the KB revision."""

    def __init__(
        self, db: Database, *, use_embeddings: bool = True, words_first: bool = False, built_in: Iterable[FaqDoc] = ()
    ) -> None:
        self.db = db
        self.built_in = tuple(built_in)
        """Entries that are not in the FAQ but compete in the same index, e.g. 'wie is mijn kerngebruiker'."""
        self.use_embeddings = use_embeddings
        self.words_first = words_first
        """Answer from a words-only index while the embedding index is built (the bot; not `faq eval`)."""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="matcher")
        self._matcher: Matcher | None = None
        self._revision = -1
        self._versions: dict[str, tuple[int, tuple[str, ...]]] = {}
        self._refresh_lock = asyncio.Lock()
        self._vectors: VectorCache | None = None
        self._upgrade: asyncio.Task | None = None

    async def _run(self, fn, *args):
        """Run CPU-bound matcher work off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    @property
    def ready(self) -> bool:
        """True once an index has been built; until then questions wait for the first build."""
        return self._matcher is not None

    @property
    def upgrading(self) -> bool:
        """True while the embedding index is being built behind a words-only one."""
        return self._upgrade is not None and not self._upgrade.done()

    async def matcher(self) -> Matcher:
        """The matcher for the current KB revision, rebuilt or patched when the FAQ changed."""
        async with self.db.read() as session:
            revision = await FaqRepository(session).revision()
        if self._matcher is not None and revision == self._revision:
            return self._matcher
        async with self._refresh_lock:
            async with self.db.read() as session:
                repo = FaqRepository(session)
                revision = await repo.revision()
                if self._matcher is not None and revision == self._revision:
                    return self._matcher
                entries = await repo.all()
                learned = await _approved(LearnedPhrasingRepository(session))
                out_of_scope = await LearnedPhrasingRepository(session).out_of_scope(OUT_OF_SCOPE_EXAMPLES)
            await self._apply(entries, learned, out_of_scope, revision)
            self._revision = revision
            assert self._matcher is not None, "_apply always leaves a matcher"
            return self._matcher

    async def _apply(
        self, entries: list[FaqEntry], learned: dict[str, tuple[str, ...]], out_of_scope: list[str], revision: int
    ) -> None:
        versions = {entry.id: (entry.version, learned.get(entry.id, ())) for entry in entries}
        if self._matcher is None:
            docs = [to_doc(entry, learned.get(entry.id, ())) for entry in entries] + list(self.built_in)
            if self.use_embeddings and self.words_first:
                self._matcher = await self._run(
                    lambda: Matcher.build(docs, use_embeddings=False, out_of_scope=out_of_scope)
                )
                log.info("FAQ words-only index built with %d entries; building the embedding index", len(docs))
                self._upgrade = asyncio.create_task(self._upgrade_to_hybrid(docs, out_of_scope, versions, revision))
            else:
                self._matcher = await self._build(docs, out_of_scope)
        else:
            changed = [to_doc(e, versions[e.id][1]) for e in entries if self._versions.get(e.id) != versions[e.id]]
            removed = [entry_id for entry_id in self._versions if entry_id not in versions]
            matcher = self._matcher

            def patch() -> None:
                for entry_id in removed:
                    matcher.remove(entry_id)
                for doc in changed:
                    matcher.upsert(doc)
                matcher.set_out_of_scope(out_of_scope)  # no change when the set is the same

            await self._run(patch)
            await self._save_vectors()
            log.info("FAQ index updated: %d changed, %d removed", len(changed), len(removed))
        self._versions = versions

    async def _build(self, docs: list[FaqDoc], out_of_scope: list[str]) -> Matcher:
        """A full index with stored vectors reused and new ones saved."""
        if self.use_embeddings and self._vectors is None:
            async with self.db.read() as session:
                self._vectors = VectorCache(await EmbeddingRepository(session).load(EMBEDDING_ID))
        matcher = await _in_daemon_thread(
            lambda: Matcher.build(
                docs, use_embeddings=self.use_embeddings, vector_cache=self._vectors, out_of_scope=out_of_scope
            )
        )
        await self._save_vectors()
        log.info(
            "FAQ index built with %d entries (%s)",
            len(docs),
            "words and embeddings" if matcher.hybrid else "words only",
        )
        return matcher

    async def _upgrade_to_hybrid(
        self,
        docs: list[FaqDoc],
        out_of_scope: list[str],
        versions: dict[str, tuple[int, tuple[str, ...]]],
        revision: int,
    ) -> None:
        """Swap in the embedding index; changes made meanwhile are patched in on the next question."""
        try:
            matcher = await self._build(docs, out_of_scope)
        except Exception:  # the words-only index keeps answering
            log.exception("Building the embedding index failed; answering from words only")
            return
        async with self._refresh_lock:
            self._matcher, self._versions, self._revision = matcher, versions, revision

    async def _save_vectors(self) -> None:
        if self._vectors is not None:
            new = self._vectors.take_new()
            if new:
                async with self.db.transaction() as session:
                    await EmbeddingRepository(session).save(EMBEDDING_ID, new)

    async def decide(self, text: str) -> Decision:
        """What to do with a question: answer, suggest or admit not knowing."""
        matcher = await self.matcher()
        return await self._run(matcher.decide, text)

    async def entries(self, entry_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Entries by id in the import/export shape."""
        async with self.db.read() as session:
            rows = await FaqRepository(session).get_many(entry_ids)
        return {entry_id: to_dict(row) for entry_id, row in rows.items()}

    async def import_entries(self, items: list[dict[str, Any]]) -> tuple[int, int]:
        """Add or update entries in one transaction; returns (created, updated)."""
        async with self.db.transaction() as session:
            return await FaqRepository(session).upsert_many(items)

    async def export_entries(self, *, learned: bool = False) -> list[dict[str, Any]]:
        """Every entry in the import/export shape; with `learned`, its approved learned phrasings as 'learned'."""
        async with self.db.read() as session:
            entries = await FaqRepository(session).all()
            approved = await _approved(LearnedPhrasingRepository(session)) if learned else {}
        if not learned:
            return [to_dict(entry) for entry in entries]
        return [{**to_dict(entry), "learned": list(approved.get(entry.id, ()))} for entry in entries]

    async def out_of_scope(self) -> list[str]:
        """The real out-of-scope questions (closed as 'geen FAQ') the matcher calibrates with, oldest first."""
        async with self.db.read() as session:
            return await LearnedPhrasingRepository(session).out_of_scope(OUT_OF_SCOPE_EXAMPLES)

    async def count(self) -> int:
        """Number of entries."""
        async with self.db.read() as session:
            return await FaqRepository(session).count()

    async def wait_upgraded(self) -> None:
        """Wait until the embedding index, if one is being built, has been swapped in."""
        if self._upgrade is not None:
            await asyncio.shield(self._upgrade)

    def close(self) -> None:
        """Stop building and the matcher worker threads."""
        if self._upgrade is not None:
            self._upgrade.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)
