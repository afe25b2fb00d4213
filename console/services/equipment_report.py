"""Equipment reliability over a period: failures per model, mean time between failures, repair cost,
and the units that keep failing, so that models that keep failing can be dropped.

A failure is an incident ticket on a unit created in the period and not cancelled. A model's
units are those in service at some time in the period; its mean time between failures is their
days in service in the period over its failures (none without failures). Repair cost is the
labour (logged minutes at the technician's cost rate) and consumables of the failures' tickets,
whenever logged.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import Numeric, and_, func, or_, select
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP
from console.models import Client, Consumable, Equipment, EquipmentModel, Site, Technician, Ticket, WorkLog
from console.services.billing import money
from console.services.report_table import Report, ReportColumn, ReportRow, period_bounds
from console.store.database import Database

FAILURE_CATEGORY: Final = "incident"
REPEAT_FAILURES: Final = 2
MODEL_TITLE: Final = QT_TRANSLATE_NOOP("reports", "Failures per equipment model")
UNIT_TITLE: Final = QT_TRANSLATE_NOOP("reports", "Units that keep failing")
MODEL_COLUMNS: Final = (
    ReportColumn("name", QT_TRANSLATE_NOOP("reports", "Model"), "text"),
    ReportColumn("kind", QT_TRANSLATE_NOOP("reports", "Kind"), "text"),
    ReportColumn("units", QT_TRANSLATE_NOOP("reports", "Units"), "count"),
    ReportColumn("failures", QT_TRANSLATE_NOOP("reports", "Failures"), "count"),
    ReportColumn("failures_per_unit", QT_TRANSLATE_NOOP("reports", "Failures per unit"), "ratio"),
    ReportColumn("mtbf_days", QT_TRANSLATE_NOOP("reports", "MTBF, days"), "days"),
    ReportColumn("repair_cost", QT_TRANSLATE_NOOP("reports", "Repair cost"), "money"),
)
UNIT_COLUMNS: Final = (
    ReportColumn("name", QT_TRANSLATE_NOOP("reports", "Serial number"), "text"),
    ReportColumn("model", QT_TRANSLATE_NOOP("reports", "Model"), "text"),
    ReportColumn("site", QT_TRANSLATE_NOOP("reports", "Site"), "text"),
    ReportColumn("client", QT_TRANSLATE_NOOP("reports", "Client"), "text"),
    ReportColumn("failures", QT_TRANSLATE_NOOP("reports", "Failures"), "count"),
    ReportColumn("last_failure", QT_TRANSLATE_NOOP("reports", "Last failure"), "date"),
    ReportColumn("repair_cost", QT_TRANSLATE_NOOP("reports", "Repair cost"), "money"),
)


def _failures(start: Any, end: Any) -> Any:
    return and_(
        Ticket.category == FAILURE_CATEGORY,
        Ticket.status != "cancelled",
        Ticket.equipment_id.is_not(None),
        Ticket.created_at >= start,
        Ticket.created_at < end,
    )


def _repair_costs(session: Session, start: Any, end: Any) -> dict[int, Decimal]:
    """Per unit, labour and consumables of its failures in the period."""
    labour: Any = session.execute(
        select(Ticket.equipment_id, func.sum(WorkLog.minutes * Technician.cost_rate, type_=Numeric(18, 4)))
        .join(WorkLog, WorkLog.ticket_id == Ticket.id)
        .join(Technician, Technician.id == WorkLog.technician_id)
        .where(_failures(start, end))
        .group_by(Ticket.equipment_id)
    )
    consumables: Any = session.execute(
        select(
            Ticket.equipment_id, func.sum(Consumable.quantity * Consumable.unit_cost, type_=Numeric(18, 4))
        )
        .join(WorkLog, WorkLog.ticket_id == Ticket.id)
        .join(Consumable, Consumable.work_log_id == WorkLog.id)
        .where(_failures(start, end))
        .group_by(Ticket.equipment_id)
    )
    costs: dict[int, Decimal] = defaultdict(Decimal)
    for unit_id, minutes_cost in labour:
        costs[unit_id] += Decimal(str(minutes_cost or 0)) / 60
    for unit_id, amount in consumables:
        costs[unit_id] += Decimal(str(amount or 0))
    return costs


def equipment_report(db: Database, first: date, last: date) -> Report:
    """One row per equipment model with units in service in the period, most failures per unit first."""
    start, end = period_bounds(first, last)
    with db.session() as session:
        in_service = and_(
            or_(Equipment.installed_on.is_(None), Equipment.installed_on <= last),
            or_(Equipment.decommissioned_on.is_(None), Equipment.decommissioned_on > first),
        )
        units = session.execute(
            select(Equipment.model_id, Equipment.installed_on, Equipment.decommissioned_on).where(in_service)
        ).all()
        failures = dict(
            session.execute(
                select(Equipment.model_id, func.count())
                .select_from(Ticket)
                .join(Equipment, Equipment.id == Ticket.equipment_id)
                .where(_failures(start, end))
                .group_by(Equipment.model_id)
            ).all()
        )
        unit_models = dict(session.execute(select(Equipment.id, Equipment.model_id)).all())
        costs = _repair_costs(session, start, end)
        models = {
            row.id: row
            for row in session.execute(
                select(
                    EquipmentModel.id, EquipmentModel.manufacturer, EquipmentModel.name, EquipmentModel.kind
                )
            )
        }
    days: dict[int, int] = defaultdict(int)
    count: dict[int, int] = defaultdict(int)
    for model_id, installed, decommissioned in units:
        begin = max(first, installed) if installed else first
        finish = min(last, decommissioned - timedelta(days=1)) if decommissioned else last
        days[model_id] += max(0, (finish - begin).days + 1)
        count[model_id] += 1
    model_costs: dict[int, Decimal] = defaultdict(Decimal)
    for unit_id, amount in costs.items():
        model_costs[unit_models[unit_id]] += amount
    rows = []
    for model_id in set(count) | set(failures):
        model = models[model_id]
        failed = int(failures.get(model_id, 0))
        rows.append(
            ReportRow(
                model_id,
                {
                    "name": f"{model.manufacturer} {model.name}",
                    "kind": model.kind,
                    "units": count[model_id],
                    "failures": failed,
                    "failures_per_unit": failed / count[model_id] if count[model_id] else None,
                    "mtbf_days": days[model_id] / failed if failed else None,
                    "repair_cost": money(model_costs[model_id]),
                },
            )
        )
    rows.sort(key=lambda r: (-(r.values["failures_per_unit"] or 0.0), str(r.values["name"])))  # type: ignore[operator]
    return Report(
        name="equipment",
        title=MODEL_TITLE,
        first=first,
        last=last,
        dimension="model",
        columns=MODEL_COLUMNS,
        rows=rows,
        chart_label="name",
        chart_values=("failures_per_unit",),
        tickets_by="failed",
    )


def repeat_failures_report(db: Database, first: date, last: date, at_least: int = REPEAT_FAILURES) -> Report:
    """The units with at least `at_least` failures in the period, most failures first."""
    start, end = period_bounds(first, last)
    with db.session() as session:
        found: Any = session.execute(
            select(Ticket.equipment_id, func.count(), func.max(Ticket.created_at))
            .where(_failures(start, end))
            .group_by(Ticket.equipment_id)
            .having(func.count() >= at_least)
        ).all()
        costs = _repair_costs(session, start, end) if found else {}
        details = {
            row.id: row
            for row in session.execute(
                select(
                    Equipment.id,
                    Equipment.serial_number,
                    EquipmentModel.manufacturer,
                    EquipmentModel.name.label("model"),
                    Site.name.label("site"),
                    Client.name.label("client"),
                )
                .join(EquipmentModel, EquipmentModel.id == Equipment.model_id)
                .join(Site, Site.id == Equipment.site_id)
                .join(Client, Client.id == Site.client_id)
                .where(Equipment.id.in_([unit_id for unit_id, _, _ in found]))
            )
        }
    rows = []
    for unit_id, failed, latest in found:
        unit = details[unit_id]
        rows.append(
            ReportRow(
                unit_id,
                {
                    "name": unit.serial_number,
                    "model": f"{unit.manufacturer} {unit.model}",
                    "site": unit.site,
                    "client": unit.client,
                    "failures": int(failed),
                    "last_failure": latest.date() if hasattr(latest, "date") else latest,
                    "repair_cost": money(costs.get(unit_id, Decimal(0))),
                },
            )
        )
    rows.sort(key=lambda r: (-int(r.values["failures"]), str(r.values["name"])))  # type: ignore[call-overload]
    return Report(
        name="repeat_failures",
        title=UNIT_TITLE,
        first=first,
        last=last,
        dimension="equipment",
        columns=UNIT_COLUMNS,
        rows=rows,
        chart_label="name",
        chart_values=("failures",),
        tickets_by="failed",
    )
