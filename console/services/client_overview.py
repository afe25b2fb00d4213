"""The client context panel's data: header, contracts, sites, contacts and recent tickets of one client.

Each function reads in one session and returns frozen dataclasses, so the panel can load them on a
worker thread and hand them to the GUI thread. `client_header` is the part shown first during a
call and stays cheap (a handful of indexed aggregates); the rest follow it. Everything is Qt-free.

Working hours of a site are returned both structured (`SiteCard.weekly_hours`) and as a short
English text (`SiteCard.hours_text`, e.g. "Mon–Fri 09:00–18:00; Sat 10:00–16:00" or "24/7"); the
text covers the weekly pattern only, not holidays or transferred working days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, case, func, select
from sqlalchemy.orm import Session, aliased

from console.models import (
    SLA_CLOCKS,
    Calendar,
    Client,
    ClientTier,
    Contact,
    Contract,
    ContractService,
    Equipment,
    Feedback,
    Invoice,
    Site,
    SlaPolicy,
    SlaTarget,
    Ticket,
    User,
    contract_equipment,
    contract_sites,
)
from console.models.base import AUTHORITY_SCOPES, CATEGORIES, OPEN_STATUSES, PRIORITIES
from console.services.calendars import weekly_hours_from_json
from console.store.database import Database

COMPLIANCE_DAYS = 90
FEEDBACK_MONTHS = 12
EXPIRING_DAYS = 30
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

Period = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ClockCompliance:
    """One SLA clock over the compliance window: tickets whose clock is decided, and the share met."""

    clock: str
    decided: int
    met: int
    share_met: float | None


@dataclass(frozen=True, slots=True)
class MonthFeedback:
    """Feedback received in one calendar month (UTC): its first day, the average score and how many."""

    month: date
    average: float
    count: int


@dataclass(frozen=True, slots=True)
class PaymentState:
    """Invoices not fully paid, and those of them past their due date (oldest due date first)."""

    outstanding_invoices: int
    outstanding_amount: Decimal
    overdue_invoices: int
    overdue_amount: Decimal
    oldest_overdue_on: date | None

    @property
    def overdue(self) -> bool:
        return self.overdue_invoices > 0


@dataclass(frozen=True, slots=True)
class ClientHeader:
    id: int
    name: str
    legal_name: str
    tax_number: str | None
    phone: str | None
    tier: str
    tier_grants: str
    priority_support: bool
    manager: str | None
    open_tickets: int
    sla_compliance_90d: tuple[ClockCompliance, ...]
    """Reaction, arrival and resolution, in that order, over tickets created in the last 90 days."""
    feedback_by_month: tuple[MonthFeedback, ...]
    """Months of the last 12 (this one included) that received feedback, oldest first."""
    payment: PaymentState


@dataclass(frozen=True, slots=True)
class ContractCard:
    id: int
    number: str
    starts_on: date
    ends_on: date | None
    days_left: int | None
    """Days from today to the end date (negative once past); None for an open-ended contract."""
    expiring: bool
    status: str
    effective_state: str
    """"active", "suspended", "terminated", "expired" (active but past its end) or "not_started"."""
    subscription_fee: Decimal
    billing_unit: str
    unit_price: Decimal
    sla_policy: str | None
    sla_calendar: str | None
    sla_targets: tuple[tuple[str, int, int | None, int], ...]
    """(priority, reaction, arrival, resolution minutes), critical first; arrival None for remote-only."""
    sites: int
    equipment: int
    categories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SiteCard:
    id: int
    name: str
    address: str
    territory: str | None
    timezone: str
    weekly_hours: tuple[tuple[Period, ...], ...] | None
    """Periods per weekday, Monday first; None when the site has no calendar."""
    hours_text: str | None
    latitude: float
    longitude: float
    contacts: tuple[str, ...]
    equipment: int
    open_tickets: int


@dataclass(frozen=True, slots=True)
class ContactCard:
    id: int
    name: str
    position: str | None
    phone: str | None
    mobile: str | None
    email: str | None
    scope: str
    site_address: str | None
    territory: str | None
    """The contact's territory, or for a site contact without one the territory of their site."""
    may_request: bool
    may_approve: bool


@dataclass(frozen=True, slots=True)
class RecentTicket:
    id: int
    number: str
    title: str
    status: str
    priority: str
    created_at: datetime
    resolved_at: datetime | None
    sla_state: str
    site_address: str | None


