"""Ticket queues: which tickets a queue holds, filtered, sorted and paged by the database.

A queue is a named condition on tickets (unassigned, at risk, one skill, my tickets, a saved
filter...). The queue table never holds the whole ticket table: it asks for one page of rows in the
order the dispatcher chose, and for the total. When the change feed names changed tickets,
`queue_changes` answers "which of these belong to the queue now, where do they rank, and how many
tickets does the queue hold", so a live view moves, inserts or drops just those rows.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func, literal, or_, select, true
from sqlalchemy.orm import aliased

from console.errors import QT_TRANSLATE_NOOP
from console.models import Client, Site, Skill, Technician, Ticket
from console.models.base import CATEGORIES, OPEN_STATUSES, PRIORITIES, TICKET_STATUSES, WAITING_STATUSES
from console.store.database import Database

# A screen shows a few dozen rows; more pages come as the dispatcher scrolls.
PAGE_SIZE = 200
SORT_COLUMNS = ("number", "sla", "priority", "client", "site", "status", "technician", "category", "age")
# Bases a queue may start from; every one but "all" holds open tickets only.
MAINTENANCE_LEAD = timedelta(days=7)
BASES = ("open", "unassigned", "at_risk", "waiting", "maintenance", "mine", "skill", "all")
AT_RISK_STATES = ("warning", "critical", "breached")
PERIODS = ("any", "today", "24h", "7d", "30d", "custom")
PERIOD_SPANS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30)}


@dataclass(frozen=True, slots=True)
class QueueRow:
    """What a queue table shows about one ticket."""

    id: int
    number: str
    title: str
    client_id: int
    client: str
    site_id: int | None
    site: str | None
    priority: str
    category: str
    status: str
    stage: str
    skill: str | None
    technician_id: int | None
    technician: str | None
    sla_state: str
    resolution_due_at: datetime | None
    created_at: datetime
    version: int
    reaction_state: str = "none"
    arrival_state: str = "none"
    resolution_state: str = "none"
    reaction_due_at: datetime | None = None
    arrival_due_at: datetime | None = None
    sla_left_seconds: int | None = None
    sla_issue: str | None = None
    resolution_pause_seconds: int = 0


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the dispatcher narrowed a queue to; empty fields do not filter.

    `technician_id` 0 means "unassigned". `period` counts back from the moment of the query
    ("today" from local midnight), so a saved "last 24 hours" queue keeps moving; with "custom" the
    created range is half-open: from <= created < to.
    """

    text: str = ""
    client_id: int | None = None
    site_id: int | None = None
    skill_id: int | None = None
    priority: str | None = None
    status: str | None = None
    technician_id: int | None = None
    period: str = "any"
    created_from: datetime | None = None
    created_to: datetime | None = None

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ValueError(f"unknown period {self.period!r}")

    def created_range(self, now: datetime | None = None) -> tuple[datetime | None, datetime | None]:
        """The creation range the period stands for at `now`."""
        moment = now or datetime.now(UTC)
        if self.period == "today":
            local = moment.astimezone()
            return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC), None
        if self.period in PERIOD_SPANS:
            return moment - PERIOD_SPANS[self.period], None
        if self.period == "custom":
            return self.created_from, self.created_to
        return None, None

    def is_empty(self) -> bool:
        return self == QueueFilter()


@dataclass(frozen=True, slots=True)
class QueueSort:
    column: str = "sla"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.column not in SORT_COLUMNS:
            raise ValueError(f"unknown sort column {self.column!r}")


@dataclass(frozen=True, slots=True)
class Queue:
    """A named queue: a base condition, the skill or user it is about, and a saved filter.

    `title` is a translatable template for built-in queues (`translatable`), the dispatcher's own
    name for saved ones.
    """

    key: str
    title: str
    base: str
    translatable: bool = True
    skill_id: int | None = None
    user_id: int | None = None
    filter: QueueFilter = field(default_factory=QueueFilter)
    saved_id: int | None = None

    def __post_init__(self) -> None:
        if self.base not in BASES:
            raise ValueError(f"unknown queue base {self.base!r}")

    def condition(self) -> ColumnElement[bool]:
        """The queue's own condition (without the dispatcher's quick filter)."""
        if self.base == "maintenance":
            return and_(Ticket.status.in_(OPEN_STATUSES), Ticket.category == "maintenance")
        # Jobs of maintenance plans are made weeks ahead; they join the other queues a week before
        # they are due, and are all in the planned maintenance queue meanwhile.
        soon = datetime.now(UTC) + MAINTENANCE_LEAD
        is_open = and_(
            Ticket.status.in_(OPEN_STATUSES),
            or_(Ticket.maintenance_due_on.is_(None), Ticket.planned_for < soon),
        )
        if self.base == "open":
            return is_open
        if self.base == "unassigned":
            return and_(is_open, Ticket.technician_id.is_(None))
        if self.base == "at_risk":
            return and_(is_open, Ticket.sla_state.in_(AT_RISK_STATES))
        if self.base == "waiting":
            return Ticket.status.in_(WAITING_STATUSES)
        if self.base == "mine":
            return and_(is_open, Ticket.created_by_id == self.user_id) if self.user_id else false()
        if self.base == "skill":
            return and_(is_open, Ticket.skill_id == self.skill_id)
        return true()


