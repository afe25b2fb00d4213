"""The business-time SLA clock: deadlines and elapsed time counted only inside working hours.

A `BusinessCalendar` says when the clock runs: weekly wall-clock hours in an IANA time zone, whole local
days off (holidays) and dated exceptions with their own hours (transferred working days).
`add_business_time` finds the deadline that lies a given amount of business time after a start, and
`business_time_between` measures the business time between two instants; both accept pauses during
which the clock stops (an SLA put on hold while the client answers, for instance).

Business time is real elapsed time inside working periods, never wall-clock arithmetic: every local
period is turned into a pair of absolute instants, so on a daylight-saving day a 24x7 calendar has a
23- or 25-hour day and a night shift crossing the switch is an hour shorter or longer.

Daylight-saving rule for period bounds (deterministic, and it keeps the bounds of a day in order):

* a wall-clock time that occurs twice (clocks turned back) means its first occurrence;
* a wall-clock time that does not exist (clocks turned forward) means the instant of the switch, which
  is also the first wall-clock time after the gap.

So in Europe/Berlin on 2027-03-28 a 02:30-04:00 period runs from 03:00 to 04:00 CEST (one hour) and a
02:00-03:00 period vanishes; on 2027-10-31 a 02:30-04:00 period runs from 02:30 CEST to 04:00 CET
(two and a half hours).

Periods are half-open: a clock started at the very end of a period starts at the next period, while a
deadline that falls exactly on the end of a period is that end. Instants are handled as exact
offsets (timedelta) from the epoch, so `business_time_between(c, s, add_business_time(c, s, d)) == d`
holds exactly. Working periods are precomputed per calendar, over a span of local days that grows a
year at a time, with running totals searched by bisection: the cost of a call does not depend on the
duration.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from holidays import HolidayBase

__all__ = [
    "HORIZON_DAYS",
    "TWENTY_FOUR_SEVEN_HOURS",
    "BusinessCalendar",
    "Hours",
    "NoWorkingTimeError",
    "Pause",
    "add_business_time",
    "business_time_between",
    "country_holidays",
    "production_calendar",
]

Hours = Iterable[tuple[str, str]]
"""One day's working periods: ("HH:MM", "HH:MM") pairs, start inclusive, end exclusive."""

Pause = tuple[datetime, datetime | None]
"""An interval during which the clock stops; an end of None means it is still stopped."""

TWENTY_FOUR_SEVEN_HOURS: Final[Mapping[int, tuple[tuple[str, str], ...]]] = MappingProxyType(
    {weekday: (("00:00", "24:00"),) for weekday in range(7)}
)
"""Weekly hours of a clock that never stops: every day from 00:00 to 24:00."""

HORIZON_DAYS: Final = 3 * 365 + 1
"""How far past the last working instant a deadline is searched for before giving up."""

_CHUNK_DAYS: Final = 366
_FAR_DAYS: Final = 2 * 366
_US: Final = timedelta(microseconds=1)
_SECOND: Final = timedelta(seconds=1)
_ZERO: Final = timedelta(0)
_ONE_DAY: Final = timedelta(days=1)
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_OPEN: Final = timedelta.max
_CLOCK_TIME = re.compile(r"([0-9]{2}):([0-9]{2})")


class NoWorkingTimeError(ValueError):
    """The calendar has no working time at or after the start, so no deadline can be reached."""


def _zone(name: object) -> ZoneInfo:
    if not isinstance(name, str):
        raise ValueError(f"time zone must be an IANA name such as 'Europe/Moscow', got {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"unknown time zone {name!r}; expected an IANA name such as 'Europe/Moscow'"
        ) from None


def _minute(text: object, *, end: bool, where: str) -> int:
    match = _CLOCK_TIME.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f'{where}: malformed time {text!r}, expected "HH:MM"')
    hour, minute = int(match[1]), int(match[2])
    if minute > 59 or hour > 24 or (hour == 24 and (minute or not end)):
        allowed = "00:00-23:59 or 24:00" if end else "00:00-23:59"
        raise ValueError(f"{where}: time {text!r} is out of range ({allowed})")
    return hour * 60 + minute


