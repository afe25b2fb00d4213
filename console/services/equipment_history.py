"""The equipment part of the client context panel: a site's units, a unit's repairs, failure statistics
per equipment model, and the model's knowledge-base articles.

During a call the dispatcher needs to see at once what stands at the site, whether the contract
covers it, when it was last serviced and is next due, and what has been done to it before; a
supervisor wants to know which models keep failing across all clients, so they can be dropped.
Everything here is Qt-free and returns frozen dataclasses.

Coverage uses `ticket_intake.site_equipment`, so the panel and the intake dialog agree on it.

Planned maintenance dates come from the plans' RRULE text, evaluated by python-dateutil.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from decimal import Decimal

from dateutil.rrule import rrulestr
from sqlalchemy import Date, Float, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.elements import SQLColumnExpression

from console.models import (
    Consumable,
    Equipment,
    EquipmentModel,
    KnowledgeArticle,
    KnowledgeAttachment,
    MaintenancePlan,
    Technician,
    Ticket,
    WorkLog,
)
from console.models.base import OPEN_STATUSES, utcnow
from console.services.ticket_intake import site_equipment
from console.store.database import Database

DAYS_PER_YEAR = 365.25
MIN_EXPOSURE_YEARS = 2.0
"""A model needs at least this many unit-years in service to be marked as most failing.