BUILT_IN: tuple[Queue, ...] = (
    Queue("open", QT_TRANSLATE_NOOP("queues", "All open"), "open"),
    Queue("unassigned", QT_TRANSLATE_NOOP("queues", "Unassigned"), "unassigned"),
    Queue("at_risk", QT_TRANSLATE_NOOP("queues", "At risk"), "at_risk"),
    Queue("waiting", QT_TRANSLATE_NOOP("queues", "Waiting"), "waiting"),
    Queue("maintenance", QT_TRANSLATE_NOOP("queues", "Planned maintenance"), "maintenance"),
)


def queue_by_key(key: str) -> Queue:
    for queue in BUILT_IN:
        if queue.key == key:
            return queue
    raise KeyError(key)


def my_queue(user_id: int) -> Queue:
    return Queue("mine", QT_TRANSLATE_NOOP("queues", "My tickets"), "mine", user_id=user_id)


def skill_queues(db: Database) -> list[Queue]:
    """One queue per skill, named after it, in name order."""
    with db.session() as session:
        skills = session.execute(select(Skill.id, Skill.name).order_by(Skill.name)).all()
    return [Queue(f"skill:{sid}", name, "skill", translatable=False, skill_id=sid) for sid, name in skills]


@dataclass(frozen=True, slots=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    offset: int


@dataclass(frozen=True, slots=True)
class QueueChanges:
    """Where the changed tickets stand now: rows still in the queue with their rank, the rest gone."""

    ranked: list[tuple[int, QueueRow]]
    gone: set[int]
    total: int


_technician = aliased(Technician)


def _text_condition(text: str) -> ColumnElement[bool]:
    """Every word must appear in the number, title, client, site or technician.

    SQLite's LIKE folds ASCII case only, so each word is also tried lowercased and capitalised,
    which catches the usual spellings of Cyrillic names; PostgreSQL's ILIKE folds everything.
    """
    words = [w for w in text.split() if w]
    columns = (Ticket.number, Ticket.title, Client.name, Site.address, _technician.full_name)
    conditions = []
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        variants = {escaped, escaped.lower(), escaped.capitalize()}
        alternatives = [
            column.like(f"%{variant}%", escape="\\") for column in columns for variant in sorted(variants)
        ]
        conditions.append(or_(*alternatives))
    return and_(true(), *conditions)


def filter_condition(flt: QueueFilter) -> ColumnElement[bool]:
    """The SQL for a quick filter; needs the client, site and technician joins of the row query."""
    parts: list[ColumnElement[bool]] = []
    if flt.text.strip():
        parts.append(_text_condition(flt.text))
    if flt.client_id is not None:
        parts.append(Ticket.client_id == flt.client_id)
    if flt.site_id is not None:
        parts.append(Ticket.site_id == flt.site_id)
    if flt.skill_id is not None:
        parts.append(Ticket.skill_id == flt.skill_id)
    if flt.priority is not None:
        parts.append(Ticket.priority == flt.priority)
    if flt.status is not None:
        parts.append(Ticket.status == flt.status)
    if flt.technician_id == 0:
        parts.append(Ticket.technician_id.is_(None))
    elif flt.technician_id is not None:
        parts.append(Ticket.technician_id == flt.technician_id)
    created_from, created_to = flt.created_range()
    if created_from is not None:
        parts.append(Ticket.created_at >= created_from)
    if created_to is not None:
        parts.append(Ticket.created_at < created_to)
    return and_(true(), *parts)


def _rank(values: tuple[str, ...], column: Any) -> Any:
    return case({value: position for position, value in enumerate(values)}, value=column, else_=len(values))


def _order_by(sort: QueueSort) -> list[Any]:
    """ORDER BY for a sort; ticket id breaks ties so that paging and ranks are stable."""
    keys: dict[str, Any] = {
        "number": Ticket.id,
        "sla": Ticket.resolution_due_at,
        "priority": _rank(PRIORITIES, Ticket.priority),
        "client": Client.name,
        "site": Site.address,
        "status": _rank(TICKET_STATUSES, Ticket.status),
        "technician": _technician.full_name,
        "category": _rank(CATEGORIES, Ticket.category),
        # The youngest ticket has the smallest age.
        "age": Ticket.created_at,
    }
    key = keys[sort.column]
    descending = sort.descending != (sort.column == "age")
    ordered = key.desc() if descending else key.asc()
    tie = Ticket.id.desc() if descending else Ticket.id.asc()
    if sort.column in ("sla", "site", "technician"):
        # Tickets without the value go last in either direction.
        return [key.is_(None), ordered, tie]
    return [ordered, tie]


def _select_rows(*extra: Any) -> Select[*tuple[Any, ...]]:
    """The queue row's columns, in QueueRow's field order, then `extra`."""
    return (
        select(
            Ticket.id,
            Ticket.number,
            Ticket.title,
            Ticket.client_id,
            Client.name.label("client"),
            Ticket.site_id,
            Site.address.label("site"),
            Ticket.priority,
            Ticket.category,
            Ticket.status,
            Ticket.stage,
            Skill.name.label("skill"),
            Ticket.technician_id,
            _technician.full_name.label("technician"),
            Ticket.sla_state,
            Ticket.resolution_due_at,
            Ticket.created_at,
            Ticket.version,
            Ticket.reaction_state,
            Ticket.arrival_state,
            Ticket.resolution_state,
            Ticket.reaction_due_at,
            Ticket.arrival_due_at,
            Ticket.sla_left_seconds,
            Ticket.sla_issue,
            Ticket.resolution_pause_seconds,
            *extra,
        )
        .select_from(Ticket)
        .join(Client, Client.id == Ticket.client_id)
        .outerjoin(Site, Site.id == Ticket.site_id)
        .outerjoin(Skill, Skill.id == Ticket.skill_id)
        .outerjoin(_technician, _technician.id == Ticket.technician_id)
    )


def _where(queue: Queue, flt: QueueFilter) -> ColumnElement[bool]:
    return and_(queue.condition(), filter_condition(queue.filter), filter_condition(flt))


def _needs_joins(queue: Queue, flt: QueueFilter) -> bool:
    return bool(queue.filter.text.strip() or flt.text.strip())


def _count(session: Any, queue: Queue, flt: QueueFilter) -> int:
    query = select(func.count()).select_from(Ticket)
    if _needs_joins(queue, flt):
        query = (
            query.join(Client, Client.id == Ticket.client_id)
            .outerjoin(Site, Site.id == Ticket.site_id)
            .outerjoin(_technician, _technician.id == Ticket.technician_id)
        )
    return int(session.execute(query.where(_where(queue, flt))).scalar_one())


_ROW_WIDTH = len(QueueRow.__dataclass_fields__)


def _row(values: Any) -> QueueRow:
    """The selected columns are in QueueRow's field order (see `_select_rows`)."""
    return QueueRow(*values[:_ROW_WIDTH])


def queue_page(
    db: Database,
    queue: Queue,
    flt: QueueFilter | None = None,
    sort: QueueSort | None = None,
    *,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> QueuePage:
    """One page of the queue's tickets in the chosen order, and how many the queue holds in all."""
    flt = flt or QueueFilter()
    query = _select_rows().where(_where(queue, flt)).order_by(*_order_by(sort or QueueSort()))
    with db.session() as session:
        rows = [_row(r) for r in session.execute(query.offset(offset).limit(limit))]
        total = len(rows) + offset if offset == 0 and len(rows) < limit else _count(session, queue, flt)
    return QueuePage(rows, total, offset)


def queue_changes(
    db: Database,
    queue: Queue,
    ids: Collection[int],
    flt: QueueFilter | None = None,
    sort: QueueSort | None = None,
) -> QueueChanges:
    """Which of the changed tickets `ids` the (filtered) queue holds now, each with its 0-based rank."""
    flt = flt or QueueFilter()
    wanted = set(ids)
    ranked_query = _select_rows(
        func.row_number().over(order_by=_order_by(sort or QueueSort())).label("rank_")
    ).where(_where(queue, flt))
    inner = ranked_query.subquery()
    query = select(inner).where(inner.c.id.in_(sorted(wanted))) if wanted else None
    with db.session() as session:
        ranked = [(int(r[-1]) - 1, _row(r)) for r in session.execute(query)] if query is not None else []
        total = _count(session, queue, flt)
    ranked.sort(key=lambda pair: pair[0])
    return QueueChanges(ranked, wanted - {row.id for _, row in ranked}, total)


def queue_rows(db: Database, queue: Queue, ids: Collection[int] | None = None) -> list[QueueRow]:
    """The queue's tickets (only those among `ids` when given), most urgent deadline first."""
    if ids is None:
        return queue_page(db, queue, limit=1_000_000).rows
    return [row for _, row in queue_changes(db, queue, ids).ranked]


def queue_count(db: Database, queue: Queue, flt: QueueFilter | None = None) -> int:
    with db.session() as session:
        return _count(session, queue, flt or QueueFilter())


def queue_counts(db: Database, queues: Collection[Queue]) -> dict[str, int]:
    """How many tickets each queue holds, in one pass over the open tickets (and one per other queue)."""
    open_based = [q for q in queues if q.base != "all" and not q.filter.text.strip()]
    others = [q for q in queues if q not in open_based]
    counts: dict[str, int] = {}
    with db.session() as session:
        if open_based:
            sums = [
                func.coalesce(
                    func.sum(case((and_(q.condition(), filter_condition(q.filter)), 1), else_=0)), 0
                )
                for q in open_based
            ]
            values = session.execute(
                select(literal(0), *sums).select_from(Ticket).where(Ticket.status.in_(OPEN_STATUSES))
            ).one()
            counts.update({q.key: int(v) for q, v in zip(open_based, values[1:], strict=True)})
        for queue in others:
            counts[queue.key] = _count(session, queue, QueueFilter())
    return counts
