"""Fast bulk inserts for large generated data sets (the demo data, imports).

SQLAlchemy's per-value bind processing costs more than the insert itself at hundreds of
thousands of rows; here each column's conversion is chosen once and the rows go to the driver as
tuples: `executemany` on SQLite, COPY on PostgreSQL. The stored form is the one SQLAlchemy
would write, so the ORM reads these rows back exactly as its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Connection, Date, Numeric, Table

from console.models.base import UtcDateTime

Convert = Callable[[Any], Any]


def _sqlite_datetime(value: datetime) -> str:
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(sep=" ", timespec="microseconds")[:26]  # without the "+00:00"


def _sqlite_date(value: date) -> str:
    return value.isoformat()


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
    if isinstance(kind, Numeric):
        return float if sqlite else Decimal
    return None


def bulk_insert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys) into `table` within the connection's transaction."""
    if not rows:
        return
    names = list(rows[0])
    sqlite = connection.dialect.name == "sqlite"
    converters = [_converter(table.c[name], sqlite) for name in names]
    columns = ", ".join(connection.dialect.identifier_preparer.quote(name) for name in names)
    pairs = list(zip(names, converters, strict=True))

    def as_tuple(row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(
            value if (value := row[name]) is None or convert is None else convert(value)
            for name, convert in pairs
        )

    if sqlite:
        markers = ", ".join("?" * len(names))
        statement = f"INSERT INTO {table.name} ({columns}) VALUES ({markers})"
        connection.exec_driver_sql(statement, [as_tuple(row) for row in rows])
        return
    cursor = connection.connection.cursor()
    try:
        with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(as_tuple(row))
    finally:
        cursor.close()
