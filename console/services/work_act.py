"""Work completion acts (акты выполненных работ): what was done for the client, priced, for both to sign.

An act is either for one ticket (number "А-<ticket number>", dated the day the ticket was resolved;
a ticket reopened and resolved again gets an act for the rework only, numbered "А-<ticket number>-2",
"-3", ..., since the first act already charged the work before the reopening) or for a client and a
period (number "А-<client id>-<YYYYMM>" of the period's last month, dated the period's last day).
Its lines come from `billing` (the same rules price both, nothing is priced here), with one
difference: acts list covered work too, at 0 and marked "covered by the contract", because clients
sign acts for the work the contract covers as well. The totals are therefore the same as the bill's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import Client, Contract, Ticket
from console.services.access import require
from console.services.billing import BillingLine, client_billing, latest_round_lines, totals
from console.services.company import CompanyDetails, load_company
from console.store.database import Database

ACT_PREFIX: Final = "А-"  # Cyrillic "А", as Russian acts are numbered


class ActError(ConsoleError):
    """An act cannot be made (an unknown ticket or client, a period that ends before it starts)."""

    context = "WorkAct"


@dataclass(frozen=True, slots=True)
class ActParty:
    """The client as the act names it."""

    name: str
    legal_name: str
    tax_number: str | None
    address: str | None


@dataclass(frozen=True, slots=True)
class ActContract:
    number: str
    starts_on: date


@dataclass(frozen=True, slots=True)
class WorkAct:
    """An act ready to print: parties, contracts, the work and consumables, totals, who signs.

    `lines` are the subscription, work and trip lines; `consumables` the materials used. The totals
    cover both. `first`/`last` are the period of a client act (None for a ticket act);
    `our_signatory` is the company's signatory, the client's signature place is left blank.
    """

    number: str
    day: date
    company: CompanyDetails
    client: ActParty
    contracts: tuple[ActContract, ...]
    first: date | None
    last: date | None
    ticket_number: str | None
    lines: tuple[BillingLine, ...]
    consumables: tuple[BillingLine, ...]
    net: Decimal
    vat_percent: Decimal
    vat: Decimal
    gross: Decimal
    our_signatory: str
    client_signatory: str = ""

    @property
    def contract(self) -> ActContract | None:
        """The act's contract (the first, when a client act covers several)."""
        return self.contracts[0] if self.contracts else None


def _party(session: Session, client_id: int) -> ActParty:
    client = session.get(Client, client_id)
    if client is None:
        raise ActError(QT_TRANSLATE_NOOP("WorkAct", "Client {client} does not exist."), client=client_id)
    return ActParty(client.name, client.legal_name, client.tax_number, client.address)


def _contracts(session: Session, numbers: set[str]) -> tuple[ActContract, ...]:
    if not numbers:
        return ()
    rows = session.execute(
        select(Contract.number, Contract.starts_on)
        .where(Contract.number.in_(numbers))
        .order_by(Contract.starts_on, Contract.number)
    )
    return tuple(ActContract(number, starts_on) for number, starts_on in rows)


def _act(
    session: Session,
    *,
    number: str,
    day: date,
    client_id: int,
    lines: list[BillingLine],
    first: date | None,
    last: date | None,
    ticket_number: str | None,
    extra_contracts: frozenset[str] = frozenset(),
) -> WorkAct:
    company = load_company(session)
    sums = totals(lines, company.vat_percent)
    numbers = {line.contract_number for line in lines if line.contract_number is not None} | set(
        extra_contracts
    )
    return WorkAct(
        number=number,
        day=day,
        company=company,
        client=_party(session, client_id),
        contracts=_contracts(session, numbers),
        first=first,
        last=last,
        ticket_number=ticket_number,
        lines=tuple(line for line in lines if line.kind != "consumable"),
        consumables=tuple(line for line in lines if line.kind == "consumable"),
        net=sums.net,
        vat_percent=sums.vat_percent,
        vat=sums.vat,
        gross=sums.gross,
        our_signatory=company.signatory,
    )


def ticket_act(
    session: Session, ticket_number: str, *, today: date | None = None, user_id: int | None = None
) -> WorkAct:
    """The act of one ticket: its work, trips and consumables, priced as billed (covered work at 0);
    of a reopened ticket, its latest round of work (see the module's docstring).

    Dated the day the ticket was resolved (or closed); a ticket not finished yet gets `today`. A
    cancelled ticket has no act. ActError for an unknown or cancelled ticket.
    """
    require(session, user_id, "billing")
    ticket = session.scalars(select(Ticket).where(Ticket.number == ticket_number)).one_or_none()
    if ticket is None:
        raise ActError(QT_TRANSLATE_NOOP("WorkAct", "Ticket {number} does not exist."), number=ticket_number)
    if ticket.status == "cancelled":
        raise ActError(
            QT_TRANSLATE_NOOP("WorkAct", "Ticket {number} was cancelled; it has no act."),
            number=ticket_number,
        )
    finished = ticket.resolved_at or ticket.closed_at
    day = finished.date() if finished is not None else (today or datetime.now(UTC).date())
    rounds, lines = latest_round_lines(session, ticket.id, ticket.client_id, day)
    contract = session.get(Contract, ticket.contract_id) if ticket.contract_id is not None else None
    return _act(
        session,
        number=f"{ACT_PREFIX}{ticket.number}" + (f"-{rounds}" if rounds > 1 else ""),
        day=day,
        client_id=ticket.client_id,
        lines=lines,
        first=None,
        last=None,
        ticket_number=ticket.number,
        extra_contracts=frozenset({contract.number}) if contract is not None else frozenset(),
    )


def selected_ticket_act(db: Database, ticket_id: int, user_id: int | None = None) -> WorkAct:
    """The act of the ticket a dispatcher selected (by id), in a session of its own."""
    with db.session() as session:
        number = session.scalar(select(Ticket.number).where(Ticket.id == ticket_id))
        if number is None:
            raise ActError(
                QT_TRANSLATE_NOOP("WorkAct", "Ticket {number} does not exist."), number=str(ticket_id)
            )
        return ticket_act(session, number, user_id=user_id)


def client_act(
    session: Session, client_id: int, first: date, last: date, *, user_id: int | None = None
) -> WorkAct:
    """The act of a client's period: the subscription, the billable work, and the covered work at 0.

    ActError for an unknown client or a period that ends before it starts.
    """
    if last < first:
        raise ActError(
            QT_TRANSLATE_NOOP("WorkAct", "The period ends ({last}) before it starts ({first})."),
            first=first.isoformat(),
            last=last.isoformat(),
        )
    require(session, user_id, "billing")
    _party(session, client_id)  # refuses an unknown client before anything is computed
    bill = client_billing(session, client_id, first, last, include_covered=True)
    return _act(
        session,
        number=f"{ACT_PREFIX}{client_id}-{last:%Y%m}",
        day=last,
        client_id=client_id,
        lines=list(bill.lines),
        first=first,
        last=last,
        ticket_number=None,
    )
