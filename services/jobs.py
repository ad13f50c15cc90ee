"""Durable jobs in the database, and the worker that runs them: outgoing messages and timers.

Every instance runs a worker; a job is claimed by one of them with a lease, so it runs once even
with several instances, and a job whose instance died is picked up again when its lease passes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Awaitable, Callable

from services.ports import DeliveryError
from storage import Database, Session, StorageUnavailable
from storage.jobs import JobRepository
from storage.models import Job, utcnow

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], Awaitable[None]]
FailureHook = Callable[[Session, dict[str, Any], str], Awaitable[None]]
"""Runs with (session, payload, reason) in the transaction that fails a job for good, e.g. to enqueue a notice."""
Clock = Callable[[], datetime]


class PermanentJobError(Exception):
    """A job that can never succeed (its ticket is gone, a channel was never linked): failed at once."""


@dataclass
class WorkerOptions:
    """How the worker polls, leases and retries."""

    poll_interval: float = 1.0
    """Seconds between looks for jobs enqueued by other instances (own jobs wake the worker at once)."""
    wake_delay: float = 0.005
    """Seconds to let pass after a wake-up: the request that enqueued the jobs answers first, and jobs
    enqueued meanwhile join the same batch."""
    concurrency: int = 8
    """Jobs run at the same time by one instance."""
    lease: timedelta = timedelta(minutes=2)
    """How long a claimed job is reserved; after that another instance may take it over."""
    base_delay: float = 2.0
    """First retry delay in seconds; doubles per attempt, with jitter."""
    max_delay: float = 900.0
    worker_id: str = field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}")


class Jobs:
    """Enqueue jobs in a transaction and wake the local worker once they are committed."""

    def __init__(self, db: Database, clock: Clock = utcnow) -> None:
        self.db = db
        self.clock = clock
        self._listeners: list[Callable[[], None]] = []

    async def enqueue(self, session: Session, kind: str, payload: dict[str, Any], *, delay: timedelta | None = None,
                      run_at: datetime | None = None, serial_key: str | None = None,
                      dedupe_key: str | None = None, max_attempts: int = 8) -> bool:
        """Add a job inside `session`'s transaction (it runs only if that transaction commits)."""
        when = run_at or (self.clock() + delay if delay else self.clock())
        return await JobRepository(session).enqueue(kind, payload, run_at=when, serial_key=serial_key,
                                                    dedupe_key=dedupe_key, max_attempts=max_attempts)

    def schedule_new(self, session: Session, kind: str, timers: list[tuple[dict[str, Any], datetime, str]]) -> None:
        """Timer jobs (payload, run_at, dedupe_key) whose keys are new, inside `session`'s transaction."""
        JobRepository(session).add_timers(kind, timers)

    async def cancel(self, session: Session, dedupe_key: str) -> None:
        """Cancel a pending job by its dedupe key."""
        await JobRepository(session).cancel(dedupe_key)

    def on_enqueued(self, listener: Callable[[], None]) -> None:
        """Call `listener` after `wake()` (the worker registers itself)."""
        self._listeners.append(listener)

    def wake(self) -> None:
        """Tell local workers that new jobs were committed."""
        for listener in self._listeners:
            listener()

    async def counts(self) -> dict[str, int]:
        """Jobs per status (for /readyz and tests)."""
        async with self.db.read() as session:
            return await JobRepository(session).counts()