def _day_hours(periods: object, where: str) -> tuple[tuple[int, int], ...]:
    if isinstance(periods, str) or not isinstance(periods, Iterable):
        raise ValueError(f'{where}: expected a list of ("HH:MM", "HH:MM") periods, got {periods!r}')
    parsed: list[tuple[int, int]] = []
    for period in periods:
        pair = tuple(period) if isinstance(period, Iterable) and not isinstance(period, str) else ()
        if len(pair) != 2:
            raise ValueError(f'{where}: a period must be a ("HH:MM", "HH:MM") pair, got {period!r}')
        begin = _minute(pair[0], end=False, where=where)
        finish = _minute(pair[1], end=True, where=where)
        if finish <= begin:
            raise ValueError(f"{where}: period {pair[0]}-{pair[1]} does not end after it starts")
        parsed.append((begin, finish))
    parsed.sort()
    for (begin, finish), (next_begin, next_finish) in pairwise(parsed):
        if next_begin < finish:
            raise ValueError(
                f"{where}: periods {_clock(begin)}-{_clock(finish)} and "
                f"{_clock(next_begin)}-{_clock(next_finish)} overlap"
            )
    return tuple(parsed)


def _week(weekly_hours: object) -> tuple[tuple[tuple[int, int], ...], ...]:
    if not isinstance(weekly_hours, Mapping):
        raise ValueError(f"weekly_hours must map weekdays 0-6 (Monday = 0) to periods, got {weekly_hours!r}")
    week: list[tuple[tuple[int, int], ...]] = [()] * 7
    for weekday, periods in weekly_hours.items():
        if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
            raise ValueError(f"weekly_hours keys must be weekdays 0-6 (Monday = 0), got {weekday!r}")
        week[weekday] = _day_hours(periods, f"weekday {weekday}")
    return tuple(week)


