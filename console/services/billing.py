"""What to bill a client for a period: the subscription fee, one-off work, trips and consumables.

The lines follow the contract (DOMAIN.md, point 7):

- **subscription**: every contract in force in the period gives one line per calendar month it runs
  in, the monthly `subscription_fee` prorated by the days it runs in that month over the month's days.
  "In force" is: status "active", or "terminated" with an end date, and the contract's own period
  (`starts_on`..`ends_on`) overlapping the billing period; a suspended contract, or a terminated one
  without an end date, bills no fee.
- **work**: tickets with `billable = True` (intake sets it for work the contract does not cover: an
  uncovered unit, a service the contract lacks, no contract at all) that are resolved or closed, not
  cancelled, and whose resolution (`resolved_at`, or `closed_at` when that is empty) falls within the
  period: local days of the field zone, as every report counts them (`report_table.period_bounds`).
  A reopened ticket's work is billed once: each round of work, up to the reopening that ended it, in
  the period of the resolution the reopening undid, and the rest when it is resolved again
  (`work_rounds`). An October bill therefore stays as it was when the ticket is reopened in November.
  Priced by the ticket's contract: hours (work-log minutes / 60, rounded to 0.01 h), units or points
  (the sum of the work logs' `units`), at `unit_price`. A ticket without a contract is priced in hours at
  the rate of the client's most recent contract billing in hours, or at 0 when there is none (the line
  says no price is known).
- **trips**: the done visits of those tickets, one line per ticket, at the contract's `trip_price`.
- **consumables**: one line per consumable used on those tickets, quantity × unit cost.

Every amount is rounded half-up to 0.01 at line level; VAT is computed once on the client's net total.
Work, visits and consumables are aggregated per ticket in SQL, never loaded log by log.

Line descriptions are English templates marked for Qt's `lupdate` (context "billing") with their values,
so that views and exports show them in the user's language.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from sqlalchemy import ColumnElement, Numeric, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP
from console.models import (
    Client,
    Consumable,
    Contract,
    Equipment,
    EquipmentModel,
    Site,
    Ticket,
    TicketHistory,
    Visit,
    WorkLog,
)
from console.services.access import require
from console.services.company import load_company
from console.services.report_table import period_bounds
from console.services.work_rounds import StatusChange, work_rounds

CONTEXT: Final = "billing"
CENT: Final = Decimal("0.01")
FRACTION: Final = Decimal("0.0001")
ZERO: Final = Decimal("0.00")

KINDS: Final = ("subscription", "work", "trip", "consumable")
# The unit a contract's billing unit is counted in on a line.
CONTRACT_UNITS: Final = {"hours": "hour", "units": "unit", "points": "point"}
UNITS: Final = ("month", "hour", "unit", "point", "trip", "pcs")
FINISHED_STATUSES: Final = ("resolved", "closed")

KIND_LABELS: Final = {
    "subscription": QT_TRANSLATE_NOOP("billing", "Subscription"),
    "work": QT_TRANSLATE_NOOP("billing", "Work"),
    "trip": QT_TRANSLATE_NOOP("billing", "Trips"),
    "consumable": QT_TRANSLATE_NOOP("billing", "Consumables"),
}
UNIT_LABELS: Final = {
    "month": QT_TRANSLATE_NOOP("billing", "month"),
    "hour": QT_TRANSLATE_NOOP("billing", "hour"),
    "unit": QT_TRANSLATE_NOOP("billing", "unit"),
    "point": QT_TRANSLATE_NOOP("billing", "point"),
    "trip": QT_TRANSLATE_NOOP("billing", "trip"),
    "pcs": QT_TRANSLATE_NOOP("billing", "pcs"),
}

SUBSCRIPTION_TEXT: Final = QT_TRANSLATE_NOOP(
    "billing", "Subscription fee for {month}: {days} of {month_days} days"
)
WORK_TEXT: Final = QT_TRANSLATE_NOOP("billing", "{title}")
COVERED_WORK_TEXT: Final = QT_TRANSLATE_NOOP("billing", "{title} (covered by the contract)")
NO_CONTRACT_WORK_TEXT: Final = QT_TRANSLATE_NOOP(
    "billing", "{title} (no contract; priced at the hourly rate of contract {contract})"
)
NO_PRICE_WORK_TEXT: Final = QT_TRANSLATE_NOOP("billing", "{title} (no contract and no price is known)")
TRIP_TEXT: Final = QT_TRANSLATE_NOOP("billing", "Trips to the site")
COVERED_TRIP_TEXT: Final = QT_TRANSLATE_NOOP("billing", "Trips to the site (covered by the contract)")
CONSUMABLE_TEXT: Final = QT_TRANSLATE_NOOP("billing", "{name}")
COVERED_CONSUMABLE_TEXT: Final = QT_TRANSLATE_NOOP("billing", "{name} (covered by the contract)")

Translate = Callable[[str], str]
MonthText = Callable[[date], str]


def money(value: Decimal) -> Decimal:
    """`value` rounded half-up to kopecks (cents)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class BillingLine:
    """One line of a bill: what, where, for which ticket, how much of it and at what price.

    `description` is the English text; `describe(translate)` gives it in the user's language from the
    template and its values. `covered` marks work listed at 0 because the contract covers it (acts only).
    """

    client_id: int
    contract_number: str | None
    kind: str
    ticket_number: str | None
    day: date
    site_name: str | None
    equipment_label: str | None
    template: str
    params: tuple[tuple[str, str], ...]
    quantity: Decimal
    unit: str
    unit_price: Decimal
    amount: Decimal
    covered: bool = False

    @property
    def description(self) -> str:
        return self.describe()

    def describe(self, translate: Translate = _identity, month_text: MonthText | None = None) -> str:
        """The description through `translate` (a template in context "billing"), values filled in;
        `month_text` names a subscription's month ("October 2026"), which is "2026-10" without it."""
        values = dict(self.params)
        if month_text is not None and "month" in values:
            values["month"] = month_text(date.fromisoformat(f"{values['month']}-01"))
        return translate(self.template).format(**values)


