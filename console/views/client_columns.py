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
    number_text,
    priority_label,
    scope_label,
    sla_state_label,
    status_label,
    yes_no,
)
from console.views.record_model import ALARM_COLOUR, GOOD_COLOUR, WARNING_COLOUR, Column


def _contract_colour(card: ContractCard) -> QColor | None:
    if card.effective_state != "active":
        return ALARM_COLOUR
    return WARNING_COLOUR if card.expiring else None


def _days_left(card: ContractCard) -> str:
    if card.days_left is None:
        return QCoreApplication.translate("client_panel", "open-ended")
    if card.days_left < 0:
        return QCoreApplication.translate("client_panel", "ended %1 d ago").replace(
            "%1", str(-card.days_left)
        )
    return QCoreApplication.translate("client_panel", "%1 d").replace("%1", str(card.days_left))


def _covers(card: ContractCard) -> str:
    work = ", ".join(category_label(c) for c in card.categories) or QCoreApplication.translate(
        "client_panel", "no services"
    )
    return (
        QCoreApplication.translate("client_panel", "%1 sites, %2 units; %3")
        .replace("%1", str(card.sites))
        .replace("%2", str(card.equipment))
        .replace("%3", work)
    )


def contract_columns() -> list[Column]:
    return [
        Column(
            QCoreApplication.translate("client_panel", "Contract"),
            lambda c: c.number,
            bold=lambda c: c.effective_state == "active",
        ),
        Column(
            QCoreApplication.translate("client_panel", "Period"),
            lambda c: f"{day_text(c.starts_on)} – {day_text(c.ends_on)}",
        ),
        Column(
            QCoreApplication.translate("client_panel", "Left"),
            _days_left,
            colour=_contract_colour,
            bold=lambda c: c.expiring,
            numeric=True,
        ),
        Column(
            QCoreApplication.translate("client_panel", "State"),
            lambda c: contract_state_label(c.effective_state),
            colour=_contract_colour,
        ),
        Column(
            QCoreApplication.translate("client_panel", "Fee / month"),
            lambda c: money_text(c.subscription_fee),
            numeric=True,
        ),
        Column(
            QCoreApplication.translate("client_panel", "Billing"),
            lambda c: (
                QCoreApplication.translate("client_panel", "%1 per %2")
                .replace("%1", money_text(c.unit_price))
                .replace("%2", billing_unit_label(c.billing_unit))
            ),
        ),
        Column(
            QCoreApplication.translate("client_panel", "SLA policy"),
            lambda c: c.sla_policy or QCoreApplication.translate("client_panel", "no SLA"),
            colour=lambda c: None if c.sla_policy else WARNING_COLOUR,
            tooltip=lambda c: (
                c.sla_calendar
                and QCoreApplication.translate("client_panel", "Calendar: %1").replace("%1", c.sla_calendar)
            ),
        ),
        Column(QCoreApplication.translate("client_panel", "Covers"), _covers),
    ]


