"""The tickets behind a report's row, one click away from every figure.

What a row is about (its report's `dimension` and the row's key) picks the tickets of the client,
contract, skill, category, technician, model or unit; the report's `tickets_by` says which of them
it counts: created in the period, resolved in it, or the failures (incidents, not cancelled) in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from console.models import Equipment, Ticket
from console.services.access import require
from console.services.report_table import Report, ReportRow, period_bounds
from console.store.database import Database

_COLUMNS = {
    "client": Ticket.client_id,
    "contract": Ticket.contract_id,
    "skill": Ticket.skill_id,
    "category": Ticket.category,
    "technician": Ticket.technician_id,
    "equipment": Ticket.equipment_id,
}


@dataclass(frozen=True, slots=True)
class TicketRef:
    id: int
    number: str
    title: str
    status: str


def tickets_behind(
    db: Database, report: Report, row: ReportRow, *, user_id: int | None = None
) -> list[TicketRef]:
    """The tickets a row counts, oldest first (supervisors); ValueError for a report whose rows have none."""
    start, end = period_bounds(report.first, report.last)
    moment = Ticket.resolved_at if report.tickets_by == "resolved" else Ticket.created_at
    query = select(Ticket.id, Ticket.number, Ticket.title, Ticket.status).where(moment >= start, moment < end)
    if report.tickets_by == "failed":
        query = query.where(Ticket.category == "incident", Ticket.status != "cancelled")
    if report.dimension == "model":
        query = query.join(Equipment, Equipment.id == Ticket.equipment_id).where(
            Equipment.model_id == row.key
        )
    elif report.dimension in _COLUMNS:
        column: Any = _COLUMNS[report.dimension]
        query = query.where(column.is_(None) if row.key is None else column == row.key)
    else:
        raise ValueError(f"rows of {report.name!r} have no tickets behind them")
    with db.session() as session:
        require(session, user_id, "reports")
        return [TicketRef(*found) for found in session.execute(query.order_by(moment, Ticket.id))]
