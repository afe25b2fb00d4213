"""The position log and its file import, on both databases, against technicians built here.

The world: technician Ivanov last seen at 10:00 UTC, Petrova never seen, Sidorov inactive; the
clock (NOW) reads 12:00 UTC on 2026-11-18.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from console.models import Technician, TechnicianPositionReport
from console.services.field_positions import report_position
from console.services.position_import import (
    PositionFileError,
    PositionReading,
    import_positions,
    parse_positions,
    record_positions,
)
from console.store.changefeed import ChangeFeedReader
from console.store.database import Database

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
LAST_SEEN = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
HEADER = "technician_id,reported_at,latitude,longitude,state,accuracy_m\n"


@dataclass(frozen=True)
class Crew:
    ivanov: int
    petrova: int
    sidorov: int


@pytest.fixture
def crew(db: Database) -> Crew:
    with db.transaction() as session:
        ivanov = Technician(
            full_name="Ivanov",
            team="North",
            home_latitude=55.8,
            home_longitude=37.6,
            last_latitude=55.75,
            last_longitude=37.61,
            last_position_at=LAST_SEEN,
            state="free",
        )
        petrova = Technician(full_name="Petrova", team="North", home_latitude=55.7, home_longitude=37.5)
        sidorov = Technician(
            full_name="Sidorov", team="South", home_latitude=55.6, home_longitude=37.7, active=False
        )
        session.add_all([ivanov, petrova, sidorov])
        session.flush()
        return Crew(ivanov.id, petrova.id, sidorov.id)


def _technician(db: Database, technician_id: int) -> Technician:
    with db.session() as session:
        return session.get_one(Technician, technician_id)


def _log(db: Database) -> list[tuple[int, datetime, float, float, float | None, str]]:
    with db.session() as session:
        rows = session.execute(
            select(
                TechnicianPositionReport.technician_id,
                TechnicianPositionReport.reported_at,
                TechnicianPositionReport.latitude,
                TechnicianPositionReport.longitude,
                TechnicianPositionReport.accuracy_m,
                TechnicianPositionReport.source,
            ).order_by(TechnicianPositionReport.technician_id, TechnicianPositionReport.reported_at)
        ).all()
    return [tuple(row) for row in rows]


def test_good_csv_rows_are_logged_and_move_the_technicians(db: Database, crew: Crew, tmp_path: Path) -> None:
    path = tmp_path / "positions.csv"
    path.write_text(
        HEADER + f"{crew.ivanov},2026-11-18T13:30:00+03:00,55.76,37.62,,\n"
        f"{crew.ivanov},2026-11-18T10:45:00Z,55.77,37.63,en_route,12.5\n"
        f"{crew.petrova},2026-11-18T11:00:00+00:00,55.71,37.51,on_site,\n"
    )
    report = import_positions(db, path, now=NOW)

    assert (report.imported, report.duplicates, report.rejected) == (3, 0, ())
    assert sorted(report.moved) == [crew.ivanov, crew.petrova]
    ivanov = _technician(db, crew.ivanov)
    assert (ivanov.last_latitude, ivanov.last_longitude) == (55.77, 37.63)
    assert ivanov.last_position_at == datetime(2026, 11, 18, 10, 45, tzinfo=UTC)
    assert ivanov.state == "en_route"
    petrova = _technician(db, crew.petrova)
    assert (petrova.last_latitude, petrova.last_longitude, petrova.state) == (55.71, 37.51, "on_site")
    assert _log(db) == [
        (crew.ivanov, datetime(2026, 11, 18, 10, 30, tzinfo=UTC), 55.76, 37.62, None, "import"),
        (crew.ivanov, datetime(2026, 11, 18, 10, 45, tzinfo=UTC), 55.77, 37.63, 12.5, "import"),
        (crew.petrova, datetime(2026, 11, 18, 11, 0, tzinfo=UTC), 55.71, 37.51, None, "import"),
    ]


def test_json_lines_are_imported_and_the_format_is_sniffed(db: Database, crew: Crew, tmp_path: Path) -> None:
    lines = [
        {
            "technician_id": crew.petrova,
            "reported_at": "2026-11-18T11:10:00Z",
            "latitude": 55.7,
            "longitude": 37.5,
        },
        {
            "technician_id": str(crew.petrova),
            "reported_at": "2026-11-18T11:20:00Z",
            "latitude": "55.72",
            "longitude": 37.52,
            "state": "en_route",
            "accuracy_m": 4,
            "speed_kmh": 40,
        },
    ]
    path = tmp_path / "positions.feed"  # no known extension: the first character says JSON
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n")

    report = import_positions(db, path, now=NOW)

    assert (report.imported, report.duplicates, report.rejected, report.moved) == (2, 0, (), (crew.petrova,))
    petrova = _technician(db, crew.petrova)
    assert (petrova.last_latitude, petrova.last_longitude, petrova.state) == (55.72, 37.52, "en_route")
    assert petrova.last_position_at == datetime(2026, 11, 18, 11, 20, tzinfo=UTC)


def test_each_bad_row_is_rejected_with_its_line_and_the_good_rows_are_kept(
    db: Database, crew: Crew, tmp_path: Path
) -> None:
    path = tmp_path / "positions.csv"
    path.write_text(
        HEADER  # line 1
        + f"{crew.petrova},2026-11-18T11:00:00Z,55.71,37.51,,\n"  # 2: good
        f"999,2026-11-18T11:00:00Z,55.7,37.5,,\n"  # 3: no such technician
        f"{crew.sidorov},2026-11-18T11:00:00Z,55.7,37.5,,\n"  # 4: inactive
        f"{crew.petrova},2026-11-18T11:01:00Z,95.0,37.5,,\n"  # 5: latitude off the Earth
        f"{crew.petrova},2026-11-18T11:02:00Z,55.7,-180.5,,\n"  # 6: longitude off the Earth
        f"{crew.petrova},2026-11-18T11:03:00Z,north,37.5,,\n"  # 7: not a number
        f"{crew.petrova},2026-11-18T12:06:00Z,55.7,37.5,,\n"  # 8: six minutes ahead of the clock
        f"{crew.petrova},2026-11-18T12:04:00Z,55.7,37.5,,\n"  # 9: good: within the clock skew
        f"{crew.petrova},,55.7,37.5,,\n"  # 10: no time
        f"{crew.petrova},yesterday,55.7,37.5,,\n"  # 11: unparsable time
        f"{crew.petrova},2026-11-18T11:04:00,55.7,37.5,,\n"  # 12: naive time
        f"{crew.petrova},2026-11-18T11:05:00Z,55.7,37.5,lunch,\n"  # 13: unknown state
        f"{crew.petrova},2026-11-18T11:06:00Z,55.7,37.5\n"  # 14: wrong column count
        f"{crew.petrova},2026-11-18T11:07:00Z,55.7,37.5,,-3\n"  # 15: negative accuracy
        f"\n"  # 16: blank, skipped
        f"{crew.ivanov},2026-11-18T11:08:00Z,55.78,37.64,free,\n"  # 17: good
    )
    report = import_positions(db, path, now=NOW)

    assert [(r.line, r.reason) for r in report.rejected] == [
        (3, "unknown_technician"),
        (4, "unknown_technician"),
        (5, "out_of_range"),
        (6, "out_of_range"),
        (7, "not_a_number"),
        (8, "future_time"),
        (10, "bad_time"),
        (11, "bad_time"),
        (12, "bad_time"),
        (13, "unknown_state"),
        (14, "malformed"),
        (15, "bad_accuracy"),
    ]
    messages = {r.line: r.message for r in report.rejected}
    assert messages[3] == "unknown or inactive technician (id 999)"
    assert messages[5] == "coordinates out of range (latitude 95.0)"
    assert messages[12] == "time without a time zone (2026-11-18T11:04:00)"
    assert report.counts["unknown_technician"] == 2
    assert report.counts["bad_time"] == 3
    assert report.imported == 3
    assert [(tid, at.minute) for tid, at, *_ in _log(db)] == [
        (crew.ivanov, 8),
        (crew.petrova, 0),
        (crew.petrova, 4),
    ]
    assert _technician(db, crew.petrova).last_position_at == datetime(2026, 11, 18, 12, 4, tzinfo=UTC)


def test_malformed_json_lines_are_rejected_and_the_rest_imported(
    db: Database, crew: Crew, tmp_path: Path
) -> None:
    good = {
        "technician_id": crew.petrova,
        "reported_at": "2026-11-18T11:00:00Z",
        "latitude": 55.7,
        "longitude": 37.5,
    }
    path = tmp_path / "positions.jsonl"
    path.write_text(
        "{not json\n"
        + json.dumps([1, 2])
        + "\n"
        + json.dumps(good)
        + "\n"
        + json.dumps({**good, "latitude": True, "reported_at": "2026-11-18T11:01:00Z"})
        + "\n"
        + json.dumps({**good, "reported_at": None})
        + "\n"
    )
    report = import_positions(db, path, now=NOW)

    assert [(r.line, r.reason) for r in report.rejected] == [
        (1, "malformed"),
        (2, "malformed"),
        (4, "not_a_number"),
        (5, "bad_time"),
    ]
    assert report.imported == 1


def test_reimporting_a_file_adds_nothing_and_counts_duplicates(
    db: Database, crew: Crew, tmp_path: Path
) -> None:
    path = tmp_path / "positions.csv"
    path.write_text(
        HEADER + f"{crew.petrova},2026-11-18T11:00:00Z,55.71,37.51,,\n"
        f"{crew.petrova},2026-11-18T14:00:00+03:00,55.71,37.51,,\n"  # the same instant again
        f"{crew.ivanov},2026-11-18T11:30:00Z,55.72,37.52,,\n"
    )
    first = import_positions(db, path, now=NOW)
    assert (first.imported, first.duplicates) == (2, 1)
    version = _technician(db, crew.ivanov).version

    reader = ChangeFeedReader(db.engine)
    second = import_positions(db, path, now=NOW)

    assert (second.imported, second.duplicates, second.moved, second.rejected) == (0, 3, (), ())
    assert len(_log(db)) == 2
    assert _technician(db, crew.ivanov).version == version
    assert reader.poll() == []


def test_an_older_report_is_logged_but_does_not_move_the_technician(db: Database, crew: Crew) -> None:
    earlier = LAST_SEEN - timedelta(minutes=20)
    result = record_positions(db, [PositionReading(crew.ivanov, earlier, 55.0, 37.0, "off_shift")], "import")

    assert (result.inserted, result.duplicates, result.moved) == (1, 0, ())
    assert [(tid, at) for tid, at, *_ in _log(db)] == [(crew.ivanov, earlier)]
    ivanov = _technician(db, crew.ivanov)
    assert (ivanov.last_latitude, ivanov.last_position_at, ivanov.state) == (55.75, LAST_SEEN, "free")


def test_the_change_feed_reports_the_moved_technicians(db: Database, crew: Crew) -> None:
    reader = ChangeFeedReader(db.engine)
    version = _technician(db, crew.petrova).version
    record_positions(
        db,
        [
            PositionReading(crew.petrova, NOW - timedelta(minutes=5), 55.7, 37.5),
            PositionReading(crew.ivanov, LAST_SEEN - timedelta(minutes=5), 55.7, 37.5),  # older: logged only
        ],
        "import",
    )

    changes = [(c.entity, c.entity_id, c.op) for c in reader.poll()]
    assert changes == [("technicians", crew.petrova, "update")]
    assert _technician(db, crew.petrova).version == version + 1


def test_report_position_logs_the_report_and_moves_the_technician(db: Database, crew: Crew) -> None:
    report_position(db, crew.ivanov, 55.79, 37.66, NOW, "on_site")

    ivanov = _technician(db, crew.ivanov)
    assert (ivanov.last_latitude, ivanov.last_longitude, ivanov.last_position_at, ivanov.state) == (
        55.79,
        37.66,
        NOW,
        "on_site",
    )
    assert _log(db) == [(crew.ivanov, NOW, 55.79, 37.66, None, "app")]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.csv", "", "no header line"),
        ("columns.csv", "technician_id,time,latitude,longitude\n1,x,1,1\n", "no reported_at column"),
        ("array.json", '[{"technician_id": 1}]\n', "one JSON array"),
        ("binary.csv", b"\xff\xfe\x00garbage", "not UTF-8"),
        ("missing.csv", None, "No such file"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(
    tmp_path: Path, name: str, content: str | bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    with pytest.raises(PositionFileError, match=reason):
        parse_positions(path)
