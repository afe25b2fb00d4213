"""Translated names of the domain's values (statuses, priorities, ...), as the dispatcher reads them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def status_label(status: str) -> str:
    return {
        "new": _t("New"),
        "assigned": _t("Assigned"),
        "accepted": _t("Accepted"),
        "en_route": _t("En route"),
        "on_site": _t("On site"),
        "waiting_client": _t("Waiting for client"),
        "waiting_parts": _t("Waiting for parts"),
        "contractor": _t("With contractor"),
        "resolved": _t("Resolved"),
        "closed": _t("Closed"),
        "reopened": _t("Reopened"),
        "cancelled": _t("Cancelled"),
    }.get(status, status)


def priority_label(priority: str) -> str:
    return {"critical": _t("Critical"), "high": _t("High"), "normal": _t("Normal"), "low": _t("Low")}.get(
        priority, priority
    )


def category_label(category: str) -> str:
    return {
        "incident": _t("Incident"),
        "request": _t("Request"),
        "maintenance": _t("Planned maintenance"),
        "installation": _t("Installation"),
        "consultation": _t("Consultation"),
    }.get(category, category)


def sla_state_label(state: str) -> str:
    return {
        "none": _t("No SLA"),
        "running": _t("On track"),
        "paused": _t("Paused"),
        "warning": _t("Warning"),
        "critical": _t("Critical"),
        "breached": _t("Breached"),
        "met": _t("Met"),
    }.get(state, state)


def sla_issue_label(issue: str | None) -> str:
    """Why a ticket has no SLA clock, as the dispatcher should read it."""
    return {
        "no_contract": _t("No SLA: no contract covers this site"),
        "contract_inactive": _t("No SLA: the contract is suspended or expired"),
        "no_policy": _t("No SLA: the contract has no SLA policy"),
        "no_target": _t("No SLA: the policy has no target for this priority"),
        "uncovered_equipment": _t("No SLA: equipment not covered, billable work"),
        "no_working_hours": _t("No SLA: the calendar has no working hours"),
    }.get(issue or "", _t("No SLA"))


def clock_label(clock: str) -> str:
    return {"reaction": _t("Reaction"), "arrival": _t("Arrival"), "resolution": _t("Resolution")}.get(
        clock, clock
    )


def technician_state_label(state: str) -> str:
    return {
        "free": _t("Free"),
        "en_route": _t("En route"),
        "on_site": _t("On site"),
        "off_shift": _t("Off shift"),
    }.get(state, state)


def duration_text(delta: timedelta) -> str:
    """A signed, compact duration: "2 h 05 min", "-35 min", "3 d 4 h"."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    minutes = abs(seconds) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return sign + _t("%1 d %2 h").replace("%1", str(days)).replace("%2", str(hours))
    if hours:
        return sign + _t("%1 h %2 min").replace("%1", str(hours)).replace("%2", f"{mins:02d}")
    return sign + _t("%1 min").replace("%1", str(mins))


def age_text(since: datetime, now: datetime) -> str:
    return duration_text(now - since)


def contract_state_label(state: str) -> str:
    return {
        "active": _t("Active"),
        "suspended": _t("Suspended"),
        "terminated": _t("Terminated"),
        "expired": _t("Expired"),
        "not_started": _t("Not started yet"),
    }.get(state, state)


def billing_unit_label(unit: str) -> str:
    """The billing unit as in "3 500.00 per hour"."""
    return {"hours": _t("hour"), "units": _t("unit"), "points": _t("point")}.get(unit, unit)


def scope_label(scope: str) -> str:
    return {"site": _t("One site"), "territory": _t("Territory"), "client": _t("Whole client")}.get(
        scope, scope
    )


def yes_no(value: bool) -> str:
    return _t("Yes") if value else _t("No")


def day_text(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day is not None else "—"


def moment_text(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%d.%m.%Y %H:%M") if moment is not None else "—"


def money_text(amount: Decimal) -> str:
    """An amount with thin-space thousands and two decimals: "12 345.60"."""
    return f"{amount:,.2f}".replace(",", "\u202f")


def target_text(minutes: int | None) -> str:
    """An SLA target: "15 min", "4 h", "2 d", or "—" for none."""
    if minutes is None:
        return "—"
    if minutes % (24 * 60) == 0:
        return _t("%1 d").replace("%1", str(minutes // (24 * 60)))
    if minutes % 60 == 0:
        return _t("%1 h").replace("%1", str(minutes // 60))
    return duration_text(timedelta(minutes=minutes))
