"""The work completion act on paper: its HTML, the PDF read back with pypdf, and the preview dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.services.work_act import WorkAct, client_act, ticket_act
from console.store.database import Database
from console.views.act_document import ActPreviewDialog, act_html, write_act_pdf
from console.views.labels import money_text
from tests.services.billing_world import ACME_GROSS, FIRST, LAST, BillingBook, build_billing_book


@pytest.fixture
def book(sqlite_db: Database) -> BillingBook:
    return build_billing_book(sqlite_db)


def pdf_text(path: Path) -> str:
    """The first page's text with no-break spaces and tabs as plain spaces."""
    text = PdfReader(path).pages[0].extract_text()
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_html_names_both_parties_the_contract_and_the_totals(
    sqlite_db: Database, book: BillingBook
) -> None:
    with sqlite_db.session() as session:
        act = ticket_act(session, "T-1")
    html = act_html(act)
    for text in (
        "Work completion act No. А-T-1 of 11/10/2026",
        "Service Company LLC",
        "7709876543 / 770901001",
        "Acme LLC",
        "7701234567",
        "Contract No. C-HOURS of 1/1/2026",
        "Door roller",
        "VAT 20%",
        "12,541.20",
        "Director I. I. Ivanov",
    ):
        assert text in html, text
    assert money_text(act.gross) == "12,541.20"


def test_the_act_writes_dates_and_amounts_as_its_language_does(
    sqlite_db: Database, book: BillingBook, qapp: QApplication
) -> None:
    with sqlite_db.session() as session:
        act = ticket_act(session, "T-1")
    before = QLocale()
    QLocale.setDefault(QLocale("ru_RU"))
    try:
        html = act_html(act)
    finally:
        QLocale.setDefault(before)
    assert "А-T-1 of 10.11.2026" in html
    assert "C-HOURS of 01.01.2026" in html
    assert "12\u00a0541,20" in html and "12,541.20" not in html


def test_the_pdf_of_a_clients_month(
    qtbot: QtBot, sqlite_db: Database, book: BillingBook, tmp_path: Path
) -> None:
    with sqlite_db.session() as session:
        act = client_act(session, book.acme, FIRST, LAST)
    path = tmp_path / "act.pdf"
    write_act_pdf(act, path)
    reader = PdfReader(path)
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    height_mm = float(reader.pages[0].mediabox.height) / 72 * 25.4
    assert (round(width_mm), round(height_mm)) == (210, 297)  # A4
    text = pdf_text(path)
    assert "Acme LLC" in text
    assert "C-HOURS" in text and "C-UNITS" in text
    assert "35,089.20" in text  # ACME_GROSS
    assert "Subscription fee for November 2026: 30 of 30 days" in act_html(act)
    assert act.gross == ACME_GROSS


def test_the_pdf_of_a_covered_ticket(
    qtbot: QtBot, sqlite_db: Database, book: BillingBook, tmp_path: Path
) -> None:
    with sqlite_db.session() as session:
        act = ticket_act(session, "T-2")
    path = tmp_path / "t2.pdf"
    write_act_pdf(act, path)
    text = pdf_text(path)
    assert "Acme LLC" in text and "C-HOURS" in text
    assert "covered by the contract" in text
    assert "Total with VAT: 0.00" in text


def test_the_preview_saves_the_pdf_where_asked(
    qtbot: QtBot, sqlite_db: Database, book: BillingBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with sqlite_db.session() as session:
        act: WorkAct = ticket_act(session, "T-1")
    dialog = ActPreviewDialog(act)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.save_button.text() == "Save as PDF…" and dialog.print_button.text() == "Print…"
    target = tmp_path / "saved"
    monkeypatch.setattr(
        "console.views.act_document.QFileDialog.getSaveFileName", lambda *args, **kwargs: (str(target), "")
    )
    dialog.save_pdf()
    saved = tmp_path / "saved.pdf"
    assert saved.is_file()
    assert "12,541.20" in pdf_text(saved)  # 6750 + 3000 + 701 = 10451.00 + 20 % VAT 2090.20
