"""Contract profitability over a period: what a contract brought in against what serving it cost.

Revenue is what billing (services/billing.py) bills under the contract for the period: the
subscription for the days it ran, and the one-off work, trips and consumables of billable tickets
resolved in the period (billable work done without any contract belongs to no contract's row).
Cost is what the contract's tickets consumed in the period, billable or not: logged work at each
technician's cost rate, travel of the visits that started in the period at the same rate, and
consumables logged in the period. Rows come loss-making first.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import Numeric, func, select
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP
from console.models import Client, Consumable, Contract, Technician, Ticket, Visit, WorkLog
from console.services.billing import billed_days, money, period_billing
from console.services.report_table import Report, ReportColumn, ReportRow, period_bounds
from console.store.database import Database

TITLE: Final = QT_TRANSLATE_NOOP("reports", "Contract profitability")
COLUMNS: Final = (
    ReportColumn("name", QT_TRANSLATE_NOOP("reports", "Contract"), "text"),
    ReportColumn("client", QT_TRANSLATE_NOOP("reports", "Client"), "text"),
    ReportColumn("subscription", QT_TRANSLATE_NOOP("reports", "Subscription"), "money"),
    ReportColumn("billed_work", QT_TRANSLATE_NOOP("reports", "Billed work"), "money"),
    ReportColumn("revenue", QT_TRANSLATE_NOOP("reports", "Revenue"), "money"),
    ReportColumn("labour", QT_TRANSLATE_NOOP("reports", "Labour cost"), "money"),
    ReportColumn("travel", QT_TRANSLATE_NOOP("reports", "Travel cost"), "money"),
    ReportColumn("consumables", QT_TRANSLATE_NOOP("reports", "Consumables"), "money"),
    ReportColumn("cost", QT_TRANSLATE_NOOP("reports", "Cost"), "money"),
    ReportColumn("margin", QT_TRANSLATE_NOOP("reports", "Margin"), "money"),
    ReportColumn("margin_share", QT_TRANSLATE_NOOP("reports", "Margin %"), "percent"),
)


def profitability_report(db: Database, first: date, last: date) -> Report:
    """Revenue, cost and margin per contract that ran in the period or had work in it."""
    start, end = period_bounds(first, last)
    with db.session() as session:
        bills = period_billing(session, first, last)
        contracts = session.execute(
            select(
                Contract.id,
                Contract.number,
                Client.name,
                Contract.subscription_fee,
                Contract.billing_unit,
                Contract.unit_price,
                Contract.trip_price,
                Contract.starts_on,
                Contract.ends_on,
                Contract.status,
            ).join(Client, Client.id == Contract.client_id)
        ).all()
        costs = _costs(session, start, end)
    numbers = {contract.number: contract.id for contract in contracts}
    subscriptions: dict[int, Decimal] = defaultdict(Decimal)
    billed: dict[int, Decimal] = defaultdict(Decimal)
    for bill in bills:
        for line in bill.lines:
            if line.contract_number is not None:
                target = subscriptions if line.kind == "subscription" else billed
                target[numbers[line.contract_number]] += line.amount
    rows = []
    for contract in contracts:
        runs = billed_days(contract.status, contract.starts_on, contract.ends_on, first, last) is not None
        subscription = subscriptions.get(contract.id, Decimal(0))
        labour, travel, consumables = costs.get(contract.id, (Decimal(0),) * 3)
        work = billed.get(contract.id, Decimal(0))
        if not runs and not work and not (labour or travel or consumables):
            continue
        revenue = subscription + work
        cost = labour + travel + consumables
        rows.append(
            ReportRow(
                contract.id,
                {
                    "name": contract.number,
                    "client": contract.name,
                    "subscription": subscription,
                    "billed_work": work,
                    "revenue": revenue,
                    "labour": labour,
                    "travel": travel,
                    "consumables": consumables,
                    "cost": cost,
                    "margin": revenue - cost,
                    "margin_share": float((revenue - cost) / revenue) if revenue else None,
                },
            )
        )
    rows.sort(key=lambda row: (row.values["margin"], str(row.values["name"])))
    return Report(
        name="profitability",
        title=TITLE,
        first=first,
        last=last,
        dimension="contract",
        columns=COLUMNS,
        rows=rows,
        chart_label="name",
        chart_values=("margin",),
    )


def _costs(session: Session, start: Any, end: Any) -> dict[int, tuple[Decimal, Decimal, Decimal]]:
    """Per contract, labour, travel and consumables spent on its tickets in the period."""
    rate = Technician.cost_rate
    labour = session.execute(
        select(Ticket.contract_id, func.sum(WorkLog.minutes * rate, type_=Numeric(18, 4)))
        .join(WorkLog, WorkLog.ticket_id == Ticket.id)
        .join(Technician, Technician.id == WorkLog.technician_id)
        .where(WorkLog.logged_at >= start, WorkLog.logged_at < end, Ticket.contract_id.is_not(None))
        .group_by(Ticket.contract_id)
    ).all()
    started = func.coalesce(Visit.actual_start, Visit.planned_start)
    travel = session.execute(
        select(Ticket.contract_id, func.sum(Visit.travel_minutes * rate, type_=Numeric(18, 4)))
        .join(Visit, Visit.ticket_id == Ticket.id)
        .join(Technician, Technician.id == Visit.technician_id)
        .where(
            started >= start,
            started < end,
            Visit.status != "cancelled",
            Ticket.contract_id.is_not(None),
        )
        .group_by(Ticket.contract_id)
    ).all()
    consumables = session.execute(
        select(
            Ticket.contract_id,
            func.sum(Consumable.quantity * Consumable.unit_cost, type_=Numeric(18, 4)),
        )
        .join(WorkLog, WorkLog.ticket_id == Ticket.id)
        .join(Consumable, Consumable.work_log_id == WorkLog.id)
        .where(WorkLog.logged_at >= start, WorkLog.logged_at < end, Ticket.contract_id.is_not(None))
        .group_by(Ticket.contract_id)
    ).all()
    found: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    for index, rows in enumerate((labour, travel, consumables)):
        for contract_id, amount in rows:
            if contract_id is None:
                continue
            value = Decimal(str(amount or 0))
            found[contract_id][index] = money(value / 60 if index < 2 else value)
    return {contract_id: (v[0], v[1], v[2]) for contract_id, v in found.items()}
