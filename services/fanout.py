"""The fan-out engine: sends, updates and deletes announcement cards, one durable delivery row per recipient.

Every instance runs one engine. It claims due rows with a lease (SKIP LOCKED on PostgreSQL), takes send budget for
them from the shared `rate_limits` row of their tenant (so SEND_RATE_LIMIT holds over all instances together), paces
the sends over the slots it owns, keeps at most `per_conversation` sends a second in one conversation, and records
what each send did. A send holds one of `concurrency` slots until its outcome is committed, so a process killed at
any moment leaves at most `concurrency` sends done but not recorded: only those are sent again once the lease passes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import random
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from services.clock import REAL_CLOCK, Clock
from services.conversations import (
    ConversationService,
    channel_references_in,
    personal_of,
    personal_references_in,
    tenant_of,
    tenant_reference_in,
    thread_of,
)
from services.poller import Poller
from services.ports import DeliveryError, Messenger
from storage import Database, DeliveryRepository, Outcome, Session, StorageUnavailable
from storage.models import Announcement, AnnouncementDelivery
from vocabulary import DeliveryOp, RecipientKind

log = logging.getLogger(__name__)

Render = Callable[[Announcement, AnnouncementDelivery], dict[str, Any]]
"""The recipient's card for an announcement's current revision (cards/announcements.py `render_for`)."""
OnRecorded = Callable[[Session, set[int]], Awaitable[None]]
"""Runs in the transaction that records a batch, with the ids of the announcements it touched (the report job)."""

CONVERSATION_BUDGET = "conv:"
"""Prefix of a conversation's shared budget in rate_limits (Teams' sends per second per thread, all instances)."""
IDLE_BUDGET = timedelta(minutes=1)
"""A conversation budget whose next slot is this long past is deleted (it limits nothing any more)."""
CATCH_UP = 0.01
"""Seconds that late sends may lag behind now and still go at once (a burst of at most CATCH_UP x rate sends)."""
THROTTLED = 429


def conversation_budget(conversation: str) -> str:
    """The rate_limits key of a conversation's budget (hashed when the id is too long for the key)."""
    key = CONVERSATION_BUDGET + conversation
    if len(key) <= 200:
        return key
    return CONVERSATION_BUDGET + "#" + hashlib.sha256(conversation.encode()).hexdigest()


GONE = 404


@dataclass
class FanoutOptions:
    """How fast and how hard the engine sends."""

    rate: float = 50.0
    """Sends per second per tenant, over every instance together (SEND_RATE_LIMIT)."""
    per_conversation: float = 7.0
    """Sends per second into one conversation (Teams: 7 per second per thread)."""
    concurrency: int = 16
    """Sends in flight at once in this instance (each holds its slot until its outcome is committed)."""
    batch: int = 50
    """Rows claimed at once."""
    headroom: float = 0.02
    """Share of `rate` left unused, so sends that go out a little late never add up to more than the limit."""
    lookahead: float = 0.1
    """Seconds before the last send slot of a batch that the next batch is claimed."""
    lease: timedelta = timedelta(minutes=2)
    """How long a claim holds beyond its send slot; after that another instance may take the row."""
    max_attempts: int = 8
    """Attempts before a row is failed with its last error (dead letter); throttled attempts do not count."""
    poll_interval: float = 1.0
    """Seconds between looks for rows written by other instances (a local wake() starts at once)."""
    wake_delay: float = 0.005
    base_delay: float = 2.0
    """First back-off in seconds after a 412/5xx/time-out; doubles per attempt, with jitter."""
    max_delay: float = 900.0
    worker_id: str = field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}")


@dataclass
class _Work:
    """One claimed row, ready to go: what to send where, and when its slot is (event-loop time)."""

    row: AnnouncementDelivery
    announcement: Announcement | None
    reference: dict[str, Any] | None
    budget: str
    pace_key: str
    at: float = 0.0
    shift: float = 0.0
    """The engine's paused seconds when the slot was taken: a pause after that moves the slot back as far."""
    problem: str | None = None
    """Why it cannot be sent at all (no announcement, no way to reach the recipient)."""


