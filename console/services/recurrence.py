"""When a maintenance plan's jobs fall due: its iCalendar RRULE, on dates, moved off non-working days.

An occurrence is known by its nominal date, the date the rule gives. That date is its identity and
never moves; the job's own date (`due`) is the nominal one moved per the plan when it is not a
working day at the site. Two rules of the public tools' complaints are settled here:

- Intervals count calendar days: "every 7 days" is seven days of the calendar, whatever the
  holidays; only the resulting date is moved.
- A date exists only if the rule gives it: the plan's first day is not an occurrence unless the
  rule says so (RFC 5545 would make it one).

A monthly or yearly rule that takes its day from a first day past the 28th (a plan started on
31 January) falls on the last day of the shorter months instead of skipping them, as a service
contract means it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from dateutil.rrule import rrule, rrulestr

from console.errors import QT_TRANSLATE_NOOP, ConsoleError

# How far to look for a working day before a date is given up on (a closed site).
SHIFT_LIMIT_DAYS = 31
# A rule with no date in this many years from its start is refused as one that never fires.
FIRES_WITHIN_YEARS = 10
_DAY_PARTS = ("BYMONTHDAY", "BYDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "BYEASTER")
_ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")

LAST_WORKING_DAY_OF_MONTH = "FREQ=MONTHLY;BYMONTHDAY=-1"
"""With the plan's "previous working day" rule: the last working day of each month on the site's calendar."""


class RuleError(ConsoleError):
    """A recurrence the plan cannot use; `code` names the reason."""

    context = "maintenance"

    def __init__(self, code: str, template: str, **params: object) -> None:
        self.code = code
        super().__init__(template, **params)


class Occurrence(NamedTuple):
    nominal: date
    due: date


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A validated rule with the plan's first and last day."""

    rule: str
    starts_on: date
    ends_on: date | None = None
    _parsed: rrule = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_parsed", _parse(self.rule, self.starts_on))

    def nominal_dates(self, first: date, last: date) -> list[date]:
        """The rule's dates from `first` to `last` inclusive, within the plan's period."""
        low = max(first, self.starts_on)
        high = last if self.ends_on is None else min(last, self.ends_on)
        if high < low:
            return []
        found = self._parsed.between(_midnight(low), _midnight(high), inc=True)
        return [moment.date() for moment in found]

    def first_after(self, day: date) -> date | None:
        """The first date of the rule after `day` (within the plan's period), if any."""
        moment = self._parsed.after(_midnight(max(day, self.starts_on - timedelta(days=1))))
        if moment is None or (self.ends_on is not None and moment.date() > self.ends_on):
            return None
        return moment.date()


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _parse(text: str, starts_on: date) -> rrule:
    rule = text.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    if not rule:
        raise RuleError(
            "empty",
            QT_TRANSLATE_NOOP(
                "maintenance", "Enter a recurrence rule, for example FREQ=MONTHLY;BYMONTHDAY=1."
            ),
        )
    upper = rule.upper()
    if "DTSTART" in upper or "\n" in rule:
        raise RuleError(
            "dtstart",
            QT_TRANSLATE_NOOP("maintenance", "Give the rule alone; the plan's start date is its first day."),
        )
    parts = _parts(rule)
    try:
        parsed = rrulestr(_with_clamp(rule, parts, starts_on), dtstart=_midnight(starts_on))
    except (ValueError, TypeError) as error:
        raise RuleError(
            "syntax",
            QT_TRANSLATE_NOOP(
                "maintenance",
                "The rule cannot be read. Write it as in iCalendar, for example FREQ=MONTHLY;BYMONTHDAY=1 "
                "or FREQ=WEEKLY;INTERVAL=2;BYDAY=MO.",
            ),
        ) from error
    if not isinstance(parsed, rrule) or parts.get("FREQ") not in _ALLOWED_FREQUENCIES:
        raise RuleError(
            "frequency",
            QT_TRANSLATE_NOOP("maintenance", "Jobs recur daily, weekly, monthly or yearly, not more often."),
        )
    if any(name in parts for name in ("BYHOUR", "BYMINUTE", "BYSECOND")):
        raise RuleError(
            "time_of_day",
            QT_TRANSLATE_NOOP("maintenance", "The rule gives days; the plan's time window gives the hours."),
        )
    return parsed


