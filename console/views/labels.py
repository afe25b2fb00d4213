"""Translated names of the domain's values (statuses, priorities, ...), as the dispatcher reads them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime


def status_label(status: str) -> str:
    return {
        "new": QCoreApplication.translate("labels", "New"),
        "assigned": QCoreApplication.translate("labels", "Assigned"),
        "accepted": QCoreApplication.translate("labels", "Accepted"),
        "en_route": QCoreApplication.translate("labels", "En route"),
        "on_site": QCoreApplication.translate("labels", "On site"),
        "waiting_client": QCoreApplication.translate("labels", "Waiting for client"),
        "waiting_parts": QCoreApplication.translate("labels", "Waiting for parts"),
        "contractor": QCoreApplication.translate("labels", "With contractor"),
        "resolved": QCoreApplication.translate("labels", "Resolved"),
        "closed": QCoreApplication.translate("labels", "Closed"),
        "reopened": QCoreApplication.translate("labels", "Reopened"),
        "cancelled": QCoreApplication.translate("labels", "Cancelled"),
    }.get(status, status)


def priority_label(priority: str) -> str:
    return {
        "critical": QCoreApplication.translate("labels", "Critical"),
        "high": QCoreApplication.translate("labels", "High"),
        "normal": QCoreApplication.translate("labels", "Normal"),
        "low": QCoreApplication.translate("labels", "Low"),
    }.get(priority, priority)


def category_label(category: str) -> str:
    return {
        "incident": QCoreApplication.translate("labels", "Incident"),
        "request": QCoreApplication.translate("labels", "Request"),
        "maintenance": QCoreApplication.translate("labels", "Planned maintenance"),
        "installation": QCoreApplication.translate("labels", "Installation"),
        "consultation": QCoreApplication.translate("labels", "Consultation"),
    }.get(category, category)


def sla_state_label(state: str) -> str:
    return {
        "none": QCoreApplication.translate("labels", "No SLA"),
        "running": QCoreApplication.translate("labels", "On track"),
        "paused": QCoreApplication.translate("labels", "Paused"),
        "warning": QCoreApplication.translate("labels", "Warning"),
        "critical": QCoreApplication.translate("labels", "Critical"),
        "breached": QCoreApplication.translate("labels", "Breached"),
        "met": QCoreApplication.translate("labels", "Met"),
    }.get(state, state)


def sla_issue_label(issue: str | None) -> str:
    """Why a ticket has no SLA clock, as the dispatcher should read it."""
    return {
        "no_contract": QCoreApplication.translate("labels", "No SLA: no contract covers this site"),
        "contract_inactive": QCoreApplication.translate(
            "labels", "No SLA: the contract is suspended or expired"
        ),
        "no_policy": QCoreApplication.translate("labels", "No SLA: the contract has no SLA policy"),
        "no_target": QCoreApplication.translate(
            "labels", "No SLA: the policy has no target for this priority"
        ),
        "uncovered_equipment": QCoreApplication.translate(
            "labels", "No SLA: equipment not covered, billable work"
        ),
        "no_working_hours": QCoreApplication.translate("labels", "No SLA: the calendar has no working hours"),
    }.get(issue or "", QCoreApplication.translate("labels", "No SLA"))


def clock_label(clock: str) -> str:
    return {
        "reaction": QCoreApplication.translate("labels", "Reaction"),
        "arrival": QCoreApplication.translate("labels", "Arrival"),
        "resolution": QCoreApplication.translate("labels", "Resolution"),
    }.get(clock, clock)


def technician_state_label(state: str) -> str:
    return {
        "free": QCoreApplication.translate("labels", "Free"),
        "en_route": QCoreApplication.translate("labels", "En route"),
        "on_site": QCoreApplication.translate("labels", "On site"),
        "off_shift": QCoreApplication.translate("labels", "Off shift"),
    }.get(state, state)


def duration_text(delta: timedelta) -> str:
    """A signed, compact duration: "2 h 05 min", "-35 min", "3 d 4 h"."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    minutes = abs(seconds) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return sign + QCoreApplication.translate("labels", "%1 d %2 h").replace("%1", str(days)).replace(
            "%2", str(hours)
        )
    if hours:
        return sign + QCoreApplication.translate("labels", "%1 h %2 min").replace("%1", str(hours)).replace(
            "%2", f"{mins:02d}"
        )
    return sign + QCoreApplication.translate("labels", "%1 min").replace("%1", str(mins))


def age_text(since: datetime, now: datetime) -> str:
    return duration_text(now - since)


def contract_state_label(state: str) -> str:
    return {
        "active": QCoreApplication.translate("labels", "Active"),
        "suspended": QCoreApplication.translate("labels", "Suspended"),
        "terminated": QCoreApplication.translate("labels", "Terminated"),
        "expired": QCoreApplication.translate("labels", "Expired"),
        "not_started": QCoreApplication.translate("labels", "Not started yet"),
    }.get(state, state)


