"""Working-time arithmetic for key-user ticket targets: Dutch holidays, office hours, DST and the inverse of add."""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from services.workhours import WorkingHours, dutch_holidays

AMS = ZoneInfo("Europe/Amsterdam")
UTC = timezone.utc
HOURS = WorkingHours()


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware Amsterdam datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=AMS)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware UTC datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def reference_elapsed(hours: WorkingHours, start: datetime, end: datetime) -> int:
    """Working minutes counted one real minute at a time: slow, but independent of the module's day logic."""
    count, moment = 0, start.astimezone(UTC)
    while moment < end:
        wall = moment.astimezone(ZoneInfo(hours.timezone))
        if hours.is_working_day(wall.date()) and hours.start <= wall.time() < hours.end:
            count += 1
        moment += timedelta(minutes=1)
    return count


# Holidays ------------------------------------------------------------------------------------------------

KNOWN_HOLIDAYS = {
    2025: [(1, 1), (4, 20), (4, 21), (4, 26), (5, 5), (5, 29), (6, 8), (6, 9), (12, 25), (12, 26)],
    2026: [(1, 1), (4, 5), (4, 6), (4, 27), (5, 5), (5, 14), (5, 24), (5, 25), (12, 25), (12, 26)],
    2027: [(1, 1), (3, 28), (3, 29), (4, 27), (5, 5), (5, 6), (5, 16), (5, 17), (12, 25), (12, 26)],
}
GOOD_FRIDAYS = {2025: date(2025, 4, 18), 2026: date(2026, 4, 3), 2027: date(2027, 3, 26)}


@pytest.mark.parametrize("year", sorted(KNOWN_HOLIDAYS))
def test_holidays_match_the_known_dates(year):
    assert dutch_holidays(year) == {date(year, month, day) for month, day in KNOWN_HOLIDAYS[year]}


@pytest.mark.parametrize("year", sorted(GOOD_FRIDAYS))
def test_good_friday_only_when_asked(year):
    assert GOOD_FRIDAYS[year] not in dutch_holidays(year)
    assert dutch_holidays(year, good_friday=True) == dutch_holidays(year) | {GOOD_FRIDAYS[year]}


def test_kings_day_moves_to_saturday_only_when_the_27th_is_a_sunday():
    assert date(2025, 4, 27).weekday() == 6
    assert date(2025, 4, 26) in dutch_holidays(2025) and date(2025, 4, 27) not in dutch_holidays(2025)
    assert date(2026, 4, 27) in dutch_holidays(2026)
    assert date(2020, 4, 27) in dutch_holidays(2020)  # a Monday
    assert date(2024, 4, 27).weekday() == 5 and date(2024, 4, 27) in dutch_holidays(2024)  # Saturday stays
    assert date(2024, 4, 26) not in dutch_holidays(2024) and date(2026, 4, 26) not in dutch_holidays(2026)


@pytest.mark.parametrize(
    "easter",
    [
        date(1954, 4, 18),
        date(1981, 4, 19),  # the algorithm's rare correction
        date(2008, 3, 23),
        date(2011, 4, 24),
        date(2019, 4, 21),
        date(2024, 3, 31),
        date(2038, 4, 25),
        date(2285, 3, 22),
    ],
)
def test_easter_including_the_earliest_and_latest_dates(easter):
    holidays = dutch_holidays(easter.year)
    assert easter in holidays and easter + timedelta(days=1) in holidays
    assert easter + timedelta(days=39) in holidays  # Hemelvaartsdag, a Thursday
    assert (easter + timedelta(days=39)).weekday() == 3


def test_liberation_day_every_year():
    assert all(date(year, 5, 5) in dutch_holidays(year) for year in range(2020, 2031))


def test_result_is_a_fresh_set():
    dutch_holidays(2025).add(date(2025, 7, 1))
    assert date(2025, 7, 1) not in dutch_holidays(2025)


def test_working_day_and_holiday_checks():
    assert HOURS.is_holiday(date(2026, 5, 14)) and not HOURS.is_working_day(date(2026, 5, 14))
    assert not HOURS.is_holiday(date(2026, 5, 16)) and not HOURS.is_working_day(date(2026, 5, 16))
    assert HOURS.is_working_day(date(2026, 5, 15))
    assert HOURS.working_day_minutes() == 510


# add -----------------------------------------------------------------------------------------------------


def test_result_is_aware_utc():
    result = HOURS.add(local(2025, 11, 17, 10), 30)
    assert result.tzinfo is UTC and result == utc(2025, 11, 17, 9, 30)


def test_across_a_weekend():
    # Friday 14 November 2025 16:00 + 120 minutes: 60 on Friday, 60 on Monday.
    assert HOURS.add(local(2025, 11, 14, 16), 120) == local(2025, 11, 17, 9, 30)


