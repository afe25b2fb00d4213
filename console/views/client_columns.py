"""How the client panel's records read in its tables: the columns of each list, translated.

Colours carry the warnings a dispatcher must not miss: a contract in its last 30 days, an expired
or suspended one, uncovered equipment, a contact who may not request work, a model that fails
more than others.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from console.services.client_overview import ContactCard, ContractCard
from console.services.equipment_history import EquipmentNode, ModelFailureStats
from console.views.labels import (
    billing_unit_label,
    category_label,
    contract_state_label,
    day_text,
    duration_text,
    moment_text,
    money_text,
    priority_label,
    scope_label,
    sla_state_label,
    status_label,
    yes_no,
)
from console.views.record_model import ALARM_COLOUR, GOOD_COLOUR, WARNING_COLOUR, Column


def _t(text: str) -> str:
    return QCoreApplication.translate("client_panel", text)


def _contract_colour(card: ContractCard) -> QColor | None:
    if card.effective_state != "active":
        return ALARM_COLOUR
    return WARNING_COLOUR if card.expiring else None


def _days_left(card: ContractCard) -> str:
    if card.days_left is None:
        return _t("open-ended")
    if card.days_left < 0:
        return _t("ended %1 d ago").replace("%1", str(-card.days_left))
    return _t("%1 d").replace("%1", str(card.days_left))


def _covers(card: ContractCard) -> str:
    work = ", ".join(category_label(c) for c in card.categories) or _t("no services")
    return (
        _t("%1 sites, %2 units; %3")
        .replace("%1", str(card.sites))
        .replace("%2", str(card.equipment))
        .replace("%3", work)
    )


def contract_columns() -> list[Column]:
    return [
        Column(_t("Contract"), lambda c: c.number, bold=lambda c: c.effective_state == "active"),
        Column(_t("Period"), lambda c: f"{day_text(c.starts_on)} – {day_text(c.ends_on)}"),
        Column(_t("Left"), _days_left, colour=_contract_colour, bold=lambda c: c.expiring, numeric=True),
        Column(_t("State"), lambda c: contract_state_label(c.effective_state), colour=_contract_colour),
        Column(_t("Fee / month"), lambda c: money_text(c.subscription_fee), numeric=True),
        Column(
            _t("Billing"),
            lambda c: (
                _t("%1 per %2")
                .replace("%1", money_text(c.unit_price))
                .replace("%2", billing_unit_label(c.billing_unit))
            ),
        ),
        Column(
            _t("SLA policy"),
            lambda c: c.sla_policy or _t("no SLA"),
            colour=lambda c: None if c.sla_policy else WARNING_COLOUR,
            tooltip=lambda c: c.sla_calendar and _t("Calendar: %1").replace("%1", c.sla_calendar),
        ),
        Column(_t("Covers"), _covers),
    ]


def site_columns() -> list[Column]:
    return [
        Column(_t("Site"), lambda s: s.name, bold=lambda s: s.open_tickets > 0),
        Column(_t("Address"), lambda s: s.address, tooltip=lambda s: _t("Click to show the site on the map")),
        Column(_t("Territory"), lambda s: s.territory or "—"),
        Column(_t("Time zone"), lambda s: s.timezone),
        Column(_t("Working hours"), lambda s: s.hours_text or _t("no calendar")),
        Column(_t("Contacts"), lambda s: ", ".join(s.contacts) or "—"),
        Column(_t("Equipment"), lambda s: str(s.equipment), numeric=True),
        Column(
            _t("Open tickets"),
            lambda s: str(s.open_tickets),
            numeric=True,
            colour=lambda s: WARNING_COLOUR if s.open_tickets else None,
        ),
    ]


def _authority(card: ContactCard) -> str:
    if card.scope == "site":
        return f"{scope_label(card.scope)}: {card.site_address or '—'}"
    if card.scope == "territory":
        return f"{scope_label(card.scope)}: {card.territory or '—'}"
    return scope_label(card.scope)


def contact_columns() -> list[Column]:
    return [
        Column(_t("Contact"), lambda c: c.name, bold=lambda c: c.may_approve),
        Column(_t("Role"), lambda c: c.position or "—"),
        Column(_t("Phones"), lambda c: ", ".join(p for p in (c.phone, c.mobile) if p) or "—"),
        Column(_t("Email"), lambda c: c.email or "—"),
        Column(_t("Authority"), _authority),
        Column(
            _t("May request"),
            lambda c: yes_no(c.may_request),
            colour=lambda c: None if c.may_request else ALARM_COLOUR,
        ),
        Column(_t("May approve"), lambda c: yes_no(c.may_approve)),
    ]


def recent_ticket_columns() -> list[Column]:
    return [
        Column(_t("Ticket"), lambda t: t.number),
        Column(_t("Created"), lambda t: moment_text(t.created_at)),
        Column(_t("Title"), lambda t: t.title, tooltip=lambda t: t.title),
        Column(_t("Status"), lambda t: status_label(t.status)),
        Column(_t("Priority"), lambda t: priority_label(t.priority)),
        Column(
            _t("SLA"),
            lambda t: sla_state_label(t.sla_state),
            colour=lambda t: ALARM_COLOUR if t.sla_state in ("breached", "critical") else None,
        ),
        Column(_t("Site"), lambda t: t.site_address or "—"),
    ]


def equipment_columns() -> list[Column]:
    def covered_colour(node: EquipmentNode) -> QColor:
        return GOOD_COLOUR if node.covered else ALARM_COLOUR

    return [
        Column(_t("Model"), lambda n: n.model, bold=lambda n: n.open_tickets > 0),
        Column(_t("Kind"), lambda n: n.kind),
        Column(_t("Serial"), lambda n: n.serial),
        Column(_t("Inventory"), lambda n: n.inventory or "—"),
        Column(_t("Installed"), lambda n: day_text(n.installed_on)),
        Column(
            _t("Covered"),
            lambda n: _t("Covered") if n.covered else _t("Not covered: billable"),
            colour=covered_colour,
        ),
        Column(_t("Last service"), lambda n: day_text(n.last_service)),
        Column(_t("Next maintenance"), lambda n: day_text(n.next_maintenance)),
        Column(_t("Open tickets"), lambda n: str(n.open_tickets), numeric=True),
    ]


def repair_columns() -> list[Column]:
    return [
        Column(_t("Opened"), lambda r: moment_text(r.created_at)),
        Column(_t("Ticket"), lambda r: r.number),
        Column(_t("Category"), lambda r: category_label(r.category)),
        Column(_t("Title"), lambda r: r.title, tooltip=lambda r: r.title),
        Column(_t("Status"), lambda r: status_label(r.status)),
        Column(_t("Work done"), lambda r: "; ".join(r.work) or "—", tooltip=lambda r: "\n".join(r.work)),
        Column(_t("Time"), lambda r: _minutes(r.minutes), numeric=True),
        Column(_t("Technicians"), lambda r: ", ".join(r.technicians) or "—"),
        Column(
            _t("Parts"),
            lambda r: ", ".join(f"{p.name} × {p.quantity.normalize():f}" for p in r.parts) or "—",
            tooltip=lambda r: (
                _t("Parts cost %1").replace("%1", money_text(r.parts_cost)) if r.parts else None
            ),
        ),
    ]


def _minutes(minutes: int) -> str:
    return duration_text(timedelta(minutes=minutes)) if minutes else "—"


def failure_columns() -> list[Column]:
    def rate(stats: ModelFailureStats) -> str:
        return f"{stats.failure_rate:.2f}" if stats.failure_rate is not None else "—"

    def mtbf(stats: ModelFailureStats) -> str:
        return _t("%1 d").replace("%1", f"{stats.mtbf_days:.0f}") if stats.mtbf_days is not None else "—"

    def marked(stats: ModelFailureStats) -> QColor | None:
        return ALARM_COLOUR if stats.most_failing else None

    return [
        Column(
            _t("Model"),
            lambda s: ("⚠ " if s.most_failing else "") + s.model,
            colour=marked,
            bold=lambda s: s.most_failing,
            tooltip=lambda s: _t("Among the models that fail most") if s.most_failing else None,
        ),
        Column(_t("Kind"), lambda s: s.kind),
        Column(_t("Units in service"), lambda s: str(s.units_in_service), numeric=True),
        Column(_t("Failures"), lambda s: str(s.failures), numeric=True),
        Column(_t("Failures per unit-year"), rate, colour=marked, numeric=True),
        Column(_t("MTBF"), mtbf, numeric=True),
    ]


def article_columns() -> list[Column]:
    return [
        Column(_t("Article"), lambda a: a.title, bold=lambda a: True),
        Column(_t("Excerpt"), lambda a: a.excerpt, tooltip=lambda a: a.excerpt),
        Column(
            _t("Attachments"),
            lambda a: ", ".join(f.file_name for f in a.attachments) or "—",
            tooltip=lambda a: "\n".join(f.location for f in a.attachments) or None,
        ),
        Column(_t("Updated"), lambda a: moment_text(a.updated_at)),
    ]
