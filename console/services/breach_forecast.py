"""Open tickets predicted to miss their next SLA deadline, with what the supervisor should do about it.

For each open ticket the next deadline is the arrival deadline while nobody has arrived (when the
ticket has one), else the resolution deadline. The finish is predicted as now + waiting + travel
(+ remaining work for a resolution deadline):

* waiting: a dispatch delay for an unassigned ticket (someone must assign it and the technician must
  set off), nothing for an assigned one;
* travel: the travel model's minutes from the assigned technician's last reported position (else
  home base) to the site; nothing once someone is on site or for a ticket without a site; for an
  unassigned ticket, from the nearest suitable technician (`nearby.nearest_technicians`);
* work: the median work-logged minutes of recently resolved tickets of the same category and
  priority, less the minutes already logged on the ticket, never below zero.

The estimate ignores what the technician must finish first elsewhere and the site's opening hours:
it is an early warning, not a plan. Suggested actions are translatable templates
(QT_TRANSLATE_NOOP("forecast", ...)) with their values, for the view to translate. Qt-free.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP
from console.models import Client, Site, Technician, Ticket, WorkLog
from console.models.base import OPEN_STATUSES, utcnow
from console.services.nearby import NearbyTechnician, nearest_technicians
from console.services.travel import DEFAULT_TRAVEL, TravelModel
from console.store.database import Database

DISPATCH_DELAY_MINUTES: Final = 15.0
"""From "unassigned" to a technician on the road: the dispatcher picks someone, the technician
accepts and sets off."""

UNKNOWN_TRAVEL_MINUTES: Final = 30.0
"""Travel assumed for an unassigned ticket whose nearest technician was not looked up (beyond
MAX_LOOKUPS): about half an hour across Moscow at daytime speed."""

DEFAULT_WORK_MINUTES: Final = 60.0
"""Work assumed for a category and priority with no resolved history: one hour on site."""

DISPATCH_NOW_MINUTES: Final = 30.0
"""Slack below which a technician who has not set off yet should go now."""

HISTORY_DAYS: Final = 180
"""Work times are taken from tickets resolved in this many days before now: recent practice."""

MAX_LOOKUPS: Final = 20
"""Nearest-technician look-ups per call (five queries each), spent on the most urgent tickets."""

CANDIDATES: Final = 3
"""Technicians ranked per look-up: the nearest free one among them is preferred."""

ACTIVE_STATES: Final = ("running", "warning", "critical")
"""Clock states that count down: a paused clock's deadline moves, a breached or met one is decided."""


@dataclass(frozen=True, slots=True)
class Action:
    """A suggested action: a key, an English template in the "forecast" context and its values."""

    code: str
    template: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BreachForecast:
    """One ticket's next deadline against its predicted finish.

    `slack` is deadline - predicted finish: negative means a predicted breach. `waiting_minutes`,
    `travel_minutes` and `work_minutes` are the parts of the estimate (work is 0 for an arrival
    deadline). `technician` is the assigned technician's name (None when unassigned).
    """

    ticket_id: int
    number: str
    client: str
    technician: str | None
    kind: str
    deadline: datetime
    predicted_finish: datetime
    slack: timedelta
    waiting_minutes: float
    travel_minutes: float
    work_minutes: float
    action: Action


@dataclass(slots=True)
class _Estimate:
    """A ticket on its way to a forecast: the row, its deadline, and the parts known so far."""

    row: Any
    kind: str
    deadline: datetime
    waiting: float
    travel: float
    work: float
    alternative: NearbyTechnician | None = None

    def finish(self, now: datetime) -> datetime:
        return now + timedelta(minutes=self.waiting + self.travel + self.work)


