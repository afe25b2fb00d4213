"""The client context panel's reads on the 100,000-ticket demo database, for the client with the most tickets.

`client_overview.header_ms` is one `client_header` call, the part the dispatcher waits for during a
call; `client_overview.all_ms` is all five reads of the panel one after another. Each sample is the
median of 20 calls, so one sample is not one cold cache.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import func, select

from benchmarks.big_demo import big_demo
from benchmarks.harness import Benchmark, median_ms
from console.models import Ticket
from console.services.client_overview import (
    client_contact_cards,
    client_contracts,
    client_header,
    client_site_cards,
    recent_tickets,
)


@cache
def _busiest_client() -> int:
    with big_demo().session() as session:
        return session.execute(
            select(Ticket.client_id).group_by(Ticket.client_id).order_by(func.count().desc()).limit(1)
        ).scalar_one()


def _header_ms() -> float:
    db, client_id = big_demo(), _busiest_client()
    return median_ms(lambda: client_header(db, client_id))


def _all_ms() -> float:
    db, client_id = big_demo(), _busiest_client()

    def everything() -> None:
        client_header(db, client_id)
        client_contracts(db, client_id)
        client_site_cards(db, client_id)
        client_contact_cards(db, client_id)
        recent_tickets(db, client_id)

    return median_ms(everything)


BENCHMARKS: list[Benchmark] = [
    Benchmark(name="client_overview.header_ms", unit="ms", measure=_header_ms),
    Benchmark(name="client_overview.all_ms", unit="ms", measure=_all_ms),
]
