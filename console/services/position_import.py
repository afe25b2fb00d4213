"""Technicians' positions into the position log, from the mobile app or from a file of readings.

`record_positions` is the one write path: it logs the readings (a reading already in the log is a
duplicate, not an error) and moves each technician whose newest reading is newer than the
position the map shows; an older reading is only logged, so readings arriving late or out of
order never move a technician back in time.

`import_positions` reads a CSV or JSON-lines file of readings. A file of readings is a feed, not
a document: a bad row is rejected with its line number and the reason, and the good rows around
it are still recorded, because one device's bad fix must not lose everybody else's positions.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from console.errors import ConsoleError
from console.models import Technician, TechnicianPositionReport
from console.models.base import TECHNICIAN_STATES, utcnow
from console.store.database import Database

# A reading up to this far ahead of our clock is the device's clock running fast, not the future.
CLOCK_SKEW = timedelta(minutes=5)
REQUIRED_FIELDS = ("technician_id", "reported_at", "latitude", "longitude")
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson", ".json")

REASONS = {
    "malformed": "malformed line",
    "unknown_technician": "unknown or inactive technician",
    "bad_time": "time missing, unreadable or without a time zone",
    "future_time": "time in the future",
    "not_a_number": "not a number",
    "out_of_range": "coordinates out of range",
    "unknown_state": "unknown state",
    "bad_accuracy": "accuracy not a non-negative number",
}
"""Why a row is rejected: reason code -> what the command line calls it."""


@dataclass(frozen=True, slots=True)
class PositionReading:
    """One reported position of one technician; `state` and `accuracy_m` only when the device gave them."""

    technician_id: int
    reported_at: datetime
    latitude: float
    longitude: float
    state: str | None = None
    accuracy_m: float | None = None


@dataclass(frozen=True, slots=True)
class RecordResult:
    """What `record_positions` did: readings logged, readings already logged, technicians moved."""

    inserted: int
    duplicates: int
    moved: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Rejection:
    """A row of a file that was not recorded: its line number, reason code (a key of REASONS), details."""

    line: int
    reason: str
    message: str


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """A well-formed row of a file: its line number and its fields, not yet checked."""

    line: int
    fields: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A file of readings split into rows; lines that are not rows at all are already rejected."""

    rows: tuple[ParsedRow, ...]
    rejected: tuple[Rejection, ...]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: readings recorded, duplicates skipped, rows rejected (in line order)."""

    imported: int
    duplicates: int
    moved: tuple[int, ...]
    rejected: tuple[Rejection, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Rejected rows per reason code."""
        return dict(Counter(r.reason for r in self.rejected))


class _BadRow(Exception):
    """Why one row holds no reading: a reason code (a key of REASONS) and the details."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class PositionFileError(ConsoleError):
    """The file cannot be read as readings at all; nothing was recorded."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__("Cannot read the positions file {path}: {reason}.", path=str(path), reason=reason)


def record_positions(db: Database, readings: Sequence[PositionReading], source: str) -> RecordResult:
    """Log `readings` and move the technicians they show somewhere newer, in one transaction.

    The technicians must exist. A reading whose (technician, instant) is already in the log, or
    repeated in `readings`, is a duplicate and changes nothing. Technicians are moved through the
    ORM, so the change feed reports them and their version goes up; log rows are not in the feed.
    """
    unique = {(r.technician_id, r.reported_at): r for r in readings}
    # In key order, so concurrent writers on PostgreSQL wait for each other instead of deadlocking.
    rows = [
        {
            "technician_id": r.technician_id,
            "reported_at": r.reported_at,
            "latitude": r.latitude,
            "longitude": r.longitude,
            "accuracy_m": r.accuracy_m,
            "source": source,
        }
        for _, r in sorted(unique.items(), key=lambda item: item[0])
    ]
    if not rows:
        return RecordResult(0, len(readings), ())
    with db.transaction() as session:
        dialect = postgresql if session.connection().dialect.name == "postgresql" else sqlite
        table = TechnicianPositionReport.__table__
        # ON CONFLICT DO NOTHING (both databases have it) rather than looking first: another console
        # may log the same reading between the look and the insert.
        statement = (
            dialect.insert(table)
            .on_conflict_do_nothing(index_elements=["technician_id", "reported_at"])
            .returning(table.c.technician_id, table.c.reported_at)
        )
        inserted = [unique[(tid, at)] for tid, at in session.execute(statement, rows)]
        newer: dict[int, list[PositionReading]] = {}
        for reading in sorted(inserted, key=lambda r: r.reported_at):
            newer.setdefault(reading.technician_id, []).append(reading)
        technicians = session.scalars(
            select(Technician).where(Technician.id.in_(list(newer))).order_by(Technician.id).with_for_update()
        )
        moved = []
        for technician in technicians:
            last = technician.last_position_at
            fresh = [r for r in newer[technician.id] if last is None or r.reported_at > last]
            if not fresh:
                continue
            technician.last_latitude = fresh[-1].latitude
            technician.last_longitude = fresh[-1].longitude
            technician.last_position_at = fresh[-1].reported_at
            states = [r.state for r in fresh if r.state is not None]
            if states:
                technician.state = states[-1]
            moved.append(technician.id)
    return RecordResult(len(inserted), len(readings) - len(inserted), tuple(moved))


