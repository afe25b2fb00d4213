"""What every report is: a titled table over a period, the chart drawn from it, and its rows' keys.

Reports are computed in the database (see the report modules) and handed to the console, the
exports and the headless `report` command as this plain shape. Titles and column headings are
English templates marked with QT_TRANSLATE_NOOP("reports", ...) for the view or the command to
translate; values are numbers, dates or text, never formatted strings, so each output formats
them its own way (a locale in the console, numbers in Excel).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from console.services.field_zone import FIELD_TIMEZONE

# "flags" holds a tuple of translatable templates (for example churn-risk signs), shown joined.
ColumnKind = Literal[
    "text", "count", "percent", "minutes", "hours", "money", "days", "ratio", "score", "date", "flags"
]


@dataclass(frozen=True, slots=True)
class ReportColumn:
    """A column: its key in each row's values, its heading (a translatable template) and its kind."""

    key: str
    title: str
    kind: ColumnKind


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One row: the key of what it is about (a client id, a model id...) and its values by column key."""

    key: int | str | None
    values: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class Report:
    """A computed report for the days `first` to `last` inclusive (local days of the field zone).

    `chart_label` names the column whose values label the chart's bars and `chart_values` the
    columns it plots; `dimension` says what the rows' keys are, and `tickets_by` which of a row's
    tickets it counts ("created", "resolved" in the period, or "failed": incidents on equipment), for
    the tickets behind a row.
    """

    name: str
    title: str
    first: date
    last: date
    dimension: str
    columns: Sequence[ReportColumn]
    rows: Sequence[ReportRow]
    chart_label: str
    chart_values: Sequence[str]
    tickets_by: Literal["created", "resolved", "failed"] = "created"

    def column(self, key: str) -> ReportColumn:
        return next(c for c in self.columns if c.key == key)


def period_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the local days `first` to `last` inclusive; ValueError if `last` < `first`."""
    if last < first:
        raise ValueError(f"the period ends ({last.isoformat()}) before it starts ({first.isoformat()})")
    zone = ZoneInfo(FIELD_TIMEZONE)
    start = datetime.combine(first, time(), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)
    return start, end


def share(part: int, whole: int) -> float | None:
    """`part` / `whole`, or None when there is nothing to divide."""
    return part / whole if whole else None