@dataclass(frozen=True, slots=True)
class Totals:
    net: Decimal
    vat_percent: Decimal
    vat: Decimal
    gross: Decimal


def totals(lines: Iterable[BillingLine], vat_percent: Decimal) -> Totals:
    """Net as the sum of the lines, VAT rounded once on that sum, gross as both together."""
    net = money(sum((line.amount for line in lines), ZERO))
    vat = money(net * vat_percent / 100)
    return Totals(net, vat_percent, vat, net + vat)


@dataclass(frozen=True, slots=True)
class ClientBilling:
    """Everything one client is billed for one period, with the totals."""

    client_id: int
    client_name: str
    legal_name: str
    tax_number: str | None
    address: str | None
    first: date
    last: date
    lines: tuple[BillingLine, ...]
    net: Decimal
    vat_percent: Decimal
    vat: Decimal
    gross: Decimal


# Contracts and the subscription ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Contract:
    id: int
    client_id: int
    number: str
    starts_on: date
    ends_on: date | None
    status: str
    fee: Decimal
    billing_unit: str
    unit_price: Decimal
    trip_price: Decimal


def _contracts(session: Session, client_id: int | None) -> dict[int, list[_Contract]]:
    """Client id -> its contracts, most recent first (by start date, then id)."""
    query = select(
        Contract.id,
        Contract.client_id,
        Contract.number,
        Contract.starts_on,
        Contract.ends_on,
        Contract.status,
        Contract.subscription_fee,
        Contract.billing_unit,
        Contract.unit_price,
        Contract.trip_price,
    ).order_by(Contract.client_id, Contract.starts_on.desc(), Contract.id.desc())
    if client_id is not None:
        query = query.where(Contract.client_id == client_id)
    found: dict[int, list[_Contract]] = defaultdict(list)
    for row in session.execute(query):
        found[row.client_id].append(
            _Contract(
                id=row.id,
                client_id=row.client_id,
                number=row.number,
                starts_on=row.starts_on,
                ends_on=row.ends_on,
                status=row.status,
                fee=money(Decimal(row.subscription_fee)),
                billing_unit=row.billing_unit,
                unit_price=money(Decimal(row.unit_price)),
                trip_price=money(Decimal(row.trip_price or 0)),
            )
        )
    return found


