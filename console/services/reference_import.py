"""Clients, sites and equipment from CSV files: created where new, updated where known.

Reference data usually arrives as a spreadsheet from the client or from the previous system, so the
file is read as a spreadsheet export: UTF-8 with or without a byte-order mark, `;` or `,` between
values (whichever the header line uses more; Russian exports use `;`), a header line naming the
columns in any order (case does not matter). A column the kind does not know, a required column
missing, an empty file or one that is not UTF-8 refuses the whole file (ReferenceFileError) before
anything is written.

Columns (* required in the header and in every row):

clients
    name*, legal_name*, tax_number (ИНН, 10 or 12 digits, unique), tier* (name of an existing
    client tier), phone, email, address. Key: the tax number when the row has one (a client known
    by its legal name and without a tax number is given it), else the legal name (which must then
    name at most one client). An empty tax_number never removes one already stored.
sites
    client* (the client's tax number, or its name if only one client has it), name*, address*,
    territory, latitude* (-90..90), longitude* (-180..180; a decimal comma is accepted),
    timezone* (IANA, e.g. Europe/Moscow), calendar (name of an existing calendar), access_notes.
    Key: (client, name).
equipment
    client*, site* (the site's name at that client), manufacturer* and model* (an existing
    equipment model), serial_number*, inventory_number, installed_on, decommissioned_on (YYYY-MM-DD
    or DD.MM.YYYY; decommissioned not before installed), parent_serial (the serial number of
    another unit at the same site, which may come earlier in the same file). Key: (model,
    serial_number); a known unit in a file naming another site moves there.

A row whose key is known updates the fields that differ (identical: unchanged); otherwise it makes
a new record. An empty cell clears an optional field; a column left out of the file leaves that
field alone. A row repeating the key of an earlier row is rejected, naming the earlier line.

A bad row is rejected with its physical line number (the header is line 1) and the reason; the
good rows are saved together in one transaction, each inside its own savepoint, so a database
constraint this module does not check (or a record another console changed meanwhile) rejects that
row alone. With `atomic`, one rejected row means nothing at all is saved, and every reason is still
reported. Records are written through the ORM, one flush per row, so the change feed and the audit
log see each of them as if a user had typed it in.
"""

from __future__ import annotations

import csv
import io
import math
import re
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import String, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import Base, Calendar, Client, ClientTier, Equipment, EquipmentModel, Site
from console.services import access
from console.store.database import Database

KINDS: Final = ("clients", "sites", "equipment")
# Per kind, its columns in the order the README lists them, and whether each is required.
COLUMNS: Final[dict[str, dict[str, bool]]] = {
    "clients": {
        "name": True,
        "legal_name": True,
        "tax_number": False,
        "tier": True,
        "phone": False,
        "email": False,
        "address": False,
    },
    "sites": {
        "client": True,
        "name": True,
        "address": True,
        "territory": False,
        "latitude": True,
        "longitude": True,
        "timezone": True,
        "calendar": False,
        "access_notes": False,
    },
    "equipment": {
        "client": True,
        "site": True,
        "manufacturer": True,
        "model": True,
        "serial_number": True,
        "inventory_number": False,
        "installed_on": False,
        "decommissioned_on": False,
        "parent_serial": False,
    },
}
LATITUDE_LIMIT: Final = 90.0
LONGITUDE_LIMIT: Final = 180.0
# Keys per IN (...) list when looking records up: well inside every database's parameter limit.
CHUNK: Final = 500
_TAX_NUMBER: Final = re.compile(r"[0-9]{10}|[0-9]{12}")
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_RUSSIAN_DATE: Final = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{4}")


class Rejection(NamedTuple):
    """A row that was not saved: its physical line in the file and why, in words."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did, or (when `saved` is false) would have done had no row been rejected."""

    kind: str
    created: int
    updated: int
    unchanged: int
    rejections: tuple[Rejection, ...]
    saved: bool


@dataclass(frozen=True, slots=True)
class FileRow:
    """One data row: its first physical line and its values by column (None for an empty cell)."""

    line: int
    values: dict[str, str | None]


