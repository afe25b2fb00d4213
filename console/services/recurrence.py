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
from functools import lru_cache
from typing import NamedTuple, cast

from dateutil.rrule import rrule, rrulestr

from console.errors import QT_TRANSLATE_NOOP, ConsoleError

# How far to look for a working day before a date is given up on (a closed site).
SHIFT_LIMIT_DAYS = 31
# A rule with no date in this many years from its start is refused as one that never fires.
FIRES_WITHIN_YEARS = 10
_DAY_PARTS = ("BYMONTHDAY", "BYDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "BYEASTER")
_ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_MOVING = ("next_working_day", "previous_working_day")

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
    _text: str = field(init=False, repr=False, compare=False)
    _parts: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_text", _parse(self.rule, self.starts_on))
        object.__setattr__(self, "_parts", _parts(self._text))

    def nominal_dates(self, first: date, last: date) -> list[date]:
        """The rule's dates from `first` to `last` inclusive, within the plan's period."""
        low = max(first, self.starts_on)
        high = last if self.ends_on is None else min(last, self.ends_on)
        if high < low:
            return []
        return list(_dates_between(self._text, self.restart_day(low), low, high))

    def first_after(self, day: date) -> date | None:
        """The first date of the rule after `day` (within the plan's period), if any."""
        low = max(day, self.starts_on - timedelta(days=1))
        moment = self.rule_from(self.restart_day(low)).after(_midnight(low))
        if moment is None or (self.ends_on is not None and moment.date() > self.ends_on):
            return None
        return moment.date()

    def rule_from(self, start: date) -> rrule:
        """The rule as dateutil walks it from `start` (the plan's first day, or a `restart_day`)."""
        return cast(rrule, rrulestr(self._text, dtstart=_midnight(start)))

    def restart_day(self, low: date) -> date:
        """The latest start of one of the rule's periods on or before `low`: as good as the real start.

        dateutil walks a rule from its start, a step per past occurrence: a weekly plan of ten
        years would cost five hundred steps on every run. A start moved by a whole number of the
        rule's periods (days, weeks, months) keeps the rule's lattice and the day or weekday it
        takes from its start, so the dates from `low` on are the same. A rule with COUNT counts
        from its real start, and a yearly one has few steps to save: those keep their start.
        Plans whose rules restart on the same day share their dates (see `_dates_between`).
        """
        parts = self._parts
        interval = int(parts.get("INTERVAL", "1"))
        start = self.starts_on
        frequency = parts.get("FREQ")
        if "COUNT" in parts or low <= start:
            return start
        if frequency in ("DAILY", "WEEKLY"):
            period = interval * (7 if frequency == "WEEKLY" else 1)
            steps = (low - start).days // period
            moved = start + timedelta(days=steps * period)
        elif frequency == "MONTHLY":
            # With its own day parts the rule takes nothing from the start but its month.
            day = 1 if any(name in parts for name in _DAY_PARTS) else start.day
            steps = ((low.year - start.year) * 12 + low.month - start.month) // interval
            moved = _month_after(start, steps * interval, day)
            while steps > 0 and moved > low:
                steps -= 1
                moved = _month_after(start, steps * interval, day)
        else:
            return start
        return moved if steps > 0 else start


@lru_cache(maxsize=8192)
def _dates_between(text: str, start: date, low: date, high: date) -> tuple[date, ...]:
    """The dates of a rule walked from `start`, from `low` to `high` inclusive.

    Shared by every plan with the same rule and restart day: a thousand monthly plans on the 5th
    are one walk.
    """
    found = rrulestr(text, dtstart=_midnight(start)).between(_midnight(low), _midnight(high), inc=True)
    return tuple(moment.date() for moment in found)


def _month_after(start: date, months: int, day: int) -> date:
    index = start.month - 1 + months
    return date(start.year + index // 12, index % 12 + 1, day)


def _bare(text: str) -> str:
    rule = text.strip()
    return rule[6:] if rule.upper().startswith("RRULE:") else rule


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _parse(text: str, starts_on: date) -> str:
    """The rule as dateutil is to read it (see `_with_clamp`), or RuleError saying why it cannot be used."""
    rule = _bare(text)
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
    clamped = _with_clamp(rule, parts, starts_on)
    reads = _reads_as_one_rule(clamped)
    if reads is None:
        raise RuleError(
            "syntax",
            QT_TRANSLATE_NOOP(
                "maintenance",
                "The rule cannot be read. Write it as in iCalendar, for example FREQ=MONTHLY;BYMONTHDAY=1 "
                "or FREQ=WEEKLY;INTERVAL=2;BYDAY=MO.",
            ),
        )
    if not reads or parts.get("FREQ") not in _ALLOWED_FREQUENCIES:
        raise RuleError(
            "frequency",
            QT_TRANSLATE_NOOP("maintenance", "Jobs recur daily, weekly, monthly or yearly, not more often."),
        )
    if any(name in parts for name in ("BYHOUR", "BYMINUTE", "BYSECOND")):
        raise RuleError(
            "time_of_day",
            QT_TRANSLATE_NOOP("maintenance", "The rule gives days; the plan's time window gives the hours."),
        )
    return clamped


@lru_cache(maxsize=1024)
def _reads_as_one_rule(text: str) -> bool | None:
    """Whether dateutil reads the text as one rule; None when it cannot read it at all.

    Whether a rule reads does not depend on its start, so ten thousand plans with a few dozen
    rules are read a few dozen times.
    """
    try:
        return isinstance(rrulestr(text, dtstart=datetime(2000, 1, 1)), rrule)
    except (ValueError, TypeError):
        return None


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
    # Only dates that move can collide with a neighbour's; kept or skipped ones need no neighbours.
    margin = timedelta(days=SHIFT_LIMIT_DAYS if non_working_day in _MOVING else 0)
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
