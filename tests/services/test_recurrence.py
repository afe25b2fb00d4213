"""Recurrence rules: month ends, leap years, working days, calendar-day intervals and refused rules."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from console.services.recurrence import (
    LAST_WORKING_DAY_OF_MONTH,
    Occurrence,
    RuleError,
    check,
    moved,
    occurrences,
)

# Russian 2027 New Year holidays (1-8 January) and weekends: a site calendar's working days in short.
HOLIDAYS = {date(2027, 1, d) for d in range(1, 9)} | {date(2026, 12, 31)}


def working(day: date) -> bool:
    return day.weekday() < 5 and day not in HOLIDAYS


def every_day(_day: date) -> bool:
    return True


def dates(rule: str, start: date, first: date, last: date, end: date | None = None) -> list[date]:
    return check(rule, start, end).nominal_dates(first, last)


def test_monthly_from_the_31st_lands_on_the_last_day_of_short_months() -> None:
    found = dates("FREQ=MONTHLY", date(2027, 1, 31), date(2027, 1, 1), date(2027, 6, 30))
    assert found == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
        date(2027, 5, 31),
        date(2027, 6, 30),
    ]


def test_month_end_rule_in_a_leap_year_takes_the_29th_of_february() -> None:
    found = dates("FREQ=MONTHLY;BYMONTHDAY=-1", date(2028, 1, 1), date(2028, 1, 1), date(2028, 3, 31))
    assert found == [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)]


def test_yearly_from_the_29th_of_february_keeps_to_february_in_other_years() -> None:
    found = dates("FREQ=YEARLY", date(2028, 2, 29), date(2028, 1, 1), date(2032, 12, 31))
    assert found == [
        date(2028, 2, 29),
        date(2029, 2, 28),
        date(2030, 2, 28),
        date(2031, 2, 28),
        date(2032, 2, 29),
    ]


def test_an_explicit_day_31_is_the_rule_the_user_wrote_and_skips_short_months() -> None:
    found = dates("FREQ=MONTHLY;BYMONTHDAY=31", date(2027, 1, 1), date(2027, 1, 1), date(2027, 5, 31))
    assert found == [date(2027, 1, 31), date(2027, 3, 31), date(2027, 5, 31)]


def test_the_first_day_of_a_plan_is_not_an_occurrence_unless_the_rule_gives_it() -> None:
    wednesday = date(2026, 11, 25)
    found = dates("FREQ=WEEKLY;BYDAY=MO", wednesday, wednesday - timedelta(days=10), date(2026, 12, 10))
    assert found == [date(2026, 11, 30), date(2026, 12, 7)]


def test_every_seven_days_counts_calendar_days_through_holidays() -> None:
    found = dates("FREQ=DAILY;INTERVAL=7", date(2026, 12, 24), date(2026, 12, 1), date(2027, 1, 21))
    assert found == [
        date(2026, 12, 24),
        date(2026, 12, 31),
        date(2027, 1, 7),
        date(2027, 1, 14),
        date(2027, 1, 21),
    ]
    rec = check("FREQ=DAILY;INTERVAL=7", date(2026, 12, 24), None)
    due = [o.due for o in occurrences(rec, date(2026, 12, 1), date(2027, 1, 21), "next_working_day", working)]
    # Only the dates falling on holidays move; the rhythm of the rest does not.
    assert due == [date(2026, 12, 24), date(2027, 1, 11), date(2027, 1, 14), date(2027, 1, 21)]


def test_last_working_day_of_the_month_steps_back_over_weekends_and_holidays() -> None:
    rec = check(LAST_WORKING_DAY_OF_MONTH, date(2026, 10, 1), None)
    found = occurrences(rec, date(2026, 10, 1), date(2027, 2, 28), "previous_working_day", working)
    assert [o.due for o in found] == [
        date(2026, 10, 30),  # the 31st is a Saturday
        date(2026, 11, 30),
        date(2026, 12, 30),  # the 31st is a holiday
        date(2027, 1, 29),  # the 31st is a Sunday
        date(2027, 2, 26),  # the 28th is a Sunday
    ]
    assert [o.nominal for o in found][2] == date(2026, 12, 31)


def test_skip_drops_non_working_days_and_keep_keeps_them() -> None:
    rec = check("FREQ=DAILY", date(2027, 1, 6), None)
    skipped = occurrences(rec, date(2027, 1, 6), date(2027, 1, 12), "skip", working)
    assert [o.due for o in skipped] == [date(2027, 1, 11), date(2027, 1, 12)]
    kept = occurrences(rec, date(2027, 1, 6), date(2027, 1, 12), "keep", working)
    assert len(kept) == 7


def test_moving_onto_a_day_that_has_its_own_occurrence_keeps_one_job() -> None:
    rec = check("FREQ=DAILY", date(2027, 1, 15), None)
    found = occurrences(rec, date(2027, 1, 15), date(2027, 1, 19), "next_working_day", working)
    # Saturday the 16th and Sunday the 17th both move to Monday the 18th, which has its own.
    assert found == [
        Occurrence(date(2027, 1, 15), date(2027, 1, 15)),
        Occurrence(date(2027, 1, 18), date(2027, 1, 18)),
        Occurrence(date(2027, 1, 19), date(2027, 1, 19)),
    ]


def test_a_range_split_in_two_gives_the_same_occurrences_as_the_whole() -> None:
    rec = check("FREQ=DAILY", date(2026, 12, 1), None)
    whole = occurrences(rec, date(2026, 12, 1), date(2027, 1, 31), "next_working_day", working)
    parts = occurrences(rec, date(2026, 12, 1), date(2027, 1, 3), "next_working_day", working) + occurrences(
        rec, date(2027, 1, 4), date(2027, 1, 31), "next_working_day", working
    )
    assert parts == whole


def test_a_site_closed_for_longer_than_a_month_skips_rather_than_drifting() -> None:
    assert moved(date(2027, 1, 1), "next_working_day", lambda _day: False) is None


def test_the_plan_period_bounds_the_dates() -> None:
    found = dates(
        "FREQ=WEEKLY;BYDAY=FR", date(2027, 1, 1), date(2026, 1, 1), date(2028, 1, 1), date(2027, 1, 29)
    )
    assert found[0] == date(2027, 1, 1) and found[-1] == date(2027, 1, 29) and len(found) == 5


def test_day_dates_do_not_move_across_a_daylight_saving_switch() -> None:
    # Europe's spring switch is 28 March 2027; the rule works on dates, so the weekly rhythm holds.
    found = dates("FREQ=WEEKLY;BYDAY=SU", date(2027, 3, 1), date(2027, 3, 1), date(2027, 4, 11))
    assert [d.day for d in found] == [7, 14, 21, 28, 4, 11]


@pytest.mark.parametrize(
    ("rule", "start", "end", "code"),
    [
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", date(2027, 1, 1), None, "never"),
        ("FREQ=WEEKLY;BYDAY=MO", date(2027, 1, 5), date(2027, 1, 10), "never"),
        ("FREQ=MONTHLY", date(2027, 2, 1), date(2027, 1, 1), "period"),
        ("FREQ=HOURLY", date(2027, 1, 1), None, "frequency"),
        ("FREQ=DAILY;BYHOUR=9", date(2027, 1, 1), None, "time_of_day"),
        ("EVERY MONDAY", date(2027, 1, 1), None, "syntax"),
        ("", date(2027, 1, 1), None, "empty"),
        ("DTSTART:20270101T000000\nRRULE:FREQ=DAILY", date(2027, 1, 1), None, "dtstart"),
    ],
)
def test_rules_that_cannot_be_used_are_refused_with_a_reason(
    rule: str, start: date, end: date | None, code: str
) -> None:
    with pytest.raises(RuleError) as caught:
        check(rule, start, end)
    assert caught.value.code == code
    assert str(caught.value)


def test_an_rrule_prefix_and_lower_case_are_accepted() -> None:
    assert dates(
        "RRULE:freq=monthly;bymonthday=1", date(2027, 1, 1), date(2027, 1, 1), date(2027, 2, 28)
    ) == [
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]


RESTART_RULES = [
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU;WKST=SU",
    "FREQ=MONTHLY",
    "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU",
    "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15,-1",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=MONTHLY;INTERVAL=5;BYMONTH=1,6,11",
    "FREQ=MONTHLY;COUNT=20",
    "FREQ=MONTHLY;UNTIL=20280315",
    LAST_WORKING_DAY_OF_MONTH,
    "FREQ=YEARLY;BYMONTH=2,8;BYMONTHDAY=-1",
]


@pytest.mark.parametrize("rule", RESTART_RULES)
def test_dates_far_from_the_start_are_those_of_a_walk_from_the_start(rule: str) -> None:
    """The rule restarted near the range (to skip years of history) gives dateutil's own dates."""
    for start in (date(2019, 1, 31), date(2020, 2, 29), date(2021, 7, 4), date(2023, 11, 30)):
        recurrence = check(rule, start, None)
        for first in (date(2026, 1, 1), date(2026, 11, 17), date(2027, 3, 31)):
            last = first + timedelta(days=400)
            walked = recurrence.rule_from(start).between(
                datetime.combine(first, time()), datetime.combine(last, time()), inc=True
            )
            assert recurrence.nominal_dates(first, last) == [m.date() for m in walked], (start, first)
            after = recurrence.rule_from(start).after(datetime.combine(first, time()))
            assert recurrence.first_after(first) == (after.date() if after else None)
            restarts = "COUNT" not in rule and "YEARLY" not in rule
            assert (recurrence.restart_day(first) > start) == restarts