class FanoutEngine:
    """Claims due deliveries, sends them within the limits and records the outcomes, until stopped."""

    def __init__(
        self,
        db: Database,
        messenger: Messenger,
        conversations: ConversationService,
        render: Render,
        *,
        options: FanoutOptions | None = None,
        clock: Clock = REAL_CLOCK,
        on_recorded: OnRecorded | None = None,
    ) -> None:
        self.db = db
        self.messenger = messenger
        self.conversations = conversations
        """The ConversationService (kept for callers; the engine reads references in its claim transaction)."""
        self.render = render
        self.options = options or FanoutOptions()
        self.clock = clock
        self.on_recorded = on_recorded
        self._poller = Poller(
            "vraagbaak-fanout",
            db,
            self.run_due,
            lambda session: DeliveryRepository(session).next_due(),
            self.options,
            clock=clock,
            first=self.recover,  # expired claims are taken back first
        )
        self._stop = asyncio.Event()
        self._stopping = False
        self._slots = asyncio.Semaphore(self.options.concurrency)
        self._in_flight: set[asyncio.Task] = set()
        self._paced: dict[str, float] = {}
        self._started: dict[str, float] = {}
        """The planned time of the last send of each budget started here (event-loop time): late sends keep 1 / rate
        apart."""
        self._shift = 0.0
        """Seconds paused after 429s so far: every slot taken before a pause moves back by it."""
        self._pause_end = 0.0
        self._queue: list[tuple[Outcome, int, asyncio.Future]] = []
        self._pushes: dict[str, float] = {}
        """Seconds each budget is to be moved back (pauses not yet written to rate_limits)."""
        self._recorder: asyncio.Task | None = None
        self._released_at: datetime | None = None
        self._forgotten_at: datetime | None = None
        """When idle conversation budgets were last deleted."""
        self._claim_seconds = 0.0
        """How long claims take lately (moving average): the next batch is claimed at least twice that early."""
        self.sent = 0
        """Sends, updates and deletes the connector took, since start (for benchmarks)."""

    # --------------------------------------------------------------------------------------- lifecycle
    def start(self) -> None:
        """Run in the background on the current loop; expired claims are taken back first (recovery)."""
        if not self._poller.running:
            self._stopping = False
            self._stop.clear()
            self._poller.start()

    async def stop(self) -> None:
        """Stop claiming, give back claimed rows not yet sent, and wait for the sends in flight to be recorded."""
        self._stopping = True
        self._stop.set()
        await self._poller.stop()
        await self._drain()

    def wake(self) -> None:
        """Tell the engine that due deliveries were committed (by this instance)."""
        self._poller.wake()

    async def recover(self) -> int:
        """Take back the claims whose lease passed (their worker died); how many."""
        now = self.clock()
        async with self.db.transaction() as session:
            released = await DeliveryRepository(session).release_expired(now, self.options.max_attempts)
        self._released_at = now
        if released:
            log.warning("fan-out: took back %d deliveries a stopped worker had claimed", released)
        return released

    # ------------------------------------------------------------------------------------------ rounds
    async def run_due(self) -> int:
        """Claim and send every delivery due now, batch after batch; return how many were claimed.

        Returns once every send is recorded. The next batch is claimed `lookahead` seconds (or twice as long as claims
        take lately) before the last slot of the one in hand, so the budget's slots follow each other without a gap."""
        loop = asyncio.get_running_loop()
        total = 0
        try:
            batch = await self._claim()
            while batch:
                total += len(batch)
                last = max((item.at for item in batch if item.problem is None), default=loop.time())
                ahead = max(self.options.lookahead, 2 * self._claim_seconds)
                upcoming = asyncio.create_task(self._claim_after(last - ahead))
                try:
                    await self._dispatch(batch)
                except BaseException:
                    upcoming.cancel()  # its claim rolls back, or its rows wait out the lease
                    raise
                batch = await upcoming
        finally:
            await self._drain()
        return total

    async def _claim_after(self, at: float) -> list[_Work]:
        """Claim the next batch at event-loop time `at` (nothing when the engine stops meanwhile)."""
        wait = at - asyncio.get_running_loop().time()
        if wait > 0:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stop.wait(), wait)
        return [] if self._stopping else await self._claim()

    async def _drain(self) -> None:
        while self._in_flight:
            await asyncio.gather(*list(self._in_flight), return_exceptions=True)
        if self._recorder is not None:
            with contextlib.suppress(Exception):
                await self._recorder

    async def _claim(self) -> list[_Work]:
        """One transaction: claim a batch, find where each row goes, take its send slots from the shared budget."""
        now = self.clock()
        loop = asyncio.get_running_loop()
        began = loop.time()
        if self._forgotten_at is None or not now - IDLE_BUDGET < self._forgotten_at <= now:
            # Its own transaction: a claim locks budget rows only in one order (tenants, then conversations).
            async with self.db.transaction() as session:
                await DeliveryRepository(session).forget_budgets(CONVERSATION_BUDGET, now - IDLE_BUDGET)
            self._forgotten_at = now
        try:
            return await self._claim_batch(now, loop)
        finally:
            self._claim_seconds = 0.8 * self._claim_seconds + 0.2 * (loop.time() - began)

    async def _claim_batch(self, now: datetime, loop: asyncio.AbstractEventLoop) -> list[_Work]:
        options = self.options
        async with self.db.transaction() as session:
            repo = DeliveryRepository(session)
            if self._released_at is None or not now - options.lease / 4 < self._released_at <= now:
                await repo.release_expired(now, options.max_attempts)
                self._released_at = now
            rows = await repo.claim_due(options.worker_id, now, options.lease, options.batch)
            if not rows:
                return []
            pushes, self._pushes = self._pushes, {}  # a pause not yet written: these slots come after it
            for key, seconds in pushes.items():
                await repo.push(key, seconds, now)
            shift = self._shift
            announcements = await repo.announcements({row.announcement_id for row in rows})
            work = await self._addressed(session, rows, announcements)
            started = loop.time()
            by_budget: dict[str, list[_Work]] = {}
            for item in work:
                if item.problem is None:
                    by_budget.setdefault(item.budget, []).append(item)
            latest = started
            for key, items in sorted(by_budget.items()):  # one order of row locks for every instance
                rate = options.rate * (1.0 - options.headroom)
                # The clock and the loop read at one instant: the slot's loop time is exact however long the claim
                # took, so two instances' slots never overlap (a skew here is a burst above the limit: 429s).
                taken_at, anchor = self.clock(), loop.time()
                start = await repo.take(key, len(items), rate, taken_at)
                first = anchor + (start - taken_at).total_seconds()
                for i, item in enumerate(items):
                    item.shift = shift
                    item.at = first + i / rate
            await self._pace_shared(repo, work, now, loop)
            for item in sorted(work, key=lambda item: item.at):  # within this instance, every conversation
                if item.problem is None:
                    item.at = max(item.at, self._paced.get(item.pace_key, 0.0))
                    self._paced[item.pace_key] = item.at + 1.0 / options.per_conversation
                    latest = max(latest, item.at)
            if latest - started > options.lease.total_seconds() / 2:  # slots far ahead: hold the rows past them
                until = now + timedelta(seconds=latest - started) + options.lease
                await repo.extend([item.row.id for item in work], options.worker_id, until)
        self._forget_paced(started)
        return sorted(work, key=lambda item: item.at)

    async def _pace_shared(
        self, repo: DeliveryRepository, work: list[_Work], now: datetime, loop: asyncio.AbstractEventLoop
    ) -> None:
        """Slots from a conversation's own shared budget for the conversations that may get more than one send in a
        window from any instance: channels (posts and updates of their threads), and chats with another live
        delivery. A chat with one card (the usual case) costs one indexed look-up per batch, no budget row."""
        if self.options.per_conversation <= 0:
            return
        live = [item for item in work if item.problem is None]
        shared = {item.pace_key for item in live if item.row.recipient_kind == RecipientKind.CHANNEL}
        personal = {item.row.recipient_key: item.pace_key for item in live if item.pace_key not in shared}
        if personal:
            window = timedelta(seconds=max(1.0, 1.0 / self.options.per_conversation))
            shared |= {personal[key] for key in await repo.shared_chats(list(personal), now - window)}
        rate = self.options.per_conversation * (1.0 - self.options.headroom)
        by_conversation: dict[str, list[_Work]] = {}
        for item in live:
            if item.pace_key in shared:
                by_conversation.setdefault(item.pace_key, []).append(item)
        for pace_key, items in sorted(by_conversation.items()):  # after the tenants' rows: one lock order
            taken_at, anchor = self.clock(), loop.time()
            # A budget made now leaves room for one send that may have gone before it was needed.
            start = await repo.take(conversation_budget(pace_key), len(items), rate, taken_at, opening=1.0 / rate)
            first = anchor + (start - taken_at).total_seconds()
            for i, item in enumerate(items):
                item.at = max(item.at, first + i / rate)

    async def _addressed(
        self, session: Session, rows: list[AnnouncementDelivery], announcements: dict[int, Announcement]
    ) -> list[_Work]:
        """Each row with the reference to send it by (read in bulk), its tenant's budget and its pacing key."""
        personal = [row.recipient_key for row in rows if row.recipient_kind == RecipientKind.PERSONAL]
        channels = [row.recipient_key for row in rows if row.recipient_kind == RecipientKind.CHANNEL]
        people = await personal_references_in(session, personal) if personal else {}
        rooms = await channel_references_in(session, channels) if channels else {}
        fallback: dict[str, Any] | None = None
        if any(row.recipient_key not in people for row in rows if row.recipient_kind == RecipientKind.PERSONAL):
            fallback = await tenant_reference_in(session)
        work = []
        for row in rows:
            reference, pace_key, problem = self._address(row, people, rooms, fallback)
            if row.announcement_id not in announcements:
                problem = "the announcement is gone"
            if row.op != DeliveryOp.SEND and not (row.conversation_id and row.activity_id):
                problem = f"nothing posted to {row.op}"
            tenant = tenant_of(reference) if reference is not None else None
            work.append(
                _Work(
                    row,
                    announcements.get(row.announcement_id),
                    reference,
                    budget=f"tenant:{tenant or '-'}",
                    pace_key=pace_key,
                    problem=problem,
                )
            )
        return work

    @staticmethod
    def _address(
        row: AnnouncementDelivery,
        people: dict[str, dict[str, Any]],
        rooms: dict[str, dict[str, Any]],
        fallback: dict[str, Any] | None,
    ) -> tuple[dict[str, Any] | None, str, str | None]:
        """(reference, pacing key, problem) of one row."""
        if row.recipient_kind == RecipientKind.CHANNEL:
            channel = rooms.get(row.recipient_key)
            if channel is None:
                return None, row.recipient_key, "no conversation reference for the channel"
            if row.op != DeliveryOp.SEND and row.conversation_id:
                return thread_of(channel, row.conversation_id), row.recipient_key, None
            return channel, row.recipient_key, None
        stored = people.get(row.recipient_key)
        if stored is not None and (row.conversation_id is None or row.op == DeliveryOp.SEND):
            chat = (stored.get("conversation") or {}).get("id") or row.recipient_key
            return stored, chat, None
        base = stored or fallback
        if row.conversation_id and base is not None:
            return personal_of(base, row.conversation_id), row.conversation_id, None
        return None, row.recipient_key, "no conversation with the recipient"

    def _forget_paced(self, now: float) -> None:
        """Drop pacing marks that lie in the past (they limit nothing any more)."""
        if len(self._paced) > 4 * self.options.batch:
            self._paced = {key: at for key, at in self._paced.items() if at > now}

    # ----------------------------------------------------------------------------------------- sending
    async def _dispatch(self, batch: list[_Work]) -> None:
        """Start each send at its slot (moved back by pauses since it was taken); rows left when stopping go back."""
        loop = asyncio.get_running_loop()
        gap = 1.0 / self.options.rate
        for index, item in enumerate(batch):
            if item.problem is not None:
                self._spawn(self._give_up(item))
                continue
            # Sends that fell behind their slots (a stall of this process) catch up at the full rate, not in a burst:
            # a burst of late sends is more than the limit in a window, and the platform's 429s cost far more. The
            # spacing runs on planned times, at most CATCH_UP behind now, so the loop's own latency never adds up.
            at = max(
                item.at + (self._shift - item.shift),
                self._started.get(item.budget, 0.0) + gap,
                loop.time() - CATCH_UP,
            )
            while not self._stopping:
                wait = at - loop.time()
                if wait <= 0:
                    break
                if wait < 0.05:  # the usual pace: a plain sleep, cheaper than a wait the stop can cut short
                    await asyncio.sleep(wait)
                    continue
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), wait)
            if self._stopping:
                await self._put_back([i for i in batch[index:] if i.problem is None])
                for rest in batch[index:]:
                    if rest.problem is not None:
                        self._spawn(self._give_up(rest))
                return
            await self._slots.acquire()
            self._started[item.budget] = at
            self._spawn(self._send(item), holds_slot=True)

    def _spawn(self, coroutine: Awaitable[None], *, holds_slot: bool = False) -> None:
        task = asyncio.ensure_future(coroutine)
        self._in_flight.add(task)

        def done(finished: asyncio.Future) -> None:
            self._in_flight.discard(task)
            if holds_slot:
                self._slots.release()
            if not finished.cancelled() and finished.exception() is not None:
                log.error("fan-out: a send failed unexpectedly", exc_info=finished.exception())

        task.add_done_callback(done)

    async def _put_back(self, items: list[_Work]) -> None:
        """Rows claimed but not sent (the engine stops): due again at once for any instance, the attempt not counted."""
        if items:
            async with self.db.transaction() as session:
                await DeliveryRepository(session).release([item.row.id for item in items], self.options.worker_id)

    async def _give_up(self, item: _Work) -> None:
        await self._record(
            Outcome(item.row.id, "failed", item.row.op or "", error=item.problem), item.row.announcement_id
        )

    async def _send(self, item: _Work) -> None:
        """Carry out one row's op and record what happened (holding the slot until it is committed)."""
        outcome = await self._carry_out(item)
        await self._record(outcome, item.row.announcement_id)

    async def _carry_out(self, item: _Work) -> Outcome:
        row, announcement, reference = item.row, item.announcement, item.reference
        assert announcement is not None and reference is not None, "rows with a problem are not sent"
        op = row.op or ""
        try:
            if op == DeliveryOp.DELETE:
                await self.messenger.delete(reference, row.conversation_id or "", row.activity_id or "")
                self.sent += 1
                return Outcome(row.id, "recalled", op)
            card = self.render(announcement, row)
            if op == DeliveryOp.UPDATE:
                await self.messenger.update(reference, row.conversation_id or "", row.activity_id or "", card=card)
                posted_conversation, posted_activity = row.conversation_id, row.activity_id
            elif row.recipient_kind == RecipientKind.CHANNEL:
                posted = await self.messenger.start_thread(reference, row.recipient_key, card=card)
                posted_conversation, posted_activity = posted.conversation_id, posted.activity_id
            else:
                posted = await self.messenger.send(reference, card=card)
                posted_conversation, posted_activity = posted.conversation_id, posted.activity_id
            self.sent += 1
            return Outcome(
                row.id,
                "sent",
                op,
                conversation_id=posted_conversation,
                activity_id=posted_activity,
                revision=announcement.revision,
            )
        except DeliveryError as error:
            return self._failed(item, error)
        except Exception as error:  # a bug or the unforeseen: retried like a transient failure, then dead-lettered
            log.exception("fan-out: delivery %s (%s) failed unexpectedly", row.id, op)
            return self._failed(item, DeliveryError(f"{type(error).__name__}: {error}", transient=True))

    def _failed(self, item: _Work, error: DeliveryError) -> Outcome:
        """What a refused send becomes: throttled (wait, budget pushed), retried with back-off, or given up."""
        row = item.row
        op = row.op or ""
        message = str(error)
        now = self.clock()
        if op == DeliveryOp.DELETE and error.status == GONE:
            return Outcome(row.id, "recalled", op)  # already gone: recalled all the same
        if error.status == THROTTLED:
            wait = min(error.retry_after if error.retry_after is not None else self.options.base_delay, 60.0)
            self._throttled(item.budget, wait)
            return Outcome(row.id, "retry", op, run_at=now + timedelta(seconds=wait), error=message, refund=True)
        if not error.transient:
            return Outcome(row.id, "failed", op, error=message)
        if row.attempts >= self.options.max_attempts:
            return Outcome(row.id, "failed", op, error=f"gave up after {row.attempts} attempts: {message}")
        delay = self.retry_delay(row.attempts, error.retry_after)
        return Outcome(row.id, "retry", op, run_at=now + timedelta(seconds=delay), error=message)

    def _throttled(self, budget: str, wait: float) -> None:
        """Pause sending here until `wait` seconds from now (pauses that overlap count once), and move the shared
        budget back as far, so other instances wait too and the slots already taken still fit."""
        now = asyncio.get_running_loop().time()
        extra = max(0.0, now + wait - max(self._pause_end, now))
        self._pause_end = max(self._pause_end, now + wait)
        if extra > 0:
            self._shift += extra
            self._pushes[budget] = self._pushes.get(budget, 0.0) + extra
            log.info("fan-out: throttled by the Bot Connector; pausing %.3fs", extra)

    def retry_delay(self, attempts: int, retry_after: float | None) -> float:
        """Retry-After when given, else exponential back-off from base_delay with jitter (0.5x to 1.5x)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.options.max_delay)
        delay = self.options.base_delay * (2 ** max(attempts - 1, 0)) * (0.5 + random.random())
        return min(delay, self.options.max_delay)

    # --------------------------------------------------------------------------------------- recording
    async def _record(self, outcome: Outcome, announcement_id: int) -> None:
        """Queue an outcome and wait until it is committed: outcomes queued meanwhile go in the same transaction."""
        future = asyncio.get_running_loop().create_future()
        self._queue.append((outcome, announcement_id, future))
        if self._recorder is None or self._recorder.done():
            self._recorder = asyncio.create_task(self._write_queued(), name="vraagbaak-fanout-record")
        await future

    async def _write_queued(self) -> None:
        failures = 0
        while self._queue:
            taken, self._queue = self._queue, []
            pushes, self._pushes = self._pushes, {}
            try:
                await self._write([outcome for outcome, _, _ in taken], {a for _, a, _ in taken}, pushes)
            except Exception as error:
                failures += 1
                if failures <= 5 and not isinstance(error, asyncio.CancelledError):
                    if not isinstance(error, StorageUnavailable):
                        log.exception("fan-out: recording %d outcomes failed; trying again", len(taken))
                    self._queue[:0] = taken
                    for key, seconds in pushes.items():
                        self._pushes[key] = self._pushes.get(key, 0.0) + seconds
                    await asyncio.sleep(0.2 * failures)
                    continue
                log.error("fan-out: %d outcomes not recorded; their rows are sent again after the lease", len(taken))
            for _, _, future in taken:
                if not future.done():
                    future.set_result(None)
            self._poller.wake()  # a card sent while its announcement changed is due again

    async def _write(self, outcomes: list[Outcome], announcements: set[int], pushes: dict[str, float]) -> None:
        async with self.db.transaction() as session:
            repo = DeliveryRepository(session)
            now = self.clock()
            await repo.record(self.options.worker_id, now, outcomes)
            for key, seconds in pushes.items():
                await repo.push(key, seconds, now)
            if self.on_recorded is not None:
                await self.on_recorded(session, announcements)
