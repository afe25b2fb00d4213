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


def _columns_and_values(
    connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
) -> tuple[str, list[tuple[Any, ...]]]:
    """The quoted column list of the rows' keys, and each row as a tuple in the driver's terms."""
    names = list(rows[0])
    sqlite = connection.dialect.name == "sqlite"
    pairs = [(name, _converter(table.c[name], sqlite)) for name in names]
    columns = ", ".join(connection.dialect.identifier_preparer.quote(name) for name in names)
    values = [
        tuple(
            value if (value := row[name]) is None or convert is None else convert(value)
            for name, convert in pairs
        )
        for row in rows
    ]
    return columns, values


def bulk_insert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys) into `table` within the connection's transaction."""
    if not rows:
        return
    columns, values = _columns_and_values(connection, table, rows)
    if connection.dialect.name == "sqlite":
        markers = ", ".join("?" * len(rows[0]))
        connection.exec_driver_sql(f"INSERT INTO {table.name} ({columns}) VALUES ({markers})", values)
        return
    cursor = connection.connection.cursor()
    try:
        with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
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


def insert_new(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert the rows that break no unique constraint and return their ids; the others are left out.

    Each row carries its own id (from `reserve_ids`). SQLite gets INSERT ... ON CONFLICT DO NOTHING
    through the driver; PostgreSQL gets the rows by COPY into a temporary table and then the same
    insert from it, since COPY itself cannot skip a conflicting row.
    """
    if not rows:
        return []
    ids = [int(row["id"]) for row in rows]
    if connection.dialect.name == "sqlite":
        columns, values = _columns_and_values(connection, table, rows)
        markers = ", ".join("?" * len(rows[0]))
        connection.exec_driver_sql(
            f"INSERT INTO {table.name} ({columns}) VALUES ({markers}) ON CONFLICT DO NOTHING", values
        )
    else:
        staging = f"staging_{table.name}"
        connection.exec_driver_sql(f"CREATE TEMPORARY TABLE {staging} (LIKE {table.name}) ON COMMIT DROP")
        staged = Table(staging, MetaData(), *(Column(c.name, c.type) for c in table.columns))
        bulk_insert(connection, staged, rows)
        columns = ", ".join(connection.dialect.identifier_preparer.quote(name) for name in rows[0])
        connection.exec_driver_sql(
            f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM {staging} ON CONFLICT DO NOTHING"
        )
        connection.exec_driver_sql(f"DROP TABLE {staging}")
    found = connection.exec_driver_sql(
        f"SELECT id FROM {table.name} WHERE id BETWEEN {min(ids)} AND {max(ids)}"
    )
    mine = set(ids)
    return sorted(value for (value,) in found if value in mine)
