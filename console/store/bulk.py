"""Fast bulk inserts for large generated data sets (the demo data, imports).

SQLAlchemy's per-value bind processing costs more than the insert itself at hundreds of
thousands of rows; here each column's conversion is chosen once and the rows go to the driver as
tuples: `executemany` on SQLite, COPY on PostgreSQL. The stored form is the one SQLAlchemy
would write, so the ORM reads these rows back exactly as its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Connection, Date, MetaData, Numeric, Table, Time

from console.models.base import UtcDateTime

Convert = Callable[[Any], Any]


@lru_cache(maxsize=65_536)
def _sqlite_datetime(value: datetime) -> str:
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(sep=" ", timespec="microseconds")[:26]  # without the "+00:00"


def _sqlite_date(value: date) -> str:
    return value.isoformat()


def _sqlite_time(value: time) -> str:
    return value.strftime("%H:%M:%S.%f")


def _converter(column: Column[Any], sqlite: bool) -> Convert | None:
    kind = column.type
    if isinstance(kind, UtcDateTime):
        return _sqlite_datetime if sqlite else None
    if isinstance(kind, JSON):
        return json.dumps
    if isinstance(kind, Boolean):
        return int if sqlite else None
    if isinstance(kind, Date):
        return _sqlite_date if sqlite else None
    if isinstance(kind, Time):
        return _sqlite_time if sqlite else None
    if isinstance(kind, Numeric):
        return float if sqlite else Decimal
    return None


class RowEncoder:
    """Values of some columns of a table in the driver's terms, each column's conversion chosen once.

    A caller that builds many rows from a few shared parts encodes each part once and joins the
    tuples: `encode(values)` takes the values in the order of `names` (or of the `only` subset).
    """

    def __init__(self, connection: Connection, table: Table, names: Sequence[str]) -> None:
        self.table = table
        self.names = list(names)
        self.sqlite = connection.dialect.name == "sqlite"
        self.columns = ", ".join(connection.dialect.identifier_preparer.quote(name) for name in self.names)
        self._converts = {name: _converter(table.c[name], self.sqlite) for name in self.names}

    def encode(self, values: Sequence[Any], only: Sequence[str] | None = None) -> tuple[Any, ...]:
        converts = [self._converts[name] for name in (only or self.names)]
        return tuple(
            value if value is None or convert is None else convert(value)
            for value, convert in zip(values, converts, strict=True)
        )


def _encoded(
    connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
) -> tuple[RowEncoder, list[tuple[Any, ...]]]:
    encoder = RowEncoder(connection, table, list(rows[0]))
    names = encoder.names
    return encoder, [encoder.encode([row[name] for name in names]) for row in rows]


def bulk_insert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys) into `table` within the connection's transaction."""
    if not rows:
        return
    encoder, values = _encoded(connection, table, rows)
    insert_encoded(connection, encoder, values)


def insert_encoded(connection: Connection, encoder: RowEncoder, values: Sequence[tuple[Any, ...]]) -> None:
    """Insert rows already encoded by `encoder`: `executemany` on SQLite, COPY on PostgreSQL."""
    if not values:
        return
    if encoder.sqlite:
        markers = ", ".join("?" * len(encoder.names))
        connection.exec_driver_sql(
            f"INSERT INTO {encoder.table.name} ({encoder.columns}) VALUES ({markers})", list(values)
        )
        return
    cursor = connection.connection.cursor()
    try:
        with cursor.copy(f"COPY {encoder.table.name} ({encoder.columns}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
    finally:
        cursor.close()


def reserve_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """`count` primary keys for new rows of `table`, taken for this transaction.

    SQLite has one writer at a time, so the keys after the largest are free until the transaction
    ends; PostgreSQL draws them from the table's sequence.
    """
    if count <= 0:
        return []
    if connection.dialect.name == "sqlite":
        start = (
            int(connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table.name}").scalar_one()) + 1
        )
        return list(range(start, start + count))
    drawn = connection.exec_driver_sql(
        f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) FROM generate_series(1, {int(count)})"
    )
    return [int(value) for (value,) in drawn]


def insert_new(connection: Connection, encoder: RowEncoder, values: Sequence[tuple[Any, ...]]) -> list[int]:
    """Insert the encoded rows that break no unique constraint and return their ids; the others are left out.

    Each row carries its own id (from `reserve_ids`) in the column "id". SQLite gets INSERT ... ON
    CONFLICT DO NOTHING through the driver; PostgreSQL gets the rows by COPY into a temporary
    table and then the same insert from it, since COPY itself cannot skip a conflicting row.
    """
    if not values:
        return []
    position = encoder.names.index("id")
    ids = [int(row[position]) for row in values]
    table = encoder.table
    if encoder.sqlite:
        markers = ", ".join("?" * len(encoder.names))
        connection.exec_driver_sql(
            f"INSERT INTO {table.name} ({encoder.columns}) VALUES ({markers}) ON CONFLICT DO NOTHING",
            list(values),
        )
    else:
        staging = f"staging_{table.name}"
        connection.exec_driver_sql(f"CREATE TEMPORARY TABLE {staging} (LIKE {table.name}) ON COMMIT DROP")
        staged = Table(staging, MetaData(), *(Column(c.name, c.type) for c in table.columns))
        insert_encoded(connection, RowEncoder(connection, staged, encoder.names), values)
        connection.exec_driver_sql(
            f"INSERT INTO {table.name} ({encoder.columns}) "
            f"SELECT {encoder.columns} FROM {staging} ON CONFLICT DO NOTHING"
        )
        connection.exec_driver_sql(f"DROP TABLE {staging}")
    found = connection.exec_driver_sql(
        f"SELECT id FROM {table.name} WHERE id BETWEEN {min(ids)} AND {max(ids)}"
    )
    mine = set(ids)
    return sorted(value for (value,) in found if value in mine)
