"""Translated names of the domain's values (statuses, priorities, ...), as the dispatcher reads them."""

from __future__ import annotations

from datetime import datetime, timedelta

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