Below two unit-years one or two chance failures make a rate that says nothing about the model
(a unit installed last month with one incident would "fail" twelve times a year).
"""
EXCERPT_CHARS = 200
RESOLVED_STATUSES = ("resolved", "closed")
_EPOCH = date(1970, 1, 1)


# Results ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EquipmentNode:
    """A unit at the site with the units mounted in it (`children`, in registration order).

    `covered`: an active contract in force today covers the site and lists the working unit.
    `last_service`: the day the latest resolved maintenance ticket on the unit was resolved (UTC).
    `next_maintenance`: the next day on or after today that an active plan for the unit, or for its
    model at this site, falls on; None when there is none or its rule is beyond `next_occurrence`.
    """

    id: int
    model_id: int
    model: str
    kind: str
    serial: str
    inventory: str | None
    installed_on: date | None
    decommissioned_on: date | None
    covered: bool
    last_service: date | None
    next_maintenance: date | None
    open_tickets: int
    children: tuple[EquipmentNode, ...]


@dataclass(frozen=True, slots=True)
class Part:
    """A consumable used on a ticket; `cost` is quantity times unit cost."""

    name: str
    quantity: Decimal
    unit_cost: Decimal
    cost: Decimal


@dataclass(frozen=True, slots=True)
class RepairEntry:
    """One ticket on the unit and the work done on it.

    `work` holds the non-empty work log descriptions in the order they were logged; `technicians`
    the names of those who logged work, then the assigned technician if they logged none.
    """

    ticket_id: int
    number: str
    category: str
    title: str
    status: str
    created_at: datetime
    resolved_at: datetime | None
    work: tuple[str, ...]
    minutes: int
    technicians: tuple[str, ...]
    parts: tuple[Part, ...]
    parts_cost: Decimal


@dataclass(frozen=True, slots=True)
class ModelFailureStats:
    """Failures of one equipment model across all clients.

    `failures`: incident tickets on its units, cancelled ones excepted (a cancelled incident was a
    duplicate or a false alarm). `exposure_years`: unit-years in service, see `model_failure_stats`.
    `failure_rate`: failures per unit per year; `mtbf_days`: exposure days per failure. Both are
    None when there is no exposure (and `mtbf_days` when there are no failures).
    """

    model_id: int
    model: str
    kind: str
    units_in_service: int
    failures: int
    exposure_years: float
    failure_rate: float | None
    mtbf_days: float | None
    most_failing: bool


@dataclass(frozen=True, slots=True)
class Attachment:
    file_name: str
    media_type: str
    location: str


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """A knowledge-base article: its title, a short excerpt of the body (around the match when the
    search text is in the body), when it was last updated, and its manuals and schematics."""

    id: int
    title: str
    excerpt: str
    updated_at: datetime
    attachments: tuple[Attachment, ...]


# Planned maintenance dates -------------------------------------------------------------------------


def next_occurrence(rule: str, starts_on: date, ends_on: date | None, on_or_after: date) -> date | None:
    """The first day of the recurrence on or after `on_or_after` (and not after `ends_on`).

    The rule is an iCalendar RRULE starting on `starts_on` (DTSTART), read by dateutil, the
    standard implementation of RFC 5545 recurrences; a rule it cannot read gives None.
    """
    try:
        recurrence = rrulestr(rule, dtstart=datetime.combine(starts_on, time()), ignoretz=True)
    except (ValueError, TypeError):
        return None
    found: datetime | None = recurrence.after(datetime.combine(max(starts_on, on_or_after), time()), inc=True)
    if found is None or (ends_on is not None and found.date() > ends_on):
        return None
    return found.date()


# The site's equipment tree ---------------------------------------------------------------------------


def _last_services(session: Session, unit_ids: list[int]) -> dict[int, date]:
    rows = session.execute(
        select(Ticket.equipment_id, func.max(Ticket.resolved_at))
        .where(
            Ticket.equipment_id.in_(unit_ids),
            Ticket.category == "maintenance",
            Ticket.status.in_(RESOLVED_STATUSES),
            Ticket.resolved_at.is_not(None),
        )
        .group_by(Ticket.equipment_id)
    )
    return {unit_id: at.astimezone(UTC).date() for unit_id, at in rows if unit_id is not None and at}


def _open_counts(session: Session, unit_ids: list[int]) -> dict[int, int]:
    rows = session.execute(
        select(Ticket.equipment_id, func.count())
        .where(Ticket.equipment_id.in_(unit_ids), Ticket.status.in_(OPEN_STATUSES))
        .group_by(Ticket.equipment_id)
    )
    return {unit_id: count for unit_id, count in rows if unit_id is not None}


def _next_maintenance(
    session: Session, site_id: int, units: dict[int, Equipment], today: date
) -> dict[int, date]:
    """Unit id -> the earliest next date of the active plans for the unit or its model at the site."""
    model_ids = {unit.model_id for unit in units.values()}
    plans = session.scalars(
        select(MaintenancePlan).where(
            MaintenancePlan.active.is_(True),
            MaintenancePlan.ends_on.is_(None) | (MaintenancePlan.ends_on >= today),
            or_(
                MaintenancePlan.equipment_id.in_(list(units)),
                and_(
                    MaintenancePlan.equipment_id.is_(None),
                    MaintenancePlan.site_id == site_id,
                    MaintenancePlan.equipment_model_id.in_(model_ids),
                ),
            ),
        )
    )
    by_unit: dict[int, list[MaintenancePlan]] = defaultdict(list)
    by_model: dict[int, list[MaintenancePlan]] = defaultdict(list)
    for plan in plans:
        if plan.equipment_id is not None:
            by_unit[plan.equipment_id].append(plan)
        elif plan.equipment_model_id is not None:
            by_model[plan.equipment_model_id].append(plan)
    result: dict[int, date] = {}
    for unit_id, unit in units.items():
        if unit.decommissioned_on is not None and unit.decommissioned_on <= today:
            continue
        dates = [
            day
            for plan in by_unit[unit_id] + by_model[unit.model_id]
            if (day := next_occurrence(plan.rrule, plan.starts_on, plan.ends_on, today)) is not None
        ]
        if dates:
            result[unit_id] = min(dates)
    return result


def equipment_tree(db: Database, site_id: int, *, today: date | None = None) -> list[EquipmentNode]:
    """Every unit at the site as a tree: roots in registration order, assemblies nested under them.

    A unit whose parent is at another site (or gone) is shown as a root, so that nothing at the
    site is hidden.
    """
    day = today or utcnow().date()
    options = site_equipment(db, site_id, at=datetime.combine(day, time(12), UTC))
    if not options:
        return []
    ids = [option.id for option in options]
    with db.session() as session:
        units = {unit.id: unit for unit in session.scalars(select(Equipment).where(Equipment.id.in_(ids)))}
        last = _last_services(session, ids)
        open_counts = _open_counts(session, ids)
        upcoming = _next_maintenance(session, site_id, units, day)
    children: dict[int, list[int]] = defaultdict(list)
    for option in options:
        if option.parent_id in units:
            children[option.parent_id].append(option.id)
    by_id = {option.id: option for option in options}
    placed: set[int] = set()

    def node(unit_id: int) -> EquipmentNode:
        placed.add(unit_id)
        option, unit = by_id[unit_id], units[unit_id]
        return EquipmentNode(
            id=unit_id,
            model_id=unit.model_id,
            model=option.model,
            kind=option.kind,
            serial=option.serial,
            inventory=option.inventory,
            installed_on=unit.installed_on,
            decommissioned_on=option.decommissioned_on,
            covered=option.covered,
            last_service=last.get(unit_id),
            next_maintenance=upcoming.get(unit_id),
            open_tickets=open_counts.get(unit_id, 0),
            children=tuple(node(child) for child in children[unit_id] if child not in placed),
        )

    roots = [node(o.id) for o in options if o.parent_id not in units]
    # Units in a parent cycle (A in B, B in A) have no root above them; show them as roots too.
    roots += [node(o.id) for o in options if o.id not in placed]
    return roots


# A unit's repair history -------------------------------------------------------------------------------


def repair_history(db: Database, equipment_id: int, limit: int = 200) -> list[RepairEntry]:
    """The unit's latest `limit` tickets, oldest first, with the work, technicians and parts of each."""
    with db.session() as session:
        tickets = list(
            session.execute(
                select(Ticket, Technician.full_name)
                .outerjoin(Technician, Technician.id == Ticket.technician_id)
                .where(Ticket.equipment_id == equipment_id)
                .order_by(Ticket.created_at.desc(), Ticket.id.desc())
                .limit(limit)
            )
        )
        ids = [ticket.id for ticket, _ in tickets]
        logs = session.execute(
            select(WorkLog.ticket_id, WorkLog.description, WorkLog.minutes, Technician.full_name)
            .join(Technician, Technician.id == WorkLog.technician_id)
            .where(WorkLog.ticket_id.in_(ids))
            .order_by(WorkLog.logged_at, WorkLog.id)
        )
        work: dict[int, list[str]] = defaultdict(list)
        minutes: dict[int, int] = defaultdict(int)
        names: dict[int, dict[str, None]] = defaultdict(dict)
        for ticket_id, description, spent, name in logs:
            if description.strip():
                work[ticket_id].append(description.strip())
            minutes[ticket_id] += spent
            names[ticket_id][name] = None
        consumables = session.execute(
            select(WorkLog.ticket_id, Consumable.name, Consumable.quantity, Consumable.unit_cost)
            .join(WorkLog, WorkLog.id == Consumable.work_log_id)
            .where(WorkLog.ticket_id.in_(ids))
            .order_by(WorkLog.logged_at, WorkLog.id, Consumable.id)
        )
        parts: dict[int, list[Part]] = defaultdict(list)
        for ticket_id, name, quantity, unit_cost in consumables:
            parts[ticket_id].append(Part(name, quantity, unit_cost, quantity * unit_cost))
        entries = []
        for ticket, assigned in reversed(tickets):
            people = names[ticket.id] or ({assigned: None} if assigned else {})
            entries.append(
                RepairEntry(
                    ticket_id=ticket.id,
                    number=ticket.number,
                    category=ticket.category,
                    title=ticket.title,
                    status=ticket.status,
                    created_at=ticket.created_at,
                    resolved_at=ticket.resolved_at,
                    work=tuple(work[ticket.id]),
                    minutes=minutes[ticket.id],
                    technicians=tuple(people),
                    parts=tuple(parts[ticket.id]),
                    parts_cost=sum((p.cost for p in parts[ticket.id]), Decimal("0")),
                )
            )
        return entries


