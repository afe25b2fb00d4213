"""Turning stored calendars into SLA clock calendars, and the standard calendars the console ships with."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from console.services.sla import TWENTY_FOUR_SEVEN_HOURS, BusinessCalendar

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


def to_business_calendar(
    timezone: str, weekly_hours: Mapping[str, Any], days: Iterable[CalendarDayRule] = ()
) -> BusinessCalendar:
    """The SLA clock's calendar for a stored one; raises ValueError on malformed hours."""
    holidays: set[date] = set()
    extra: dict[date, list[tuple[str, str]]] = {}
    for rule in days:
        if rule.kind == "holiday":
            holidays.add(rule.day)
        else:
            extra[rule.day] = [(str(a), str(b)) for a, b in rule.hours or ()]
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
