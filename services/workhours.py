"""Response targets for key-user tickets, counted in Dutch working time.

Pure module: no I/O, only the standard library and zoneinfo.

Choices:
- Holidays are the Dutch public holidays as municipalities observe them: Nieuwjaarsdag (1 January),
  Eerste and Tweede Paasdag, Koningsdag, Bevrijdingsdag, Hemelvaartsdag, Eerste and Tweede Pinksterdag,
  Eerste and Tweede Kerstdag. Easter comes from the anonymous Gregorian algorithm.
- Goede Vrijdag is a national holiday, but most municipalities work, so it is off only with `good_friday`.
- Bevrijdingsdag (5 May) is off every year, not only in lustrum years: the cao Gemeenten gives it yearly.
- Koningsdag is 27 April, or 26 April when the 27th is a Sunday (the rule since 2014, applied to every year).
- A holiday on a weekend gives no day off in lieu; `extra_closed` adds a municipality's own closed days.
- Working time runs from `start` (inclusive) to `end` each working day; a target that is reached exactly
  at closing time ends at `end` that day, and a start outside hours counts from the next opening.
- All arithmetic is done on the local wall clock and converted to UTC at the end, so DST changes neither
  shift office hours nor add or lose working minutes (office hours never contain the 02:00-03:00 switch).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

MINUTE = timedelta(minutes=1)
UTC = timezone.utc


def _easter(year: int) -> date:
    """Easter Sunday of `year` by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    shift = (32 + 2 * e + 2 * i - h - k) % 7  # "l" in the published algorithm
    m = (a + 11 * h + 22 * shift) // 451
    month, day = divmod(h + shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=256)
def _holidays(year: int, good_friday: bool) -> frozenset[date]:
    """Cached holidays of `year`; see dutch_holidays."""
    easter = _easter(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    days = {
        date(year, 1, 1),
        easter,
        easter + timedelta(days=1),
        kings_day,
        date(year, 5, 5),
        easter + timedelta(days=39),
        easter + timedelta(days=49),
        easter + timedelta(days=50),
        date(year, 12, 25),
        date(year, 12, 26),
    }
    if good_friday:
        days.add(easter - timedelta(days=2))
    return frozenset(days)


def dutch_holidays(year: int, *, good_friday: bool = False) -> set[date]:
    """Dutch public holidays of `year` as municipalities observe them (Goede Vrijdag only if asked)."""
    return set(_holidays(year, good_friday))


def _require_aware(value: datetime, name: str) -> None:
    """Refuse a naive datetime: working time needs to know where the moment is."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got naive {value.isoformat()}")


@dataclass(frozen=True)
class WorkingHours:
    """Dutch office hours of a municipality."""

    start: time = time(8, 30)
    """Opening time on a working day (local wall clock)."""
    end: time = time(17, 0)
    """Closing time on a working day (local wall clock), after `start`."""
    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    """Weekdays the office is open, Monday=0."""
    timezone: str = "Europe/Amsterdam"
    """IANA time zone the office hours are in."""
    good_friday: bool = False
    """Whether Goede Vrijdag is off: a national holiday, but most municipalities work."""
    extra_closed: frozenset[date] = frozenset()
    """Further closed days, e.g. a municipality's bridge days."""

    def __post_init__(self) -> None:
        """Check the hours and freeze the collections."""
        object.__setattr__(self, "days", frozenset(self.days))
        object.__setattr__(self, "extra_closed", frozenset(self.extra_closed))
        if self.start >= self.end:
            raise ValueError(f"start {self.start} must be before end {self.end}")
        if not self.days or not self.days <= set(range(7)):
            raise ValueError(f"days must be a non-empty set of weekdays 0-6, got {sorted(self.days)}")
        ZoneInfo(self.timezone)  # raises for an unknown zone

    def is_holiday(self, day: date) -> bool:
        """Whether `day` is a public holiday (as configured) or one of `extra_closed`."""
        return day in self.extra_closed or day in _holidays(day.year, self.good_friday)

    def is_working_day(self, day: date) -> bool:
        """Whether the office is open on `day`."""
        return day.weekday() in self.days and not self.is_holiday(day)

    def working_day_minutes(self) -> int:
        """Minutes in one working day (510 by default)."""
        return int(self._day_length() // MINUTE)

    def add(self, start: datetime, minutes: int) -> datetime:
        """The UTC moment `minutes` of working time after `start`, counting from the next opening."""
        _require_aware(start, "start")
        if minutes < 0:
            raise ValueError(f"minutes must not be negative, got {minutes}")
        return self._advance(start, timedelta(minutes=minutes))

    def add_days(self, start: datetime, days: float) -> datetime:
        """The UTC moment `days` working days (of working_day_minutes()) after `start`."""
        _require_aware(start, "start")
        if days < 0:
            raise ValueError(f"days must not be negative, got {days}")
        return self._advance(start, days * self._day_length())

    def elapsed(self, start: datetime, end: datetime) -> int:
        """Whole working minutes between two aware datetimes (0 if end <= start)."""
        _require_aware(start, "start")
        _require_aware(end, "end")
        if end <= start:
            return 0
        first, last = self._local(start), self._local(end)
        total = timedelta()
        day = first.date()
        while day <= last.date():
            if self.is_working_day(day):
                opening, closing = self._opening(day), self._closing(day)
                span = min(closing, last) - max(opening, first)
                total += max(span, timedelta())
            day += timedelta(days=1)
        return int(total // MINUTE)

    def _advance(self, start: datetime, remaining: timedelta) -> datetime:
        """Walk `remaining` working time forward from `start`, whole days at a time."""
        cursor = self._local(start)
        day = cursor.date()
        if not self.is_working_day(day) or cursor >= self._closing(day):
            day = self._next_working_day(day)
            cursor = self._opening(day)
        cursor = max(cursor, self._opening(day))
        available = self._closing(day) - cursor
        if remaining > available:
            remaining -= available
            day = self._next_working_day(day)
            day_length = self._day_length()
            while remaining > day_length:
                remaining -= day_length
                day = self._next_working_day(day)
            cursor = self._opening(day)
        return self._utc(cursor + remaining)

    def _next_working_day(self, day: date) -> date:
        """The first working day after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def _day_length(self) -> timedelta:
        """Length of one working day."""
        return datetime.combine(date.min, self.end) - datetime.combine(date.min, self.start)

    def _opening(self, day: date) -> datetime:
        """Naive local opening moment of `day`."""
        return datetime.combine(day, self.start)

    def _closing(self, day: date) -> datetime:
        """Naive local closing moment of `day`."""
        return datetime.combine(day, self.end)

    def _local(self, moment: datetime) -> datetime:
        """`moment` as a naive local wall-clock time."""
        return moment.astimezone(ZoneInfo(self.timezone)).replace(tzinfo=None)

    def _utc(self, local: datetime) -> datetime:
        """A naive local wall-clock time as an aware UTC datetime."""
        return local.replace(tzinfo=ZoneInfo(self.timezone)).astimezone(UTC)
