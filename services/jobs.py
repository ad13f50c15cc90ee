"""Durable jobs in the database, and the worker that runs them: outgoing messages and timers.

Every instance runs a worker; a job is claimed by one of them with a lease, so it runs once even
with several instances, and a job whose instance died is picked up again when its lease passes.

A job's payload is a `JobPayload`: a frozen dataclass per job kind (the product's are in services/payloads.py),
stored as JSON and checked against its fields when read back, so a handler gets typed values or the job fails
at once. A payload holds ids and keys the handler reads afresh, and only what cannot be read again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields
from datetime import datetime, timedelta
from enum import Enum
from functools import cache
from types import NoneType, UnionType
from typing import Any, Awaitable, Callable, ClassVar, Self, TypeVar, Union, get_args, get_origin, get_type_hints

from services.clock import REAL_CLOCK, Clock
from services.poller import Poller
from services.ports import DeliveryError
from storage import Database, Session
from storage.jobs import JobRepository
from storage.models import Job

log = logging.getLogger(__name__)


class PermanentJobError(Exception):
    """A job that can never succeed (its ticket is gone, a channel was never linked): failed at once."""


@dataclass(frozen=True)
class JobPayload:
    """What one job needs; subclass it as a frozen dataclass per job kind and set `job_kind`."""

    job_kind: ClassVar[str]
    """The `jobs.kind` its jobs are stored with (a vocabulary.JobKind for the product's jobs)."""

    def to_json(self) -> dict[str, Any]:
        """The payload as stored: every field that is not None."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """A stored payload read back, unknown keys left out; PermanentJobError when it does not fit the fields."""
        values = {}
        for name, (hint, required) in _fields_of(cls).items():
            if name in data:
                values[name] = _fit(data[name], hint, f"{cls.job_kind}.{name}")
            elif required:
                raise PermanentJobError(f"{cls.job_kind} payload without {name!r}: {dict(data)!r:.300}")
        try:
            return cls(**values)
        except (TypeError, ValueError) as error:
            raise PermanentJobError(f"{cls.job_kind} payload does not fit: {error}") from error


P = TypeVar("P", bound=JobPayload)
Handler = Callable[[P], Awaitable[None]]
"""Carries out one job, given its payload (of the type it was registered with)."""
FailureHook = Callable[[Session, P, str], Awaitable[None]]
"""Runs with (session, payload, reason) in the transaction that fails a job for good, e.g. to enqueue a notice."""


@cache
def _fields_of(cls: type[JobPayload]) -> dict[str, tuple[Any, bool]]:
    """Each field's type and whether a stored payload must have it."""
    hints = get_type_hints(cls)
    return {f.name: (hints[f.name], f.default is MISSING and f.default_factory is MISSING) for f in fields(cls)}


def _fit(value: Any, hint: Any, where: str) -> Any:
    """`value` as the field type `hint` wants it (an enum from its value); PermanentJobError when it is not one."""
    if hint is Any:
        return value
    if get_origin(hint) in (Union, UnionType):
        for option in get_args(hint):
            with contextlib.suppress(PermanentJobError):
                return _fit(value, option, where)
    elif hint is NoneType:
        if value is None:
            return None
    elif isinstance(hint, type) and issubclass(hint, Enum):
        with contextlib.suppress(ValueError):
            return hint(value)
    else:
        expected = get_origin(hint) or hint  # dict[str, Any] is checked as a dict
        if isinstance(value, expected) and (expected is bool or not isinstance(value, bool)):
            return value
    raise PermanentJobError(f"{where}: {value!r:.100} is not a {hint}")


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

    def __init__(self, db: Database, clock: Clock = REAL_CLOCK) -> None:
        self.db = db
        self.clock = clock
        self._listeners: list[Callable[[], None]] = []

    async def enqueue(
        self,
        session: Session,
        payload: JobPayload,
        *,
        delay: timedelta | None = None,
        run_at: datetime | None = None,
        serial_key: str | None = None,
        dedupe_key: str | None = None,
        max_attempts: int = 8,
    ) -> bool:
        """Add a job inside `session`'s transaction (it runs only if that transaction commits)."""
        when = run_at or (self.clock() + delay if delay else self.clock())
        return await JobRepository(session).enqueue(
            payload.job_kind,
            payload.to_json(),
            run_at=when,
            serial_key=serial_key,
            dedupe_key=dedupe_key,
            max_attempts=max_attempts,
        )

    def schedule_new(self, session: Session, timers: Sequence[tuple[JobPayload, datetime, str]]) -> None:
        """Timer jobs (payload, run_at, dedupe_key) whose keys are new, inside `session`'s transaction."""
        JobRepository(session).add_timers(
            [(payload.job_kind, payload.to_json(), run_at, key) for payload, run_at, key in timers]
        )

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

    def __init__(
        self,
        jobs: Jobs,
        handlers: Mapping[type[JobPayload], Handler[Any]] | None = None,
        options: WorkerOptions | None = None,
        *,
        clock: Clock = REAL_CLOCK,
    ) -> None:
        self.jobs = jobs
        self.db = jobs.db
        self.clock = clock
        self.handlers: dict[str, tuple[type[JobPayload], Handler[Any]]] = {}
        self.on_failure: dict[str, FailureHook[Any]] = {}
        for payload_type, handler in (handlers or {}).items():
            self.handle(payload_type)(handler)
        self.options = options or WorkerOptions()
        self._poller = Poller(
            "vraagbaak-jobs",
            self.db,
            self.run_due,
            lambda session: JobRepository(session).next_run_at(),
            self.options,
            clock=clock,
        )
        self._released_at: datetime | None = None
        jobs.on_enqueued(self._poller.wake)

    def handle(
        self, payload_type: type[P], *, on_failure: FailureHook[P] | None = None
    ) -> Callable[[Handler[P]], Handler[P]]:
        """Register the handler of `payload_type`'s job kind, and what to do when one of its jobs fails for good."""

        def register(handler: Handler[P]) -> Handler[P]:
            self.handlers[payload_type.job_kind] = (payload_type, handler)
            if on_failure is not None:
                self.on_failure[payload_type.job_kind] = on_failure
            return handler

        return register

    @property
    def running(self) -> bool:
        """Whether the background loop runs."""
        return self._poller.running

    def start(self) -> None:
        """Run in the background on the current loop."""
        self._poller.start()

    async def stop(self) -> None:
        """Stop after the jobs in hand finish."""
        await self._poller.stop()

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
        now = self.clock()
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
        registered = self.handlers.get(job.kind)
        worker = self.options.worker_id
        try:
            if registered is None:
                raise PermanentJobError(f"no handler for job kind {job.kind!r}")
            payload_type, handler = registered
            await handler(payload_type.from_json(job.payload or {}))
        except Exception as error:  # every failure is recorded on the job
            await self._failed(job, error)
            return
        async with self.db.transaction() as session:
            await JobRepository(session).finish(job.id, worker, self.clock())

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
            await JobRepository(session).retry(job.id, worker, self.clock() + timedelta(seconds=delay), message)

    async def _give_up(self, job: Job, message: str) -> None:
        """Fail a job for good and, in the same transaction, run its kind's on-failure step."""
        registered = self.handlers.get(job.kind)
        hook = self.on_failure.get(job.kind)
        try:
            async with self.db.transaction() as session:
                failed = await JobRepository(session).give_up(job.id, self.options.worker_id, self.clock(), message)
                if failed and hook is not None and registered is not None:
                    await hook(session, registered[0].from_json(job.payload or {}), message)
        except Exception:
            if hook is None:
                raise
            log.exception("job %s (%s): the on-failure step failed; the job is failed without it", job.id, job.kind)
            async with self.db.transaction() as session:
                await JobRepository(session).give_up(job.id, self.options.worker_id, self.clock(), message)
            return
        if hook is not None:
            self.jobs.wake()  # jobs the step enqueued

    def retry_delay(self, attempts: int, retry_after: float | None) -> float:
        """Retry-After when given, else jittered exponential back-off."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.options.max_delay)
        delay = self.options.base_delay * (2 ** max(attempts - 1, 0)) * (0.5 + random.random())
        return min(delay, self.options.max_delay)
