"""Client loyalty: the feedback score's trend per client and the signs of a client about to leave.

For each client with feedback, breaches or a contract in the period: the mean feedback score in the
period and in the period of the same length just before it, the change, the SLA breaches of the
tickets created in each (a ticket counts once whichever of its clocks broke), and the end of its
contract. A client is flagged for a falling score (half a point or more), for rising breaches (more
than before, and at least two), and for a contract ending within 60 days of the period's end with
no contract starting after it. Flagged clients come first, most flags first.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Final

from sqlalchemy import Float, func, or_, select

from console.errors import QT_TRANSLATE_NOOP
from console.models import Client, Contract, Feedback, Ticket
from console.services.report_table import Report, ReportColumn, ReportRow, period_bounds
from console.store.database import Database

TITLE: Final = QT_TRANSLATE_NOOP("reports", "Client loyalty")
FALLING_SCORE: Final = QT_TRANSLATE_NOOP("reports", "falling score")
RISING_BREACHES: Final = QT_TRANSLATE_NOOP("reports", "rising breaches")
CONTRACT_ENDING: Final = QT_TRANSLATE_NOOP("reports", "contract ending without renewal")
SCORE_DROP: Final = 0.5
RENEWAL_WINDOW_DAYS: Final = 60
COLUMNS: Final = (
    ReportColumn("name", QT_TRANSLATE_NOOP("reports", "Client"), "text"),
    ReportColumn("score", QT_TRANSLATE_NOOP("reports", "Feedback score"), "score"),
    ReportColumn("score_before", QT_TRANSLATE_NOOP("reports", "Score before"), "score"),
    ReportColumn("trend", QT_TRANSLATE_NOOP("reports", "Change"), "score"),
    ReportColumn("breaches", QT_TRANSLATE_NOOP("reports", "Breaches"), "count"),
    ReportColumn("breaches_before", QT_TRANSLATE_NOOP("reports", "Breaches before"), "count"),
    ReportColumn("contract_ends", QT_TRANSLATE_NOOP("reports", "Contract ends"), "date"),
    ReportColumn("flags", QT_TRANSLATE_NOOP("reports", "Churn risk"), "flags"),
)


def loyalty_report(db: Database, first: date, last: date) -> Report:
    """One row per client with feedback, breaches or a contract running in the period."""
    start, end = period_bounds(first, last)
    length = (last - first).days + 1
    before_start, _ = period_bounds(first - timedelta(days=length), first - timedelta(days=1))
    breached = or_(
        Ticket.reaction_state == "breached",
        Ticket.arrival_state == "breached",
        Ticket.resolution_state == "breached",
    )
    with db.session() as session:

        def scores(since: object, until: object) -> dict[int, float]:
            query = (
                select(Feedback.client_id, func.avg(func.cast(Feedback.score, Float)))
                .where(Feedback.received_at >= since, Feedback.received_at < until)
                .group_by(Feedback.client_id)
            )
            return {client_id: float(mean) for client_id, mean in session.execute(query)}

        def breaches(since: object, until: object) -> dict[int, int]:
            query = (
                select(Ticket.client_id, func.count())
                .where(Ticket.created_at >= since, Ticket.created_at < until, breached)
                .group_by(Ticket.client_id)
            )
            return {client_id: int(count) for client_id, count in session.execute(query)}

        now, before = scores(start, end), scores(before_start, start)
        broken, broken_before = breaches(start, end), breaches(before_start, start)
        contracts: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
        for client_id, starts_on, ends_on in session.execute(
            select(Contract.client_id, Contract.starts_on, Contract.ends_on).where(
                Contract.status == "active"
            )
        ):
            contracts[client_id].append((starts_on, ends_on))
        names = dict(session.execute(select(Client.id, Client.name)).all())
    rows = []
    for client_id in (
        set(now) | set(broken) | {c for c, found in contracts.items() if _runs(found, first, last)}
    ):
        score, score_before = now.get(client_id), before.get(client_id)
        trend = score - score_before if score is not None and score_before is not None else None
        ends = _ending(contracts.get(client_id, []), first, last)
        flags = []
        if trend is not None and trend <= -SCORE_DROP:
            flags.append(FALLING_SCORE)
        if broken.get(client_id, 0) >= 2 and broken.get(client_id, 0) > broken_before.get(client_id, 0):
            flags.append(RISING_BREACHES)
        if ends is not None:
            flags.append(CONTRACT_ENDING)
        rows.append(
            ReportRow(
                client_id,
                {
                    "name": names[client_id],
                    "score": score,
                    "score_before": score_before,
                    "trend": trend,
                    "breaches": broken.get(client_id, 0),
                    "breaches_before": broken_before.get(client_id, 0),
                    "contract_ends": ends,
                    "flags": tuple(flags),
                },
            )
        )
    rows.sort(key=lambda r: (-len(r.values["flags"]), r.values["trend"] or 0.0, str(r.values["name"])))  # type: ignore[arg-type]
    return Report(
        name="loyalty",
        title=TITLE,
        first=first,
        last=last,
        dimension="client",
        columns=COLUMNS,
        rows=rows,
        chart_label="name",
        chart_values=("score", "score_before"),
    )


def _runs(contracts: list[tuple[date, date | None]], first: date, last: date) -> bool:
    return any(starts <= last and (ends is None or ends >= first) for starts, ends in contracts)


def _ending(contracts: list[tuple[date, date | None]], first: date, last: date) -> date | None:
    """The end of the client's last contract when it ends soon: a renewal would end later, or never."""
    horizon = last + timedelta(days=RENEWAL_WINDOW_DAYS)
    if not contracts or any(ends is None for _, ends in contracts):
        return None
    latest = max(ends for _, ends in contracts if ends is not None)
    return latest if first <= latest <= horizon else None
