"""Finding the caller's client on the 100,000-ticket demo database (target: p95 well under 50 ms).

`intake.find_client_p95_ms` is the 95th percentile of `find_clients` over 200 calls, as a
dispatcher types: each lookup is typed a few keystrokes at a time, and what is typed is what
callers give: the start of a company name (often in lower case), a phone number in some format
or its last digits, an address, a serial or inventory number read off a plate, a tax number.
The workload is drawn once from the database with a fixed seed. The first sample also pays for
building each statement shape once (see client_lookup); the median over the runs is the steady state.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from functools import cache

from sqlalchemy import select

from benchmarks.big_demo import big_demo
from benchmarks.harness import Benchmark
from console.models import Client, Contact, Equipment, Site
from console.services.client_lookup import find_clients
from console.store.database import Database

CALLS = 200
SEED = 20261118


def _keystrokes(text: str, rng: random.Random) -> list[str]:
    """What the search sees while `text` is typed: from two characters on, a few keystrokes apart."""
    lengths = sorted({rng.randint(2, len(text)) for _ in range(4)} | {len(text)})
    return [text[:n] for n in lengths]


def _phone(number: str, rng: random.Random) -> str:
    """A number as a caller dictates it: whole in another format, or only its last digits."""
    digits = "".join(c for c in number if c.isdigit())[-10:]
    return rng.choice(
        (
            f"8 {digits[:3]} {digits[3:]}",
            f"+7 ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}",
            f"{digits[6:8]}-{digits[8:]}",
            digits,
        )
    )


def _address(address: str) -> str:
    """The street and house a caller names: "Москва, ул. Тверская, д. 12" -> "тверская 12"."""
    _, street, house = address.split(", ")
    name = next(word for word in street.split() if word[0].isupper())
    return f"{name} {house.split()[-1]}".lower()


@cache
def _workload() -> tuple[Database, list[str]]:
    """The big database and the texts to look up, in the order they are typed."""
    db = big_demo()
    rng = random.Random(SEED)
    with db.session() as session:
        clients = session.execute(select(Client.name, Client.tax_number)).all()
        phones = [phone for phone in session.scalars(select(Contact.phone)) if phone]
        addresses = session.scalars(select(Site.address)).all()
        units = session.execute(select(Equipment.serial_number, Equipment.inventory_number)).all()
    makers: tuple[Callable[[], str], ...] = (
        lambda: rng.choice(clients).name.split(" (")[0].lower(),
        lambda: rng.choice(clients).name.split(" (")[0],
        lambda: _phone(rng.choice(phones), rng),
        lambda: _address(rng.choice(addresses)),
        lambda: rng.choice(units).serial_number[rng.choice((0, 2)) :],
        lambda: (rng.choice(units).inventory_number or "").lower(),
        lambda: rng.choice(clients).tax_number or "",
    )
    texts: list[str] = []
    while len(texts) < CALLS:
        texts.extend(_keystrokes(rng.choice(makers)(), rng))
    return db, texts[:CALLS]


def find_client_p95_ms() -> float:
    db, texts = _workload()
    samples = []
    for text in texts:
        started = time.perf_counter()
        find_clients(db, text)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.quantiles(samples, n=20)[-1]


BENCHMARKS = [Benchmark("intake.find_client_p95_ms", "ms", find_client_p95_ms, runs=5)]