def client_header(db: Database, client_id: int, *, now: datetime | None = None) -> ClientHeader | None:
    """The header of the client panel as of `now` (default: the current time), or None for no such client."""
    now = now or datetime.now(UTC)
    with db.session() as session:
        row = session.execute(
            select(Client, ClientTier, User.full_name)
            .join(ClientTier, ClientTier.id == Client.tier_id)
            .outerjoin(User, User.id == Client.manager_id)
            .where(Client.id == client_id)
        ).one_or_none()
        if row is None:
            return None
        client, tier, manager = row
        open_tickets = session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(Ticket.client_id == client_id, Ticket.status.in_(OPEN_STATUSES))
        )
        return ClientHeader(
            id=client.id,
            name=client.name,
            legal_name=client.legal_name,
            tax_number=client.tax_number,
            phone=client.phone,
            tier=tier.name,
            tier_grants=tier.grants,
            priority_support=tier.priority_support,
            manager=manager,
            open_tickets=open_tickets or 0,
            sla_compliance_90d=_compliance(session, client_id, now - timedelta(days=COMPLIANCE_DAYS)),
            feedback_by_month=_feedback_by_month(session, client_id, now),
            payment=_payment_state(session, client_id, now.date()),
        )


def _payment_state(session: Session, client_id: int, today: date) -> PaymentState:
    owed = Invoice.amount - Invoice.paid_amount
    late = Invoice.due_on < today
    row = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(owed), 0),
            func.coalesce(func.sum(case((late, 1), else_=0)), 0),
            func.coalesce(func.sum(case((late, owed), else_=0)), 0),
            func.min(case((late, Invoice.due_on))),
        ).where(Invoice.client_id == client_id, Invoice.paid_amount < Invoice.amount)
    ).one()
    return PaymentState(
        outstanding_invoices=row[0],
        outstanding_amount=Decimal(row[1]).quantize(Decimal("0.01")),
        overdue_invoices=int(row[2]),
        overdue_amount=Decimal(row[3]).quantize(Decimal("0.01")),
        oldest_overdue_on=row[4],
    )


def _compliance(session: Session, client_id: int, since: datetime) -> tuple[ClockCompliance, ...]:
    """Met and decided counts of every clock in one pass over the client's tickets created since `since`."""
    columns = {
        "reaction": Ticket.reaction_state,
        "arrival": Ticket.arrival_state,
        "resolution": Ticket.resolution_state,
    }
    sums: list[Any] = []
    for clock in SLA_CLOCKS:
        state = columns[clock]
        sums.append(func.sum(case((state.in_(("met", "breached")), 1), else_=0), type_=Integer))
        sums.append(func.sum(case((state == "met", 1), else_=0), type_=Integer))
    row = session.execute(
        select(*sums).where(Ticket.client_id == client_id, Ticket.created_at >= since)
    ).one()
    result = []
    for index, clock in enumerate(SLA_CLOCKS):
        decided, met = row[2 * index] or 0, row[2 * index + 1] or 0
        result.append(ClockCompliance(clock, decided, met, met / decided if decided else None))
    return tuple(result)


