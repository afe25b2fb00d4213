"""`dispatch-console import`: a summary on stdout, each rejected row as FILE:LINE: reason on stderr.

Exit status 0 when every row was taken, 1 when some were rejected (the good ones saved), 2 when
nothing was saved: the file refused as a whole, or a rejected row with --atomic.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.cli import main
from console.models import Site
from console.store.database import open_database
from tests.services.test_reference_import import PHARMACY_TAX, SITE_HEADER, build_world


@pytest.fixture
def url(tmp_path: Path) -> str:
    address = f"sqlite:///{tmp_path / 'console.db'}"
    database = open_database(address)
    try:
        build_world(database)
    finally:
        database.dispose()
    return address


def _sites(url: str) -> int:
    database = open_database(url)
    try:
        with database.session() as session:
            return session.scalar(select(func.count()).select_from(Site)) or 0
    finally:
        database.dispose()


def _file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "sites.csv"
    path.write_text("\n".join([SITE_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


GOOD = f"{PHARMACY_TAX};Site A;Addr A;;55.7;37.6;Europe/Moscow;;"
BAD_LATITUDE = f"{PHARMACY_TAX};Site B;Addr B;;95.2;37.6;Europe/Moscow;;"
UNKNOWN_CLIENT = "7709999999;Site C;Addr C;;55.7;37.6;Europe/Moscow;;"


def test_a_clean_file_exits_0_and_a_second_run_changes_nothing(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, GOOD)
    assert main(["import", "sites", str(path), "--db", url]) == 0
    out, err = capsys.readouterr()
    assert out == f"{path}: sites created 1, updated 0, unchanged 0, rejected 0\n"
    assert err == ""
    assert main(["import", "sites", str(path), "--db", url]) == 0
    assert "created 0, updated 0, unchanged 1, rejected 0" in capsys.readouterr().out


def test_rejected_rows_exit_1_with_their_lines_and_the_good_ones_are_saved(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, BAD_LATITUDE, GOOD, UNKNOWN_CLIENT)
    assert main(["import", "sites", str(path), "--db", url]) == 1
    out, err = capsys.readouterr()
    assert out == f"{path}: sites created 1, updated 0, unchanged 0, rejected 2\n"
    assert err.splitlines() == [
        f"{path}:2: latitude 95.2 is outside -90..90",
        f"{path}:4: no client with tax number 7709999999",
    ]
    assert _sites(url) == 2


def test_atomic_exits_2_and_saves_nothing(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, GOOD, BAD_LATITUDE)
    assert main(["import", "sites", str(path), "--atomic", "--db", url]) == 2
    out, err = capsys.readouterr()
    assert "nothing saved (--atomic), rejected 1; the other rows would have created 1" in out
    assert err == f"{path}:3: latitude 95.2 is outside -90..90\n"
    assert _sites(url) == 1
    assert main(["import", "sites", str(_file(tmp_path, GOOD)), "--atomic", "--db", url]) == 0
    assert _sites(url) == 2


def test_a_refused_file_exits_2_with_one_message(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sites.csv"
    path.write_text("client;name;address;colour\n", encoding="utf-8")
    assert main(["import", "sites", str(path), "--db", url]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"dispatch-console: Cannot import {path}: sites have no column colour")
    assert err.rstrip().endswith("nothing was saved.")
    assert _sites(url) == 1


def test_a_refused_file_does_not_create_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "never.db"
    status = main(["import", "clients", str(tmp_path / "missing.csv"), "--db", f"sqlite:///{database}"])
    assert status == 2
    assert "Cannot import" in capsys.readouterr().err
    assert not database.exists()


def test_an_unknown_kind_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["import", "contracts", str(tmp_path / "c.csv")])
    assert usage.value.code == 2
    assert "invalid choice: 'contracts'" in capsys.readouterr().err
