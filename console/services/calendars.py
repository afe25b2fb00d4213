"""Turning stored calendars into SLA clock calendars, and the standard calendars the console ships with."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.models import Calendar, CalendarDay
from console.services.sla import TWENTY_FOUR_SEVEN_HOURS, BusinessCalendar, production_calendar

WeeklyHours = dict[int, list[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class CalendarDayRule:
    """A stored exception to the weekly pattern: a holiday, or a working day with its own hours."""

    day: date
    kind: str
    hours: Sequence[Sequence[str]] | None = None


def weekly_hours_to_json(hours: Mapping[int, Iterable[tuple[str, str]]]) -> dict[str, Any]:
    return {str(weekday): [list(period) for period in hours.get(weekday, [])] for weekday in range(7)}


def weekly_hours_from_json(stored: Mapping[str, Any]) -> WeeklyHours:
    return {int(weekday): [(str(a), str(b)) for a, b in periods] for weekday, periods in stored.items()}


HOLIDAY_YEARS_BACK = 3
HOLIDAY_YEARS_AHEAD = 3


@lru_cache(maxsize=64)
def _country_calendar(
    country: str, first_year: int, last_year: int, weekly: str, timezone: str
) -> BusinessCalendar:
    hours = weekly_hours_from_json(json.loads(weekly))
    return production_calendar(country, range(first_year, last_year + 1), hours, timezone)


def to_business_calendar(
    timezone: str,
    weekly_hours: Mapping[str, Any],
    days: Iterable[CalendarDayRule] = (),
    holiday_country: str | None = None,
    today: date | None = None,
) -> BusinessCalendar:
    """The SLA clock's calendar for a stored one; raises ValueError on malformed hours or an unknown country.

    With `holiday_country` the country's public holidays and transferred working days (the
    `holidays` package, a few years around `today`) come first; the calendar's own days are
    added on top: an own holiday closes a day, an own working day opens it with its hours.
    """
    holidays: set[date] = set()
    extra: dict[date, list[tuple[str, str]]] = {}
    if holiday_country:
        year = (today or date.today()).year
        country = _country_calendar(
            holiday_country,
            year - HOLIDAY_YEARS_BACK,
            year + HOLIDAY_YEARS_AHEAD,
            json.dumps(weekly_hours, sort_keys=True),
            timezone,
        )
        holidays |= country.holidays
        extra |= {day: list(periods) for day, periods in country.extra_working_days.items()}
    for rule in days:
        if rule.kind == "holiday":
            holidays.add(rule.day)
            extra.pop(rule.day, None)
        else:
            extra[rule.day] = [(str(a), str(b)) for a, b in rule.hours or ()]
            holidays.discard(rule.day)
    return BusinessCalendar(
        timezone=timezone,
        weekly_hours=weekly_hours_from_json(weekly_hours),
        holidays=holidays,
        extra_working_days=extra,
    )


def every_day(start: str, end: str, weekdays: Iterable[int] = range(7)) -> WeeklyHours:
    """Weekly hours with the same period on each of `weekdays` and nothing on the others."""
    chosen = set(weekdays)
    return {weekday: [(start, end)] if weekday in chosen else [] for weekday in range(7)}


OFFICE_HOURS: WeeklyHours = {
    **{weekday: [("09:00", "13:00"), ("14:00", "18:00")] for weekday in range(5)},
    5: [],
    6: [],
}
ALWAYS: WeeklyHours = {weekday: list(periods) for weekday, periods in TWENTY_FOUR_SEVEN_HOURS.items()}


def load_business_calendars(
    session: Session, calendar_ids: Collection[int], today: date
) -> dict[int, BusinessCalendar]:
    """Stored calendars by id as SLA-clock calendars (their countries' holidays and own days); two queries.

    Raises ValueError for a malformed stored calendar.
    """
    if not calendar_ids:
        return {}
    ids = sorted(calendar_ids)
    days: dict[int, list[CalendarDayRule]] = defaultdict(list)
    for calendar_id, day, kind, hours in session.execute(
        select(CalendarDay.calendar_id, CalendarDay.day, CalendarDay.kind, CalendarDay.hours).where(
            CalendarDay.calendar_id.in_(ids)
        )
    ):
        days[calendar_id].append(CalendarDayRule(day, kind, hours))
    return {
        calendar_id: to_business_calendar(timezone, weekly_hours, days[calendar_id], country, today)
        for calendar_id, timezone, weekly_hours, country in session.execute(
            select(Calendar.id, Calendar.timezone, Calendar.weekly_hours, Calendar.holiday_country).where(
                Calendar.id.in_(ids)
            )
        )
    }


def clock_minutes(clock: str) -> int:
    """Minutes since midnight of a wall-clock "HH:MM" of a calendar's hours ("24:00" allowed)."""
    hours, minutes = str(clock).split(":")
    return int(hours) * 60 + int(minutes)


def _instant(day: date, clock: str, zone: ZoneInfo) -> datetime:
    """The UTC instant of wall-clock `clock` ("HH:MM", "24:00" allowed) on local `day`."""
    local = datetime.combine(day, time(), tzinfo=zone) + timedelta(minutes=clock_minutes(clock))
    return local.astimezone(UTC)


def working_periods(
    calendar: BusinessCalendar, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """The calendar's working periods that overlap [start, end), whole (not clipped), in order, in UTC.

    A day's periods are those of a transferred working day, none on a holiday, else the weekday's;
    periods that meet across midnight (a night shift) are joined. Read straight from the calendar's
    rules, not through the SLA clock, which lays out a year of periods per calendar. Wall-clock times
    skipped or repeated by a daylight-saving switch take the offset in force before it.
    """
    zone = calendar.tzinfo
    hours_on = DayHours(calendar)
    day = start.astimezone(zone).date() - timedelta(days=1)  # a night shift may run into `start`'s day
    last = end.astimezone(zone).date()
    periods: list[tuple[datetime, datetime]] = []
    while day <= last:
        for begin, finish in hours_on(day):
            period = (_instant(day, begin, zone), _instant(day, finish, zone))
            if period[1] <= period[0]:
                continue
            if periods and periods[-1][1] == period[0]:
                periods[-1] = (periods[-1][0], period[1])
            else:
                periods.append(period)
        day += timedelta(days=1)
    return [p for p in periods if p[0] < end and p[1] > start]


class DayHours:
    """A calendar's working periods by local date, as ("HH:MM", "HH:MM") pairs.

    A transferred working day has its own hours, a holiday none, any other day its weekday's. The
    calendar's week, holidays and own days are read once, for callers that ask about many days.
    """

    def __init__(self, calendar: BusinessCalendar) -> None:
        self._week = calendar.weekly_hours
        self._holidays = calendar.holidays
        self._extra = calendar.extra_working_days

    def __call__(self, day: date) -> tuple[tuple[str, str], ...]:
        hours = self._extra.get(day)
        if hours is not None:
            return tuple(hours)
        return () if day in self._holidays else tuple(self._week[day.weekday()])
