"""Contract profitability over a period: what a contract brought in against what serving it cost.

Revenue is the subscription fee for the days the contract ran in the period (each month's fee
over that month's days) plus the one-off work billed under it: billable tickets (work outside the
contract's categories, or on equipment it does not cover) resolved in the period, priced as the
contract says (hours of work logged at the hourly price, or logged units or points at their price),
their done visits at the contract's trip price, and their consumables at cost. These are the
rules of billing (services/billing.py), aggregated here in the database per ticket.

Cost is what the contract's tickets consumed in the period, billable or not: logged work at each
technician's cost rate, travel of the visits that started in the period at the same rate, and
consumables logged in the period. Rows come loss-making first.
"""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from sqlalchemy import Numeric, and_, func, select
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP
from console.models import Client, Consumable, Contract, Technician, Ticket, Visit, WorkLog
from console.services.report_table import Report, ReportColumn, ReportRow, period_bounds
from console.store.database import Database

TITLE: Final = QT_TRANSLATE_NOOP("reports", "Contract profitability")
CENT: Final = Decimal("0.01")
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


def money(value: Decimal | float | int) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def subscription_share(
    fee: Decimal, starts_on: date, ends_on: date | None, first: date, last: date
) -> Decimal:
    """The fee for the days from `first` to `last` the contract runs: each month's fee over its days."""
    begin, end = max(first, starts_on), min(last, ends_on) if ends_on is not None else last
    total = Decimal(0)
    day = begin
    while day <= end:
        days_in_month = monthrange(day.year, day.month)[1]
        month_end = day.replace(day=days_in_month)
        days = (min(month_end, end) - day).days + 1
        total += money(fee * days / days_in_month)
        day = month_end + timedelta(days=1)
    return total


def profitability_report(db: Database, first: date, last: date) -> Report:
    """Revenue, cost and margin per contract that ran in the period or had work in it."""
    start, end = period_bounds(first, last)
    with db.session() as session:
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
        billed = _billed_work(session, {c.id: c for c in contracts}, start, end)
        costs = _costs(session, start, end)
    rows = []
    for contract in contracts:
        runs = contract.starts_on <= last and (contract.ends_on is None or contract.ends_on >= first)
        subscription = (
            subscription_share(contract.subscription_fee, contract.starts_on, contract.ends_on, first, last)
            if runs and contract.status != "suspended"
            else Decimal(0)
        )
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


def _billed_work(session: Session, contracts: dict[int, Any], start: Any, end: Any) -> dict[int, Decimal]:
    """Per contract, the one-off work billed for billable tickets resolved in the period."""
    finished = func.coalesce(Ticket.resolved_at, Ticket.closed_at)
    billable = and_(
        Ticket.billable.is_(True),
        Ticket.status != "cancelled",
        Ticket.contract_id.is_not(None),
        finished >= start,
        finished < end,
    )
    logged = (
        select(
            WorkLog.ticket_id.label("ticket_id"),
            func.sum(WorkLog.minutes).label("minutes"),
            func.sum(WorkLog.units).label("units"),
        )
        .group_by(WorkLog.ticket_id)
        .subquery()
    )
    trips = (
        select(Visit.ticket_id.label("ticket_id"), func.count().label("trips"))
        .where(Visit.status == "done")
        .group_by(Visit.ticket_id)
        .subquery()
    )
    spent = (
        select(
            WorkLog.ticket_id.label("ticket_id"),
            func.sum(Consumable.quantity * Consumable.unit_cost, type_=Numeric(14, 4)).label("amount"),
        )
        .join(Consumable, Consumable.work_log_id == WorkLog.id)
        .group_by(WorkLog.ticket_id)
        .subquery()
    )
    query = (
        select(
            Ticket.contract_id,
            func.coalesce(logged.c.minutes, 0),
            func.coalesce(logged.c.units, 0),
            func.coalesce(trips.c.trips, 0),
            func.coalesce(spent.c.amount, 0),
        )
        .outerjoin(logged, logged.c.ticket_id == Ticket.id)
        .outerjoin(trips, trips.c.ticket_id == Ticket.id)
        .outerjoin(spent, spent.c.ticket_id == Ticket.id)
        .where(billable)
    )
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for contract_id, minutes, units, trip_count, consumables in session.execute(query):
        contract = contracts[contract_id]
        if contract.billing_unit == "hours":
            quantity = (Decimal(int(minutes)) / 60).quantize(CENT, rounding=ROUND_HALF_UP)
        else:
            quantity = Decimal(str(units))
        totals[contract_id] += (
            money(quantity * contract.unit_price)
            + money(int(trip_count) * contract.trip_price)
            + money(Decimal(str(consumables)))
        )
    return totals


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