def _month_start(day: date, months_back: int = 0) -> date:
    months = day.year * 12 + day.month - 1 - months_back
    return date(months // 12, months % 12 + 1, 1)


def _feedback_by_month(session: Session, client_id: int, now: datetime) -> tuple[MonthFeedback, ...]:
    """Average score per UTC calendar month, from the first day of the month 11 months before `now`'s."""
    first = _month_start(now.astimezone(UTC).date(), FEEDBACK_MONTHS - 1)
    since = datetime(first.year, first.month, 1, tzinfo=UTC)
    totals: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for received_at, score in session.execute(
        select(Feedback.received_at, Feedback.score).where(
            Feedback.client_id == client_id, Feedback.received_at >= since, Feedback.received_at <= now
        )
    ):
        total = totals[_month_start(received_at.date())]
        total[0] += score
        total[1] += 1
    return tuple(MonthFeedback(month, s / n, n) for month, (s, n) in sorted(totals.items()))


def effective_state(status: str, starts_on: date, ends_on: date | None, today: date) -> str:
    """The contract's state as a dispatcher should read it on `today`: stored status, then its period."""
    if status != "active":
        return status
    if today < starts_on:
        return "not_started"
    if ends_on is not None and today > ends_on:
        return "expired"
    return "active"


def client_contracts(db: Database, client_id: int, *, today: date | None = None) -> list[ContractCard]:
    """The client's contracts as of `today` (default: the local date), newest start first."""
    today = today or date.today()
    policy_calendar = aliased(Calendar)
    with db.session() as session:
        rows = session.execute(
            select(Contract, SlaPolicy.name, policy_calendar.name)
            .outerjoin(SlaPolicy, SlaPolicy.id == Contract.sla_policy_id)
            .outerjoin(policy_calendar, policy_calendar.id == SlaPolicy.calendar_id)
            .where(Contract.client_id == client_id)
            .order_by(Contract.starts_on.desc(), Contract.id.desc())
        ).all()
        contract_ids = [contract.id for contract, _, _ in rows]
        policy_ids = {contract.sla_policy_id for contract, _, _ in rows if contract.sla_policy_id is not None}
        targets: dict[int, list[tuple[str, int, int | None, int]]] = defaultdict(list)
        for target in session.scalars(select(SlaTarget).where(SlaTarget.policy_id.in_(policy_ids))):
            targets[target.policy_id].append(
                (target.priority, target.reaction_minutes, target.arrival_minutes, target.resolution_minutes)
            )
        site_counts = _counts(
            session,
            select(contract_sites.c.contract_id, func.count())
            .where(contract_sites.c.contract_id.in_(contract_ids))
            .group_by(contract_sites.c.contract_id),
        )
        equipment_counts = _counts(
            session,
            select(contract_equipment.c.contract_id, func.count())
            .where(contract_equipment.c.contract_id.in_(contract_ids))
            .group_by(contract_equipment.c.contract_id),
        )
        categories: dict[int, list[str]] = defaultdict(list)
        for contract_id, category in session.execute(
            select(ContractService.contract_id, ContractService.category).where(
                ContractService.contract_id.in_(contract_ids)
            )
        ):
            categories[contract_id].append(category)

    cards = []
    for contract, policy, calendar in rows:
        state = effective_state(contract.status, contract.starts_on, contract.ends_on, today)
        days_left = (contract.ends_on - today).days if contract.ends_on is not None else None
        policy_targets = targets.get(contract.sla_policy_id or 0, [])
        cards.append(
            ContractCard(
                id=contract.id,
                number=contract.number,
                starts_on=contract.starts_on,
                ends_on=contract.ends_on,
                days_left=days_left,
                expiring=state == "active" and days_left is not None and days_left <= EXPIRING_DAYS,
                status=contract.status,
                effective_state=state,
                subscription_fee=contract.subscription_fee,
                billing_unit=contract.billing_unit,
                unit_price=contract.unit_price,
                sla_policy=policy,
                sla_calendar=calendar,
                sla_targets=tuple(sorted(policy_targets, key=lambda t: PRIORITIES.index(t[0]))),
                sites=site_counts.get(contract.id, 0),
                equipment=equipment_counts.get(contract.id, 0),
                categories=tuple(sorted(categories[contract.id], key=CATEGORIES.index)),
            )
        )
    return cards


def _counts(session: Session, query: Any) -> dict[int, int]:
    """A (key, count) grouped query as a dict."""
    return {key: count for key, count in session.execute(query)}


def format_weekly_hours(weekly: Mapping[int, Iterable[Period]]) -> str:
    """Weekly hours as short English text: consecutive days with the same periods share one range.

    "24/7" when every day runs 00:00–24:00, "closed" when no day has hours; days off are left out.
    """
    days = [tuple(weekly.get(weekday, ())) for weekday in range(7)]
    if all(periods == (("00:00", "24:00"),) for periods in days):
        return "24/7"
    parts = []
    weekday = 0
    while weekday < 7:
        last = weekday
        while last + 1 < 7 and days[last + 1] == days[weekday]:
            last += 1
        if days[weekday]:
            span = WEEKDAYS[weekday] if last == weekday else f"{WEEKDAYS[weekday]}–{WEEKDAYS[last]}"
            parts.append(f"{span} " + ", ".join(f"{a}–{b}" for a, b in days[weekday]))
        weekday = last + 1
    return "; ".join(parts) or "closed"


def client_site_cards(db: Database, client_id: int) -> list[SiteCard]:
    """The client's sites by name, with working hours, site contacts, equipment and open tickets."""
    with db.session() as session:
        rows = session.execute(
            select(Site, Calendar.weekly_hours)
            .outerjoin(Calendar, Calendar.id == Site.calendar_id)
            .where(Site.client_id == client_id)
            .order_by(Site.name, Site.id)
        ).all()
        equipment = _counts(
            session,
            select(Equipment.site_id, func.count())
            .join(Site, Site.id == Equipment.site_id)
            .where(Site.client_id == client_id)
            .group_by(Equipment.site_id),
        )
        open_tickets = _counts(
            session,
            select(Ticket.site_id, func.count())
            .where(Ticket.client_id == client_id, Ticket.status.in_(OPEN_STATUSES))
            .group_by(Ticket.site_id),
        )
        contacts: dict[int | None, list[str]] = defaultdict(list)
        for site_id, name in session.execute(
            select(Contact.site_id, Contact.full_name)
            .where(Contact.client_id == client_id, Contact.scope == "site")
            .order_by(Contact.full_name)
        ):
            contacts[site_id].append(name)

    cards = []
    for site, stored_hours in rows:
        weekly = weekly_hours_from_json(stored_hours) if stored_hours is not None else None
        cards.append(
            SiteCard(
                id=site.id,
                name=site.name,
                address=site.address,
                territory=site.territory,
                timezone=site.timezone,
                weekly_hours=tuple(tuple(weekly.get(d, ())) for d in range(7))
                if weekly is not None
                else None,
                hours_text=format_weekly_hours(weekly) if weekly is not None else None,
                latitude=site.latitude,
                longitude=site.longitude,
                contacts=tuple(contacts[site.id]),
                equipment=equipment.get(site.id, 0),
                open_tickets=open_tickets.get(site.id, 0),
            )
        )
    return cards


def client_contact_cards(db: Database, client_id: int) -> list[ContactCard]:
    """The client's contacts, widest authority first (client, territory, site), then by name."""
    with db.session() as session:
        found = session.execute(
            select(Contact, Site.address, Site.territory)
            .outerjoin(Site, Site.id == Contact.site_id)
            .where(Contact.client_id == client_id)
        ).all()
    rank = {scope: index for index, scope in enumerate(reversed(AUTHORITY_SCOPES))}
    rows = sorted(found, key=lambda r: (rank.get(r[0].scope, len(rank)), r[0].full_name, r[0].id))
    return [
        ContactCard(
            id=contact.id,
            name=contact.full_name,
            position=contact.position,
            phone=contact.phone,
            mobile=contact.mobile,
            email=contact.email,
            scope=contact.scope,
            site_address=address if contact.scope == "site" else None,
            territory=contact.territory or (site_territory if contact.scope == "site" else None),
            may_request=contact.may_request,
            may_approve=contact.may_approve,
        )
        for contact, address, site_territory in rows
    ]


def recent_tickets(db: Database, client_id: int, limit: int = 20) -> list[RecentTicket]:
    """The client's `limit` newest tickets, newest first."""
    with db.session() as session:
        rows = session.execute(
            select(
                Ticket.id,
                Ticket.number,
                Ticket.title,
                Ticket.status,
                Ticket.priority,
                Ticket.created_at,
                Ticket.resolved_at,
                Ticket.sla_state,
                Site.address,
            )
            .outerjoin(Site, Site.id == Ticket.site_id)
            .where(Ticket.client_id == client_id)
            .order_by(Ticket.created_at.desc(), Ticket.id.desc())
            .limit(limit)
        ).all()
    return [RecentTicket(*row) for row in rows]


SECTIONS = ("header", "contracts", "sites", "contacts", "equipment", "recent")

_SECTIONS_OF_ENTITY: dict[str, tuple[str, ...]] = {
    "clients": ("header",),
    "invoices": ("header",),
    "feedback": ("header",),
    "contracts": ("header", "contracts", "sites", "equipment"),
    "sites": ("sites", "equipment", "contracts"),
    "contacts": ("contacts", "sites"),
    "equipment": ("equipment", "sites", "contracts"),
    "tickets": ("header", "recent", "sites", "equipment"),
}


def _owner_query(entity: str, ids: Collection[int]) -> Any:
    """(id, client id) of the changed rows of `entity`."""
    if entity == "clients":
        return select(Client.id, Client.id).where(Client.id.in_(ids))
    if entity == "equipment":
        return (
            select(Equipment.id, Site.client_id)
            .join(Site, Site.id == Equipment.site_id)
            .where(Equipment.id.in_(ids))
        )
    table: Any = {
        "invoices": Invoice,
        "feedback": Feedback,
        "contracts": Contract,
        "sites": Site,
        "contacts": Contact,
        "tickets": Ticket,
    }[entity]
    return select(table.id, table.client_id).where(table.id.in_(ids))


def affected_sections(
    db: Database, client_id: int, by_entity: Mapping[str, Collection[int]]
) -> frozenset[str]:
    """The panel sections that a batch of changes (row ids per table) makes stale for this client.

    A changed row that no longer exists (deleted) may have been the client's, so it counts.
    """
    sections: set[str] = set()
    with db.session() as session:
        for entity, ids in by_entity.items():
            wanted = _SECTIONS_OF_ENTITY.get(entity)
            if not wanted or not ids or sections.issuperset(wanted):
                continue
            owners = {row[0]: row[1] for row in session.execute(_owner_query(entity, list(ids)))}
            if client_id in owners.values() or len(owners) < len(set(ids)):
                sections.update(wanted)
    return frozenset(sections)
