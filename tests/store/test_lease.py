"""Leases on SQLite and PostgreSQL: one holder at a time, renewals, expiry and hand-back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.store import lease
from console.store.database import Database

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TTL = timedelta(seconds=60)


def test_one_holder_at_a_time_until_the_lease_expires(db: Database) -> None:
    assert lease.acquire(db, "duty", "a", TTL, now=T0)
    assert not lease.acquire(db, "duty", "b", TTL, now=T0 + timedelta(seconds=30))
    assert lease.acquire(db, "duty", "a", TTL, now=T0 + timedelta(seconds=50))  # renewed to T0 + 110 s
    assert not lease.acquire(db, "duty", "b", TTL, now=T0 + timedelta(seconds=100))
    assert lease.holder_of(db, "duty", now=T0 + timedelta(seconds=100)) == "a"
    assert lease.acquire(db, "duty", "b", TTL, now=T0 + timedelta(seconds=111))
    assert not lease.acquire(db, "duty", "a", TTL, now=T0 + timedelta(seconds=112))
    assert lease.holder_of(db, "duty", now=T0 + timedelta(seconds=112)) == "b"


def test_a_lease_given_back_is_free_at_once_and_only_its_holder_can_give_it_back(db: Database) -> None:
    assert lease.acquire(db, "duty", "a", TTL, now=T0)
    lease.release(db, "duty", "b")
    assert lease.holder_of(db, "duty", now=T0) == "a"
    lease.release(db, "duty", "a")
    assert lease.holder_of(db, "duty", now=T0) is None
    assert lease.acquire(db, "duty", "b", TTL, now=T0 + timedelta(seconds=1))


def test_leases_of_different_duties_are_independent(db: Database) -> None:
    assert lease.acquire(db, "one", "a", TTL, now=T0)
    assert lease.acquire(db, "two", "b", TTL, now=T0)