# Failure statistics per model --------------------------------------------------------------------------


def _day_number(session: Session, value: SQLColumnExpression[date | None]) -> ColumnElement[float]:
    """Days since 1970-01-01 of a date column, the same number on SQLite and PostgreSQL."""
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(value) - 2440587.5
    return cast(value - literal(_EPOCH, Date), Float)


def model_failure_stats(
    db: Database, *, today: date | None = None, top: int = 10, min_exposure_years: float = MIN_EXPOSURE_YEARS
) -> list[ModelFailureStats]:
    """Failure rate and MTBF per equipment model across all clients, highest failure rate first.

    A unit's time in service runs from its installation (or, when that is not recorded, its first
    ticket) to its decommissioning or `today`, whichever is earlier. A unit with neither an
    installation date nor any ticket adds no exposure: when it started is unknown, and it has no
    failures either. The `top` models by failure rate among those with at least
    `min_exposure_years` unit-years are marked `most_failing`. Two aggregate queries: one pass over
    the tickets per unit, then one over the units per model.
    """
    day = today or utcnow().date()
    today_number = float((day - _EPOCH).days)
    with db.session() as session:
        per_unit = (
            select(
                Ticket.equipment_id.label("equipment_id"),
                func.min(Ticket.created_at).label("first_at"),
                func.count()
                .filter(Ticket.category == "incident", Ticket.status != "cancelled")
                .label("failures"),
            )
            .where(Ticket.equipment_id.is_not(None))
            .group_by(Ticket.equipment_id)
            .subquery()
        )
        if session.get_bind().dialect.name == "sqlite":
            first_day: ColumnElement[date | None] = func.date(per_unit.c.first_at)
        else:
            first_day = cast(func.timezone("UTC", per_unit.c.first_at), Date)
        start = func.coalesce(_day_number(session, Equipment.installed_on), _day_number(session, first_day))
        end = case(
            (Equipment.decommissioned_on < day, _day_number(session, Equipment.decommissioned_on)),
            else_=today_number,
        )
        exposure = case((end > start, end - start), else_=0.0)
        in_service = and_(
            or_(Equipment.installed_on.is_(None), Equipment.installed_on <= day),
            or_(Equipment.decommissioned_on.is_(None), Equipment.decommissioned_on > day),
        )
        rows = session.execute(
            select(
                EquipmentModel.id,
                EquipmentModel.manufacturer,
                EquipmentModel.name,
                EquipmentModel.kind,
                func.count().filter(in_service),
                func.coalesce(func.sum(per_unit.c.failures), 0),
                func.coalesce(func.sum(exposure), 0.0),
            )
            .select_from(Equipment)
            .join(EquipmentModel, EquipmentModel.id == Equipment.model_id)
            .outerjoin(per_unit, per_unit.c.equipment_id == Equipment.id)
            .group_by(
                EquipmentModel.id, EquipmentModel.manufacturer, EquipmentModel.name, EquipmentModel.kind
            )
        ).all()
    stats = []
    for model_id, manufacturer, name, kind, units, failures, exposure_days in rows:
        days, count = float(exposure_days), int(failures)
        years = days / DAYS_PER_YEAR
        stats.append(
            ModelFailureStats(
                model_id=model_id,
                model=f"{manufacturer} {name}",
                kind=kind,
                units_in_service=int(units),
                failures=count,
                exposure_years=years,
                failure_rate=count / years if days > 0 else None,
                mtbf_days=days / count if days > 0 and count else None,
                most_failing=False,
            )
        )
    stats.sort(key=lambda s: (s.failure_rate is None, -(s.failure_rate or 0.0), s.model, s.model_id))
    eligible = [
        s.model_id for s in stats if s.failure_rate is not None and s.exposure_years >= min_exposure_years
    ]
    marked = set(eligible[: max(top, 0)])
    return [replace(s, most_failing=True) if s.model_id in marked else s for s in stats]