def billed_days(
    contract_status: str, starts_on: date, ends_on: date | None, first: date, last: date
) -> tuple[date, date] | None:
    """The days from `first` to `last` a contract bills its fee for, or None when it bills none.

    An active contract bills the days of its period within the billing period; a terminated one the
    same up to its end date (none without one); a suspended one nothing.
    """
    if contract_status == "suspended" or (contract_status == "terminated" and ends_on is None):
        return None
    low = max(first, starts_on)
    high = last if ends_on is None else min(last, ends_on)
    return (low, high) if low <= high else None


def _month_spans(low: date, high: date) -> list[tuple[date, date]]:
    """The parts of `low`..`high` (inclusive) in each calendar month it touches."""
    spans: list[tuple[date, date]] = []
    start = low
    while start <= high:
        month_end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        end = min(month_end, high)
        spans.append((start, end))
        start = end + timedelta(days=1)
    return spans


def _subscription_lines(contract: _Contract, first: date, last: date) -> list[BillingLine]:
    """One line per month touched: fee × days run in the month / days of the month.

    The quantity is that fraction rounded to 4 places; the amount is computed from the exact fraction
    and rounded to 0.01 (so quantity × price may differ from the amount by a few kopecks).
    """
    if contract.fee <= 0:
        return []
    days = billed_days(contract.status, contract.starts_on, contract.ends_on, first, last)
    if days is None:
        return []
    lines = []
    for start, end in _month_spans(*days):
        run = (end - start).days + 1
        month_days = calendar.monthrange(start.year, start.month)[1]
        lines.append(
            BillingLine(
                client_id=contract.client_id,
                contract_number=contract.number,
                kind="subscription",
                ticket_number=None,
                day=start,
                site_name=None,
                equipment_label=None,
                template=SUBSCRIPTION_TEXT,
                params=(
                    ("month", f"{start:%Y-%m}"),
                    ("days", str(run)),
                    ("month_days", str(month_days)),
                ),
                quantity=(Decimal(run) / Decimal(month_days)).quantize(FRACTION, rounding=ROUND_HALF_UP),
                unit="month",
                unit_price=contract.fee,
                amount=money(contract.fee * run / month_days),
            )
        )
    return lines


# Tickets: work, trips, consumables -------------------------------------------------------------------


def finished_at() -> ColumnElement[datetime]:
    """When a ticket was resolved: `resolved_at`, or `closed_at` for one closed without a resolution."""
    return func.coalesce(Ticket.resolved_at, Ticket.closed_at)


@dataclass(frozen=True, slots=True)
class _TicketRow:
    id: int
    number: str
    client_id: int
    contract_id: int | None
    title: str
    billable: bool
    status: str
    finished: datetime | None
    site_name: str | None
    equipment_label: str | None
    minutes: int
    units: Decimal
    trips: int


def equipment_label(manufacturer: str | None, model: str | None, serial: str | None) -> str | None:
    """How a unit is named on a bill: make, model and serial number."""
    if serial is None:
        return None
    return f"{manufacturer or ''} {model or ''} #{serial}".strip()