def _day(value: object, what: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{what} must be a date, got {value!r}")
    return value


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _shown(periods: tuple[tuple[int, int], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((_clock(begin), _clock(finish)) for begin, finish in periods)


def _shift(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _join(
    starts: list[timedelta], ends: list[timedelta], more_starts: list[timedelta], more_ends: list[timedelta]
) -> tuple[list[timedelta], list[timedelta]]:
    """Concatenate two runs of periods, fusing the seam when the first run ends where the second begins."""
    if ends and more_starts and ends[-1] == more_starts[0]:
        return starts + more_starts[1:], ends[:-1] + more_ends
    return starts + more_starts, ends + more_ends


class _Span:
    """The working periods of local days [first_day, end_day) as instants, with running totals.

    An instant is its offset from the Unix epoch (a timedelta: exact, and fast to compare). `lo` and
    `hi` are the instants of local midnight of `first_day` and `end_day`; working time is measured
    from `lo`, so only differences of `worked()` values mean anything. Inside period i the working
    time at instant t is t - shift[i], and at its end cum_end[i].
    """

    __slots__ = ("cum_end", "end_day", "ends", "first_day", "hi", "lo", "shift", "starts", "total")

    def __init__(
        self,
        first_day: date,
        end_day: date,
        lo: timedelta,
        hi: timedelta,
        starts: list[timedelta],
        ends: list[timedelta],
    ) -> None:
        self.first_day = first_day
        self.end_day = end_day
        self.lo = lo
        self.hi = hi
        self.starts = starts
        self.ends = ends
        self.shift: list[timedelta] = []
        self.cum_end: list[timedelta] = []
        total = _ZERO
        for begin, finish in zip(starts, ends, strict=True):
            self.shift.append(begin - total)
            total += finish - begin
            self.cum_end.append(total)
        self.total = total

    def worked(self, instant: timedelta) -> timedelta:
        """Working time from `lo` to `instant` (which must lie in [lo, hi])."""
        i = bisect_right(self.starts, instant) - 1
        if i < 0:
            return _ZERO
        return self.cum_end[i] if instant >= self.ends[i] else instant - self.shift[i]

    def instant_at(self, target: timedelta) -> timedelta:
        """The earliest instant by which `target` (0 < target <= total) working time has passed."""
        return self.shift[bisect_left(self.cum_end, target)] + target


class _Clock:
    """A calendar's parsed rules and its cache of working periods.

    The cached span is replaced, never mutated, so a reader holding one sees a consistent snapshot
    even if another thread widens the cache meanwhile.
    """

    __slots__ = ("days_off", "extra", "has_hours", "span", "tz", "week")

    def __init__(
        self,
        tz: ZoneInfo,
        week: tuple[tuple[tuple[int, int], ...], ...],
        days_off: frozenset[date],
        extra: Mapping[date, tuple[tuple[int, int], ...]],
    ) -> None:
        self.tz = tz
        self.week = week
        self.days_off = days_off
        self.extra = extra
        self.has_hours = any(week) or any(extra.values())
        self.span: _Span | None = None

    def datetime_at(self, instant: timedelta) -> datetime:
        return (_EPOCH + instant).astimezone(self.tz)

    def local_date(self, instant: timedelta) -> date:
        return self.datetime_at(instant).date()

    def instant(self, day: date, minute: int) -> timedelta:
        """The instant of wall-clock `minute` after local midnight of `day`, by the module's DST rule."""
        wall = datetime(day.year, day.month, day.day, tzinfo=self.tz) + timedelta(minutes=minute)
        first = wall - _EPOCH
        second = wall.replace(fold=1) - _EPOCH
        if second >= first:
            return first
        # In a gap fold=1 reads the wall time with the offset after the switch (an instant before the
        # switch) and fold=0 with the offset before it (an instant after): the switch lies between.
        # Switches fall on whole seconds, so bisect over seconds.
        before, after = second // _SECOND, -(-first // _SECOND)
        offset_after = (_EPOCH + timedelta(seconds=after)).astimezone(self.tz).utcoffset()
        while after - before > 1:
            middle = (before + after) // 2
            if (_EPOCH + timedelta(seconds=middle)).astimezone(self.tz).utcoffset() == offset_after:
                after = middle
            else:
                before = middle
        return timedelta(seconds=after)

    def periods(self, first_day: date, end_day: date) -> tuple[list[timedelta], list[timedelta]]:
        """Start and end instants of the working periods of local days [first_day, end_day)."""
        starts: list[timedelta] = []
        ends: list[timedelta] = []
        day = first_day
        while day < end_day:
            hours = self.extra.get(day)
            if hours is None:
                hours = () if day in self.days_off else self.week[day.weekday()]
            for begin, finish in hours:
                start, end = self.instant(day, begin), self.instant(day, finish)
                if end > start:
                    if ends and ends[-1] == start:
                        ends[-1] = end
                    else:
                        starts.append(start)
                        ends.append(end)
            day += _ONE_DAY
        return starts, ends

    def widened(self, span: _Span | None, first_day: date, end_day: date) -> _Span:
        """A span over [first_day, end_day), reusing the periods `span` already holds."""
        if span is None:
            starts, ends = self.periods(first_day, end_day)
        else:
            head = self.periods(first_day, span.first_day)
            starts, ends = _join(*head, span.starts, span.ends)
            starts, ends = _join(starts, ends, *self.periods(span.end_day, end_day))
        widened = _Span(
            first_day, end_day, self.instant(first_day, 0), self.instant(end_day, 0), starts, ends
        )
        self.span = widened
        return widened

    def span_at(self, instant: timedelta) -> _Span:
        """A span whose [lo, hi] contains `instant`; a span far from it is dropped, not stretched."""
        span = self.span
        if span is not None and span.lo <= instant <= span.hi:
            return span
        day = self.local_date(instant)
        if span is None or not (
            (span.first_day - day).days <= _FAR_DAYS and (day - span.end_day).days <= _FAR_DAYS
        ):
            span = self.widened(None, _shift(day, -1), _shift(day, _CHUNK_DAYS))
        elif instant < span.lo:
            span = self.widened(span, _shift(day, -_CHUNK_DAYS), span.end_day)
        else:
            span = self.widened(span, span.first_day, _shift(day, _CHUNK_DAYS))
        if not span.lo <= instant <= span.hi:
            raise OverflowError("the instant lies outside the supported date range")
        return span

    def through(self, span: _Span, instant: timedelta) -> _Span:
        """`span` extended forward, keeping its origin, until its [lo, hi] contains `instant`."""
        while span.hi < instant:
            if span.end_day == date.max:
                raise OverflowError("the instant lies outside the supported date range")
            end_day = max(_shift(span.end_day, _CHUNK_DAYS), _shift(self.local_date(instant), 1))
            span = self.widened(span, span.first_day, end_day)
        return span

    def reach(self, span: _Span, target: timedelta, anchor: timedelta) -> _Span:
        """`span` extended forward, keeping its origin, until it holds `target` working time.

        Raises NoWorkingTimeError when the calendar has no hours at all, or when no working instant
        follows `anchor` or the last working instant found within HORIZON_DAYS.
        """
        if not self.has_hours:
            raise NoWorkingTimeError("the calendar has no working hours on any day, so the clock never runs")
        while span.total < target:
            frontier = max(anchor, span.ends[-1]) if span.ends else anchor
            limit = _shift(self.local_date(frontier), HORIZON_DAYS)
            if span.end_day > limit:
                raise NoWorkingTimeError(
                    f"the calendar has no working time in the {HORIZON_DAYS} days after "
                    f"{self.datetime_at(frontier).isoformat()}"
                )
            if span.end_day == date.max:
                raise OverflowError("the deadline lies beyond the supported date range")
            span = self.widened(
                span, span.first_day, min(_shift(span.end_day, _CHUNK_DAYS), _shift(limit, 1))
            )
        return span

    def next_working(self, span: _Span, instant: timedelta) -> tuple[_Span, timedelta]:
        """The first working instant at or after `instant`, with the span that holds it."""
        target = span.worked(instant) + _US
        if span.total < target:
            span = self.reach(span, target, instant)
        i = bisect_right(span.ends, instant)
        return span, max(instant, span.starts[i])


class BusinessCalendar:
    """When the SLA clock runs: weekly wall-clock hours in a time zone, minus holidays, plus exceptions.

    `weekly_hours` maps weekdays (Monday = 0) to ("HH:MM", "HH:MM") periods; missing weekdays have no
    hours and "24:00" is allowed as an end. `holidays` are whole local days off. `extra_working_days`
    maps dates to their own periods, replacing the weekly hours of that date (transferred working days);
    a date cannot be both a holiday and an extra working day. Bad input raises ValueError.

    Hours are wall-clock times turned into instants day by day (see the module docstring): a time that
    occurs twice at a daylight-saving switch means its first occurrence, and a time skipped by the
    switch means the instant of the switch.

    Instances are immutable and hashable; equal rules make equal calendars. Each instance keeps an
    internal cache of working periods, so reuse one calendar for many clock calls.
    """

    __slots__ = ("_clock", "_extra", "_hash", "_holidays", "_timezone", "_week")

    _timezone: str
    _week: tuple[tuple[tuple[int, int], ...], ...]
    _holidays: frozenset[date]
    _extra: Mapping[date, tuple[tuple[int, int], ...]]
    _hash: int
    _clock: _Clock

    def __init__(
        self,
        timezone: str,
        weekly_hours: Mapping[int, Hours],
        holidays: Iterable[date] = (),
        extra_working_days: Mapping[date, Hours] | None = None,
    ) -> None:
        tz = _zone(timezone)
        week = _week(weekly_hours)
        if isinstance(holidays, str | bytes) or not isinstance(holidays, Iterable):
            raise ValueError(f"holidays must be a collection of dates, got {holidays!r}")
        days_off = frozenset(_day(day, "a holiday") for day in holidays)
        if extra_working_days is not None and not isinstance(extra_working_days, Mapping):
            raise ValueError(f"extra_working_days must map dates to periods, got {extra_working_days!r}")
        extra = MappingProxyType(
            {
                _day(day, "an extra working day"): _day_hours(periods, f"extra working day {day}")
                for day, periods in (extra_working_days or {}).items()
            }
        )
        if clash := sorted(days_off & extra.keys()):
            raise ValueError(f"dates both holidays and extra working days: {', '.join(map(str, clash))}")
        object.__setattr__(self, "_timezone", timezone)
        object.__setattr__(self, "_week", week)
        object.__setattr__(self, "_holidays", days_off)
        object.__setattr__(self, "_extra", extra)
        object.__setattr__(self, "_hash", hash((timezone, week, days_off, frozenset(extra.items()))))
        object.__setattr__(self, "_clock", _Clock(tz, week, days_off, extra))

    @classmethod
    def twenty_four_seven(cls, timezone: str = "UTC") -> BusinessCalendar:
        """A calendar whose clock never stops (still real time, so DST days last 23 or 25 hours)."""
        return cls(timezone, TWENTY_FOUR_SEVEN_HOURS)

    @property
    def timezone(self) -> str:
        """The IANA name of the zone the hours are given in and results are returned in."""
        return self._timezone

    @property
    def tzinfo(self) -> ZoneInfo:
        return self._clock.tz

    @property
    def weekly_hours(self) -> Mapping[int, tuple[tuple[str, str], ...]]:
        """Periods of every weekday 0-6, sorted, as ("HH:MM", "HH:MM") pairs."""
        return MappingProxyType({weekday: _shown(periods) for weekday, periods in enumerate(self._week)})

    @property
    def holidays(self) -> frozenset[date]:
        return self._holidays

    @property
    def extra_working_days(self) -> Mapping[date, tuple[tuple[str, str], ...]]:
        return MappingProxyType({day: _shown(periods) for day, periods in sorted(self._extra.items())})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"BusinessCalendar is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"BusinessCalendar is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            BusinessCalendar,
            (self._timezone, dict(self.weekly_hours), self._holidays, dict(self.extra_working_days)),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BusinessCalendar):
            return NotImplemented
        return (self._timezone, self._week, self._holidays, self._extra) == (
            other._timezone,
            other._week,
            other._holidays,
            other._extra,
        )

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return (
            f"BusinessCalendar(timezone={self._timezone!r}, weekly_hours={dict(self.weekly_hours)!r}, "
            f"holidays=<{len(self._holidays)} dates>, extra_working_days=<{len(self._extra)} dates>)"
        )


def _invalid(value: object, what: str) -> Exception:
    if isinstance(value, datetime):
        return ValueError(f"{what} must be time-zone-aware, got the naive datetime {value.isoformat()}")
    return TypeError(f"{what} must be a datetime, got {type(value).__name__}")


def _aware(value: object) -> bool:
    return isinstance(value, datetime) and value.utcoffset() is not None


def _instant(value: datetime, what: str) -> timedelta:
    # Subtracting an aware datetime fails with TypeError for naive datetimes and non-datetimes alike;
    # trying first keeps the common case to one operation.
    try:
        return value - _EPOCH
    except TypeError:
        raise _invalid(value, what) from None


def _pause_intervals(pauses: Iterable[Pause], floor: timedelta) -> list[tuple[timedelta, timedelta]]:
    """Pauses as sorted, disjoint (begin, end) instants clipped to start at `floor`; open ends are _OPEN."""
    intervals: list[tuple[timedelta, timedelta]] = []
    for begin, end in pauses:
        try:
            start = begin - _EPOCH
            stop = _OPEN if end is None else end - _EPOCH
        except TypeError:
            bad, what = (end, "a pause end") if _aware(begin) else (begin, "a pause begin")
            raise _invalid(bad, what) from None
        if stop < start:
            raise ValueError(f"a pause ends ({end}) before it begins ({begin})")
        if stop > floor and stop > start:
            intervals.append((start if start > floor else floor, stop))
    if len(intervals) < 2:
        return intervals
    intervals.sort()
    merged = [intervals[0]]
    for start, stop in intervals[1:]:
        last_start, last_stop = merged[-1]
        if start <= last_stop:
            if stop > last_stop:
                merged[-1] = (last_start, stop)
        else:
            merged.append((start, stop))
    return merged


def add_business_time(
    calendar: BusinessCalendar, start: datetime, duration: timedelta, pauses: Iterable[Pause] = ()
) -> datetime | None:
    """The instant by which `duration` of business time has run on a clock started at `start`.

    The clock starts at the first working instant at or after `start` and stops during `pauses`
    (intervals that may overlap, fall outside working hours or span weekends). The result is the
    earliest instant by which the clock has run for `duration`, so a deadline falling on the end of a
    working period is that end; it is returned in the calendar's zone. A zero duration gives the
    instant the clock starts: `start` itself when it is working and not paused.

    Returns None when a pause without an end (still paused) begins before the deadline is reached; a
    pause that begins at or after that deadline does not matter.

    Raises ValueError for a naive datetime, a negative duration or a pause that ends before it
    begins, and NoWorkingTimeError (a ValueError) when the calendar has no working time at all or
    none within HORIZON_DAYS of the start (or of the last working instant reached).
    """
    begin = _instant(start, "start")
    if not isinstance(duration, timedelta):
        raise TypeError(f"duration must be a timedelta, got {type(duration).__name__}")
    if duration < _ZERO:
        raise ValueError(f"duration must not be negative, got {duration}")
    intervals = _pause_intervals(pauses, begin)
    clock = calendar._clock
    span = clock.span_at(begin)
    if not duration:
        span, deadline = clock.next_working(span, begin)
        for pause_start, pause_stop in intervals:
            if pause_start > deadline:
                break
            if pause_stop > deadline:
                if pause_stop is _OPEN:
                    return None
                span, deadline = clock.next_working(clock.through(span, pause_stop), pause_stop)
        return clock.datetime_at(deadline)
    target = span.worked(begin) + duration
    if target > span.total:
        span = clock.reach(span, target, begin)
    deadline = span.instant_at(target)
    for pause_start, pause_stop in intervals:
        if pause_start >= deadline:
            break
        if pause_stop is _OPEN:
            return None
        if pause_stop > span.hi:
            span = clock.through(span, pause_stop)
        target += span.worked(pause_stop) - span.worked(pause_start)
        if target > span.total:
            span = clock.reach(span, target, pause_stop)
        deadline = span.instant_at(target)
    return clock.datetime_at(deadline)


def business_time_between(
    calendar: BusinessCalendar, start: datetime, end: datetime, pauses: Iterable[Pause] = ()
) -> timedelta:
    """Business time elapsed from `start` to `end`: working time outside `pauses`.

    A pause without an end stops the count from its begin. Returns timedelta(0) when `end` is not
    after `start`. Raises ValueError for naive datetimes or a pause that ends before it begins.
    """
    begin = _instant(start, "start")
    finish = _instant(end, "end")
    intervals = _pause_intervals(pauses, begin)
    if finish <= begin:
        return _ZERO
    clock = calendar._clock
    span = clock.through(clock.span_at(begin), finish)
    elapsed = span.worked(finish) - span.worked(begin)
    for pause_start, pause_stop in intervals:
        if pause_start >= finish:
            break
        elapsed -= span.worked(min(pause_stop, finish)) - span.worked(pause_start)
    return elapsed


def _holiday_table(country: str, years: int | Iterable[int], subdiv: str | None) -> HolidayBase:
    # Importing holidays takes about a tenth of a second; only these helpers need it.
    import holidays

    wanted = [years] if isinstance(years, int) else sorted(set(years))
    if not wanted:
        raise ValueError("years must name at least one year")
    try:
        return holidays.country_holidays(country, subdiv=subdiv, years=wanted)
    except NotImplementedError as error:
        raise ValueError(f"unknown country or subdivision ({country!r}, {subdiv!r}): {error}") from None


def country_holidays(
    country: str = "RU", years: int | Iterable[int] = (), subdiv: str | None = None
) -> frozenset[date]:
    """Public holidays of `country` (ISO 3166 code, Russia by default) in `years`, from `holidays`.

    For Russia these include the weekdays made days off by transfers (e.g. 2027-02-22), but not the
    weekend days made working days in exchange: use `production_calendar` for those. Raises
    ValueError for an unknown country or subdivision, or when `years` is empty.
    """
    return frozenset(_holiday_table(country, years, subdiv))


def production_calendar(
    country: str,
    years: int | Iterable[int],
    weekly_hours: Mapping[int, Hours],
    timezone: str,
    *,
    subdiv: str | None = None,
    transferred_day_hours: Hours | None = None,
) -> BusinessCalendar:
    """A calendar with `country`'s holidays and transferred working days in `years` (a production calendar).

    `holidays` has no "workday" category for Russia, but every holiday table lists the weekend days
    turned into working days by a transfer (`HolidayBase.weekend_workdays`; for Russia in 2027 that is
    Saturday 2027-02-20). Those days work `transferred_day_hours`, by default the hours of the first
    weekday (from Monday) that has any. Shortened pre-holiday days are not known to `holidays` and are
    not modelled. Raises ValueError as `country_holidays` does, or for bad hours.
    """
    table = _holiday_table(country, years, subdiv)
    workdays: set[date] = table.weekend_workdays
    if transferred_day_hours is None:
        hours = next((periods for periods in _week(weekly_hours) if periods), ())
        if workdays and not hours:
            raise ValueError(
                "weekly_hours has no hours to give transferred working days; pass transferred_day_hours"
            )
    else:
        hours = _day_hours(transferred_day_hours, "transferred_day_hours")
    shown = _shown(hours)
    return BusinessCalendar(timezone, weekly_hours, frozenset(table), {day: shown for day in workdays})