# Knowledge base ---------------------------------------------------------------------------------------


def _excerpt(body: str, needle: str) -> str:
    """About EXCERPT_CHARS of the body on one line, starting a little before the match if there is one."""
    flat = " ".join(body.split())
    at = flat.casefold().find(needle) if needle else -1
    begin = 0
    if at > EXCERPT_CHARS // 4:
        begin = flat.rfind(" ", 0, at - EXCERPT_CHARS // 4) + 1
    piece = flat[begin : begin + EXCERPT_CHARS]
    if begin + EXCERPT_CHARS < len(flat):
        cut = piece.rfind(" ")
        piece = (piece[:cut] if cut > EXCERPT_CHARS // 2 else piece) + "…"
    return ("…" if begin else "") + piece


def knowledge_for_model(db: Database, equipment_model_id: int, text: str = "") -> list[ArticleSummary]:
    """The model's articles whose title or body contains `text` (any case), newest first.

    Matching is done in Python with `str.casefold` on the model's articles rather than with SQL
    LIKE/ILIKE: SQLite folds only ASCII, so "трос" would miss "Трос" there but not on PostgreSQL.
    A model has tens of articles, not thousands, so reading them all is cheap.
    """
    needle = " ".join(text.split()).casefold()
    with db.session() as session:
        articles = [
            article
            for article in session.scalars(
                select(KnowledgeArticle)
                .where(KnowledgeArticle.equipment_model_id == equipment_model_id)
                .order_by(KnowledgeArticle.updated_at.desc(), KnowledgeArticle.id.desc())
            )
            if needle in article.title.casefold() or needle in " ".join(article.body.split()).casefold()
        ]
        attachments: dict[int, list[Attachment]] = defaultdict(list)
        for article_id, file_name, media_type, location in session.execute(
            select(
                KnowledgeAttachment.article_id,
                KnowledgeAttachment.file_name,
                KnowledgeAttachment.media_type,
                KnowledgeAttachment.location,
            )
            .where(KnowledgeAttachment.article_id.in_([a.id for a in articles]))
            .order_by(KnowledgeAttachment.id)
        ):
            attachments[article_id].append(Attachment(file_name, media_type, location))
        return [
            ArticleSummary(
                id=article.id,
                title=article.title,
                excerpt=_excerpt(article.body, needle),
                updated_at=article.updated_at,
                attachments=tuple(attachments[article.id]),
            )
            for article in articles
        ]
