"""`dispatch-console report` as a scheduled mailing would run it: a separate process, no display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from console.store.database import Database
from tests.services.report_world import FIRST, LAST, build_report_world


def _run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    return subprocess.run(
        [sys.executable, "-m", "console", "report", *args, "--db", url],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )


def test_reports_are_written_as_pdf_and_excel_without_a_display(sqlite_db: Database, tmp_path: Path) -> None:
    build_report_world(sqlite_db)
    url = sqlite_db.url.render_as_string(hide_password=False)
    period = ["--from", FIRST.isoformat(), "--to", LAST.isoformat()]
    done = _run(url, "profitability", *period, "--format", "pdf", "--out", str(tmp_path / "p.pdf"))
    assert done.returncode == 0, done.stderr
    assert "2 rows" in done.stdout
    # The PDF's text comes back with tabs between words and the "fi" ligature.
    text = " ".join(PdfReader(tmp_path / "p.pdf").pages[0].extract_text().replace("\ufb01", "fi").split())
    assert "Contract profitability" in text
    assert "C-2 Beta 1600.00 3900.00 5500.00" in text
    assert "-5100.00" in text
    done = _run(
        url, "sla", *period, "--by", "technician", "--format", "xlsx", "--out", str(tmp_path / "s.xlsx")
    )
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(tmp_path / "s.xlsx").active
    assert sheet is not None
    assert [cell.value for cell in sheet[4]][:2] == ["Technician", "Tickets"]
    assert sorted(str(sheet.cell(row=r, column=1).value) for r in range(5, sheet.max_row + 1)) == [
        "(none)",
        "Anna",
        "Boris",
    ]


def test_bad_input_writes_nothing_and_says_why(sqlite_db: Database, tmp_path: Path) -> None:
    build_report_world(sqlite_db)
    url = sqlite_db.url.render_as_string(hide_password=False)
    out = tmp_path / "r.csv"
    backwards = _run(
        url,
        "sla",
        "--from",
        LAST.isoformat(),
        "--to",
        FIRST.isoformat(),
        "--format",
        "csv",
        "--out",
        str(out),
    )
    assert backwards.returncode == 2
    assert "before it starts" in backwards.stderr
    grouped = _run(
        url,
        "equipment",
        "--from",
        FIRST.isoformat(),
        "--to",
        LAST.isoformat(),
        "--by",
        "client",
        "--format",
        "csv",
        "--out",
        str(out),
    )
    assert grouped.returncode == 2
    assert "cannot be grouped" in grouped.stderr
    assert not out.exists()