def predicted_breaches(
    db: Database,
    *,
    now: datetime | None = None,
    horizon: timedelta = timedelta(hours=8),
    limit: int = 50,
    travel: TravelModel = DEFAULT_TRAVEL,
) -> list[BreachForecast]:
    """Open tickets predicted to miss their next deadline, or whose deadline is within `horizon` of `now`.

    Sorted by slack, smallest (most late) first, then by deadline; at most `limit`. The next clock
    is the arrival clock while nobody has arrived and it is not breached yet, else the resolution
    clock; a ticket is left out when that clock is paused, decided or has no deadline (the SLA
    alerts cover breaches). Three queries (open tickets, work logged on them, median work per category and
    priority) plus at most MAX_LOOKUPS nearest-technician look-ups for unassigned tickets and for
    assigned ones predicted late, most urgent first; other unassigned tickets assume
    UNKNOWN_TRAVEL_MINUTES. Raises ValueError for a naive `now` or a negative `limit`.
    """
    now = utcnow() if now is None else now
    if now.utcoffset() is None:
        raise ValueError(f"now must be time-zone-aware, got {now.isoformat()}")
    if limit < 0:
        raise ValueError(f"limit must not be negative, got {limit}")
    with db.session() as session:
        rows = session.execute(
            select(
                Ticket.id,
                Ticket.number,
                Client.name.label("client"),
                Ticket.category,
                Ticket.priority,
                Ticket.status,
                Ticket.technician_id,
                Ticket.arrived_at,
                Ticket.arrival_due_at,
                Ticket.arrival_state,
                Ticket.resolution_due_at,
                Ticket.resolution_state,
                Site.latitude,
                Site.longitude,
                Technician.full_name.label("technician"),
                func.coalesce(Technician.last_latitude, Technician.home_latitude).label("tech_latitude"),
                func.coalesce(Technician.last_longitude, Technician.home_longitude).label("tech_longitude"),
            )
            .join(Client, Client.id == Ticket.client_id)
            .outerjoin(Site, Site.id == Ticket.site_id)
            .outerjoin(Technician, Technician.id == Ticket.technician_id)
            .where(Ticket.status.in_(OPEN_STATUSES))
        ).all()
        logged: dict[int, int] = {
            ticket_id: minutes
            for ticket_id, minutes in session.execute(
                select(WorkLog.ticket_id, func.sum(WorkLog.minutes))
                .join(Ticket, Ticket.id == WorkLog.ticket_id)
                .where(Ticket.status.in_(OPEN_STATUSES))
                .group_by(WorkLog.ticket_id)
            )
        }
        medians = _median_work(session, now - timedelta(days=HISTORY_DAYS))

    estimates = []
    for row in rows:
        if row.arrived_at is None and row.arrival_due_at is not None and row.arrival_state != "breached":
            kind, deadline, state = "arrival", row.arrival_due_at, row.arrival_state
        else:
            kind, deadline, state = "resolution", row.resolution_due_at, row.resolution_state
        if deadline is None or state not in ACTIVE_STATES:
            continue
        work = 0.0
        if kind == "resolution":
            typical = medians.get((row.category, row.priority), DEFAULT_WORK_MINUTES)
            work = max(0.0, typical - logged.get(row.id, 0))
        on_site = row.arrived_at is not None or row.latitude is None
        if row.technician_id is None:
            waiting, distance = DISPATCH_DELAY_MINUTES, 0.0 if on_site else UNKNOWN_TRAVEL_MINUTES
        else:
            site, position = (row.latitude, row.longitude), (row.tech_latitude, row.tech_longitude)
            waiting, distance = 0.0, 0.0 if on_site else travel.minutes(position, site)
        estimates.append(_Estimate(row, kind, deadline, waiting, distance, work))

    # Look-ups where a nearer technician could change the advice, among the tickets likely to be shown:
    # unassigned tickets with a site still to reach, and assigned ones predicted late before arrival;
    # most urgent first.
    def slack(e: _Estimate) -> timedelta:
        return e.deadline - e.finish(now)

    wanted = sorted(
        (
            e
            for e in estimates
            if e.row.latitude is not None
            and e.row.arrived_at is None
            and (e.row.technician_id is None or slack(e) < timedelta(0))
            and (slack(e) < timedelta(0) or e.deadline - now <= horizon)
        ),
        key=slack,
    )
    for estimate in wanted[:MAX_LOOKUPS]:
        found = nearest_technicians(db, estimate.row.id, now=now, limit=CANDIDATES, travel=travel)
        candidates = found.technicians if found is not None else ()
        free = [c for c in candidates if c.state == "free" and c.id != estimate.row.technician_id]
        if estimate.row.technician_id is None:
            estimate.alternative = free[0] if free else next(iter(candidates), None)
            if estimate.alternative is not None:
                estimate.travel = estimate.alternative.travel_minutes
        elif free and free[0].travel_minutes < estimate.travel:
            estimate.alternative = free[0]

    forecasts = []
    for estimate in estimates:
        finish = estimate.finish(now)
        left = estimate.deadline - finish
        if left >= timedelta(0) and estimate.deadline - now > horizon:
            continue
        row = estimate.row
        forecasts.append(
            BreachForecast(
                ticket_id=row.id,
                number=row.number,
                client=row.client,
                technician=row.technician,
                kind=estimate.kind,
                deadline=estimate.deadline,
                predicted_finish=finish,
                slack=left,
                waiting_minutes=estimate.waiting,
                travel_minutes=estimate.travel,
                work_minutes=estimate.work,
                action=_action(estimate, left),
            )
        )
    forecasts.sort(key=lambda f: (f.slack, f.deadline, f.ticket_id))
    return forecasts[:limit]


