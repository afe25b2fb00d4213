"""The reports the console and the `report` command know: name, title, groupings, and how to compute each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from console.errors import QT_TRANSLATE_NOOP
from console.services import (
    equipment_report,
    loyalty_report,
    profitability_report,
    sla_report,
    technician_report,
)
from console.services.access import require
from console.services.report_table import Report
from console.store.database import Database


@dataclass(frozen=True, slots=True)
class ReportKind:
    """A report: its title (translatable), the groupings it offers (first is the default), its builder."""

    name: str
    title: str
    groupings: Sequence[str]
    build: Callable[[Database, date, date, str | None], Report]


REPORTS: Final = {
    kind.name: kind
    for kind in (
        ReportKind(
            "sla",
            sla_report.TITLE,
            sla_report.DIMENSIONS,
            lambda db, first, last, by: sla_report.sla_report(db, first, last, by or "client"),
        ),
        ReportKind(
            "equipment",
            equipment_report.MODEL_TITLE,
            (),
            lambda db, first, last, _by: equipment_report.equipment_report(db, first, last),
        ),
        ReportKind(
            "repeat_failures",
            equipment_report.UNIT_TITLE,
            (),
            lambda db, first, last, _by: equipment_report.repeat_failures_report(db, first, last),
        ),
        ReportKind(
            "technicians",
            technician_report.TITLE,
            (),
            lambda db, first, last, _by: technician_report.technician_report(db, first, last),
        ),
        ReportKind(
            "loyalty",
            loyalty_report.TITLE,
            (),
            lambda db, first, last, _by: loyalty_report.loyalty_report(db, first, last),
        ),
        ReportKind(
            "profitability",
            profitability_report.TITLE,
            (),
            lambda db, first, last, _by: profitability_report.profitability_report(db, first, last),
        ),
    )
}
GROUPING_TITLES: Final = {
    "client": QT_TRANSLATE_NOOP("reports", "by client"),
    "contract": QT_TRANSLATE_NOOP("reports", "by contract"),
    "skill": QT_TRANSLATE_NOOP("reports", "by skill"),
    "category": QT_TRANSLATE_NOOP("reports", "by category"),
    "technician": QT_TRANSLATE_NOOP("reports", "by technician"),
}


def build_report(
    db: Database, name: str, first: date, last: date, by: str | None = None, *, user_id: int | None = None
) -> Report:
    """Compute a report by name (supervisors); ValueError for an unknown report or grouping, or `last`
    before `first`; AccessDenied when the user may not read reports."""
    with db.session() as session:
        require(session, user_id, "reports")
    kind = REPORTS.get(name)
    if kind is None:
        raise ValueError(f"unknown report {name!r}; expected one of {', '.join(REPORTS)}")
    if by is not None and by not in kind.groupings:
        offered = ", ".join(kind.groupings) or "none"
        raise ValueError(f"report {name!r} cannot be grouped by {by!r}; groupings: {offered}")
    return kind.build(db, first, last, by)