@dataclass(frozen=True, slots=True)
class ReferenceFile:
    """A file read and split into rows, not yet checked against the database."""

    kind: str
    path: Path
    columns: tuple[str, ...]
    rows: tuple[FileRow, ...]
    rejections: tuple[Rejection, ...]


class ReferenceFileError(ConsoleError):
    """The file cannot be imported at all; nothing was saved."""

    context = "reference_import"

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("reference_import", "Cannot import {path}: {reason}; nothing was saved."),
            path=str(path),
            reason=reason,
        )


class _BadRow(Exception):
    """Why one row cannot be saved, in words."""


class _AtomicRefusal(Exception):
    """Raised inside the transaction to roll back an atomic import with rejected rows."""


def read_reference_file(kind: str, path: Path) -> ReferenceFile:
    """Read `path` as a CSV file of `kind` (one of KINDS); raises ReferenceFileError if it is unusable.

    Rows with a wrong number of values are already rejected here; blank rows are skipped.
    """
    if kind not in COLUMNS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReferenceFileError(
            path, f"it is not UTF-8 text (byte {exc.start + 1}); save it as CSV UTF-8"
        ) from None
    except OSError as exc:
        raise ReferenceFileError(path, exc.strerror or str(exc)) from None
    if not text.strip():
        raise ReferenceFileError(path, "it is empty")
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        columns = _columns(kind, path, header)
        rows, rejections = _rows(reader, columns)
    except csv.Error as exc:
        raise ReferenceFileError(path, f"line {reader.line_num} is not CSV ({exc})") from None
    return ReferenceFile(kind, path, columns, tuple(rows), tuple(rejections))


def _columns(kind: str, path: Path, header: Sequence[str]) -> tuple[str, ...]:
    known = COLUMNS[kind]
    names = tuple(name.strip().lower() for name in header)
    unnamed = [str(number) for number, name in enumerate(names, start=1) if not name]
    if unnamed:
        raise ReferenceFileError(path, f"the header line has no name for column {', '.join(unnamed)}")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ReferenceFileError(path, f"the header line names {', '.join(repeated)} more than once")
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ReferenceFileError(
            path,
            f"{kind} have no column {', '.join(unknown)} (the columns are: {', '.join(known)})",
        )
    missing = [name for name, required in known.items() if required and name not in names]
    if missing:
        raise ReferenceFileError(path, f"the header line lacks the required column {', '.join(missing)}")
    return names


def _rows(reader: Iterator[list[str]], columns: tuple[str, ...]) -> tuple[list[FileRow], list[Rejection]]:
    rows: list[FileRow] = []
    rejections: list[Rejection] = []
    line = 2
    for values in reader:
        start, line = line, reader.line_num + 1  # type: ignore[attr-defined]
        cells = [value.strip() for value in values]
        if not any(cells):
            continue
        extra = cells[len(columns) :]
        if len(cells) < len(columns) or any(extra):
            rejections.append(
                Rejection(start, f"it has {len(cells)} values; the header line has {len(columns)} columns")
            )
            continue
        rows.append(FileRow(start, {name: cell or None for name, cell in zip(columns, cells, strict=False)}))
    return rows, rejections


def import_records(
    db: Database,
    kind: str,
    path: Path | ReferenceFile,
    *,
    atomic: bool = False,
    user_id: int | None = None,
) -> ImportResult:
    """Create or update the `kind` records a CSV file describes (a path, or a file already read).

    The user (None: the system) needs the "reference_data" right; AccessDenied otherwise, and
    nothing is saved. Raises ReferenceFileError when the file is unusable as a whole. Rejected
    rows are in the result in line order; with `atomic`, any of them means nothing was saved.
    """
    file = path if isinstance(path, ReferenceFile) else read_reference_file(kind, path)
    if file.kind != kind:
        raise ValueError(f"the file was read as {file.kind}, not {kind}")
    counts: dict[str, int] = {"created": 0, "updated": 0, "unchanged": 0}
    rejections = list(file.rejections)
    saved = True
    try:
        with db.transaction() as session:
            access.require(session, user_id, "reference_data")
            importer = _IMPORTERS[kind](session, file.rows)
            for outcome in _write(session, importer, file.rows):
                if isinstance(outcome, Rejection):
                    rejections.append(outcome)
                else:
                    counts[outcome] += 1
            if atomic and rejections:
                raise _AtomicRefusal
    except _AtomicRefusal:
        saved = False
    rejections.sort(key=lambda rejection: rejection.line)
    return ImportResult(
        kind, counts["created"], counts["updated"], counts["unchanged"], tuple(rejections), saved
    )