def _ticket_rows(session: Session, conditions: Sequence[ColumnElement[bool]]) -> list[_TicketRow]:
    """The tickets matching `conditions`, each with its work minutes, units and done visits summed in SQL."""
    minutes = (
        select(func.coalesce(func.sum(WorkLog.minutes), 0))
        .where(WorkLog.ticket_id == Ticket.id)
        .correlate(Ticket)
        .scalar_subquery()
    )
    units = (
        select(type_coerce(func.coalesce(func.sum(WorkLog.units), 0), Numeric(14, 2)))
        .where(WorkLog.ticket_id == Ticket.id)
        .correlate(Ticket)
        .scalar_subquery()
    )
    trips = (
        select(func.count(Visit.id))
        .where(Visit.ticket_id == Ticket.id, Visit.status == "done")
        .correlate(Ticket)
        .scalar_subquery()
    )
    query = (
        select(
            Ticket.id,
            Ticket.number,
            Ticket.client_id,
            Ticket.contract_id,
            Ticket.title,
            Ticket.billable,
            Ticket.status,
            finished_at().label("finished"),
            Site.name.label("site_name"),
            EquipmentModel.manufacturer,
            EquipmentModel.name.label("model_name"),
            Equipment.serial_number,
            minutes.label("minutes"),
            units.label("units"),
            trips.label("trips"),
        )
        .outerjoin(Site, Site.id == Ticket.site_id)
        .outerjoin(Equipment, Equipment.id == Ticket.equipment_id)
        .outerjoin(EquipmentModel, EquipmentModel.id == Equipment.model_id)
        .where(*conditions)
        .order_by(finished_at(), Ticket.number)
    )
    return [
        _TicketRow(
            id=row.id,
            number=row.number,
            client_id=row.client_id,
            contract_id=row.contract_id,
            title=row.title,
            billable=bool(row.billable),
            status=row.status,
            finished=row.finished,
            site_name=row.site_name,
            equipment_label=equipment_label(row.manufacturer, row.model_name, row.serial_number),
            minutes=int(row.minutes or 0),
            units=Decimal(row.units or 0).quantize(CENT, rounding=ROUND_HALF_UP),
            trips=int(row.trips or 0),
        )
        for row in session.execute(query)
    ]


@dataclass(frozen=True, slots=True)
class _ConsumableRow:
    ticket_id: int
    name: str
    quantity: Decimal
    unit_cost: Decimal


def _consumables_of(
    session: Session, tickets: ColumnElement[bool]
) -> Iterator[tuple[datetime, _ConsumableRow]]:
    """The consumables used on the tickets `tickets` selects, each with the time its work was logged."""
    query = (
        select(
            WorkLog.ticket_id, WorkLog.logged_at, Consumable.name, Consumable.quantity, Consumable.unit_cost
        )
        .join(WorkLog, WorkLog.id == Consumable.work_log_id)
        .where(tickets)
        .order_by(WorkLog.ticket_id, WorkLog.logged_at, Consumable.id)
    )
    for row in session.execute(query):
        yield (
            row.logged_at,
            _ConsumableRow(
                row.ticket_id,
                row.name,
                Decimal(row.quantity).quantize(CENT, rounding=ROUND_HALF_UP),
                money(Decimal(row.unit_cost)),
            ),
        )


def _consumable_rows(
    session: Session, conditions: Sequence[ColumnElement[bool]]
) -> dict[int, list[_ConsumableRow]]:
    """Ticket id -> the consumables used on it, for the tickets matching `conditions`."""
    found: dict[int, list[_ConsumableRow]] = defaultdict(list)
    for _logged_at, used in _consumables_of(
        session, WorkLog.ticket_id.in_(select(Ticket.id).where(*conditions))
    ):
        found[used.ticket_id].append(used)
    return found


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(CENT, rounding=ROUND_HALF_UP)


def _hourly_fallback(contracts: Sequence[_Contract]) -> _Contract | None:
    """The client's most recent contract billing in hours: its rates price work done without a contract."""
    return next((c for c in contracts if c.billing_unit == "hours"), None)