def test_friday_afternoon_plus_one_working_day():
    assert HOURS.add_days(local(2025, 11, 14, 16), 1) == local(2025, 11, 17, 16)
    assert HOURS.add(local(2025, 11, 14, 16), 510) == local(2025, 11, 17, 16)


def test_friday_before_whit_monday_plus_one_working_day():
    assert HOURS.add_days(local(2025, 6, 6, 16), 1) == local(2025, 6, 10, 16)


def test_across_christmas_and_new_year():
    # Wednesday 24 December 2025 16:00 + 4 days: 60 minutes, then 29, 30 and 31 December, then 2 January.
    assert HOURS.add_days(local(2025, 12, 24, 16), 4) == local(2026, 1, 2, 16)
    assert HOURS.add(local(2025, 12, 24, 16, 30), 60) == local(2025, 12, 29, 9)


def test_from_saturday_counts_from_monday_opening():
    assert HOURS.add(local(2025, 11, 15, 11), 60) == local(2025, 11, 17, 9, 30)
    assert HOURS.add(local(2025, 11, 15, 11), 0) == local(2025, 11, 17, 8, 30)


def test_before_opening():
    assert HOURS.add(local(2025, 11, 18, 7), 30) == local(2025, 11, 18, 9)
    assert HOURS.add(local(2025, 11, 18, 0, 0), 0) == local(2025, 11, 18, 8, 30)


def test_exactly_at_closing():
    assert HOURS.add(local(2025, 11, 17, 17), 0) == local(2025, 11, 18, 8, 30)
    assert HOURS.add(local(2025, 11, 17, 17), 30) == local(2025, 11, 18, 9)
    assert HOURS.add(local(2025, 11, 17, 16), 60) == local(2025, 11, 17, 17)  # reached at closing, same day
    assert HOURS.add(local(2025, 11, 17, 16, 59), 2) == local(2025, 11, 18, 8, 31)


def test_zero_minutes_inside_hours_is_the_same_moment():
    start = local(2025, 11, 17, 10, 17)
    assert HOURS.add(start, 0) == start


def test_start_in_another_zone():
    # 07:00 UTC on a winter Monday is 08:00 in Amsterdam: still before opening.
    assert HOURS.add(utc(2025, 11, 17, 7), 60) == utc(2025, 11, 17, 8, 30)


def test_across_spring_dst_change():
    # Friday 28 March 2025 16:30 CET (UTC+1) + 60: Monday 31 March 09:00 CEST (UTC+2).
    assert HOURS.add(local(2025, 3, 28, 16, 30), 60) == utc(2025, 3, 31, 7)
    assert HOURS.elapsed(local(2025, 3, 28, 16, 30), utc(2025, 3, 31, 7)) == 60


def test_across_autumn_dst_change():
    # Friday 24 October 2025 16:30 CEST (UTC+2) + 60: Monday 27 October 09:00 CET (UTC+1).
    assert HOURS.add(local(2025, 10, 24, 16, 30), 60) == utc(2025, 10, 27, 8)
    assert HOURS.elapsed(local(2025, 10, 24, 16, 30), utc(2025, 10, 27, 8)) == 60


def test_weekend_office_hours_over_dst_change():
    # Working on Sunday 30 March 2025 (the switch day) still means 08:30-17:00 on the wall clock.
    weekly = WorkingHours(days=frozenset(range(7)))
    assert weekly.add(local(2025, 3, 29, 16, 30), 60) == utc(2025, 3, 30, 7)
    assert weekly.elapsed(utc(2025, 3, 29, 0), utc(2025, 3, 31, 0)) == 2 * 510


def test_add_days_fraction():
    assert HOURS.add_days(local(2025, 11, 17, 8, 30), 0.5) == local(2025, 11, 17, 12, 45)
    assert HOURS.add_days(local(2025, 11, 17, 8, 30), 1.5) == local(2025, 11, 18, 12, 45)


def test_ten_years_is_instant_and_exact():
    start = local(2025, 1, 2, 9)
    began = clock.perf_counter()
    result = HOURS.add_days(start, 2500)
    assert clock.perf_counter() - began < 0.5
    assert HOURS.elapsed(start, result) == 2500 * 510
    assert date(2034, 9, 1) < result.date() < date(2035, 1, 1)  # about 253 working days a year


def test_negative_minutes_refused():
    with pytest.raises(ValueError):
        HOURS.add(local(2025, 11, 17, 10), -1)


@pytest.mark.parametrize(
    "call",
    [
        lambda: HOURS.add(datetime(2025, 11, 17, 10), 30),
        lambda: HOURS.add_days(datetime(2025, 11, 17, 10), 1),
        lambda: HOURS.elapsed(datetime(2025, 11, 17, 10), local(2025, 11, 18)),
        lambda: HOURS.elapsed(local(2025, 11, 17), datetime(2025, 11, 18, 10)),
    ],
)
def test_naive_datetime_refused(call):
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


