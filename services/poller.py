"""The loop of a durable worker (the job worker, the fan-out engine): run what is due, then wait for a local wake-up,
the next due moment, or the poll interval (work another instance wrote), whichever comes first."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Protocol

from services.clock import REAL_CLOCK, Clock
from storage import Database, Session, StorageUnavailable

log = logging.getLogger(__name__)


class PollOptions(Protocol):
    """How often to look when nothing wakes the loop, and how long to let pass after a wake-up."""

    poll_interval: float
    wake_delay: float


class Poller:
    """Runs `run_due` until stopped; between rounds that did nothing it waits as described above."""

    def __init__(
        self,
        name: str,
        db: Database,
        run_due: Callable[[], Awaitable[int]],
        next_due: Callable[[Session], Awaitable[datetime | None]],
        options: PollOptions,
        *,
        clock: Clock = REAL_CLOCK,
        first: Callable[[], Awaitable[object]] | None = None,
    ) -> None:
        self.name = name
        self.db = db
        self.run_due = run_due
        self.next_due = next_due
        self.options = options
        self.clock = clock
        self.first = first
        """Runs once before the first round (recovery); its failure is left to the rounds."""
        self.stopping = False
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def wake(self) -> None:
        """New work was committed by this instance: look at once."""
        self._wake.set()

    def start(self) -> None:
        """Run in the background on the current loop."""
        if self._task is None:
            self.stopping = False
            self._task = asyncio.create_task(self._loop(), name=self.name)

    async def stop(self) -> None:
        """Stop after the round in hand."""
        self.stopping = True
        self._wake.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        if self.first is not None:
            with contextlib.suppress(Exception):  # the database logged why; the rounds retry it
                await self.first()
        while not self.stopping:
            self._wake.clear()  # before looking: a wake() from here on means new work, never lost
            try:
                done = await self.run_due()
            except StorageUnavailable:  # the database logged why, once; the work waits in it
                done = 0
            except Exception:
                log.exception("%s: a round failed; trying again", self.name)
                done = 0
            if done or self.stopping:
                continue
            timeout = self.options.poll_interval
            with contextlib.suppress(Exception):
                async with self.db.read() as session:
                    next_at = await self.next_due(session)
                if next_at is not None:
                    timeout = min(timeout, max((next_at - self.clock()).total_seconds(), 0.0))
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
                await asyncio.sleep(self.options.wake_delay)