@dataclass(slots=True)
class _Plan:
    """What one checked row asks for: the record it updates (None: a new one), its fields, its key."""

    record: Base | None
    values: dict[str, Any]
    key: tuple[Hashable, ...]
    key_text: str


def _write(session: Session, importer: _Importer, rows: Sequence[FileRow]) -> Iterator[Rejection | str]:
    """Save each row in its own savepoint; yield a Rejection or "created", "updated", "unchanged"."""
    seen: dict[tuple[Hashable, ...], int] = {}
    for row in rows:
        try:
            plan = importer.plan(row.values)
        except _BadRow as bad:
            yield Rejection(row.line, str(bad))
            continue
        keys = [plan.key] if plan.record is None else [plan.key, _identity(plan.record)]
        first = next((seen[key] for key in keys if key in seen), None)
        if first is not None:
            yield Rejection(row.line, f"{plan.key_text} is already on line {first}")
            continue
        try:
            record, outcome = _save(session, importer, plan)
        except StaleDataError:
            yield Rejection(row.line, f"{plan.key_text} was changed by someone else meanwhile; import again")
            continue
        except DBAPIError as exc:
            yield Rejection(row.line, f"the database refused it: {_database_reason(exc)}")
            continue
        for key in (plan.key, _identity(record)):
            seen[key] = row.line
        yield outcome


def _save(session: Session, importer: _Importer, plan: _Plan) -> tuple[Base, str]:
    """Create or update the planned record inside a savepoint (rolled back alone if the database refuses)."""
    record = plan.record
    if record is not None:
        changes = {name: value for name, value in plan.values.items() if getattr(record, name) != value}
        if not changes:
            return record, "unchanged"
    with session.begin_nested():
        if record is None:
            record = importer.model(**plan.values)
            session.add(record)
        else:
            for name, value in changes.items():
                setattr(record, name, value)
        session.flush()
    importer.remember(record)
    return record, "created" if plan.record is None else "updated"


def _identity(record: Base) -> tuple[Hashable, ...]:
    """A saved record's key among the keys of the rows seen: two rows may name it differently."""
    return ("record", record.__tablename__, record.id)  # type: ignore[attr-defined]


def _database_reason(exc: DBAPIError) -> str:
    text = str(exc.orig).strip()
    return text.splitlines()[0] if text else type(exc.orig).__name__


# Checking one value -------------------------------------------------------------------------------


def _fits(value: str, column: str, model: type[Base]) -> str:
    """`value`, unless it is longer than the model's column allows."""
    column_type = model.__table__.c[column].type
    if isinstance(column_type, String) and column_type.length is not None and len(value) > column_type.length:
        raise _BadRow(f"{column} is {len(value)} characters long; at most {column_type.length} fit")
    return value


def _text(values: dict[str, str | None], column: str, model: type[Base]) -> str | None:
    """An optional cell's text (None when empty), no longer than the model's column allows."""
    value = values.get(column)
    return None if value is None else _fits(value, column, model)


def _required_text(values: dict[str, str | None], column: str, model: type[Base]) -> str:
    """A required cell's text, no longer than the model's column allows."""
    return _fits(_required(values, column), column, model)


def _required(values: dict[str, str | None], column: str) -> str:
    value = values.get(column)
    if value is None:
        raise _BadRow(f"{column} is missing")
    return value


def _coordinate(values: dict[str, str | None], column: str, limit: float) -> float:
    raw = _required(values, column)
    try:
        number = float(raw.replace(",", ".") if "." not in raw else raw)
    except ValueError:
        raise _BadRow(f"{column} {raw!r} is not a number") from None
    if not math.isfinite(number):
        raise _BadRow(f"{column} {raw!r} is not a number")
    if not -limit <= number <= limit:
        raise _BadRow(f"{column} {raw} is outside {-limit:g}..{limit:g}")
    return number