def _lines_of_ticket(
    ticket: _TicketRow,
    contracts: Sequence[_Contract],
    consumables: Sequence[_ConsumableRow],
    fallback_day: date,
) -> list[BillingLine]:
    """The work, trip and consumable lines of one ticket; covered (not billable) work is listed at 0."""
    by_id = {c.id: c for c in contracts}
    contract = by_id.get(ticket.contract_id) if ticket.contract_id is not None else None
    covered = not ticket.billable
    day = ticket.finished.date() if ticket.finished is not None else fallback_day
    title: tuple[tuple[str, str], ...] = (("title", ticket.title),)
    number = contract.number if contract is not None else None
    rate: _Contract | None = contract
    if contract is not None:
        unit = CONTRACT_UNITS[contract.billing_unit]
        quantity = _hours(ticket.minutes) if contract.billing_unit == "hours" else ticket.units
        template, params = (COVERED_WORK_TEXT if covered else WORK_TEXT), title
    else:
        unit, quantity = "hour", _hours(ticket.minutes)
        rate = _hourly_fallback(contracts)
        if covered:
            template, params = COVERED_WORK_TEXT, title
        elif rate is not None:
            template, params = NO_CONTRACT_WORK_TEXT, (*title, ("contract", rate.number))
        else:
            template, params = NO_PRICE_WORK_TEXT, title
    price = ZERO if covered or rate is None else rate.unit_price
    trip_price = ZERO if covered or rate is None else rate.trip_price

    def line(
        kind: str,
        template: str,
        params: tuple[tuple[str, str], ...],
        quantity: Decimal,
        unit: str,
        price: Decimal,
    ) -> BillingLine:
        return BillingLine(
            client_id=ticket.client_id,
            contract_number=number,
            kind=kind,
            ticket_number=ticket.number,
            day=day,
            site_name=ticket.site_name,
            equipment_label=ticket.equipment_label,
            template=template,
            params=params,
            quantity=quantity,
            unit=unit,
            unit_price=price,
            amount=money(quantity * price),
            covered=covered,
        )

    lines = [line("work", template, params, quantity, unit, price)]
    if ticket.trips:
        lines.append(
            line(
                "trip",
                COVERED_TRIP_TEXT if covered else TRIP_TEXT,
                (),
                Decimal(ticket.trips),
                "trip",
                trip_price,
            )
        )
    for used in consumables:
        lines.append(
            line(
                "consumable",
                COVERED_CONSUMABLE_TEXT if covered else CONSUMABLE_TEXT,
                (("name", used.name),),
                used.quantity,
                "pcs",
                ZERO if covered else used.unit_cost,
            )
        )
    return lines


Piece = tuple[_TicketRow, list[_ConsumableRow]]
"""What is billed together for a ticket: the row with its work and trips, and the consumables."""


def _priced(
    session: Session, pieces: Sequence[Piece], client_id: int | None, day: date
) -> dict[int, list[BillingLine]]:
    if not pieces:
        return {}
    contracts = _contracts(session, client_id)
    found: dict[int, list[BillingLine]] = defaultdict(list)
    for ticket, used in pieces:
        found[ticket.client_id].extend(
            _lines_of_ticket(ticket, contracts.get(ticket.client_id, []), used, day)
        )
    return found


def _whole_tickets(session: Session, conditions: Sequence[ColumnElement[bool]]) -> list[Piece]:
    tickets = _ticket_rows(session, conditions)
    consumables = _consumable_rows(session, conditions) if tickets else {}
    return [(ticket, consumables.get(ticket.id, [])) for ticket in tickets]


@dataclass(slots=True)
class _Tally:
    minutes: int = 0
    units: Decimal = ZERO
    trips: int = 0
    consumables: list[_ConsumableRow] = field(default_factory=list)