def parse_positions(path: Path) -> ParsedFile:
    """Split a file of readings into rows: CSV with a header line, or one JSON object per line.

    The format follows the extension (.csv; .jsonl, .ndjson or .json for JSON lines), or else the
    first character. Columns or keys beyond the known ones (a device's speed, say) are ignored.
    Raises PositionFileError when the file cannot be read or its CSV header lacks a column.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise PositionFileError(path, "it is not UTF-8 text") from None
    except OSError as exc:
        raise PositionFileError(path, exc.strerror or str(exc)) from None
    suffix = path.suffix.lower()
    json_lines = suffix in JSON_LINES_SUFFIXES or (suffix != ".csv" and text.lstrip().startswith(("{", "[")))
    if json_lines and text.lstrip().startswith("["):
        raise PositionFileError(path, "it is one JSON array; one JSON object per line is expected")
    entries = list(_json_lines(text) if json_lines else _csv_rows(path, text))
    return ParsedFile(
        tuple(e for e in entries if isinstance(e, ParsedRow)),
        tuple(e for e in entries if isinstance(e, Rejection)),
    )


def _json_lines(text: str) -> Iterator[ParsedRow | Rejection]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(number, "malformed", f"malformed line (not JSON: {exc.msg})")
            continue
        if isinstance(fields, dict):
            yield ParsedRow(number, fields)
        else:
            yield Rejection(number, "malformed", "malformed line (not a JSON object)")


def _csv_rows(path: Path, text: str) -> Iterator[ParsedRow | Rejection]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next((row for row in reader if row), None)
    if header is None:
        raise PositionFileError(path, "it has no header line")
    names = [name.strip() for name in header]
    missing = [name for name in REQUIRED_FIELDS if name not in names]
    if missing:
        raise PositionFileError(path, f"the header line has no {', '.join(missing)} column")
    for values in reader:
        if not values:
            continue
        if len(values) != len(names):
            message = f"malformed line ({len(values)} columns, the header has {len(names)})"
            yield Rejection(reader.line_num, "malformed", message)
        else:
            fields = {n: v.strip() for n, v in zip(names, values, strict=True) if v.strip()}
            yield ParsedRow(reader.line_num, fields)


def import_positions(db: Database, source: Path | ParsedFile, *, now: datetime | None = None) -> ImportReport:
    """Record the good rows of a file of readings (a path, or a file `parse_positions` read already).

    A row is rejected, with its line number, when it is malformed, names a technician who does not
    exist or is inactive, has no time zone-aware ISO 8601 time or one more than five minutes after
    `now` (more than a device's clock may be ahead), has coordinates that are not numbers or not on
    Earth, an unknown state or a negative accuracy. Rows already in the log, or repeated in the
    file, count as duplicates. The command line reads the file before opening the database, so an
    unreadable file changes nothing; hence a parsed file is accepted too.
    """
    parsed = source if isinstance(source, ParsedFile) else parse_positions(source)
    latest = (now or utcnow()) + CLOCK_SKEW
    rejected = list(parsed.rejected)
    candidates: list[tuple[int, PositionReading]] = []
    for row in parsed.rows:
        try:
            candidates.append((row.line, _reading(row.fields, latest)))
        except _BadRow as bad:
            rejected.append(Rejection(row.line, bad.reason, bad.message))
    claimed = {reading.technician_id for _, reading in candidates}
    with db.session() as session:
        active = set(
            session.scalars(
                select(Technician.id).where(Technician.id.in_(claimed), Technician.active.is_(True))
            )
        )
    readings: list[PositionReading] = []
    for line, reading in candidates:
        if reading.technician_id in active:
            readings.append(reading)
        else:
            message = f"unknown or inactive technician (id {reading.technician_id})"
            rejected.append(Rejection(line, "unknown_technician", message))
    recorded = record_positions(db, readings, "import")
    rejected.sort(key=lambda r: r.line)
    return ImportReport(recorded.inserted, recorded.duplicates, recorded.moved, tuple(rejected))


def _reading(fields: dict[str, Any], latest: datetime) -> PositionReading:
    """The reading in one row's fields; raises _BadRow with the first thing wrong with them."""
    raw_id = fields.get("technician_id")
    if raw_id is None:
        raise _BadRow("unknown_technician", "no technician id")
    if isinstance(raw_id, str) and raw_id.isdigit():
        raw_id = int(raw_id)
    if not isinstance(raw_id, int) or isinstance(raw_id, bool):
        raise _BadRow("unknown_technician", f"technician id is not a whole number ({raw_id!r})")

    raw_time = fields.get("reported_at")
    if raw_time is None:
        raise _BadRow("bad_time", "no time")
    try:
        reported_at = datetime.fromisoformat(raw_time) if isinstance(raw_time, str) else None
    except ValueError:
        reported_at = None
    if reported_at is None:
        raise _BadRow("bad_time", f"time not in ISO 8601 ({raw_time!r})")
    if reported_at.utcoffset() is None:
        raise _BadRow("bad_time", f"time without a time zone ({raw_time})")
    if reported_at > latest:
        raise _BadRow("future_time", f"time in the future ({raw_time})")

    latitude = _coordinate(fields, "latitude", 90)
    longitude = _coordinate(fields, "longitude", 180)

    state = fields.get("state")
    if state is not None and state not in TECHNICIAN_STATES:
        raise _BadRow("unknown_state", f"unknown state ({state!r})")

    accuracy = None
    if fields.get("accuracy_m") is not None:
        accuracy = _number(fields["accuracy_m"])
        if accuracy is None or accuracy < 0:
            message = f"accuracy is not a non-negative number ({fields['accuracy_m']!r})"
            raise _BadRow("bad_accuracy", message)

    return PositionReading(raw_id, reported_at, latitude, longitude, state, accuracy)


def _coordinate(fields: dict[str, Any], name: str, limit: float) -> float:
    value = _number(fields.get(name))
    if value is None:
        raise _BadRow("not_a_number", f"{name} is not a number ({fields.get(name)!r})")
    if not -limit <= value <= limit:
        raise _BadRow("out_of_range", f"coordinates out of range ({name} {value})")
    return value


def _number(value: object) -> float | None:
    """A finite float from a JSON number or a text, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