def _zone(values: dict[str, str | None]) -> str:
    raw = _required(values, "timezone")
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise _BadRow(f"timezone {raw!r} is not an IANA time zone such as Europe/Moscow") from None
    return raw


def _date(values: dict[str, str | None], column: str) -> date | None:
    raw = values.get(column)
    if raw is None:
        return None
    try:
        if _ISO_DATE.fullmatch(raw):
            return date.fromisoformat(raw)
        if _RUSSIAN_DATE.fullmatch(raw):
            return datetime.strptime(raw, "%d.%m.%Y").date()
    except ValueError:
        pass
    raise _BadRow(f"{column} {raw!r} is not a date (YYYY-MM-DD or DD.MM.YYYY)")


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = sorted(set(values))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


# Finding clients by what a file calls them ---------------------------------------------------------


@dataclass(slots=True)
class _ClientNames:
    """Every client's id by tax number and by name, for rows that name a client."""

    by_tax: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    label: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> _ClientNames:
        names = cls()
        for client_id, name, tax_number in session.execute(select(Client.id, Client.name, Client.tax_number)):
            if tax_number is not None:
                names.by_tax[tax_number] = client_id
            names.by_name[name].append(client_id)
            names.label[client_id] = name
        return names

    def find(self, reference: str) -> int:
        """The client a file's `client` cell names: by tax number, else by its name if unique."""
        if reference in self.by_tax:
            return self.by_tax[reference]
        found = self.by_name.get(reference, [])
        if len(found) == 1:
            return found[0]
        if found:
            raise _BadRow(f"{len(found)} clients are named {reference!r}; give the tax number instead")
        if _TAX_NUMBER.fullmatch(reference):
            raise _BadRow(f"no client with tax number {reference}")
        raise _BadRow(f"no client named {reference!r}")


# One importer per kind ---------------------------------------------------------------------------


class _Importer(ABC):
    """Checks the rows of one kind against data looked up once, and keeps it current as rows are saved."""

    model: type[Base]

    @abstractmethod
    def plan(self, values: dict[str, str | None]) -> _Plan:
        """The record and fields one row asks for; raises _BadRow with the first thing wrong."""

    @abstractmethod
    def remember(self, record: Any) -> None:
        """Take a record just saved into the lookups, for the rows after it."""


class _ClientImporter(_Importer):
    model = Client

    def __init__(self, session: Session, rows: Sequence[FileRow]) -> None:
        self.tiers = {
            name: tier_id for tier_id, name in session.execute(select(ClientTier.id, ClientTier.name))
        }
        taxes = {row.values["tax_number"] for row in rows if row.values.get("tax_number")}
        legal_names = {row.values["legal_name"] for row in rows if row.values.get("legal_name")}
        self.by_tax: dict[str, Client] = {}
        self.by_legal: dict[str, list[Client]] = defaultdict(list)
        found: dict[int, Client] = {}
        for chunk in _chunks(taxes):
            found.update(
                (c.id, c) for c in session.scalars(select(Client).where(Client.tax_number.in_(chunk)))
            )
        for chunk in _chunks(legal_names):
            found.update(
                (c.id, c) for c in session.scalars(select(Client).where(Client.legal_name.in_(chunk)))
            )
        for client in sorted(found.values(), key=lambda c: c.id):
            self.remember(client)

    def remember(self, record: Any) -> None:
        if record.tax_number is not None:
            self.by_tax[record.tax_number] = record
        if record not in self.by_legal[record.legal_name]:
            self.by_legal[record.legal_name].append(record)

    def plan(self, values: dict[str, str | None]) -> _Plan:
        name = _required_text(values, "name", Client)
        legal_name = _required_text(values, "legal_name", Client)
        tax_number = _text(values, "tax_number", Client)
        if tax_number is not None and not _TAX_NUMBER.fullmatch(tax_number):
            raise _BadRow(f"tax number {tax_number!r} is not 10 or 12 digits")
        tier = _required(values, "tier")
        if tier not in self.tiers:
            raise _BadRow(f"no client tier named {tier!r} (there are: {', '.join(sorted(self.tiers))})")
        fields: dict[str, Any] = {"name": name, "legal_name": legal_name, "tier_id": self.tiers[tier]}
        if tax_number is not None:
            fields["tax_number"] = tax_number
        for column in ("phone", "email", "address"):
            if column in values:
                fields[column] = _text(values, column, Client)
        email = fields.get("email")
        if email is not None and not _EMAIL.fullmatch(email):
            raise _BadRow(f"email {email!r} is not an email address")
        if tax_number is not None:
            record = self.by_tax.get(tax_number)
            if record is None:
                untaxed = [c for c in self.by_legal.get(legal_name, []) if c.tax_number is None]
                if len(untaxed) > 1:
                    raise _BadRow(
                        f"{len(untaxed)} clients without a tax number have the legal name {legal_name!r}; "
                        "cannot tell which one this is"
                    )
                record = untaxed[0] if untaxed else None
            return _Plan(record, fields, ("tax", tax_number), f"tax number {tax_number}")
        same = self.by_legal.get(legal_name, [])
        if len(same) > 1:
            raise _BadRow(f"{len(same)} clients have the legal name {legal_name!r}; give the tax number")
        return _Plan(same[0] if same else None, fields, ("legal", legal_name), f"legal name {legal_name!r}")