def _rounds(session: Session, ids: Sequence[int]) -> dict[int, list[Piece]]:
    """Ticket id -> its rounds of work in order, each a piece ending at its resolution (None: still open)."""
    tickets = _ticket_rows(session, [Ticket.id.in_(ids)])
    changes: dict[int, list[StatusChange]] = defaultdict(list)
    for row in session.execute(
        select(TicketHistory.ticket_id, TicketHistory.at, TicketHistory.new_value)
        .where(TicketHistory.ticket_id.in_(ids), TicketHistory.field == "status")
        .order_by(TicketHistory.ticket_id, TicketHistory.at, TicketHistory.id)
    ):
        changes[row.ticket_id].append(StatusChange(row.at, row.new_value or ""))
    rounds = {
        ticket.id: work_rounds(
            changes[ticket.id], ticket.finished if ticket.status in FINISHED_STATUSES else None
        )
        for ticket in tickets
    }
    tallies: dict[tuple[int, datetime | None], _Tally] = defaultdict(_Tally)

    def tally(ticket_id: int, moment: datetime) -> _Tally:
        return tallies[ticket_id, rounds[ticket_id].resolution_of(moment)]

    for log in session.execute(
        select(WorkLog.ticket_id, WorkLog.logged_at, WorkLog.minutes, WorkLog.units).where(
            WorkLog.ticket_id.in_(ids)
        )
    ):
        found = tally(log.ticket_id, log.logged_at)
        found.minutes += log.minutes
        found.units += Decimal(log.units)
    for visit in session.execute(
        select(Visit.ticket_id, func.coalesce(Visit.actual_end, Visit.planned_end).label("ended")).where(
            Visit.ticket_id.in_(ids), Visit.status == "done"
        )
    ):
        tally(visit.ticket_id, visit.ended).trips += 1
    for logged_at, used in _consumables_of(session, WorkLog.ticket_id.in_(ids)):
        tally(used.ticket_id, logged_at).consumables.append(used)

    def piece(ticket: _TicketRow, resolution: datetime | None) -> Piece:
        done = tallies.get((ticket.id, resolution), _Tally())
        return (
            replace(
                ticket,
                finished=resolution,
                minutes=done.minutes,
                units=done.units.quantize(CENT, rounding=ROUND_HALF_UP),
                trips=done.trips,
            ),
            done.consumables,
        )

    return {
        ticket.id: [piece(ticket, resolution) for resolution in rounds[ticket.id].resolutions]
        for ticket in tickets
    }


def _reopened_pieces(
    session: Session, start: datetime, end: datetime, conditions: Sequence[ColumnElement[bool]]
) -> list[Piece]:
    """The rounds of work of reopened tickets (matching `conditions`) resolved in [start, end)."""
    resolved_then = (
        select(TicketHistory.id)
        .where(
            TicketHistory.ticket_id == Ticket.id,
            TicketHistory.field == "status",
            TicketHistory.new_value.in_(FINISHED_STATUSES),
            TicketHistory.at >= start,
            TicketHistory.at < end,
        )
        .correlate(Ticket)
        .exists()
    )
    resolved_now = and_(Ticket.status.in_(FINISHED_STATUSES), finished_at() >= start, finished_at() < end)
    chosen = [*conditions, Ticket.reopen_count > 0, or_(resolved_now, resolved_then)]
    ids = list(session.scalars(select(Ticket.id).where(*chosen)))
    if not ids:
        return []
    return [
        (ticket, used)
        for pieces in _rounds(session, ids).values()
        for ticket, used in pieces
        if ticket.finished is not None and start <= ticket.finished < end
    ]


def latest_round_lines(
    session: Session, ticket_id: int, client_id: int, fallback_day: date
) -> tuple[int, list[BillingLine]]:
    """The ticket's rounds of work so far, and the lines of the latest: the whole ticket unless it was
    reopened after a resolution, and then the rework since. Covered work is listed at 0 and marked
    `covered`, as work completion acts show it; `fallback_day` dates a round not resolved yet.
    """
    rounds = _rounds(session, [ticket_id]).get(ticket_id, [])
    if not rounds:
        return 0, []
    return len(rounds), _priced(session, rounds[-1:], client_id, fallback_day).get(client_id, [])