class Worker:
    """Runs due jobs with their handlers until stopped."""

    def __init__(self, jobs: Jobs, handlers: dict[str, Handler] | None = None,
                 options: WorkerOptions | None = None) -> None:
        self.jobs = jobs
        self.db = jobs.db
        self.handlers: dict[str, Handler] = dict(handlers or {})
        self.on_failure: dict[str, FailureHook] = {}
        self.options = options or WorkerOptions()
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._stopping = False
        self._released_at: datetime | None = None
        jobs.on_enqueued(self._wake.set)

    def handle(self, kind: str, *, on_failure: FailureHook | None = None) -> Callable[[Handler], Handler]:
        """Register the handler of a job kind, and what to do when one of its jobs fails for good."""
        def register(handler: Handler) -> Handler:
            self.handlers[kind] = handler
            if on_failure is not None:
                self.on_failure[kind] = on_failure
            return handler
        return register

    def start(self) -> None:
        """Run in the background on the current loop."""
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._loop(), name="vraagbaak-jobs")

    async def stop(self) -> None:
        """Stop after the jobs in hand finish."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        while not self._stopping:
            self._wake.clear()  # before looking: a wake() from here on means new work, never lost
            try:
                ran = await self.run_due()
            except StorageUnavailable:  # the database logged why, once; the jobs wait in it
                ran = 0
            except Exception:
                log.exception("job worker: polling failed; trying again")
                ran = 0
            if ran or self._stopping:
                continue
            timeout = self.options.poll_interval
            with contextlib.suppress(Exception):
                async with self.db.read() as session:
                    next_at = await JobRepository(session).next_run_at()
                if next_at is not None:
                    timeout = min(timeout, max((next_at - self.jobs.clock()).total_seconds(), 0.0))
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
                await asyncio.sleep(self.options.wake_delay)

    async def run_due(self) -> int:
        """Claim and run every job that is due now (in batches); return how many ran."""
        total = 0
        while True:
            claimed = await self._claim_batch()
            if not claimed:
                return total
            await asyncio.gather(*(self._run(job) for job in claimed))
            total += len(claimed)

    async def _claim_batch(self) -> list[Job]:
        """One short transaction: take back jobs of dead workers now and then, and claim the due ones."""
        now = self.jobs.clock()
        async with self.db.transaction() as session:
            repo = JobRepository(session)
            if (
                self._released_at is None
                or now - self._released_at >= self.options.lease / 4
                or now < self._released_at
            ):
                await repo.release_expired(now)
                self._released_at = now
            return await repo.claim_due(self.options.worker_id, now, self.options.lease, self.options.concurrency)

    async def _run(self, job: Job) -> None:
        handler = self.handlers.get(job.kind)
        worker = self.options.worker_id
        try:
            if handler is None:
                raise PermanentJobError(f"no handler for job kind {job.kind!r}")
            await handler(dict(job.payload or {}))
        except Exception as error:  # every failure is recorded on the job
            await self._failed(job, error)
            return
        async with self.db.transaction() as session:
            await JobRepository(session).finish(job.id, worker, self.jobs.clock())

    async def _failed(self, job: Job, error: Exception) -> None:
        worker = self.options.worker_id
        message = f"{type(error).__name__}: {error}"
        permanent = isinstance(error, PermanentJobError) or (isinstance(error, DeliveryError) and not error.transient)
        if permanent or job.attempts >= job.max_attempts:
            log.error("job %s (%s) failed for good after %d attempt(s): %s", job.id, job.kind, job.attempts, message)
            await self._give_up(job, message)
            return
        delay = self.retry_delay(job.attempts, getattr(error, "retry_after", None))
        log.warning("job %s (%s) attempt %d failed: %s; retry in %.1fs", job.id, job.kind, job.attempts, message, delay)
        async with self.db.transaction() as session:
            await JobRepository(session).retry(job.id, worker, self.jobs.clock() + timedelta(seconds=delay), message)

    async def _give_up(self, job: Job, message: str) -> None:
        """Fail a job for good and, in the same transaction, run its kind's on-failure step."""
        hook = self.on_failure.get(job.kind)
        try:
            async with self.db.transaction() as session:
                failed = await JobRepository(session).give_up(job.id, self.options.worker_id, self.jobs.clock(), message)
                if failed and hook is not None:
                    await hook(session, dict(job.payload or {}), message)
        except Exception:
            if hook is None:
                raise
            log.exception("job %s (%s): the on-failure step failed; the job is failed without it", job.id, job.kind)
            async with self.db.transaction() as session:
                await JobRepository(session).give_up(job.id, self.options.worker_id, self.jobs.clock(), message)
            return
        if hook is not None:
            self.jobs.wake()  # jobs the step enqueued

    def retry_delay(self, attempts: int, retry_after: float | None) -> float:
        """Retry-After when given, else jittered exponential back-off."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.options.max_delay)
        delay = self.options.base_delay * (2 ** max(attempts - 1, 0)) * (0.5 + random.random())
        return min(delay, self.options.max_delay)