class _SiteImporter(_Importer):
    model = Site

    def __init__(self, session: Session, rows: Sequence[FileRow]) -> None:
        self.clients = _ClientNames.load(session)
        self.calendars = {name: cid for cid, name in session.execute(select(Calendar.id, Calendar.name))}
        client_ids: set[int] = set()
        for row in rows:
            reference = row.values.get("client")
            if reference is not None:
                try:
                    client_ids.add(self.clients.find(reference))
                except _BadRow:
                    continue
        self.sites: dict[tuple[int, str], list[Site]] = defaultdict(list)
        for chunk in _chunks(client_ids):
            for site in session.scalars(select(Site).where(Site.client_id.in_(chunk)).order_by(Site.id)):
                self.remember(site)

    def remember(self, record: Any) -> None:
        same = self.sites[(record.client_id, record.name)]
        if record not in same:
            same.append(record)

    def plan(self, values: dict[str, str | None]) -> _Plan:
        client_id = self.clients.find(_required(values, "client"))
        name = _required_text(values, "name", Site)
        fields: dict[str, Any] = {
            "client_id": client_id,
            "name": name,
            "address": _required_text(values, "address", Site),
            "latitude": _coordinate(values, "latitude", LATITUDE_LIMIT),
            "longitude": _coordinate(values, "longitude", LONGITUDE_LIMIT),
            "timezone": _zone(values),
        }
        for column in ("territory", "access_notes"):
            if column in values:
                fields[column] = _text(values, column, Site)
        if "calendar" in values:
            calendar = values["calendar"]
            if calendar is not None and calendar not in self.calendars:
                raise _BadRow(f"no calendar named {calendar!r}")
            fields["calendar_id"] = None if calendar is None else self.calendars[calendar]
        same = self.sites.get((client_id, name), [])
        client = self.clients.label[client_id]
        if len(same) > 1:
            raise _BadRow(f"client {client!r} has {len(same)} sites named {name!r}; cannot tell which one")
        return _Plan(
            same[0] if same else None,
            fields,
            ("site", client_id, name),
            f"site {name!r} of client {client!r}",
        )