def billing_unit_label(unit: str) -> str:
    """The billing unit as in "3 500.00 per hour"."""
    return {
        "hours": QCoreApplication.translate("labels", "hour"),
        "units": QCoreApplication.translate("labels", "unit"),
        "points": QCoreApplication.translate("labels", "point"),
    }.get(unit, unit)


def scope_label(scope: str) -> str:
    return {
        "site": QCoreApplication.translate("labels", "One site"),
        "territory": QCoreApplication.translate("labels", "Territory"),
        "client": QCoreApplication.translate("labels", "Whole client"),
    }.get(scope, scope)


def yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("labels", "Yes") if value else QCoreApplication.translate("labels", "No")
    )


def day_text(day: date | None) -> str:
    """A date as the interface language writes it short ("24.11.2026", "11/24/26")."""
    if day is None:
        return "—"
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def moment_text(moment: datetime | None) -> str:
    """A moment in local time as the interface language writes it short."""
    if moment is None:
        return "—"
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


def clock_text(moment: datetime) -> str:
    """The wall-clock time of `moment` (in its own zone) as the language writes it ("14:30", "2:30 PM")."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def long_day_text(day: date) -> str:
    """A date with its weekday, for headings: "Thursday, December 10, 2026", "четверг, 10 декабря 2026 г."."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def month_text(month: date, form: QLocale.FormatType = QLocale.FormatType.LongFormat) -> str:
    """A month and its year as a heading names them ("October 2026", "октябрь 2026"; short: "Oct 26",
    "окт. 26"): the standalone name, not the genitive of "1 октября"."""
    year = f"{month.year % 100:02d}" if form == QLocale.FormatType.ShortFormat else str(month.year)
    return f"{QLocale().standaloneMonthName(month.month, form)} {year}"


def date_format(locale: QLocale | None = None) -> str:
    """The language's short date pattern with a four-digit year ("dd.MM.yyyy", "M/d/yyyy"), for
    documents and date fields, where "11/24/26" would be ambiguous."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def date_time_format() -> str:
    """The pattern of a date-and-time field: the date as `date_format`, then the language's short time."""
    return f"{date_format()} {QLocale().timeFormat(QLocale.FormatType.ShortFormat)}"


def document_day_text(day: date, locale: QLocale | None = None) -> str:
    """A date on a document, always with its four-digit year ("24.11.2026", "11/24/2026")."""
    shown = locale or QLocale()
    return shown.toString(QDate(day.year, day.month, day.day), date_format(shown))


def number_text(value: float, decimals: int = 0) -> str:
    """A number as the interface language writes it ("1,234.5", "1 234,5")."""
    return QLocale().toString(float(value), "f", decimals)


SPACED_PERCENT_LANGUAGES = frozenset({QLocale.Language.Russian})
"""Languages whose typography separates the percent sign from the number (by a no-break space)."""


def percent_text(share: float, decimals: int = 0, locale: QLocale | None = None) -> str:
    """A share (0.85) as a percentage in the language's way: "85%" in English, "85\u00a0%" in Russian."""
    shown = locale or QLocale()
    gap = "\u00a0" if shown.language() in SPACED_PERCENT_LANGUAGES else ""
    return f"{shown.toString(share * 100, 'f', decimals)}{gap}{shown.percent()}"


def money_text(amount: Decimal, locale: QLocale | None = None) -> str:
    """An amount, to the cent and exactly, with the language's digit grouping ("12,345.60", "12 345,60")."""
    shown = locale or QLocale()
    cents = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    units, fraction = f"{abs(cents):f}".split(".")
    sign = shown.negativeSign() if cents < 0 else ""
    return f"{sign}{shown.toString(int(units))}{shown.decimalPoint()}{fraction}"


def quantity_text(value: Decimal, locale: QLocale | None = None) -> str:
    """A quantity without needless trailing zeros, in the language's decimal point: 2.25 or 2,25; 2."""
    shown = locale or QLocale()
    return format(value.normalize(), "f").replace(".", shown.decimalPoint())


def target_text(minutes: int | None) -> str:
    """An SLA target: "15 min", "4 h", "2 d", or "—" for none."""
    if minutes is None:
        return "—"
    if minutes % (24 * 60) == 0:
        return QCoreApplication.translate("labels", "%1 d").replace("%1", str(minutes // (24 * 60)))
    if minutes % 60 == 0:
        return QCoreApplication.translate("labels", "%1 h").replace("%1", str(minutes // 60))
    return duration_text(timedelta(minutes=minutes))


def role_label(role: str) -> str:
    """A role as people call it, in the user's language."""
    return {
        "dispatcher": QCoreApplication.translate("labels", "Dispatcher"),
        "supervisor": QCoreApplication.translate("labels", "Supervisor"),
        "admin": QCoreApplication.translate("labels", "Administrator"),
    }.get(role, role)
