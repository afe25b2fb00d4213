"""The dispatch-console command: bad input ends with a clear message and status 2, and changes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from console.cli import main
from console.models import Ticket
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
