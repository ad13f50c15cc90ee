"""The time the services run on: passed in, so tests can move it by hand (tests/support/clock.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from storage.models import utcnow


class Clock(Protocol):
    """Returns the current moment, timezone-aware (UTC)."""

    def __call__(self) -> datetime: ...


REAL_CLOCK: Clock = utcnow
"""The system's time in UTC; what every service uses unless given another clock."""
