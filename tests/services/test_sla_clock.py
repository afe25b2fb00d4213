"""The business-time SLA clock: deadlines and elapsed business time against hand-worked calendars.

Dates used (2027): Mon 15 - Sun 21 March is an ordinary week; Russian days off are Jan 1-8, Feb 22-23,
Mar 8, May 1, 3, 9, 10, Jun 12, 14, Nov 4-5 and Dec 31 (and Dec 31, 2026), with Saturday Feb 20 a
transferred working day. Europe/Berlin switches on 2027-03-28 and 2027-10-31 (at 01:00 UTC),
America/New_York on 2027-03-14 and 2027-11-07 (at 02:00 local).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.services.sla import (
    TWENTY_FOUR_SEVEN_HOURS,
    BusinessCalendar,
    NoWorkingTimeError,
    Pause,
    add_business_time,
    business_time_between,
    country_holidays,
    production_calendar,
)

MSK = ZoneInfo("Europe/Moscow")
VLAT = ZoneInfo("Asia/Vladivostok")
BER = ZoneInfo("Europe/Berlin")
NYC = ZoneInfo("America/New_York")

DAY = [("09:00", "13:00"), ("14:00", "18:00")]
OFFICE = {weekday: DAY for weekday in range(5)}
NIGHTS = {weekday: [("00:00", "06:00"), ("22:00", "24:00")] for weekday in range(7)}
RU_2027 = frozenset(
    {
        date(2026, 12, 31),
        *(date(2027, 1, day) for day in range(1, 9)),
        date(2027, 2, 22),
        date(2027, 2, 23),
        date(2027, 3, 8),
        date(2027, 5, 1),
        date(2027, 5, 3),
        date(2027, 5, 9),
        date(2027, 5, 10),
        date(2027, 6, 12),
        date(2027, 6, 14),
        date(2027, 11, 4),
        date(2027, 11, 5),
        date(2027, 12, 31),
    }
)
RU = BusinessCalendar("Europe/Moscow", OFFICE, RU_2027, {date(2027, 2, 20): DAY})
H = timedelta(hours=1)
M = timedelta(minutes=1)


def msk(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2027) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MSK)


def at(result: datetime | None) -> str:
    """The deadline as ISO text: both the instant and the wall clock/offset it is shown in."""
    assert result is not None
    return result.isoformat()


# --- deadlines on an office calendar ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (msk(3, 15, 10), H, "2027-03-15T11:00:00+03:00"),
        (msk(3, 15, 12, 30), H, "2027-03-15T14:30:00+03:00"),  # over lunch
        (msk(3, 15, 12), H, "2027-03-15T13:00:00+03:00"),  # ends on the lunch break: that end
        (msk(3, 15, 17), H, "2027-03-15T18:00:00+03:00"),  # ends at closing: that evening
        (msk(3, 15, 9), 4 * H, "2027-03-15T13:00:00+03:00"),
        (msk(3, 15, 9), 8 * H, "2027-03-15T18:00:00+03:00"),
        (msk(3, 15, 17, 30), H, "2027-03-16T09:30:00+03:00"),
        (msk(3, 15, 7), H, "2027-03-15T10:00:00+03:00"),  # before opening
        (msk(3, 15, 13, 30), 30 * M, "2027-03-15T14:30:00+03:00"),  # during lunch
        (msk(3, 15, 13), H, "2027-03-15T15:00:00+03:00"),  # at the start of lunch
        (msk(3, 15, 18), H, "2027-03-16T10:00:00+03:00"),  # at closing time
        (msk(3, 15, 19), 30 * M, "2027-03-16T09:30:00+03:00"),  # after closing
        (msk(3, 19, 17), 2 * H, "2027-03-22T10:00:00+03:00"),  # over the weekend
        (msk(3, 20, 11), H, "2027-03-22T10:00:00+03:00"),  # started on Saturday
        (msk(3, 21, 23, 59), M, "2027-03-22T09:01:00+03:00"),  # started late on Sunday
        (msk(3, 15, 9), 40 * H, "2027-03-19T18:00:00+03:00"),  # a whole week ends on Friday evening
        (msk(3, 15, 9), 40 * H + M, "2027-03-22T09:01:00+03:00"),
        (msk(3, 15, 10), timedelta(microseconds=1), "2027-03-15T10:00:00.000001+03:00"),
        (msk(3, 15, 10).replace(second=30, microsecond=123456), 2 * H, "2027-03-15T12:00:30.123456+03:00"),
    ],
)
def test_deadline_in_office_hours(start: datetime, duration: timedelta, expected: str) -> None:
    assert at(add_business_time(RU, start, duration)) == expected


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (msk(3, 5, 17), 2 * H, "2027-03-09T10:00:00+03:00"),  # Mon 8 March is a holiday
        (msk(3, 8, 10), H, "2027-03-09T10:00:00+03:00"),  # started on the holiday
        (msk(12, 30, 17, year=2026), 2 * H, "2027-01-11T10:00:00+03:00"),  # New Year break
        (msk(4, 30, 17), 2 * H, "2027-05-04T10:00:00+03:00"),  # Sat 1, Sun 2, Mon 3 May off
        (msk(11, 3, 17), 2 * H, "2027-11-08T10:00:00+03:00"),  # Thu 4 and Fri 5 November off
        (msk(2, 19, 17), 2 * H, "2027-02-20T10:00:00+03:00"),  # Saturday 20 February works
        (msk(2, 20, 17), 2 * H, "2027-02-24T10:00:00+03:00"),  # then Mon 22 and Tue 23 are off
    ],
)
def test_deadline_skips_holidays_and_uses_transferred_days(
    start: datetime, duration: timedelta, expected: str
) -> None:
    assert at(add_business_time(RU, start, duration)) == expected


def test_without_the_transferred_day_saturday_does_not_work() -> None:
    calendar = BusinessCalendar("Europe/Moscow", OFFICE, RU_2027)
    assert at(add_business_time(calendar, msk(2, 19, 17), 2 * H)) == "2027-02-24T10:00:00+03:00"


def test_extra_working_day_on_a_sunday_has_its_own_hours() -> None:
    calendar = BusinessCalendar(
        "Europe/Moscow", OFFICE, extra_working_days={date(2027, 3, 21): [("10:00", "12:00")]}
    )
    assert at(add_business_time(calendar, msk(3, 19, 17, 30), H)) == "2027-03-21T10:30:00+03:00"
    assert at(add_business_time(calendar, msk(3, 21, 11), 2 * H)) == "2027-03-22T10:00:00+03:00"


def test_extra_working_day_replaces_the_weekly_hours_of_its_date() -> None:
    calendar = BusinessCalendar(
        "Europe/Moscow", OFFICE, extra_working_days={date(2027, 3, 15): [("12:00", "14:00")]}
    )
    assert at(add_business_time(calendar, msk(3, 15, 9), 3 * H)) == "2027-03-16T10:00:00+03:00"


def test_thirty_business_days() -> None:
    # Business days from Mon 1 March: 1-5, 9-12 (8th off), 15-19, 22-26, 29 Mar-2 Apr, 5-9 and 12 April.
    assert at(add_business_time(RU, msk(3, 1, 9), 30 * 8 * H)) == "2027-04-12T18:00:00+03:00"
    assert business_time_between(RU, msk(3, 1, 9), msk(4, 12, 18)) == 30 * 8 * H


def test_a_thousand_days_on_a_24x7_clock() -> None:
    calendar = BusinessCalendar.twenty_four_seven()
    start = datetime(2027, 1, 1, tzinfo=UTC)
    assert at(add_business_time(calendar, start, timedelta(days=1000))) == "2029-09-27T00:00:00+00:00"


# --- zero durations -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (msk(3, 15, 10), "2027-03-15T10:00:00+03:00"),
        (msk(3, 15, 12, 59), "2027-03-15T12:59:00+03:00"),
        (msk(3, 15, 13), "2027-03-15T14:00:00+03:00"),
        (msk(3, 15, 18), "2027-03-16T09:00:00+03:00"),
        (msk(3, 20, 12), "2027-03-22T09:00:00+03:00"),
        (msk(3, 8, 12), "2027-03-09T09:00:00+03:00"),
    ],
)
def test_zero_duration_is_the_next_working_instant(start: datetime, expected: str) -> None:
    assert at(add_business_time(RU, start, timedelta(0))) == expected


# --- business time between two instants ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (msk(3, 15, 9), msk(3, 15, 18), 8 * H),
        (msk(3, 15, 12), msk(3, 15, 15), 2 * H),
        (msk(3, 15, 13, 15), msk(3, 15, 13, 45), timedelta(0)),
        (msk(3, 19, 17), msk(3, 22, 10), 2 * H),
        (msk(3, 15, 9), msk(3, 22, 9), 40 * H),
        (msk(3, 20), msk(3, 21, 23), timedelta(0)),
        (msk(3, 5, 9), msk(3, 9, 18), 16 * H),  # Mon 8 March is off
        (msk(2, 19, 9), msk(2, 24, 18), 24 * H),  # Fri 19, Sat 20, Wed 24
        (msk(3, 15, 10), msk(3, 15, 10), timedelta(0)),
        (msk(3, 15, 18), msk(3, 15, 10), timedelta(0)),
    ],
)
def test_business_time_between(start: datetime, end: datetime, expected: timedelta) -> None:
    assert business_time_between(RU, start, end) == expected


def test_a_year_has_the_official_number_of_working_days() -> None:
    # The Russian production calendar for 2027 has 247 working days.
    assert business_time_between(RU, msk(1, 1), msk(1, 1, year=2028)) == 247 * 8 * H


# --- pauses -------------------------------------------------------------------------------------------


def pause(begin: datetime, end: datetime | None) -> Pause:
    return (begin, end)


@pytest.mark.parametrize(
    ("start", "duration", "pauses", "expected"),
    [
        (msk(3, 15, 10), 2 * H, [pause(msk(3, 15, 10, 30), msk(3, 15, 11))], "2027-03-15T12:30:00+03:00"),
        (
            msk(3, 15, 10),
            2 * H,
            [pause(msk(3, 15, 10, 30), msk(3, 15, 11)), pause(msk(3, 15, 10, 45), msk(3, 15, 11, 30))],
            "2027-03-15T13:00:00+03:00",  # overlapping pauses stop the clock once, 10:30-11:30
        ),
        (
            msk(3, 15, 10),
            2 * H,
            [pause(msk(3, 15, 10, 30), msk(3, 15, 12)), pause(msk(3, 15, 11), msk(3, 15, 11, 15))],
            "2027-03-15T14:30:00+03:00",  # a pause inside another
        ),
        (
            msk(3, 15, 12),
            2 * H,
            [pause(msk(3, 15, 13), msk(3, 15, 14)), pause(msk(3, 15, 19), msk(3, 15, 22))],
            "2027-03-15T15:00:00+03:00",  # pauses outside working hours change nothing
        ),
        (
            msk(3, 19, 16),
            2 * H,
            [pause(msk(3, 19, 17), msk(3, 22, 10))],
            "2027-03-22T11:00:00+03:00",  # paused from Friday 17:00 to Monday 10:00
        ),
        (msk(3, 15, 10), H, [pause(msk(3, 15, 9), msk(3, 15, 9, 30))], "2027-03-15T11:00:00+03:00"),
        (msk(3, 15, 10), H, [pause(msk(3, 15, 9), msk(3, 15, 10, 30))], "2027-03-15T11:30:00+03:00"),
        (msk(3, 15, 9), 2 * H, [pause(msk(3, 15, 10, 30), msk(3, 15, 15))], "2027-03-15T15:30:00+03:00"),
        (msk(3, 15, 9), 8 * H, [pause(msk(3, 15), msk(3, 17))], "2027-03-17T18:00:00+03:00"),
        (msk(3, 15, 10), 2 * H, [pause(msk(3, 15, 11), msk(3, 15, 11))], "2027-03-15T12:00:00+03:00"),
        (
            msk(3, 15, 10),
            2 * H,
            [pause(datetime(2027, 3, 15, 7, 30, tzinfo=UTC), datetime(2027, 3, 15, 8, tzinfo=UTC))],
            "2027-03-15T12:30:00+03:00",  # the pause given in UTC is 10:30-11:00 in Moscow
        ),
        # An open pause begun before the deadline keeps the clock stopped for good.
        (msk(3, 15, 10), 2 * H, [pause(msk(3, 15, 11), None)], None),
        (msk(3, 15, 10), 2 * H, [pause(msk(3, 15, 10), None)], None),
        (msk(3, 15, 10), 2 * H, [pause(msk(3, 15, 8), None)], None),
        # One begun at or after the deadline comes too late to matter.
        (msk(3, 15, 10), 2 * H, [pause(msk(3, 15, 12, 30), None)], "2027-03-15T12:00:00+03:00"),
        (msk(3, 15, 10), 2 * H, [pause(msk(3, 15, 12), None)], "2027-03-15T12:00:00+03:00"),
        (msk(3, 15, 12), H, [pause(msk(3, 15, 13, 30), None)], "2027-03-15T13:00:00+03:00"),
        (msk(3, 15, 17), 2 * H, [pause(msk(3, 16, 10), None)], "2027-03-16T10:00:00+03:00"),
        # ... unless an earlier pause pushes the deadline past the open pause's begin.
        (
            msk(3, 15, 10),
            2 * H,
            [pause(msk(3, 15, 12, 30), None), pause(msk(3, 15, 10, 30), msk(3, 15, 11, 30))],
            None,
        ),
        # Zero durations: the clock starts when the pause covering the start ends.
        (
            msk(3, 15, 10),
            timedelta(0),
            [pause(msk(3, 15, 9, 30), msk(3, 15, 11))],
            "2027-03-15T11:00:00+03:00",
        ),
        (
            msk(3, 15, 10),
            timedelta(0),
            [pause(msk(3, 15, 9, 30), msk(3, 15, 13, 30))],
            "2027-03-15T14:00:00+03:00",
        ),
        (msk(3, 15, 10), timedelta(0), [pause(msk(3, 15, 11), msk(3, 15, 12))], "2027-03-15T10:00:00+03:00"),
        (msk(3, 15, 10), timedelta(0), [pause(msk(3, 15, 9), None)], None),
    ],
)
def test_deadline_with_pauses(
    start: datetime, duration: timedelta, pauses: list[Pause], expected: str | None
) -> None:
    result = add_business_time(RU, start, duration, pauses)
    assert (result if result is None else result.isoformat()) == expected


def test_pauses_may_be_any_iterable() -> None:
    def pauses() -> Iterator[Pause]:
        yield msk(3, 15, 10, 30), msk(3, 15, 11)

    assert at(add_business_time(RU, msk(3, 15, 10), 2 * H, pauses())) == "2027-03-15T12:30:00+03:00"


@pytest.mark.parametrize(
    ("pauses", "expected"),
    [
        ([pause(msk(3, 15, 10), msk(3, 15, 11))], 7 * H),
        ([pause(msk(3, 15, 10), msk(3, 15, 11)), pause(msk(3, 15, 10, 30), msk(3, 15, 12))], 6 * H),
        ([pause(msk(3, 15, 12, 30), msk(3, 15, 14, 30))], 7 * H),  # across lunch
        ([pause(msk(3, 15, 15), None)], 5 * H),  # an open pause stops the count at its begin
        ([pause(msk(3, 15, 8), None)], timedelta(0)),
        ([pause(msk(3, 14, 10), msk(3, 14, 20)), pause(msk(3, 15, 19), msk(3, 16, 10))], 8 * H),
    ],
)
def test_business_time_between_with_pauses(pauses: list[Pause], expected: timedelta) -> None:
    assert business_time_between(RU, msk(3, 15, 9), msk(3, 15, 18), pauses) == expected


# --- time zones ---------------------------------------------------------------------------------------


def test_start_given_in_utc_gives_a_deadline_in_the_calendar_zone() -> None:
    result = add_business_time(RU, datetime(2027, 3, 15, 6, tzinfo=UTC), H)
    assert at(result) == "2027-03-15T10:00:00+03:00"
    assert result is not None and result.tzinfo == MSK


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (msk(3, 15, 3), H, "2027-03-15T11:00:00+10:00"),  # 03:00 in Moscow is 10:00 in Vladivostok
        (datetime(2027, 3, 19, 17, tzinfo=VLAT), 2 * H, "2027-03-22T10:00:00+10:00"),
        (msk(3, 21, 20), H, "2027-03-22T10:00:00+10:00"),  # Sunday evening in Moscow is Monday there
    ],
)
def test_vladivostok_calendar(start: datetime, duration: timedelta, expected: str) -> None:
    calendar = BusinessCalendar("Asia/Vladivostok", OFFICE)
    assert at(add_business_time(calendar, start, duration)) == expected


def test_berlin_office_with_start_in_utc() -> None:
    calendar = BusinessCalendar("Europe/Berlin", OFFICE)
    start = datetime(2027, 3, 15, 8, tzinfo=UTC)
    assert at(add_business_time(calendar, start, H)) == "2027-03-15T10:00:00+01:00"


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (datetime(2027, 3, 8, 12, tzinfo=UTC), "2027-03-08T10:00:00-05:00"),  # 07:00 EST
        (datetime(2027, 3, 15, 12, tzinfo=UTC), "2027-03-15T10:00:00-04:00"),  # 08:00 EDT
    ],
)
def test_new_york_office_follows_daylight_saving(start: datetime, expected: str) -> None:
    calendar = BusinessCalendar("America/New_York", {weekday: [("09:00", "17:00")] for weekday in range(5)})
    assert at(add_business_time(calendar, start, H)) == expected


def test_utc_office() -> None:
    calendar = BusinessCalendar("UTC", OFFICE)
    # Friday 20:00 in Moscow is 17:00 UTC: one hour left on Friday, two more on Monday.
    assert at(add_business_time(calendar, msk(3, 19, 20), 3 * H)) == "2027-03-22T11:00:00+00:00"


# --- daylight saving ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        ("Europe/Berlin", date(2027, 3, 28), 23 * H),
        ("Europe/Berlin", date(2027, 10, 31), 25 * H),
        ("Europe/Berlin", date(2027, 3, 21), 24 * H),
        ("America/New_York", date(2027, 3, 14), 23 * H),
        ("America/New_York", date(2027, 11, 7), 25 * H),
    ],
)
def test_24x7_day_lasts_its_real_length(zone: str, day: date, expected: timedelta) -> None:
    calendar = BusinessCalendar.twenty_four_seven(zone)
    tz = ZoneInfo(zone)
    following = day + timedelta(days=1)
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    end = datetime(following.year, following.month, following.day, tzinfo=tz)
    assert business_time_between(calendar, start, end) == expected


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (datetime(2027, 3, 27, 12, tzinfo=BER), 24 * H, "2027-03-28T13:00:00+02:00"),
        (datetime(2027, 10, 30, 12, tzinfo=BER), 24 * H, "2027-10-31T11:00:00+01:00"),
        (datetime(2027, 3, 28, 1, 30, tzinfo=BER), H, "2027-03-28T03:30:00+02:00"),
        (datetime(2027, 10, 31, 2, 30, tzinfo=BER), H, "2027-10-31T02:30:00+01:00"),  # the repeated hour
        (datetime(2027, 11, 6, 12, tzinfo=NYC), 24 * H, "2027-11-07T11:00:00-05:00"),
    ],
)
def test_24x7_deadline_is_real_elapsed_time(start: datetime, duration: timedelta, expected: str) -> None:
    calendar = BusinessCalendar.twenty_four_seven(str(start.tzinfo))
    assert at(add_business_time(calendar, start, duration)) == expected


@pytest.mark.parametrize(
    ("zone", "start", "expected"),
    [
        # 22:00-24:00 then 00:00-06:00, of which only 5 real hours on the spring day and 7 in autumn.
        ("Europe/Berlin", datetime(2027, 3, 27, 22, tzinfo=BER), "2027-03-28T05:00:00+02:00"),
        ("Europe/Berlin", datetime(2027, 10, 30, 22, tzinfo=BER), "2027-10-31T03:00:00+01:00"),
        ("Europe/Berlin", datetime(2027, 3, 20, 22, tzinfo=BER), "2027-03-21T04:00:00+01:00"),
        ("America/New_York", datetime(2027, 3, 13, 22, tzinfo=NYC), "2027-03-14T05:00:00-04:00"),
        ("America/New_York", datetime(2027, 11, 6, 22, tzinfo=NYC), "2027-11-07T03:00:00-05:00"),
    ],
)
def test_night_shift_across_the_switch(zone: str, start: datetime, expected: str) -> None:
    calendar = BusinessCalendar(zone, NIGHTS)
    assert at(add_business_time(calendar, start, 6 * H)) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (datetime(2027, 3, 27, 12, tzinfo=BER), datetime(2027, 3, 28, 12, tzinfo=BER), 7 * H),
        (datetime(2027, 10, 30, 12, tzinfo=BER), datetime(2027, 10, 31, 12, tzinfo=BER), 9 * H),
        (datetime(2027, 3, 20, 12, tzinfo=BER), datetime(2027, 3, 21, 12, tzinfo=BER), 8 * H),
    ],
)
def test_night_shift_length_across_the_switch(start: datetime, end: datetime, expected: timedelta) -> None:
    assert business_time_between(BusinessCalendar("Europe/Berlin", NIGHTS), start, end) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 3, 21), timedelta(hours=1, minutes=30)),
        (date(2027, 3, 28), H),  # 02:30 does not exist: the period starts at the switch, 03:00 CEST
        (date(2027, 10, 31), timedelta(hours=2, minutes=30)),  # 02:30 happens twice: the first one counts
    ],
)
def test_period_bounds_that_do_not_exist_or_repeat(day: date, expected: timedelta) -> None:
    calendar = BusinessCalendar("Europe/Berlin", {6: [("02:30", "04:00")]})
    start = datetime(day.year, day.month, day.day, tzinfo=BER)
    assert business_time_between(calendar, start, start + timedelta(days=1)) == expected


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (datetime(2027, 3, 27, 12, tzinfo=BER), 30 * M, "2027-03-28T03:30:00+02:00"),
        (datetime(2027, 10, 30, 12, tzinfo=BER), 30 * M, "2027-10-31T02:00:00+01:00"),  # 03:00 CEST
        (datetime(2027, 10, 30, 12, tzinfo=BER), timedelta(hours=2, minutes=30), "2027-10-31T04:00:00+01:00"),
    ],
)
def test_deadline_in_a_period_with_switching_bounds(
    start: datetime, duration: timedelta, expected: str
) -> None:
    calendar = BusinessCalendar("Europe/Berlin", {6: [("02:30", "04:00")]})
    assert at(add_business_time(calendar, start, duration)) == expected


def test_a_period_inside_the_spring_gap_vanishes() -> None:
    calendar = BusinessCalendar("Europe/Berlin", {6: [("02:00", "03:00")]})
    sunday = datetime(2027, 3, 28, tzinfo=BER)
    assert business_time_between(calendar, sunday, sunday + timedelta(days=1)) == timedelta(0)
    saturday = datetime(2027, 3, 27, 12, tzinfo=BER)
    assert at(add_business_time(calendar, saturday, 30 * M)) == "2027-04-04T02:30:00+02:00"


# --- "24:00" ends and 24x7 ----------------------------------------------------------------------------


def test_period_ending_at_midnight() -> None:
    calendar = BusinessCalendar("Europe/Moscow", {weekday: [("18:00", "24:00")] for weekday in range(5)})
    assert at(add_business_time(calendar, msk(3, 15, 23), H)) == "2027-03-16T00:00:00+03:00"
    assert at(add_business_time(calendar, msk(3, 15, 23), 2 * H)) == "2027-03-16T19:00:00+03:00"
    assert business_time_between(calendar, msk(3, 15), msk(3, 17)) == 12 * H


def test_periods_meeting_at_midnight_run_on() -> None:
    calendar = BusinessCalendar("Europe/Moscow", {0: [("18:00", "24:00")], 1: [("00:00", "06:00")]})
    assert at(add_business_time(calendar, msk(3, 15, 23), 2 * H)) == "2027-03-16T01:00:00+03:00"


def test_twenty_four_seven() -> None:
    assert dict(TWENTY_FOUR_SEVEN_HOURS) == {weekday: (("00:00", "24:00"),) for weekday in range(7)}
    calendar = BusinessCalendar.twenty_four_seven()
    assert calendar.timezone == "UTC"
    assert calendar == BusinessCalendar("UTC", {weekday: [("00:00", "24:00")] for weekday in range(7)})
    start = datetime(2027, 1, 1, tzinfo=UTC)
    assert at(add_business_time(calendar, start, 100 * H)) == "2027-01-05T04:00:00+00:00"
    assert at(add_business_time(calendar, msk(1, 1), timedelta(0))) == "2026-12-31T21:00:00+00:00"


# --- invalid input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"timezone": "Mars/Olympus_Mons"}, "unknown time zone"),
        ({"timezone": ""}, "unknown time zone"),
        ({"timezone": "Europe"}, "unknown time zone"),
        ({"weekly_hours": {0: [("09:00", "13:00"), ("12:00", "18:00")]}}, "overlap"),
        ({"weekly_hours": {0: [("18:00", "09:00")]}}, "does not end after it starts"),
        ({"weekly_hours": {0: [("09:00", "09:00")]}}, "does not end after it starts"),
        ({"weekly_hours": {0: [("9:00", "18:00")]}}, "malformed"),
        ({"weekly_hours": {0: [("09.00", "18:00")]}}, "malformed"),
        ({"weekly_hours": {0: [("09:00", "1800")]}}, "malformed"),
        ({"weekly_hours": {0: [(900, 1800)]}}, "malformed"),
        ({"weekly_hours": {0: [("09:00", "25:00")]}}, "out of range"),
        ({"weekly_hours": {0: [("09:00", "12:60")]}}, "out of range"),
        ({"weekly_hours": {0: [("24:00", "24:00")]}}, "out of range"),
        ({"weekly_hours": {0: [("09:00", "24:30")]}}, "out of range"),
        ({"weekly_hours": {0: [("09:00", "12:00", "18:00")]}}, "pair"),
        ({"weekly_hours": {0: "09:00-18:00"}}, "list"),
        ({"weekly_hours": {7: DAY}}, "weekdays 0-6"),
        ({"weekly_hours": {-1: DAY}}, "weekdays 0-6"),
        ({"weekly_hours": {"0": DAY}}, "weekdays 0-6"),
        ({"weekly_hours": [DAY] * 7}, "weekly_hours"),
        ({"holidays": [datetime(2027, 1, 1)]}, "must be a date"),
        ({"holidays": [date(2027, 2, 20)], "extra_working_days": {date(2027, 2, 20): DAY}}, "both"),
        ({"extra_working_days": {date(2027, 2, 20): [("09:00", "8:00")]}}, "malformed"),
    ],
)
def test_invalid_calendar(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"timezone": "Europe/Moscow", "weekly_hours": OFFICE, **kwargs}
    with pytest.raises(ValueError, match=message):
        BusinessCalendar(**arguments)  # type: ignore[arg-type]


NAIVE = datetime(2027, 3, 15, 10)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: add_business_time(RU, NAIVE, H), "start must be time-zone-aware"),
        (lambda: add_business_time(RU, msk(3, 15, 10), -M), "must not be negative"),
        (lambda: add_business_time(RU, msk(3, 15, 10), H, [(NAIVE, msk(3, 15, 11))]), "pause begin"),
        (lambda: add_business_time(RU, msk(3, 15, 10), H, [(msk(3, 15, 10), NAIVE)]), "pause end"),
        (
            lambda: add_business_time(RU, msk(3, 15, 10), H, [(msk(3, 15, 11), msk(3, 15, 10))]),
            "before it begins",
        ),
        (lambda: business_time_between(RU, NAIVE, msk(3, 15, 11)), "start must be time-zone-aware"),
        (lambda: business_time_between(RU, msk(3, 15, 9), NAIVE), "end must be time-zone-aware"),
        (
            lambda: business_time_between(
                RU, msk(3, 15, 9), msk(3, 15, 18), [(msk(3, 15, 11), msk(3, 15, 10))]
            ),
            "before it begins",
        ),
    ],
)
def test_invalid_call(call: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError, match="start must be a datetime"):
        add_business_time(RU, date(2027, 3, 15), H)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="duration must be a timedelta"):
        add_business_time(RU, msk(3, 15, 10), 3600)  # type: ignore[arg-type]


# --- no working time ----------------------------------------------------------------------------------


def test_calendar_without_any_hours_raises_instead_of_looping() -> None:
    calendar = BusinessCalendar("Europe/Moscow", {weekday: [] for weekday in range(7)})
    with pytest.raises(NoWorkingTimeError, match="no working hours"):
        add_business_time(calendar, msk(3, 15, 10), H)
    with pytest.raises(NoWorkingTimeError):
        add_business_time(calendar, msk(3, 15, 10), timedelta(0))
    assert issubclass(NoWorkingTimeError, ValueError)
    assert business_time_between(calendar, msk(3, 15), msk(3, 20)) == timedelta(0)


def test_no_working_time_within_three_years_raises() -> None:
    calendar = BusinessCalendar("UTC", {}, extra_working_days={date(2020, 3, 2): DAY, date(2030, 9, 2): DAY})
    with pytest.raises(NoWorkingTimeError, match="1096 days"):
        add_business_time(calendar, msk(3, 1), H)


def test_working_time_found_within_three_years() -> None:
    calendar = BusinessCalendar("UTC", {}, extra_working_days={date(2029, 9, 3): DAY})
    assert at(add_business_time(calendar, msk(3, 1), H)) == "2029-09-03T10:00:00+00:00"


# --- holidays from the `holidays` package --------------------------------------------------------------


def test_russian_holidays() -> None:
    official = {day for day in RU_2027 if day.year == 2027}
    assert country_holidays("RU", [2027]) == official
    assert country_holidays(years=2027) == official
    assert date(2027, 2, 20) not in country_holidays("RU", [2027])
    assert {date(2026, 12, 31), date(2027, 1, 1)} <= country_holidays("RU", range(2026, 2028))


def test_other_country_holidays() -> None:
    german = country_holidays("DE", [2027])
    assert {date(2027, 10, 3), date(2027, 12, 25)} <= german
    assert date(2027, 11, 1) not in german
    assert date(2027, 11, 1) in country_holidays("DE", [2027], subdiv="BY")  # All Saints' Day in Bavaria


@pytest.mark.parametrize(
    ("country", "years", "subdiv"),
    [("XX", [2027], None), ("RU", [2027], "XYZ"), ("RU", [], None)],
)
def test_bad_holiday_requests(country: str, years: list[int], subdiv: str | None) -> None:
    with pytest.raises(ValueError):
        country_holidays(country, years, subdiv)


def test_production_calendar_has_transferred_working_days() -> None:
    calendar = production_calendar("RU", 2027, OFFICE, "Europe/Moscow")
    assert calendar.holidays == {day for day in RU_2027 if day.year == 2027}
    assert dict(calendar.extra_working_days) == {date(2027, 2, 20): tuple(DAY)}
    assert at(add_business_time(calendar, msk(2, 19, 17), 2 * H)) == "2027-02-20T10:00:00+03:00"
    earlier = production_calendar("RU", [2024], OFFICE, "Europe/Moscow")
    assert set(earlier.extra_working_days) == {date(2024, 4, 27), date(2024, 11, 2), date(2024, 12, 28)}


def test_production_calendar_with_own_hours_for_transferred_days() -> None:
    calendar = production_calendar(
        "RU", [2027], OFFICE, "Europe/Moscow", transferred_day_hours=[("10:00", "15:00")]
    )
    assert dict(calendar.extra_working_days) == {date(2027, 2, 20): (("10:00", "15:00"),)}
    assert at(add_business_time(calendar, msk(2, 19, 17), 6 * H)) == "2027-02-20T15:00:00+03:00"


# --- the calendar value -------------------------------------------------------------------------------


def test_calendar_is_an_immutable_hashable_value() -> None:
    same = BusinessCalendar(
        "Europe/Moscow", dict(reversed(OFFICE.items())), set(RU_2027), {date(2027, 2, 20): DAY}
    )
    assert same == RU and hash(same) == hash(RU)
    assert {RU: "ru"}[same] == "ru"
    assert BusinessCalendar("Europe/Moscow", OFFICE, RU_2027) != RU
    with pytest.raises(AttributeError):
        RU.timezone = "UTC"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        RU._clock = None  # type: ignore[assignment]
    copy = pickle.loads(pickle.dumps(RU))
    assert copy == RU
    assert at(add_business_time(copy, msk(2, 19, 17), 2 * H)) == "2027-02-20T10:00:00+03:00"


def test_calendar_shows_normalised_rules() -> None:
    calendar = BusinessCalendar("Europe/Moscow", {2: [("14:00", "18:00"), ("09:00", "13:00")]})
    assert calendar.weekly_hours[2] == (("09:00", "13:00"), ("14:00", "18:00"))
    assert calendar.weekly_hours[0] == ()
    assert sorted(calendar.weekly_hours) == list(range(7))
    assert calendar.tzinfo == MSK


# --- properties ---------------------------------------------------------------------------------------

CALENDARS = [
    RU,
    BusinessCalendar("Europe/Berlin", NIGHTS),
    BusinessCalendar("Europe/Berlin", {**OFFICE, 6: [("02:30", "04:00")]}),
    BusinessCalendar("America/New_York", OFFICE),
    BusinessCalendar.twenty_four_seven("Europe/Berlin"),
]
ZONES = [MSK, VLAT, BER, NYC, UTC]

starts = st.builds(
    lambda minutes, micro, zone: (
        datetime(2026, 6, 1, tzinfo=UTC) + timedelta(minutes=minutes, microseconds=micro)
    ).astimezone(zone),
    st.integers(0, 2 * 366 * 24 * 60),
    st.integers(0, 999_999),
    st.sampled_from(ZONES),
)
durations = st.integers(0, 60 * 8 * 3600).map(lambda seconds: timedelta(seconds=seconds))


@st.composite
def pause_lists(draw: st.DrawFn, start: datetime) -> list[Pause]:
    """Up to three pauses around `start`, one in ten of them still open."""
    pauses: list[Pause] = []
    for _ in range(draw(st.integers(0, 3))):
        begin = start + timedelta(minutes=draw(st.integers(-3 * 24 * 60, 20 * 24 * 60)))
        if draw(st.integers(0, 9)) == 0:
            pauses.append((begin, None))
        else:
            pauses.append((begin, begin + timedelta(minutes=draw(st.integers(0, 5 * 24 * 60)))))
    return pauses


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CALENDARS), starts, durations, st.data())
def test_between_inverts_add(
    calendar: BusinessCalendar, start: datetime, duration: timedelta, data: st.DataObject
) -> None:
    # Holds for any start, not only one inside working hours.
    pauses = data.draw(pause_lists(start))
    deadline = add_business_time(calendar, start, duration, pauses)
    if deadline is not None:
        assert deadline >= start
        assert business_time_between(calendar, start, deadline, pauses) == duration


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CALENDARS), starts, durations, durations, st.data())
def test_longer_durations_never_end_earlier(
    calendar: BusinessCalendar, start: datetime, first: timedelta, second: timedelta, data: st.DataObject
) -> None:
    pauses = data.draw(pause_lists(start))
    shorter, longer = sorted((first, second))
    early = add_business_time(calendar, start, shorter, pauses)
    late = add_business_time(calendar, start, longer, pauses)
    if early is None:
        assert late is None
    elif late is not None:
        assert early <= late