def site_columns() -> list[Column]:
    return [
        Column(
            QCoreApplication.translate("client_panel", "Site"),
            lambda s: s.name,
            bold=lambda s: s.open_tickets > 0,
        ),
        Column(
            QCoreApplication.translate("client_panel", "Address"),
            lambda s: s.address,
            tooltip=lambda s: QCoreApplication.translate("client_panel", "Click to show the site on the map"),
        ),
        Column(QCoreApplication.translate("client_panel", "Territory"), lambda s: s.territory or "—"),
        Column(QCoreApplication.translate("client_panel", "Time zone"), lambda s: s.timezone),
        Column(
            QCoreApplication.translate("client_panel", "Working hours"),
            lambda s: s.hours_text or QCoreApplication.translate("client_panel", "no calendar"),
        ),
        Column(
            QCoreApplication.translate("client_panel", "Contacts"), lambda s: ", ".join(s.contacts) or "—"
        ),
        Column(
            QCoreApplication.translate("client_panel", "Equipment"), lambda s: str(s.equipment), numeric=True
        ),
        Column(
            QCoreApplication.translate("client_panel", "Open tickets"),
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
        Column(
            QCoreApplication.translate("client_panel", "Contact"),
            lambda c: c.name,
            bold=lambda c: c.may_approve,
        ),
        Column(QCoreApplication.translate("client_panel", "Role"), lambda c: c.position or "—"),
        Column(
            QCoreApplication.translate("client_panel", "Phones"),
            lambda c: ", ".join(p for p in (c.phone, c.mobile) if p) or "—",
        ),
        Column(QCoreApplication.translate("client_panel", "Email"), lambda c: c.email or "—"),
        Column(QCoreApplication.translate("client_panel", "Authority"), _authority),
        Column(
            QCoreApplication.translate("client_panel", "May request"),
            lambda c: yes_no(c.may_request),
            colour=lambda c: None if c.may_request else ALARM_COLOUR,
        ),
        Column(QCoreApplication.translate("client_panel", "May approve"), lambda c: yes_no(c.may_approve)),
    ]


def recent_ticket_columns() -> list[Column]:
    return [
        Column(QCoreApplication.translate("client_panel", "Ticket"), lambda t: t.number),
        Column(QCoreApplication.translate("client_panel", "Created"), lambda t: moment_text(t.created_at)),
        Column(
            QCoreApplication.translate("client_panel", "Title"), lambda t: t.title, tooltip=lambda t: t.title
        ),
        Column(QCoreApplication.translate("client_panel", "Status"), lambda t: status_label(t.status)),
        Column(QCoreApplication.translate("client_panel", "Priority"), lambda t: priority_label(t.priority)),
        Column(
            QCoreApplication.translate("client_panel", "SLA"),
            lambda t: sla_state_label(t.sla_state),
            colour=lambda t: ALARM_COLOUR if t.sla_state in ("breached", "critical") else None,
        ),
        Column(QCoreApplication.translate("client_panel", "Site"), lambda t: t.site_address or "—"),
    ]


def equipment_columns() -> list[Column]:
    def covered_colour(node: EquipmentNode) -> QColor:
        return GOOD_COLOUR if node.covered else ALARM_COLOUR

    return [
        Column(
            QCoreApplication.translate("client_panel", "Model"),
            lambda n: n.model,
            bold=lambda n: n.open_tickets > 0,
        ),
        Column(QCoreApplication.translate("client_panel", "Kind"), lambda n: n.kind),
        Column(QCoreApplication.translate("client_panel", "Serial"), lambda n: n.serial),
        Column(QCoreApplication.translate("client_panel", "Inventory"), lambda n: n.inventory or "—"),
        Column(QCoreApplication.translate("client_panel", "Installed"), lambda n: day_text(n.installed_on)),
        Column(
            QCoreApplication.translate("client_panel", "Covered"),
            lambda n: (
                QCoreApplication.translate("client_panel", "Covered")
                if n.covered
                else QCoreApplication.translate("client_panel", "Not covered: billable")
            ),
            colour=covered_colour,
        ),
        Column(
            QCoreApplication.translate("client_panel", "Last service"), lambda n: day_text(n.last_service)
        ),
        Column(
            QCoreApplication.translate("client_panel", "Next maintenance"),
            lambda n: day_text(n.next_maintenance),
        ),
        Column(
            QCoreApplication.translate("client_panel", "Open tickets"),
            lambda n: str(n.open_tickets),
            numeric=True,
        ),
    ]


def repair_columns() -> list[Column]:
    return [
        Column(QCoreApplication.translate("client_panel", "Opened"), lambda r: moment_text(r.created_at)),
        Column(QCoreApplication.translate("client_panel", "Ticket"), lambda r: r.number),
        Column(QCoreApplication.translate("client_panel", "Category"), lambda r: category_label(r.category)),
        Column(
            QCoreApplication.translate("client_panel", "Title"), lambda r: r.title, tooltip=lambda r: r.title
        ),
        Column(QCoreApplication.translate("client_panel", "Status"), lambda r: status_label(r.status)),
        Column(
            QCoreApplication.translate("client_panel", "Work done"),
            lambda r: "; ".join(r.work) or "—",
            tooltip=lambda r: "\n".join(r.work),
        ),
        Column(
            QCoreApplication.translate("client_panel", "Time"), lambda r: _minutes(r.minutes), numeric=True
        ),
        Column(
            QCoreApplication.translate("client_panel", "Technicians"),
            lambda r: ", ".join(r.technicians) or "—",
        ),
        Column(
            QCoreApplication.translate("client_panel", "Parts"),
            lambda r: ", ".join(f"{p.name} × {p.quantity.normalize():f}" for p in r.parts) or "—",
            tooltip=lambda r: (
                QCoreApplication.translate("client_panel", "Parts cost %1").replace(
                    "%1", money_text(r.parts_cost)
                )
                if r.parts
                else None
            ),
        ),
    ]


def _minutes(minutes: int) -> str:
    return duration_text(timedelta(minutes=minutes)) if minutes else "—"


def failure_columns() -> list[Column]:
    def rate(stats: ModelFailureStats) -> str:
        return number_text(stats.failure_rate, 2) if stats.failure_rate is not None else "—"

    def mtbf(stats: ModelFailureStats) -> str:
        return (
            QCoreApplication.translate("client_panel", "%1 d").replace("%1", number_text(stats.mtbf_days))
            if stats.mtbf_days is not None
            else "—"
        )

    def marked(stats: ModelFailureStats) -> QColor | None:
        return ALARM_COLOUR if stats.most_failing else None

    return [
        Column(
            QCoreApplication.translate("client_panel", "Model"),
            lambda s: ("⚠ " if s.most_failing else "") + s.model,
            colour=marked,
            bold=lambda s: s.most_failing,
            tooltip=lambda s: (
                QCoreApplication.translate("client_panel", "Among the models that fail most")
                if s.most_failing
                else None
            ),
        ),
        Column(QCoreApplication.translate("client_panel", "Kind"), lambda s: s.kind),
        Column(
            QCoreApplication.translate("client_panel", "Units in service"),
            lambda s: str(s.units_in_service),
            numeric=True,
        ),
        Column(
            QCoreApplication.translate("client_panel", "Failures"), lambda s: str(s.failures), numeric=True
        ),
        Column(
            QCoreApplication.translate("client_panel", "Failures per unit-year"),
            rate,
            colour=marked,
            numeric=True,
        ),
        Column(QCoreApplication.translate("client_panel", "MTBF"), mtbf, numeric=True),
    ]


def article_columns() -> list[Column]:
    return [
        Column(QCoreApplication.translate("client_panel", "Article"), lambda a: a.title, bold=lambda a: True),
        Column(
            QCoreApplication.translate("client_panel", "Excerpt"),
            lambda a: a.excerpt,
            tooltip=lambda a: a.excerpt,
        ),
        Column(
            QCoreApplication.translate("client_panel", "Attachments"),
            lambda a: ", ".join(f.file_name for f in a.attachments) or "—",
            tooltip=lambda a: "\n".join(f.location for f in a.attachments) or None,
        ),
        Column(QCoreApplication.translate("client_panel", "Updated"), lambda a: moment_text(a.updated_at)),
    ]
