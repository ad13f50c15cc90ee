"""Durable jobs: enqueue inside the caller's transaction, claim with a lease, finish or retry."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, exists, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.db import before_commit
from storage.models import Job, utcnow
from storage.results import rowcount

ACTIVE = ("pending", "running")
_COLLECTED = "vraagbaak.jobs"
"""session.info key of the jobs enqueued in a transaction and not yet written."""


def _row(
    kind: str,
    payload: dict[str, Any],
    run_at: datetime,
    serial_key: str | None,
    dedupe_key: str | None,
    max_attempts: int,
) -> dict[str, Any]:
    """A new job's columns, the same keys for every job so they go in one executemany."""
    return dict(
        kind=kind,
        payload=payload,
        run_at=run_at,
        status="pending",
        serial_key=serial_key,
        dedupe_key=dedupe_key,
        attempts=0,
        max_attempts=max_attempts,
        created_at=utcnow(),
    )


class JobRepository:
    """SQL for the jobs table; every method works inside the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enqueue(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        run_at: datetime | None = None,
        serial_key: str | None = None,
        dedupe_key: str | None = None,
        max_attempts: int = 8,
    ) -> bool:
        """Add a job; with a dedupe_key that already exists nothing is added and False is returned.

        Jobs without a dedupe_key are collected and written in one statement, before the transaction commits or
        the next statement on jobs, in the order they were enqueued (which is the order they run in)."""
        values = _row(kind, payload, run_at or utcnow(), serial_key, dedupe_key, max_attempts)
        if dedupe_key is None:
            self._collect([values])
            return True
        await self.write_collected()
        result = await self.session.execute(_INSERT_NEW[self.session.bind.dialect.name], values)
        return rowcount(result) == 1

    def add_timers(self, timers: list[tuple[str, dict[str, Any], datetime, str]]) -> None:
        """Timer jobs (kind, payload, run_at, dedupe_key) with keys that are new, e.g. those of a just-created ticket
        (collected like enqueue's: a key that exists fails the commit)."""
        self._collect([_row(kind, payload, run_at, None, key, 8) for kind, payload, run_at, key in timers])

    def _collect(self, rows: list[dict[str, Any]]) -> None:
        collected = self.session.info.get(_COLLECTED)
        if collected is None:
            collected = self.session.info[_COLLECTED] = []
            before_commit(self.session, self.write_collected)
        collected.extend(rows)

    async def write_collected(self) -> None:
        """Insert the jobs collected in this transaction (one executemany)."""
        rows = self.session.info.pop(_COLLECTED, None)
        if rows:
            await self.session.execute(_INSERT, rows)

    async def claim_due(self, worker: str, now: datetime, lease: timedelta, limit: int) -> list[Job]:
        """Take up to `limit` due jobs for `worker` in one statement (PostgreSQL skips rows other instances hold)."""
        await self.write_collected()
        statement = _CLAIM_DUE["postgresql" if self.session.bind.dialect.name == "postgresql" else "sqlite"]
        result = await self.session.execute(
            statement, {"now": now, "until": now + lease, "holder": worker, "limit": limit}
        )
        ids = [row[0] for row in result]
        if not ids:
            return []
        jobs = await self.session.scalars(_CLAIMED, {"ids": ids})
        return list(jobs)

    async def finish(self, job_id: int, worker: str, now: datetime) -> None:
        """Mark a job done (only if `worker` still holds it)."""
        await self.session.execute(_FINISH, {"job": job_id, "holder": worker, "at": now})

    async def retry(self, job_id: int, worker: str, run_at: datetime, error: str) -> None:
        """Put a failed job back for a later attempt."""
        await self.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.locked_by == worker, Job.status == "running")
            .values(status="pending", run_at=run_at, locked_by=None, locked_until=None, last_error=error[:2000])
        )

    async def give_up(self, job_id: int, worker: str, now: datetime, error: str) -> bool:
        """Mark a job failed for good; False when `worker` no longer held it (nothing changed)."""
        result = await self.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.locked_by == worker, Job.status == "running")
            .values(status="failed", finished_at=now, locked_until=None, last_error=error[:2000])
        )
        return rowcount(result) == 1

    async def release_expired(self, now: datetime) -> int:
        """Jobs whose worker died (lease passed) become pending again, or failed when out of attempts."""
        stale = and_(Job.status == "running", Job.locked_until < now)
        failed = await self.session.execute(
            update(Job)
            .where(stale, Job.attempts >= Job.max_attempts)
            .values(status="failed", finished_at=now, locked_by=None, last_error="worker stopped while running it")
        )
        again = await self.session.execute(
            update(Job).where(stale).values(status="pending", locked_by=None, locked_until=None)
        )
        return rowcount(failed) + rowcount(again)

    async def next_run_at(self) -> datetime | None:
        """When the earliest pending job is due (jobs waiting behind an earlier one of their serial_key left out)."""
        await self.write_collected()
        return await self.session.scalar(select(func.min(Job.run_at)).where(Job.status == "pending", _not_blocked()))

    async def cancel(self, dedupe_key: str) -> None:
        """Cancel a pending job by its dedupe key (e.g. a reminder that is no longer needed)."""
        await self.write_collected()
        await self.session.execute(
            update(Job)
            .where(Job.dedupe_key == dedupe_key, Job.status == "pending")
            .values(status="cancelled", finished_at=utcnow())
        )

    async def counts(self) -> dict[str, int]:
        """Number of jobs per status."""
        await self.write_collected()
        rows = await self.session.execute(select(Job.status, func.count()).group_by(Job.status))
        return {status: int(n) for status, n in rows}


