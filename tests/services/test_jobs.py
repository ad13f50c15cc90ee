"""Durable jobs on both databases: claiming, serial order, retries, leases, timers and the background loop."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, select

from services.jobs import JobPayload, Jobs, PermanentJobError, Worker, WorkerOptions
from services.ports import DeliveryError
from storage import Database, JobRepository
from storage.models import Job
from tests.support.clock import START, Clock

WAIT = 5.0
"""Seconds a test waits for a condition before it fails."""


@dataclass(frozen=True)
class Step(JobPayload):
    job_kind = "step"
    n: int = 0
    key: str | None = None


@dataclass(frozen=True)
class Timer(JobPayload):
    job_kind = "timer"
    n: int


@dataclass(frozen=True)
class Free(JobPayload):
    job_kind = "free"
    n: int


@dataclass(frozen=True)
class Greet(JobPayload):
    job_kind = "greet"
    who: str = ""
    n: int | None = None


@dataclass(frozen=True)
class Flaky(JobPayload):
    job_kind = "flaky"
    n: int | None = None


@dataclass(frozen=True)
class Told(JobPayload):
    job_kind = "told"
    about: int | None = None


@dataclass(frozen=True)
class Throttled(JobPayload):
    job_kind = "throttled"
    n: int


@dataclass(frozen=True)
class Doomed(JobPayload):
    job_kind = "doomed"


@dataclass(frozen=True)
class Busy(JobPayload):
    job_kind = "busy"


@dataclass(frozen=True)
class Unknown(JobPayload):
    job_kind = "unknown.kind"


@dataclass(frozen=True)
class Work(JobPayload):
    job_kind = "work"
    n: int


@dataclass(frozen=True)
class Remind(JobPayload):
    job_kind = "remind"
    ticket_id: int
    stage: str


@pytest.fixture
def clock() -> Clock:
    return Clock()


def options(worker_id: str = "w1", **kwargs) -> WorkerOptions:
    return WorkerOptions(worker_id=worker_id, **kwargs)


async def enqueue(jobs: Jobs, payload: JobPayload, **kwargs) -> bool:
    async with jobs.db.transaction() as session:
        return await jobs.enqueue(session, payload, **kwargs)


async def all_jobs(db) -> list[Job]:
    async with db.transaction() as session:
        return list(await session.scalars(select(Job).order_by(Job.id)))


async def only_job(db) -> Job:
    rows = await all_jobs(db)
    assert len(rows) == 1, rows
    return rows[0]


async def test_jobs_of_one_transaction_are_written_together_in_the_order_they_were_enqueued(database, clock):
    jobs = Jobs(database, clock=clock)
    inserts: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO JOBS"):
            inserts.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", count)
    try:
        async with database.transaction() as session:
            for n in range(3):
                await jobs.enqueue(session, Step(n), serial_key="ticket:1")
            jobs.schedule_new(session, [(Timer(3), START + timedelta(hours=1), "timer:1")])
            assert inserts == [], "nothing is written before the commit"
        assert len(inserts) == 1, "four jobs, one statement"

        async with database.transaction() as session:  # a deduplicated job is written at once, after those before it
            await jobs.enqueue(session, Step(4), serial_key="ticket:1")
            assert await jobs.enqueue(session, Step(5), dedupe_key="once") is True
            await jobs.enqueue(session, Step(6), serial_key="ticket:1")
            assert await jobs.enqueue(session, Step(7), dedupe_key="once") is False
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", count)
    assert [job.payload["n"] for job in await all_jobs(database)] == [0, 1, 2, 3, 4, 5, 6]

    with pytest.raises(RuntimeError, match="read"):  # a job enqueued where nothing commits is an error, not lost
        async with database.read() as session:
            await jobs.enqueue(session, Step(8))
    assert len(await all_jobs(database)) == 7


async def test_enqueue_claim_finish_dedupe_cancel_and_rollback(database, clock):
    jobs = Jobs(database, clock=clock)
    seen: list[Greet] = []
    worker = Worker(jobs, options=options(), clock=clock)

    @worker.handle(Greet)
    async def greet(payload: Greet) -> None:
        seen.append(payload)

    assert await enqueue(jobs, Greet("Anna", 1)) is True
    assert await enqueue(jobs, Greet("Bram"), dedupe_key="greet:bram") is True
    assert await enqueue(jobs, Greet("Bram again"), dedupe_key="greet:bram") is False
    await enqueue(jobs, Greet("Cees"), dedupe_key="greet:cees")
    async with database.transaction() as session:
        await jobs.cancel(session, "greet:cees")
    with pytest.raises(RuntimeError):
        async with database.transaction() as session:
            await jobs.enqueue(session, Greet("Dirk"))
            raise RuntimeError("the change that caused the job failed")
    assert await jobs.counts() == {"pending": 2, "cancelled": 1}

    assert await worker.run_due() == 2
    assert seen == [Greet("Anna", 1), Greet("Bram")]
    rows = await all_jobs(database)
    assert [j.payload for j in rows[:2]] == [{"who": "Anna", "n": 1}, {"who": "Bram"}], "fields that are set, as JSON"
    assert [(j.status, j.attempts, j.finished_at, j.locked_until) for j in rows[:2]] == [("done", 1, START, None)] * 2
    assert await worker.run_due() == 0, "a finished job never runs again"
    assert len(seen) == 2


async def _fail_if_called(payload: JobPayload) -> None:
    raise AssertionError(f"this job should not have run: {payload}")


async def test_serial_jobs_run_once_each_in_order_with_two_workers(database, clock):
    jobs = Jobs(database, clock=clock)
    ran: dict[str, list[int]] = {"a": [], "b": []}
    ran_by: list[str] = []
    running = {"a": 0, "b": 0}
    overlap: list[str] = []

    def handler_for(worker_id: str):
        async def handler(payload: Step) -> None:
            key = payload.key or ""
            running[key] += 1
            if running[key] > 1:
                overlap.append(f"{key}:{payload.n}")
            for _ in range(3):  # hand the loop to the other worker while this job is running
                await asyncio.sleep(0)
            ran[key].append(payload.n)
            ran_by.append(worker_id)
            running[key] -= 1

        return handler

    for n in range(8):
        for key in ("a", "b"):
            await enqueue(jobs, Step(n, key), serial_key=f"serial:{key}")
        await enqueue(jobs, Free(n))
    free: list[int] = []

    async def unordered(payload: Free) -> None:
        await asyncio.sleep(0)
        free.append(payload.n)

    first = Worker(jobs, {Step: handler_for("w1"), Free: unordered}, options("w1", concurrency=4), clock=clock)
    second = Worker(
        Jobs(database, clock=clock),
        {Step: handler_for("w2"), Free: unordered},
        options("w2", concurrency=4),
        clock=clock,
    )

    for _round in range(40):
        if (await jobs.counts()).get("pending", 0) == 0:
            break
        await asyncio.gather(first.run_due(), second.run_due())
    assert ran == {"a": list(range(8)), "b": list(range(8))}, "each job exactly once, in id order per serial key"
    assert overlap == [], "two jobs with the same serial_key ran at the same time"
    assert sorted(free) == list(range(8)), "jobs without a serial_key also run exactly once"
    assert await jobs.counts() == {"done": 24}
    assert len(ran_by) == 16


async def test_transient_failure_retries_with_back_off(database, clock):
    jobs = Jobs(database, clock=clock)
    failures = {"left": 2}
    ran: list[datetime] = []

    async def flaky(payload: Flaky) -> None:
        ran.append(clock())
        if failures["left"]:
            failures["left"] -= 1
            raise DeliveryError("connection reset", transient=True)

    worker = Worker(jobs, {Flaky: flaky}, options(base_delay=10.0, max_delay=900.0), clock=clock)
    await enqueue(jobs, Flaky())
    assert await worker.run_due() == 1
    job = await only_job(database)
    assert (job.status, job.attempts, job.locked_by) == ("pending", 1, None)
    assert job.last_error == "DeliveryError: connection reset"
    first_delay = (job.run_at - START).total_seconds()
    assert 5.0 <= first_delay <= 15.0, "first retry after base_delay, with jitter"

    assert await worker.run_due() == 0, "not before the back-off has passed"
    clock.now = job.run_at
    assert await worker.run_due() == 1
    job = await only_job(database)
    assert (job.status, job.attempts) == ("pending", 2)
    second_delay = (job.run_at - clock()).total_seconds()
    assert 10.0 <= second_delay <= 30.0, "the delay doubles per attempt"

    clock.now = job.run_at
    assert await worker.run_due() == 1
    job = await only_job(database)
    assert (job.status, job.attempts, job.last_error) == ("done", 3, None)
    assert len(ran) == 3


async def test_retry_after_is_honoured_and_later_serial_jobs_wait(database, clock):
    jobs = Jobs(database, clock=clock)
    ran: list[tuple[int, datetime]] = []
    calls = {"n": 0}

    async def throttled(payload: Throttled) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise DeliveryError("429 Too Many Requests", transient=True, retry_after=42)
        ran.append((payload.n, clock()))

    worker = Worker(jobs, {Throttled: throttled}, options(base_delay=1.0), clock=clock)
    for n in range(3):
        await enqueue(jobs, Throttled(n), serial_key="ticket:1")
    assert await worker.run_due() == 1, "jobs 1 and 2 wait behind job 0"
    first = (await all_jobs(database))[0]
    assert (first.status, first.run_at) == ("pending", START + timedelta(seconds=42))
    clock.advance(seconds=41)
    assert await worker.run_due() == 0
    clock.advance(seconds=1)
    assert await worker.run_due() == 3
    later = START + timedelta(seconds=42)
    assert ran == [(0, later), (1, later), (2, later)]
    assert await jobs.counts() == {"done": 3}


def test_retry_delay_is_capped():
    never_connected = Database("sqlite+aiosqlite://")  # only the delay arithmetic runs
    worker = Worker(Jobs(never_connected), options=options(base_delay=2.0, max_delay=60.0))
    assert worker.retry_delay(20, None) == 60.0
    assert worker.retry_delay(1, 3600.0) == 60.0
    assert worker.retry_delay(1, -5.0) == 0.0


@pytest.mark.parametrize(
    "error",
    [PermanentJobError("ticket 7 does not exist"), DeliveryError("403 bot not in conversation", transient=False)],
    ids=["PermanentJobError", "DeliveryError-permanent"],
)
async def test_permanent_failure_fails_at_once(sqlite_database, clock, error):
    jobs = Jobs(sqlite_database, clock=clock)
    calls = {"n": 0}

    async def doomed(payload: Doomed) -> None:
        calls["n"] += 1
        raise error

    worker = Worker(jobs, {Doomed: doomed}, options(), clock=clock)
    await enqueue(jobs, Doomed())
    await worker.run_due()
    job = await only_job(sqlite_database)
    assert (job.status, job.attempts, job.finished_at) == ("failed", 1, START)
    assert job.last_error == f"{type(error).__name__}: {error}"
    clock.advance(days=1)
    assert await worker.run_due() == 0
    assert calls["n"] == 1


async def test_gives_up_after_max_attempts_or_without_a_handler(database, clock):
    jobs = Jobs(database, clock=clock)
    calls = {"n": 0}

    async def always_busy(payload: Busy) -> None:
        calls["n"] += 1
        raise DeliveryError("503", transient=True, retry_after=1)

    worker = Worker(jobs, {Busy: always_busy}, options(), clock=clock)
    async with database.transaction() as session:
        await JobRepository(session).enqueue("busy", {}, run_at=START, max_attempts=3)
    await enqueue(jobs, Unknown())  # no handler: can never succeed
    for _ in range(6):
        await worker.run_due()
        clock.advance(seconds=1)
    busy, unknown = await all_jobs(database)
    assert (busy.status, busy.attempts, calls["n"]) == ("failed", 3, 3)
    assert busy.last_error == "DeliveryError: 503"
    assert (unknown.status, unknown.attempts, unknown.finished_at) == ("failed", 1, START)
    assert unknown.last_error == "PermanentJobError: no handler for job kind 'unknown.kind'"


async def test_a_stored_payload_that_does_not_fit_its_type_fails_at_once_without_running(sqlite_database, clock):
    jobs = Jobs(sqlite_database, clock=clock)
    worker = Worker(jobs, {Work: _fail_if_called, Remind: _fail_if_called}, options(), clock=clock)
    async with sqlite_database.transaction() as session:
        repo = JobRepository(session)
        for kind, payload in (
            ("work", {"n": "7"}),
            ("work", {"n": True}),
            ("work", {}),
            ("remind", {"ticket_id": 9, "stage": None}),
        ):
            await repo.enqueue(kind, payload, run_at=START)
    assert await worker.run_due() == 4
    rows = await all_jobs(sqlite_database)
    assert [(j.status, j.attempts) for j in rows] == [("failed", 1)] * 4, "retrying cannot make it fit"
    assert [j.last_error for j in rows] == [
        "PermanentJobError: work.n: '7' is not a <class 'int'>",
        "PermanentJobError: work.n: True is not a <class 'int'>",
        "PermanentJobError: work payload without 'n': {}",
        "PermanentJobError: remind.stage: None is not a <class 'str'>",
    ]


async def test_on_failure_step_runs_once_with_the_giving_up_and_not_on_a_retry(database, clock):
    jobs = Jobs(database, clock=clock)
    seen: list[tuple[Flaky, str]] = []

    async def flaky(payload: Flaky) -> None:
        raise DeliveryError("503", transient=True, retry_after=1)

    async def failed(session, payload: Flaky, reason: str) -> None:  # enqueues in the transaction that fails the job
        seen.append((payload, reason))
        await jobs.enqueue(session, Told(payload.n))

    told: list[Told] = []

    async def tell(payload: Told) -> None:
        told.append(payload)

    worker = Worker(jobs, {Told: tell}, options(), clock=clock)
    worker.handle(Flaky, on_failure=failed)(flaky)
    async with database.transaction() as session:
        await JobRepository(session).enqueue("flaky", {"n": 1}, run_at=START, max_attempts=2)
    await worker.run_due()
    assert seen == [] and (await only_job(database)).status == "pending", "a retry is no failure yet"
    clock.advance(seconds=1)
    await worker.run_due()
    assert seen == [(Flaky(1), "DeliveryError: 503")]
    assert told == [Told(1)]
    assert [(j.kind, j.status) for j in await all_jobs(database)] == [("flaky", "failed"), ("told", "done")]


async def test_a_failing_on_failure_step_still_fails_the_job_and_enqueues_nothing(sqlite_database, clock):
    jobs = Jobs(sqlite_database, clock=clock)

    async def doomed(payload: Doomed) -> None:
        raise PermanentJobError("gone")

    async def broken(session, payload: Doomed, reason: str) -> None:
        await jobs.enqueue(session, Told())
        raise RuntimeError("the step itself breaks")

    worker = Worker(jobs, options=options(), clock=clock)
    worker.handle(Doomed, on_failure=broken)(doomed)
    await enqueue(jobs, Doomed())
    await worker.run_due()
    job = await only_job(sqlite_database)
    assert (job.status, job.attempts, job.last_error) == ("failed", 1, "PermanentJobError: gone")


async def test_jobs_of_a_crashed_worker_are_taken_over_after_the_lease(database, clock):
    jobs = Jobs(database, clock=clock)
    ran: list[int] = []
    await enqueue(jobs, Work(1))
    async with database.transaction() as session:
        await JobRepository(session).enqueue("work", {"n": 2}, run_at=START, max_attempts=1)
    async with database.transaction() as session:  # a worker claims both and dies
        repo = JobRepository(session)
        assert len(await repo.claim_due("dead-worker", START, timedelta(minutes=2), 10)) == 2

    async def work(payload: Work) -> None:
        ran.append(payload.n)

    survivor = Worker(jobs, {Work: work}, options("w2", lease=timedelta(minutes=2)), clock=clock)
    clock.advance(seconds=119)
    assert await survivor.run_due() == 0, "the lease still holds"
    assert [j.locked_by for j in await all_jobs(database)] == ["dead-worker", "dead-worker"]
    clock.advance(seconds=2)
    assert await survivor.run_due() == 0, "expired leases are looked for once per quarter lease, not on every poll"
    clock.advance(seconds=30)
    assert await survivor.run_due() == 1
    taken_over, exhausted = await all_jobs(database)
    assert (taken_over.status, taken_over.attempts, taken_over.locked_by, ran) == ("done", 2, "w2", [1])
    assert (exhausted.status, exhausted.last_error) == ("failed", "worker stopped while running it")

    async with database.transaction() as session:  # the dead worker comes back and reports a failure: ignored
        await JobRepository(session).give_up(taken_over.id, "dead-worker", clock(), "too late")
    assert (await all_jobs(database))[0].status == "done"


async def test_timer_waits_for_its_time_and_survives_a_restart(database, clock):
    before = Jobs(database, clock=clock)
    await enqueue(before, Remind(9, "half"), delay=timedelta(hours=1), dedupe_key="ticket:9:half")
    await enqueue(before, Remind(9, "overdue"), run_at=START + timedelta(hours=4))
    early = Worker(before, {Remind: _fail_if_called}, options("before-restart"), clock=clock)
    assert await early.run_due() == 0
    clock.advance(minutes=59, seconds=59)
    assert await early.run_due() == 0
    del before, early

    clock.advance(seconds=1)
    ran: list[tuple[str, datetime]] = []

    async def remind(payload: Remind) -> None:
        ran.append((payload.stage, clock()))

    after = Worker(Jobs(database, clock=clock), {Remind: remind}, options("after-restart"), clock=clock)
    assert await after.run_due() == 1
    clock.advance(hours=3)
    assert await after.run_due() == 1
    assert ran == [("half", START + timedelta(hours=1)), ("overdue", START + timedelta(hours=4))]


async def test_background_worker_runs_a_woken_job(database, clock):
    jobs = Jobs(database, clock=clock)
    done = asyncio.Event()
    seen: list[Greet] = []

    async def greet(payload: Greet) -> None:
        seen.append(payload)
        done.set()

    worker = Worker(jobs, {Greet: greet}, options(poll_interval=60.0), clock=clock)
    worker.start()
    try:
        await enqueue(jobs, Greet("Bram"))
        jobs.wake()
        await asyncio.wait_for(done.wait(), WAIT)
    finally:
        await worker.stop()
    assert seen == [Greet("Bram")]
    assert not worker.running


class LookingWorker(Worker):
    """A worker that counts its looks for due jobs."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.looks = 0
        self.looked = asyncio.Event()
        self.counted = asyncio.Condition()

    async def run_due(self) -> int:
        ran = await super().run_due()
        self.looks += 1
        self.looked.set()
        async with self.counted:
            self.counted.notify_all()
        return ran

    async def looked_more_than(self, looks: int) -> None:
        """Return once the worker has looked more than `looks` times."""
        async with self.counted:
            await self.counted.wait_for(lambda: self.looks > looks)