def _median_work(session: Session, since: datetime) -> dict[tuple[str, str], float]:
    """The median work-logged minutes per ticket by (category, priority), over tickets resolved since
    `since` with work logged; one query, the median picked with window functions (both databases)."""
    per_ticket = (
        select(
            Ticket.category.label("category"),
            Ticket.priority.label("priority"),
            func.sum(WorkLog.minutes).label("minutes"),
        )
        .join(WorkLog, WorkLog.ticket_id == Ticket.id)
        .where(Ticket.resolved_at >= since)
        .group_by(Ticket.id, Ticket.category, Ticket.priority)
        .subquery()
    )
    group = (per_ticket.c.category, per_ticket.c.priority)
    ranked = select(
        per_ticket.c.category,
        per_ticket.c.priority,
        per_ticket.c.minutes,
        func.row_number().over(partition_by=group, order_by=per_ticket.c.minutes).label("rank"),
        func.count().over(partition_by=group).label("n"),
    ).subquery()
    # The middle value, or the two middle ones (averaged): twice the rank is n + 1, or n and n + 2.
    middle = and_(ranked.c.rank * 2 >= ranked.c.n, ranked.c.rank * 2 <= ranked.c.n + 2)
    query = (
        select(ranked.c.category, ranked.c.priority, func.avg(ranked.c.minutes))
        .where(middle)
        .group_by(ranked.c.category, ranked.c.priority)
    )
    return {(category, priority): float(minutes) for category, priority, minutes in session.execute(query)}


def _action(estimate: _Estimate, slack: timedelta) -> Action:
    """What to do: reassign or escalate a predicted breach, assign an unassigned ticket, send the
    technician now when little time is left, else nothing but watch."""
    spare = slack.total_seconds() / 60
    row, other = estimate.row, estimate.alternative
    if slack < timedelta(0):
        if (
            row.technician_id is not None
            and other is not None
            and spare + estimate.travel - other.travel_minutes >= 0
        ):
            return Action(
                "reassign",
                QT_TRANSLATE_NOOP(
                    "forecast", "Reassign to {technician}, {minutes} min away instead of {current} min"
                ),
                {
                    "technician": other.name,
                    "minutes": round(other.travel_minutes),
                    "current": round(estimate.travel),
                },
            )
        return Action(
            "escalate",
            QT_TRANSLATE_NOOP("forecast", "Tell the client and escalate: about {minutes} min late"),
            {"minutes": math.ceil(-spare)},
        )
    if row.technician_id is None:
        if other is None:
            return Action("assign", QT_TRANSLATE_NOOP("forecast", "Assign a technician"))
        return Action(
            "assign",
            QT_TRANSLATE_NOOP("forecast", "Assign {technician}, {minutes} min away"),
            {"technician": other.name, "minutes": round(other.travel_minutes)},
        )
    if spare < DISPATCH_NOW_MINUTES and row.status in ("assigned", "accepted", "reopened"):
        return Action(
            "dispatch_now",
            QT_TRANSLATE_NOOP("forecast", "Send {technician} now: {minutes} min to spare"),
            {"technician": row.technician, "minutes": math.floor(spare)},
        )
    return Action(
        "on_track",
        QT_TRANSLATE_NOOP("forecast", "On track: {minutes} min to spare"),
        {"minutes": math.floor(spare)},
    )