# elapsed -------------------------------------------------------------------------------------------------


def test_elapsed_basics():
    assert HOURS.elapsed(local(2025, 11, 17, 10), local(2025, 11, 17, 9)) == 0
    assert HOURS.elapsed(local(2025, 11, 17, 10), local(2025, 11, 17, 10)) == 0
    assert HOURS.elapsed(local(2025, 11, 15, 0), local(2025, 11, 17, 0)) == 0  # a weekend
    assert HOURS.elapsed(local(2025, 11, 17, 0), local(2025, 11, 24, 0)) == 5 * 510
    assert HOURS.elapsed(local(2025, 12, 22, 0), local(2025, 12, 29, 0)) == 3 * 510  # Kerst on Thu and Fri


def test_elapsed_inverts_add_over_many_starts():
    # Starts every 37 minutes for three weeks around the autumn DST change, Kerst-free but weekend-rich.
    start = local(2025, 10, 13, 0, 5)
    amounts = [0, 1, 29, 59, 300, 509, 510, 511, 1234, 5000]
    checked = 0
    while start < local(2025, 11, 3):
        for minutes in amounts:
            end = HOURS.add(start, minutes)
            assert end >= start or minutes == 0
            assert HOURS.elapsed(start, end) == minutes, (start, minutes, end)
            if minutes:
                assert HOURS.elapsed(start, end - timedelta(minutes=1)) == minutes - 1
        start += timedelta(minutes=37)
        checked += 1
    assert checked > 800


def test_elapsed_and_add_over_holidays_and_spring_dst():
    start = local(2025, 3, 27, 6, 11)
    while start < local(2025, 4, 25):
        for minutes in (1, 510, 2000):
            assert HOURS.elapsed(start, HOURS.add(start, minutes)) == minutes
        start += timedelta(minutes=113)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (local(2025, 3, 28, 12, 7), local(2025, 4, 1, 10, 3)),  # spring DST
        (local(2025, 10, 24, 15, 0), utc(2025, 10, 28, 9, 41)),  # autumn DST
        (local(2025, 12, 24, 16, 45), local(2025, 12, 29, 9, 15)),  # Kerst
        (local(2026, 5, 13, 9, 0), local(2026, 5, 18, 12, 0)),  # Hemelvaart
        (local(2025, 11, 17, 17, 0), local(2025, 11, 18, 8, 30)),  # closing to opening
    ],
)
def test_elapsed_matches_minute_by_minute_count(start, end):
    assert HOURS.elapsed(start, end) == reference_elapsed(HOURS, start, end)


# custom hours --------------------------------------------------------------------------------------------


def test_custom_hours_and_days():
    hours = WorkingHours(start=time(9), end=time(12), days=frozenset({0, 1, 2, 3}))
    assert hours.working_day_minutes() == 180
    # Thursday 20 November 2025 11:00 + 120: 60 on Thursday, Friday closed, 60 on Monday.
    assert hours.add(local(2025, 11, 20, 11), 120) == local(2025, 11, 24, 10)
    assert hours.add_days(local(2025, 11, 20, 9), 2) == local(2025, 11, 24, 12)
    assert hours.elapsed(local(2025, 11, 20, 0), local(2025, 11, 25, 0)) == 2 * 180


def test_extra_closed_bridge_day():
    bridge = WorkingHours(extra_closed=frozenset({date(2025, 5, 30)}))
    start = local(2025, 5, 28, 16)  # Wednesday before Hemelvaart (29 May)
    assert HOURS.add(start, 120) == local(2025, 5, 30, 9, 30)
    assert bridge.add(start, 120) == local(2025, 6, 2, 9, 30)
    assert bridge.is_holiday(date(2025, 5, 30)) and not bridge.is_working_day(date(2025, 5, 30))


def test_good_friday_closed():
    start = local(2025, 4, 17, 16)  # Thursday before Goede Vrijdag
    assert HOURS.add(start, 120) == local(2025, 4, 18, 9, 30)
    assert WorkingHours(good_friday=True).add(start, 120) == local(2025, 4, 22, 9, 30)


def test_other_time_zone():
    london = WorkingHours(timezone="Europe/London")
    assert london.add(utc(2025, 11, 17, 8), 60) == utc(2025, 11, 17, 9, 30)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"start": time(17), "end": time(8, 30)},
        {"start": time(9), "end": time(9)},
        {"days": frozenset()},
        {"days": frozenset({7})},
    ],
)
def test_invalid_hours_refused(kwargs):
    with pytest.raises(ValueError):
        WorkingHours(**kwargs)
