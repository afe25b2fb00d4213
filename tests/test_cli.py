"""The dispatch-console command: bad input ends with a clear message and status 2, and changes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from console.cli import main
from console.models import Technician, Ticket
from console.store.database import open_database
from console.store.schema import head_revision


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console", *args], capture_output=True, text=True, timeout=120
    )


def test_demo_data_command_builds_a_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    result = _run("demo-data", "--db", url, "--tickets", "300", "--seed", "5")
    assert result.returncode == 0, result.stderr
    assert "tickets: " in result.stdout
    database = open_database(url)
    try:
        with database.session() as session:
            assert (session.scalar(select(func.count()).select_from(Ticket)) or 0) > 300
    finally:
        database.dispose()


def test_not_a_database_file(tmp_path: Path, capsys: object) -> None:
    path = tmp_path / "report.db"
    path.write_text("quarterly report\n" * 10)
    status = main(["db", "status", "--db", f"sqlite:///{path}"])
    assert status == 2
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "is not an SQLite database" in err
    assert path.read_text() == "quarterly report\n" * 10


def test_unreachable_server_from_the_command_line() -> None:
    result = _run("demo-data", "--db", "postgresql://console@127.0.0.1:1/console", "--tickets", "10")
    assert result.returncode == 2
    assert "Cannot open the database" in result.stderr
    assert "Traceback" not in result.stderr


def test_db_status_upgrade_and_downgrade(tmp_path: Path, capsys: object) -> None:
    url = f"sqlite:///{tmp_path / 'schema.db'}"
    assert main(["db", "upgrade", "--db", url]) == 0
    assert f"schema {head_revision()}" in capsys.readouterr().out  # type: ignore[attr-defined]
    assert main(["db", "downgrade", "--db", url]) == 0
    assert "schema empty" in capsys.readouterr().out  # type: ignore[attr-defined]


def test_positions_import_lists_the_rejected_rows_and_keeps_the_good_ones(
    tmp_path: Path, capsys: object
) -> None:
    url = f"sqlite:///{tmp_path / 'positions.db'}"
    database = open_database(url)
    try:
        with database.transaction() as session:
            technician = Technician(full_name="Ivanov", team="North", home_latitude=55.8, home_longitude=37.6)
            session.add(technician)
            session.flush()
            technician_id = technician.id
    finally:
        database.dispose()
    path = tmp_path / "positions.csv"
    path.write_text(
        "technician_id,reported_at,latitude,longitude\n"
        f"{technician_id},2026-11-18T10:00:00Z,55.75,37.61\n"
        f"{technician_id},2026-11-18T10:05:00Z,95.0,37.61\n"
    )

    assert main(["positions", "import", str(path), "--db", url]) == 1
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "imported 1, duplicates 0, rejected 1" in out
    assert "line 3: coordinates out of range (latitude 95.0)" in out
    assert "coordinates out of range: 1" in out

    assert main(["positions", "import", str(path), "--db", url]) == 1
    assert "imported 0, duplicates 1, rejected 1" in capsys.readouterr().out  # type: ignore[attr-defined]


def test_positions_import_of_an_unreadable_file_changes_nothing(tmp_path: Path, capsys: object) -> None:
    path = tmp_path / "positions.db"
    status = main(["positions", "import", str(tmp_path / "missing.csv"), "--db", f"sqlite:///{path}"])
    assert status == 2
    assert "Cannot read the positions file" in capsys.readouterr().err  # type: ignore[attr-defined]
    assert not path.exists()