def _parts(rule: str) -> dict[str, str]:
    """The rule's NAME=value parts, names in upper case (the syntax itself is dateutil's to judge)."""
    found: dict[str, str] = {}
    for part in rule.split(";"):
        name, _, value = part.partition("=")
        found[name.strip().upper()] = value.strip().upper()
    return found


def _with_clamp(rule: str, parts: dict[str, str], starts_on: date) -> str:
    """A monthly or yearly rule whose day comes from a first day past the 28th: last day of short months."""
    if parts.get("FREQ") not in ("MONTHLY", "YEARLY") or starts_on.day <= 28:
        return rule
    if any(name in parts for name in _DAY_PARTS):
        return rule
    days = ",".join(str(day) for day in range(28, starts_on.day + 1))
    clamp = f";BYMONTHDAY={days};BYSETPOS=-1"
    if parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts:
        clamp += f";BYMONTH={starts_on.month}"
    return rule + clamp


def check(rule: str, starts_on: date, ends_on: date | None) -> Recurrence:
    """The plan's recurrence, or RuleError saying why it cannot be used."""
    if ends_on is not None and ends_on < starts_on:
        raise RuleError("period", QT_TRANSLATE_NOOP("maintenance", "The plan ends before it starts."))
    recurrence = Recurrence(rule, starts_on, ends_on)
    horizon = starts_on.replace(year=starts_on.year + FIRES_WITHIN_YEARS, day=min(starts_on.day, 28))
    last = horizon if ends_on is None else min(horizon, ends_on)
    if recurrence.first_after(starts_on - timedelta(days=1)) is None or not recurrence.nominal_dates(
        starts_on, last
    ):
        raise RuleError(
            "never",
            QT_TRANSLATE_NOOP(
                "maintenance", "The rule gives no date between {first} and {last}; no job would ever be made."
            ),
            first=starts_on.isoformat(),
            last=last.isoformat(),
        )
    return recurrence


def moved(nominal: date, rule: str, is_working: Callable[[date], bool]) -> date | None:
    """The job's date for a nominal date under a non-working-day rule; None when it is skipped."""
    if rule == "keep" or is_working(nominal):
        return nominal
    if rule == "skip":
        return None
    step = timedelta(days=1 if rule == "next_working_day" else -1)
    day = nominal
    for _ in range(SHIFT_LIMIT_DAYS):
        day += step
        if is_working(day):
            return day
    return None


def occurrences(
    recurrence: Recurrence,
    first: date,
    last: date,
    non_working_day: str,
    is_working: Callable[[date], bool],
) -> list[Occurrence]:
    """The occurrences whose nominal date is in [first, last], each with the date its job is due.

    When moving puts two occurrences on one day, the one whose own date it is stays, else the
    earliest; the others are dropped. Neighbours beyond the range are looked at too, so that a
    range split in two gives the same occurrences as the whole.
    """
    margin = timedelta(days=SHIFT_LIMIT_DAYS)
    candidates = [
        Occurrence(nominal, due)
        for nominal in recurrence.nominal_dates(first - margin, last + margin)
        if (due := moved(nominal, non_working_day, is_working)) is not None
    ]
    kept: dict[date, Occurrence] = {}
    for occurrence in candidates:
        held = kept.get(occurrence.due)
        if held is None or (occurrence.nominal == occurrence.due and held.nominal != held.due):
            kept[occurrence.due] = occurrence
    return sorted(
        (o for o in kept.values() if first <= o.nominal <= last),
        key=lambda o: o.nominal,
    )
