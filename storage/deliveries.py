"""Announcement deliveries: claims with a lease, outcomes recorded in bulk, and the shared send budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Interval, and_, bindparam, case, delete, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Announcement, AnnouncementDelivery, RateLimit
from storage.results import rowcount
from vocabulary import DeliveryOp, DeliveryStatus, RecipientKind

D = AnnouncementDelivery
T = AnnouncementDelivery.__table__
"""Core statements on the table: an executemany UPDATE of the ORM entity would be a bulk update by primary key."""

OutcomeKind = Literal["sent", "retry", "failed", "recalled"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one claimed delivery: its card is out (sent), it waits (retry), it gave up, or it is deleted."""

    delivery_id: int
    kind: OutcomeKind
    op: str
    """The DeliveryOp that was claimed (a change of `op` made meanwhile by someone else is kept)."""
    conversation_id: str | None = None
    activity_id: str | None = None
    revision: int | None = None
    """The announcement revision the posted card shows (sent)."""
    run_at: datetime | None = None
    """When to try again (retry)."""
    error: str | None = None
    refund: bool = False
    """retry: the attempt does not count (throttled by the platform, or never sent)."""


def _unlocked(now):
    return or_(D.locked_until.is_(None), D.locked_until < now)


def _claim_statement(skip_locked: bool):
    """UPDATE ... WHERE id IN (due rows) RETURNING id; PostgreSQL skips rows another worker is claiming."""
    now = bindparam("now", type_=D.run_at.type)
    due = (
        select(D.id)
        .where(D.op.is_not(None), D.run_at <= now, _unlocked(now))
        .order_by(D.run_at, D.id)
        .limit(bindparam("limit"))
    )
    if skip_locked:
        due = due.with_for_update(skip_locked=True, of=D)
    return (
        update(D)
        .where(D.id.in_(due.scalar_subquery()), D.op.is_not(None), _unlocked(now))
        .values(locked_by=bindparam("holder"), locked_until=bindparam("until"), attempts=D.attempts + 1)
        .returning(D.id)
        .execution_options(synchronize_session=False)
    )


_CLAIM = {"postgresql": _claim_statement(True), "sqlite": _claim_statement(False)}
_CLAIMED = (
    select(D)
    .where(D.id.in_(bindparam("ids", expanding=True)))
    .order_by(D.run_at, D.id)
    .execution_options(populate_existing=True)
)
_HELD = and_(T.c.id == bindparam("b_id"), T.c.locked_by == bindparam("b_holder"))
_UNCHANGED_OP = T.c.op == bindparam("b_op")
_FREE = dict(locked_by=None, locked_until=None)
_SENT = (
    update(T)
    .where(_HELD)
    .values(
        status=DeliveryStatus.SENT,
        # A recall that came while the card was on its way: delete it; an op set meanwhile (an edit) stays due.
        op=case(
            (T.c.status == DeliveryStatus.RECALLED, literal(DeliveryOp.DELETE.value)),
            (_UNCHANGED_OP, None),
            else_=T.c.op,
        ),
        conversation_id=bindparam("b_conversation"),
        activity_id=bindparam("b_activity"),
        revision=bindparam("b_revision"),
        sent_at=func.coalesce(T.c.sent_at, bindparam("b_now", type_=T.c.run_at.type)),
        run_at=bindparam("b_now", type_=T.c.run_at.type),
        attempts=0,
        last_error=None,
        **_FREE,
    )
)
_RETRY = (
    update(T)
    .where(_HELD)
    .values(
        run_at=bindparam("b_run_at", type_=T.c.run_at.type),
        last_error=bindparam("b_error"),
        attempts=case((T.c.attempts > bindparam("b_refund"), T.c.attempts - bindparam("b_refund")), else_=0),
        **_FREE,
    )
)
_FAILED = (
    update(T)
    .where(_HELD)
    .values(
        # A send that gave up is a failed delivery; an update or delete that gave up leaves the card as it was.
        status=case((T.c.status == DeliveryStatus.PENDING, literal(DeliveryStatus.FAILED.value)), else_=T.c.status),
        op=case((_UNCHANGED_OP, None), else_=T.c.op),
        last_error=bindparam("b_error"),
        **_FREE,
    )
)
_RECALLED = update(T).where(_HELD).values(status=DeliveryStatus.RECALLED, op=None, attempts=0, last_error=None, **_FREE)