def _period_pieces(
    session: Session, first: date, last: date, client_id: int | None, include_covered: bool
) -> list[Piece]:
    """The work billed in the period: tickets never reopened whole, reopened ones by round."""
    start, end = period_bounds(first, last)
    conditions: list[ColumnElement[bool]] = []
    if client_id is not None:
        conditions.append(Ticket.client_id == client_id)
    if not include_covered:
        conditions.append(Ticket.billable.is_(True))
    once = [
        *conditions,
        Ticket.reopen_count == 0,
        Ticket.status.in_(FINISHED_STATUSES),
        finished_at() >= start,
        finished_at() < end,
    ]
    pieces = _whole_tickets(session, once) + _reopened_pieces(session, start, end, conditions)
    return sorted(pieces, key=lambda piece: (piece[0].finished or start, piece[0].number))


def subscription_lines(
    session: Session, first: date, last: date, client_id: int | None = None
) -> dict[int, list[BillingLine]]:
    """Client id -> the subscription lines of its contracts in force in the period."""
    found: dict[int, list[BillingLine]] = defaultdict(list)
    for owner, contracts in _contracts(session, client_id).items():
        for contract in sorted(contracts, key=lambda c: (c.starts_on, c.number)):
            found[owner].extend(_subscription_lines(contract, first, last))
    return {owner: lines for owner, lines in found.items() if lines}


# Putting a bill together -----------------------------------------------------------------------------


def _check_period(first: date, last: date) -> None:
    if last < first:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")


def _bills(
    session: Session, first: date, last: date, client_id: int | None, include_covered: bool
) -> list[ClientBilling]:
    _check_period(first, last)
    vat_percent = load_company(session).vat_percent
    lines: dict[int, list[BillingLine]] = defaultdict(list)
    for owner, found in subscription_lines(session, first, last, client_id).items():
        lines[owner].extend(found)
    pieces = _period_pieces(session, first, last, client_id, include_covered)
    for owner, found in _priced(session, pieces, client_id, last).items():
        lines[owner].extend(found)
    wanted = set(lines) | ({client_id} if client_id is not None else set())
    if not wanted:
        return []
    clients = session.execute(
        select(Client.id, Client.name, Client.legal_name, Client.tax_number, Client.address).where(
            Client.id.in_(wanted)
        )
    ).all()
    bills = []
    for client in clients:
        mine = tuple(lines.get(client.id, ()))
        sums = totals(mine, vat_percent)
        bills.append(
            ClientBilling(
                client_id=client.id,
                client_name=client.name,
                legal_name=client.legal_name,
                tax_number=client.tax_number,
                address=client.address,
                first=first,
                last=last,
                lines=mine,
                net=sums.net,
                vat_percent=vat_percent,
                vat=sums.vat,
                gross=sums.gross,
            )
        )
    return sorted(bills, key=lambda bill: (bill.client_name.casefold(), bill.client_id))


def client_billing(
    session: Session,
    client_id: int,
    first: date,
    last: date,
    *,
    include_covered: bool = False,
    user_id: int | None = None,
) -> ClientBilling:
    """What the client is billed for `first`..`last` (inclusive); no lines when there is nothing to bill.

    With `include_covered` the covered tickets resolved in the period are listed too, at 0 (for the
    client's work completion act); the totals are the same. KeyError for an unknown client; ValueError
    when `last` is before `first`.
    """
    require(session, user_id, "billing")
    found = _bills(session, first, last, client_id, include_covered)
    if not found:
        raise KeyError(client_id)
    return found[0]


def period_billing(
    session: Session, first: date, last: date, *, user_id: int | None = None
) -> list[ClientBilling]:
    """The bills of every client with anything to bill for `first`..`last`, by client name."""
    require(session, user_id, "billing")
    return [bill for bill in _bills(session, first, last, None, False) if bill.lines]
