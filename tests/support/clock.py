"""A clock tests move by hand, for jobs, timers and working hours."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

START = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
"""Monday 2 March 2026, 09:00 in Amsterdam: a working day."""


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Paced:
    """A clock that the code's own sleeps move: each wait is recorded exactly and no test waits."""

    def __init__(self) -> None:
        self.clock = Clock()
        self.waits: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.waits.append(round(seconds, 6))
        self.clock.advance(seconds=seconds)
