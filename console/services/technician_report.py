"""Technicians over a period: tickets resolved, hours logged, first-time fix, reopen rate, feedback
score and utilisation.

The figures are the supervisor board's (services/kpis.py, grouped per technician: see `kpi_table`
for each definition) plus the mean feedback score clients gave in the period on the technician's
tickets. Rows come with the most tickets resolved first.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from sqlalchemy import Float, func, select

from console.errors import QT_TRANSLATE_NOOP
from console.models import Feedback, Technician, Ticket
from console.services.kpis import kpi_table
from console.services.report_table import Report, ReportColumn, ReportRow, period_bounds
from console.store.database import Database

TITLE: Final = QT_TRANSLATE_NOOP("reports", "Technicians")
COLUMNS: Final = (
    ReportColumn("name", QT_TRANSLATE_NOOP("reports", "Technician"), "text"),
    ReportColumn("team", QT_TRANSLATE_NOOP("reports", "Team"), "text"),
    ReportColumn("resolved", QT_TRANSLATE_NOOP("reports", "Tickets resolved"), "count"),
    ReportColumn("hours", QT_TRANSLATE_NOOP("reports", "Hours logged"), "hours"),
    ReportColumn("first_time_fix", QT_TRANSLATE_NOOP("reports", "First-time fix %"), "percent"),
    ReportColumn("reopen_rate", QT_TRANSLATE_NOOP("reports", "Reopened %"), "percent"),
    ReportColumn("feedback", QT_TRANSLATE_NOOP("reports", "Feedback score"), "score"),
    ReportColumn("feedback_count", QT_TRANSLATE_NOOP("reports", "Feedback received"), "count"),
    ReportColumn("utilisation", QT_TRANSLATE_NOOP("reports", "Utilisation %"), "percent"),
)


def technician_report(db: Database, first: date, last: date) -> Report:
    """One row per technician with work, tickets or feedback in the period."""
    start, end = period_bounds(first, last)
    figures = {
        row.key: row for row in kpi_table(db, start=start, end=end, by="technician") if row.key is not None
    }
    with db.session() as session:
        scores = {
            technician_id: (float(mean), int(count))
            for technician_id, mean, count in session.execute(
                select(Ticket.technician_id, func.avg(func.cast(Feedback.score, Float)), func.count())
                .join(Ticket, Ticket.id == Feedback.ticket_id)
                .where(
                    Feedback.received_at >= start,
                    Feedback.received_at < end,
                    Ticket.technician_id.is_not(None),
                )
                .group_by(Ticket.technician_id)
            )
        }
        people = {
            row.id: row
            for row in session.execute(select(Technician.id, Technician.full_name, Technician.team))
        }
    rows = []
    for technician_id in set(figures) | set(scores):
        kpi = figures.get(technician_id)
        mean, count = scores.get(technician_id, (None, 0))
        resolved = kpi.resolved if kpi else 0
        minutes = (kpi.work_minutes or 0) if kpi else 0
        if not (resolved or minutes or count):
            continue
        person = people[technician_id]
        rows.append(
            ReportRow(
                technician_id,
                {
                    "name": person.full_name,
                    "team": person.team,
                    "resolved": resolved,
                    "hours": minutes / 60,
                    "first_time_fix": kpi.first_time_fix if kpi else None,
                    "reopen_rate": kpi.reopen_rate if kpi else None,
                    "feedback": mean,
                    "feedback_count": count,
                    "utilisation": kpi.utilisation if kpi else None,
                },
            )
        )
    rows.sort(key=lambda r: (-int(r.values["resolved"]), str(r.values["name"])))  # type: ignore[call-overload]
    return Report(
        name="technicians",
        title=TITLE,
        first=first,
        last=last,
        dimension="technician",
        columns=COLUMNS,
        rows=rows,
        chart_label="name",
        chart_values=("resolved",),
        tickets_by="resolved",
    )
