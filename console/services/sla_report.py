"""SLA compliance per client, contract, skill, category or technician over a period.

Over the tickets created in the period, per clock (reaction, arrival, resolution): how many were
decided (met or breached by the clock's stored state; running and paused clocks are not decided
yet), the share met, and the wall-clock minutes from creation to the reaction, arrival and
resolution: mean and nearest-rank 90th percentile over the tickets that reached them.

Everything is computed in the database: counts and means by GROUP BY, the percentile by ranking
each group's times with window functions and keeping the value at rank ceil(0.9 n), so a year of
tickets never travels into Python.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import ColumnElement, Integer, and_, case, func, select
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP
from console.models import Client, Contract, Skill, Technician, Ticket
from console.services.report_table import Report, ReportColumn, ReportRow, period_bounds, share
from console.store.database import Database

DIMENSIONS: Final = ("client", "contract", "skill", "category", "technician")
CLOCKS: Final = ("reaction", "arrival", "resolution")
TITLE: Final = QT_TRANSLATE_NOOP("reports", "SLA compliance")
NOBODY: Final = QT_TRANSLATE_NOOP("reports", "(none)")
_CLOCK_TITLES: Final = {
    "reaction": (
        QT_TRANSLATE_NOOP("reports", "Reaction decided"),
        QT_TRANSLATE_NOOP("reports", "Reaction met %"),
        QT_TRANSLATE_NOOP("reports", "Reaction mean, min"),
        QT_TRANSLATE_NOOP("reports", "Reaction P90, min"),
    ),
    "arrival": (
        QT_TRANSLATE_NOOP("reports", "Arrival decided"),
        QT_TRANSLATE_NOOP("reports", "Arrival met %"),
        QT_TRANSLATE_NOOP("reports", "Arrival mean, min"),
        QT_TRANSLATE_NOOP("reports", "Arrival P90, min"),
    ),
    "resolution": (
        QT_TRANSLATE_NOOP("reports", "Resolution decided"),
        QT_TRANSLATE_NOOP("reports", "Resolution met %"),
        QT_TRANSLATE_NOOP("reports", "Resolution mean, min"),
        QT_TRANSLATE_NOOP("reports", "Resolution P90, min"),
    ),
}
_DIMENSION_TITLES: Final = {
    "client": QT_TRANSLATE_NOOP("reports", "Client"),
    "contract": QT_TRANSLATE_NOOP("reports", "Contract"),
    "skill": QT_TRANSLATE_NOOP("reports", "Skill"),
    "category": QT_TRANSLATE_NOOP("reports", "Category"),
    "technician": QT_TRANSLATE_NOOP("reports", "Technician"),
}


def group_key(dimension: str) -> Any:
    """The ticket column a dimension groups by; ValueError for an unknown one."""
    columns = {
        "client": Ticket.client_id,
        "contract": Ticket.contract_id,
        "skill": Ticket.skill_id,
        "category": Ticket.category,
        "technician": Ticket.technician_id,
    }
    if dimension not in columns:
        raise ValueError(f"unknown grouping {dimension!r}; expected one of {', '.join(DIMENSIONS)}")
    return columns[dimension]


def columns(dimension: str) -> list[ReportColumn]:
    found = [
        ReportColumn("name", _DIMENSION_TITLES[dimension], "text"),
        ReportColumn("tickets", QT_TRANSLATE_NOOP("reports", "Tickets"), "count"),
    ]
    for clock in CLOCKS:
        decided, met, mean, p90 = _CLOCK_TITLES[clock]
        found += [
            ReportColumn(f"{clock}_decided", decided, "count"),
            ReportColumn(f"{clock}_met", met, "percent"),
            ReportColumn(f"{clock}_mean", mean, "minutes"),
            ReportColumn(f"{clock}_p90", p90, "minutes"),
        ]
    return found


def sla_report(db: Database, first: Any, last: Any, by: str = "client") -> Report:
    """SLA compliance of the tickets created from `first` to `last` (local days), one row per group.

    Rows come with the worst resolution compliance first (groups with nothing decided last), so
    the clients or technicians that need a word come to the top.
    """
    key = group_key(by)
    start, end = period_bounds(first, last)
    created = and_(Ticket.created_at >= start, Ticket.created_at < end)
    with db.session() as session:
        counts = _counts(session, key, created)
        times = {clock: _times(session, db.backend, key, created, clock) for clock in CLOCKS}
        names = _names(session, by, set(counts))
    rows = []
    for group, figures in counts.items():
        values: dict[str, object] = {"name": names.get(group, NOBODY), "tickets": figures[0]}
        for index, clock in enumerate(CLOCKS):
            decided, met = figures[1 + 2 * index], figures[2 + 2 * index]
            mean, p90 = times[clock].get(group, (None, None))
            values |= {
                f"{clock}_decided": decided,
                f"{clock}_met": share(met, decided),
                f"{clock}_mean": mean,
                f"{clock}_p90": p90,
            }
        rows.append(ReportRow(group, values))
    rows.sort(key=_worst_first)
    return Report(
        name="sla",
        title=TITLE,
        first=first,
        last=last,
        dimension=by,
        columns=columns(by),
        rows=rows,
        chart_label="name",
        chart_values=tuple(f"{clock}_met" for clock in CLOCKS),
    )


def _worst_first(row: ReportRow) -> tuple[bool, float, str]:
    met = row.values["resolution_met"]
    return (met is None, float(met) if isinstance(met, float) else 0.0, str(row.values["name"]).casefold())


def _counts(session: Session, key: Any, created: ColumnElement[bool]) -> dict[Any, tuple[int, ...]]:
    def count(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0), type_=Integer), 0)

    sums: list[ColumnElement[int]] = [func.count()]
    for state in (Ticket.reaction_state, Ticket.arrival_state, Ticket.resolution_state):
        sums += [count(state.in_(("met", "breached"))), count(state == "met")]
    query = select(key, *sums).where(created).group_by(key)
    return {row[0]: tuple(int(v) for v in row[1:]) for row in session.execute(query)}


def minutes_between(backend: str, start: Any, end: Any) -> ColumnElement[Any]:
    """Minutes from `start` to `end` (NULL when either is NULL), the same number on both databases."""
    if backend == "sqlite":
        return (func.julianday(end) - func.julianday(start)) * 1440.0
    return func.extract("epoch", end - start) / 60.0


def _times(
    session: Session, backend: str, key: Any, created: ColumnElement[bool], clock: str
) -> dict[Any, tuple[float | None, float | None]]:
    """Per group, the mean and nearest-rank 90th percentile minutes from creation to the clock's moment."""
    moment = {"reaction": Ticket.reacted_at, "arrival": Ticket.arrived_at, "resolution": Ticket.resolved_at}[
        clock
    ]
    minutes = minutes_between(backend, Ticket.created_at, moment)
    ranked = (
        select(
            key.label("grp"),
            minutes.label("minutes"),
            func.row_number().over(partition_by=key, order_by=minutes).label("rank"),
            func.count().over(partition_by=key).label("n"),
        )
        .where(created, moment.is_not(None))
        .subquery()
    )
    # Nearest rank: ceil(0.9 n) in integers, (9 n + 9) div 10.
    at_p90 = ranked.c.rank == (ranked.c.n * 9 + 9) // 10
    query = select(
        ranked.c.grp, func.avg(ranked.c.minutes), func.max(case((at_p90, ranked.c.minutes)))
    ).group_by(ranked.c.grp)
    return {
        group: (float(mean) if mean is not None else None, float(p90) if p90 is not None else None)
        for group, mean, p90 in session.execute(query)
    }


def _names(session: Session, by: str, keys: set[Any]) -> dict[Any, str]:
    ids = [k for k in keys if k is not None]
    if by == "category":
        return {k: k for k in ids}
    table: Any = {"client": Client, "contract": Contract, "skill": Skill, "technician": Technician}[by]
    label = {
        "client": Client.name,
        "contract": Contract.number,
        "skill": Skill.name,
        "technician": Technician.full_name,
    }[by]
    return {row[0]: row[1] for row in session.execute(select(table.id, label).where(table.id.in_(ids)))}
