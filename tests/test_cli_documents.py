"""The `act` and `billing` commands of `dispatch-console`."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from console.cli import main
from console.store.database import open_database
from tests.services.billing_world import ACME_GROSS, ACME_NET, BillingBook, build_billing_book


def run(*argv: str) -> int:
    return main(list(argv))


@pytest.fixture
def world(database_url: str) -> tuple[str, BillingBook]:
    db = open_database(database_url)
    try:
        return database_url, build_billing_book(db)
    finally:
        db.dispose()


def test_act_writes_the_pdf_of_a_ticket(
    world: tuple[str, BillingBook], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = world
    out = tmp_path / "act.pdf"
    assert run("act", "--ticket", "T-1", "--out", str(out), "--db", url) == 0
    text = " ".join(PdfReader(out).pages[0].extract_text().replace("\u00a0", " ").split())
    assert "Acme LLC" in text and "C-HOURS" in text
    assert "12,541.20" in text  # 10451.00 + 20 % VAT 2090.20
    assert "act А-T-1, total with VAT 12541.20" in capsys.readouterr().out


def test_billing_writes_csv_and_xlsx(world: tuple[str, BillingBook], tmp_path: Path) -> None:
    url, book = world
    out = tmp_path / "acme.csv"
    period = ("--from", "2026-11-01", "--to", "2026-11-30")
    assert (
        run("billing", *period, "--client", str(book.acme), "--format", "csv", "--out", str(out), "--db", url)
        == 0
    )
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert len(rows) == 8
    assert sum(Decimal(row["Amount"]) for row in rows) == ACME_NET
    book_path = tmp_path / "all.xlsx"
    assert run("billing", *period, "--format", "xlsx", "--out", str(book_path), "--db", url) == 0
    totals = {
        row[0]: row for row in load_workbook(book_path)["Totals"].iter_rows(min_row=2, values_only=True)
    }
    assert sorted(totals) == ["Acme LLC", "Beta JSC", "Gamma Ltd"]
    assert Decimal(str(totals["Acme LLC"][5])) == ACME_GROSS


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("act", "--ticket", "NOPE"), "Ticket NOPE does not exist"),
        (
            ("billing", "--from", "2026-11-30", "--to", "2026-11-01", "--format", "csv"),
            "ends (2026-11-01) before",
        ),
        (
            ("billing", "--from", "2026-11-01", "--to", "2026-11-30", "--client", "99999", "--format", "csv"),
            "Client 99999",
        ),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_nothing_is_written(
    world: tuple[str, BillingBook],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    words: str,
) -> None:
    url, _ = world
    out = tmp_path / "out.file"
    assert run(*argv, "--out", str(out), "--db", url) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and words in captured.err
    assert not out.exists()


def test_a_missing_folder_is_refused(
    world: tuple[str, BillingBook], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = world
    out = tmp_path / "nowhere" / "act.pdf"
    assert run("act", "--ticket", "T-1", "--out", str(out), "--db", url) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not out.exists()


def test_the_act_is_written_in_the_language_asked_for(world: tuple[str, BillingBook], tmp_path: Path) -> None:
    url, _ = world
    out = tmp_path / "act_ru.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "console",
            "act",
            "--ticket",
            "T-1",
            "--out",
            str(out),
            "--db",
            url,
            "--language",
            "ru",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(PdfReader(out).pages[0].extract_text().replace("\u00a0", " ").split())
    assert "Акт выполненных работ" in text and "Исполнитель" in text and "Заказчик" in text
    assert "Итого без НДС" in text and "Acme LLC" in text
    assert "от 10.11.2026" in text and "12 541,20" in text