async def test_a_wake_right_after_an_empty_look_is_not_lost(database, clock, monkeypatch):
    jobs = Jobs(database, clock=clock)
    done = asyncio.Event()
    looked_up = JobRepository.next_run_at
    pending = {"once": True}

    async def greet(payload: Greet) -> None:
        done.set()

    async def next_run_at_then_a_commit(self):
        result = await looked_up(self)
        if pending.pop("once", False):  # another request commits a job just after the worker looked
            await enqueue(jobs, Greet())
            jobs.wake()
        return result

    monkeypatch.setattr(JobRepository, "next_run_at", next_run_at_then_a_commit)
    worker = Worker(jobs, {Greet: greet}, options(poll_interval=60.0), clock=clock)
    worker.start()
    try:
        await asyncio.wait_for(done.wait(), WAIT)
    finally:
        await worker.stop()


async def test_worker_does_not_spin_on_a_job_blocked_behind_a_retry(database, clock):
    jobs = Jobs(database, clock=clock)

    async def busy(payload: Busy) -> None:
        raise DeliveryError("503", transient=True, retry_after=3600)

    await enqueue(jobs, Busy(), serial_key="ticket:1")
    await enqueue(jobs, Busy(), serial_key="ticket:1")  # due now, but blocked behind the first one
    worker = LookingWorker(jobs, {Busy: busy}, options(poll_interval=60.0), clock=clock)
    worker.start()
    try:
        await asyncio.wait_for(worker.looked.wait(), WAIT)
        looks = worker.looks
        with pytest.raises(asyncio.TimeoutError):  # nothing is due for an hour: the loop must sleep
            await asyncio.wait_for(worker.looked_more_than(looks + 1), 0.3)
    finally:
        await worker.stop()
    rows = await all_jobs(database)
    assert [(j.status, j.attempts) for j in rows] == [("pending", 1), ("pending", 0)]


async def test_stop_without_start_and_twice(sqlite_database):
    worker = Worker(Jobs(sqlite_database), options=options())
    await worker.stop()
    worker.start()
    await worker.stop()
    await worker.stop()
    assert not worker.running