class DeliveryRepository:
    """SQL for announcement_deliveries and rate_limits; every method works inside the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @property
    def _postgres(self) -> bool:
        return self.session.bind.dialect.name == "postgresql"

    async def claim_due(self, worker: str, now: datetime, lease: timedelta, limit: int) -> list[AnnouncementDelivery]:
        """Take up to `limit` due rows (op set, run_at passed, no live claim) for `worker` in one statement."""
        statement = _CLAIM["postgresql" if self._postgres else "sqlite"]
        result = await self.session.execute(
            statement, {"now": now, "until": now + lease, "holder": worker, "limit": limit}
        )
        ids = [row[0] for row in result]
        if not ids:
            return []
        return list(await self.session.scalars(_CLAIMED, {"ids": ids}))

    async def extend(self, ids: list[int], worker: str, until: datetime) -> None:
        """Hold `worker`'s claim on these rows until `until` (a batch whose send slots lie further ahead)."""
        await self.session.execute(
            update(D)
            .where(D.id.in_(ids), D.locked_by == worker)
            .values(locked_until=until)
            .execution_options(synchronize_session=False)
        )

    async def release(self, ids: list[int], worker: str) -> None:
        """Give back claimed rows that were not sent (the attempt does not count): due again at once."""
        await self.session.execute(
            update(D)
            .where(D.id.in_(ids), D.locked_by == worker)
            .values(attempts=case((D.attempts > 0, D.attempts - 1), else_=0), **_FREE)
            .execution_options(synchronize_session=False)
        )

    async def release_expired(self, now: datetime, max_attempts: int) -> int:
        """Claims whose lease passed (their worker died): due again, or failed when out of attempts."""
        stale = and_(D.locked_until.is_not(None), D.locked_until < now, D.op.is_not(None))
        failed = await self.session.execute(
            update(D)
            .where(stale, D.attempts >= max_attempts)
            .values(
                status=case((D.status == DeliveryStatus.PENDING, literal(DeliveryStatus.FAILED.value)), else_=D.status),
                op=None,
                last_error=f"worker stopped while sending it ({max_attempts} attempts)",
                **_FREE,
            )
            .execution_options(synchronize_session=False)
        )
        again = await self.session.execute(
            update(D).where(stale).values(**_FREE).execution_options(synchronize_session=False)
        )
        return rowcount(failed) + rowcount(again)

    async def record(self, worker: str, now: datetime, outcomes: list[Outcome]) -> None:
        """Write a batch of outcomes (one executemany per kind) for rows `worker` still holds."""
        by_kind: dict[str, list[dict]] = {}
        for outcome in outcomes:
            values = {"b_id": outcome.delivery_id, "b_holder": worker, "b_op": outcome.op}
            if outcome.kind == "sent":
                values.update(
                    b_conversation=outcome.conversation_id,
                    b_activity=outcome.activity_id,
                    b_revision=outcome.revision or 0,
                    b_now=now,
                )
            elif outcome.kind == "retry":
                values.update(
                    b_run_at=outcome.run_at or now, b_error=_clip(outcome.error), b_refund=int(outcome.refund)
                )
                values.pop("b_op")
            elif outcome.kind == "failed":
                values.update(b_error=_clip(outcome.error))
            else:
                values.pop("b_op")
            by_kind.setdefault(outcome.kind, []).append(values)
        statements = {"sent": _SENT, "retry": _RETRY, "failed": _FAILED, "recalled": _RECALLED}
        for kind, rows in by_kind.items():
            await self.session.execute(statements[kind], rows)
        sent = [o.delivery_id for o in outcomes if o.kind == "sent"]
        if sent:  # edited while its card was on the way: put the newest revision on it
            await self.session.execute(_STALE, {"ids": sent, "b_now": now})

    async def next_due(self) -> datetime | None:
        """When the earliest due row can be claimed (its run_at, or the end of its claim's lease)."""
        return await self.session.scalar(
            select(func.min(case((D.locked_until.is_(None), D.run_at), else_=D.locked_until))).where(D.op.is_not(None))
        )

    async def shared_chats(self, keys: list[str], since: datetime) -> set[str]:
        """Those of these personal recipients that have more than one live delivery (due, claimed, or done since
        `since`): their chat may get several sends in one window, from any instance."""
        live = or_(D.op.is_not(None), D.run_at >= since)
        rows = await self.session.scalars(
            select(D.recipient_key)
            .where(D.recipient_key.in_(keys), D.recipient_kind == RecipientKind.PERSONAL, live)
            .group_by(D.recipient_key)
            .having(func.count() > 1)
        )
        return set(rows)

    async def forget_budgets(self, prefix: str, before: datetime) -> int:
        """Delete the budgets named `prefix`... whose next slot lies before `before` (idle: they limit nothing)."""
        result = await self.session.execute(
            delete(RateLimit).where(RateLimit.key.startswith(prefix, autoescape=True), RateLimit.next_at < before)
        )
        return rowcount(result)

    async def announcements(self, ids: set[int]) -> dict[int, Announcement]:
        """The announcements of a batch, by id."""
        rows = await self.session.scalars(select(Announcement).where(Announcement.id.in_(ids)))
        return {row.id: row for row in rows}

    async def counts(self, announcement_id: int) -> dict[str, int]:
        """Deliveries of one announcement per status."""
        rows = await self.session.execute(
            select(D.status, func.count()).where(D.announcement_id == announcement_id).group_by(D.status)
        )
        return {status: int(n) for status, n in rows}

    # ------------------------------------------------------------------------------------------- send budget
    async def take(self, key: str, n: int, rate: float, now: datetime, *, opening: float = 0.0) -> datetime:
        """Take `n` sends of budget `key` (`rate` per second, shared by every instance): the returned start owns the
        send slots [start, start + n / rate); the budget's next_at moves past them in one UPDATE. A budget made
        now starts `opening` seconds on (room for a send that went before the budget was needed)."""
        span = timedelta(seconds=n / rate)
        return await self._advance(key, span, now, opening=timedelta(seconds=opening)) - span

    async def push(self, key: str, seconds: float, now: datetime) -> None:
        """Move budget `key` back by `seconds` (the platform said Retry-After): the next slot is that much later
        than the later of its own time and now, so the slots already taken still fit before it."""
        await self._advance(key, timedelta(seconds=seconds), now)

    async def _advance(self, key: str, span: timedelta, now: datetime, opening: timedelta = timedelta()) -> datetime:
        """next_at = max(next_at, now) + span in one UPDATE (the row made first when missing, at now + opening);
        the new next_at."""
        if self._postgres:
            end = await self.session.scalar(_TAKE_POSTGRES, {"b_key": key, "now": now, "span": span})
            if end is None:
                await self._create(key, now + opening)
                end = await self.session.scalar(_TAKE_POSTGRES, {"b_key": key, "now": now, "span": span})
            assert end is not None, "the row was just created"
            return end
        current = await self.session.scalar(_LOCK_SQLITE, {"b_key": key})  # a write: this transaction holds the file
        if current is None:
            await self._create(key, now + opening)
            current = await self.session.scalar(_LOCK_SQLITE, {"b_key": key})
            assert current is not None, "the row was just created"
        end = max(current, now) + span
        await self.session.execute(update(RateLimit).where(RateLimit.key == key).values(next_at=end))
        return end

    async def budget(self, key: str) -> datetime | None:
        """The budget's next free slot (None when it was never taken)."""
        return await self.session.scalar(select(RateLimit.next_at).where(RateLimit.key == key))

    async def _create(self, key: str, next_at: datetime) -> None:
        dialect = postgresql if self._postgres else sqlite
        await self.session.execute(dialect.insert(RateLimit).values(key=key, next_at=next_at).on_conflict_do_nothing())


def _clip(error: str | None) -> str | None:
    return error[:2000] if error else error


_STALE = (
    update(T)
    .where(
        T.c.id.in_(bindparam("ids", expanding=True)),
        T.c.op.is_(None),
        T.c.status == DeliveryStatus.SENT,
        T.c.revision < select(Announcement.revision).where(Announcement.id == T.c.announcement_id).scalar_subquery(),
    )
    .values(op=DeliveryOp.UPDATE, run_at=bindparam("b_now", type_=T.c.run_at.type))
)
"""Sent rows whose announcement was edited while their card was on the way: due for an update."""
_NOW = bindparam("now", type_=RateLimit.next_at.type)
_TAKE_POSTGRES = (
    update(RateLimit)
    .where(RateLimit.key == bindparam("b_key"))
    .values(
        next_at=func.greatest(RateLimit.next_at, _NOW, type_=RateLimit.next_at.type)
        + bindparam("span", type_=Interval())
    )
    .returning(RateLimit.next_at)
)
_LOCK_SQLITE = (
    update(RateLimit)
    .where(RateLimit.key == bindparam("b_key"))
    .values(next_at=RateLimit.next_at)
    .returning(RateLimit.next_at)
)