def _not_blocked():
    """No earlier job with the same serial_key is still pending or running."""
    earlier = aliased(Job)
    blocked = exists().where(
        and_(earlier.serial_key == Job.serial_key, earlier.id < Job.id, earlier.status.in_(ACTIVE))
    )
    return or_(Job.serial_key.is_(None), ~blocked)


def _claim_due_statement(skip_locked: bool):
    """UPDATE ... WHERE id IN (due jobs) RETURNING id, built once: constructing it costs more than running it."""
    due = (
        select(Job.id)
        .where(Job.status == "pending", Job.run_at <= bindparam("now"), _not_blocked())
        .order_by(Job.run_at, Job.id)
        .limit(bindparam("limit"))
    )
    if skip_locked:
        due = due.with_for_update(skip_locked=True, of=Job)
    return (
        update(Job)
        .where(Job.id.in_(due.scalar_subquery()), Job.status == "pending")
        .values(
            status="running", locked_by=bindparam("holder"), locked_until=bindparam("until"), attempts=Job.attempts + 1
        )
        .returning(Job.id)
        .execution_options(synchronize_session=False)
    )


_INSERT = insert(Job.__table__)  # Core, not ORM bulk: one executemany, None values included
_INSERT_NEW = {
    "postgresql": postgresql.insert(Job.__table__).on_conflict_do_nothing(),
    "sqlite": sqlite.insert(Job.__table__).on_conflict_do_nothing(),
}
"""A job with a dedupe key, unless that key exists: one prebuilt INSERT ... ON CONFLICT DO NOTHING per dialect."""
_CLAIM_DUE = {"postgresql": _claim_due_statement(True), "sqlite": _claim_due_statement(False)}
_CLAIMED = (
    select(Job)
    .where(Job.id.in_(bindparam("ids", expanding=True)))
    .order_by(Job.run_at, Job.id)
    .execution_options(populate_existing=True)
)
_FINISH = (
    update(Job)
    .where(Job.id == bindparam("job"), Job.locked_by == bindparam("holder"), Job.status == "running")
    .values(status="done", finished_at=bindparam("at"), locked_until=None, last_error=None)
    .execution_options(synchronize_session=False)
)