class _EquipmentImporter(_Importer):
    model = Equipment

    def __init__(self, session: Session, rows: Sequence[FileRow]) -> None:
        self.clients = _ClientNames.load(session)
        self.models = {
            (manufacturer, name): model_id
            for model_id, manufacturer, name in session.execute(
                select(EquipmentModel.id, EquipmentModel.manufacturer, EquipmentModel.name)
            )
        }
        self.sites: dict[tuple[int, str], list[int]] = defaultdict(list)
        for site_id, client_id, name in session.execute(select(Site.id, Site.client_id, Site.name)):
            self.sites[(client_id, name)].append(site_id)
        self.site_names = {site_id: name for (_, name), ids in self.sites.items() for site_id in ids}
        site_ids: set[int] = set()
        for row in rows:
            try:
                site_ids.add(self._site(row.values))
            except _BadRow:
                continue
        serials = {row.values["serial_number"] for row in rows if row.values.get("serial_number")}
        self.units: dict[tuple[int, str], Equipment] = {}
        self.at_site: dict[tuple[int, str], list[Equipment]] = defaultdict(list)
        self.placed: dict[int, tuple[int, str]] = {}
        self.parents: dict[int, int | None] = {}
        found: dict[int, Equipment] = {}
        for chunk in _chunks(serials):
            query = select(Equipment).where(Equipment.serial_number.in_(chunk))
            found.update((unit.id, unit) for unit in session.scalars(query))
        for chunk in _chunks(site_ids):
            query = select(Equipment).where(Equipment.site_id.in_(chunk))
            found.update((unit.id, unit) for unit in session.scalars(query))
        for unit in sorted(found.values(), key=lambda u: u.id):
            self.remember(unit)

    def remember(self, record: Any) -> None:
        self.units[(record.model_id, record.serial_number)] = record
        place = (record.site_id, record.serial_number)
        before = self.placed.get(record.id)
        if before != place:
            if before is not None:
                self.at_site[before].remove(record)
            self.at_site[place].append(record)
            self.placed[record.id] = place
        self.parents[record.id] = record.parent_id

    def _site(self, values: dict[str, str | None]) -> int:
        client_id = self.clients.find(_required(values, "client"))
        name = _required(values, "site")
        found = self.sites.get((client_id, name), [])
        client = self.clients.label[client_id]
        if not found:
            raise _BadRow(f"client {client!r} has no site named {name!r}")
        if len(found) > 1:
            raise _BadRow(f"client {client!r} has {len(found)} sites named {name!r}; cannot tell which one")
        return found[0]

    def plan(self, values: dict[str, str | None]) -> _Plan:
        site_id = self._site(values)
        manufacturer, model_name = _required(values, "manufacturer"), _required(values, "model")
        model_id = self.models.get((manufacturer, model_name))
        if model_id is None:
            raise _BadRow(f"no equipment model {model_name!r} by {manufacturer!r}")
        serial = _required_text(values, "serial_number", Equipment)
        record = self.units.get((model_id, serial))
        fields: dict[str, Any] = {"site_id": site_id, "model_id": model_id, "serial_number": serial}
        if "inventory_number" in values:
            fields["inventory_number"] = _text(values, "inventory_number", Equipment)
        for column in ("installed_on", "decommissioned_on"):
            if column in values:
                fields[column] = _date(values, column)
        installed = fields.get("installed_on", record.installed_on if record else None)
        decommissioned = fields.get("decommissioned_on", record.decommissioned_on if record else None)
        if installed is not None and decommissioned is not None and decommissioned < installed:
            raise _BadRow(f"decommissioned_on {decommissioned} is before installed_on {installed}")
        if "parent_serial" in values:
            fields["parent_id"] = self._parent(values["parent_serial"], site_id, record, serial)
        key_text = f"serial number {serial!r} of {manufacturer} {model_name}"
        return _Plan(record, fields, ("unit", model_id, serial), key_text)

    def _parent(
        self, parent_serial: str | None, site_id: int, record: Equipment | None, serial: str
    ) -> int | None:
        if parent_serial is None:
            return None
        candidates = [u for u in self.at_site.get((site_id, parent_serial), []) if u is not record]
        if not candidates:
            if parent_serial == serial:
                raise _BadRow("a unit cannot be its own parent")
            raise _BadRow(
                f"no unit with serial number {parent_serial!r} at site {self.site_names[site_id]!r}"
            )
        if len(candidates) > 1:
            raise _BadRow(
                f"{len(candidates)} units at site {self.site_names[site_id]!r} have serial number "
                f"{parent_serial!r}; cannot tell which one is the parent"
            )
        parent_id: int = candidates[0].id
        if record is not None:
            ancestor: int | None = parent_id
            while ancestor is not None and ancestor != record.id:
                ancestor = self.parents.get(ancestor)
            if ancestor == record.id:
                raise _BadRow(f"unit {parent_serial!r} is a part of this unit, so it cannot be its parent")
        return parent_id


_IMPORTERS: Final[dict[str, Callable[[Session, Sequence[FileRow]], _Importer]]] = {
    "clients": _ClientImporter,
    "sites": _SiteImporter,
    "equipment": _EquipmentImporter,
}
