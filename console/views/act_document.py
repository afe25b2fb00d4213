"""A work completion act on paper: its HTML, the PDF written from it, and a print preview to print or save.

The act is laid out as HTML and rendered by QTextDocument on an A4 page with 15 mm margins; the PDF is
written at 300 dpi with the text kept as text (searchable, and readable by the accountant's tools).
Every label is translated in context "WorkAct"; the lines' descriptions in context "billing", as the
billing dialog and the exports show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services.billing import UNIT_LABELS, BillingLine
from console.services.work_act import WorkAct
from console.views.labels import document_day_text, money_text, month_text, quantity_text

RESOLUTION_DPI: Final = 300
MARGIN_MM: Final = 15.0
BASE_FONT_PT: Final = 8


def _billing(text: str) -> str:
    return QCoreApplication.translate("billing", text)


def page_layout() -> QPageLayout:
    """A4 portrait with 15 mm margins on every side."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def _e(text: str | None) -> str:
    return escape(text or "")


def _party_html(title: str, rows: Sequence[tuple[str, str | None]]) -> str:
    cells = "".join(
        f"<tr><td class='label'>{_e(label)}</td><td>{_e(value)}</td></tr>" for label, value in rows if value
    )
    return f"<p class='party'><b>{_e(title)}</b></p><table class='party' cellspacing='0'>{cells}</table>"


def _lines_html(lines: Sequence[BillingLine], consumables: bool) -> str:
    """The table of the work (site, equipment, work) or of the consumables (ticket, material), priced."""
    middle_titles = (
        [
            (QCoreApplication.translate("WorkAct", "Ticket"), 14),
            (QCoreApplication.translate("WorkAct", "Material"), 38),
        ]
        if consumables
        else [
            (QCoreApplication.translate("WorkAct", "Site"), 12),
            (QCoreApplication.translate("WorkAct", "Equipment"), 17),
            (QCoreApplication.translate("WorkAct", "Work"), 23),
        ]
    )
    headers = [
        (QCoreApplication.translate("WorkAct", "No."), 5),
        (QCoreApplication.translate("WorkAct", "Date"), 10),
        *middle_titles,
        (QCoreApplication.translate("WorkAct", "Qty"), 7),
        (QCoreApplication.translate("WorkAct", "Unit"), 7),
        (QCoreApplication.translate("WorkAct", "Price"), 10),
        (QCoreApplication.translate("WorkAct", "Amount"), 10),
    ]
    head = "".join(f"<th width='{width}%'>{_e(title)}</th>" for title, width in headers)
    rows = []
    for number, line in enumerate(lines, start=1):
        description = _e(line.describe(_billing, month_text))
        if consumables:
            middle = [f"<span style='white-space: nowrap'>{_e(line.ticket_number)}</span>", description]
        else:
            reference = line.ticket_number or line.contract_number
            work = f"{_e(reference)}: {description}" if reference else description
            middle = [_e(line.site_name), _e(line.equipment_label), work]
        cells = [
            f"<td align='right'>{number}</td>",
            f"<td style='white-space: nowrap'>{document_day_text(line.day)}</td>",
            *(f"<td>{cell}</td>" for cell in middle),
            f"<td align='right' style='white-space: nowrap'>{quantity_text(line.quantity)}</td>",
            f"<td style='white-space: nowrap'>{_e(_billing(UNIT_LABELS[line.unit]))}</td>",
            f"<td align='right' style='white-space: nowrap'>{money_text(line.unit_price)}</td>",
            f"<td align='right' style='white-space: nowrap'>{money_text(line.amount)}</td>",
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        "<table class='lines' width='100%' cellspacing='0' cellpadding='3' border='1'>"
        f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>"
    )


def act_html(act: WorkAct) -> str:
    """The act as one HTML page: title, both parties, contracts, the work, consumables, totals, signatures."""
    company = act.company
    title = QCoreApplication.translate("WorkAct", "Work completion act No. {number} of {date}").format(
        number=act.number, date=document_day_text(act.day)
    )
    tax_ids = company.tax_number + (f" / {company.registration_code}" if company.registration_code else "")
    contractor = _party_html(
        QCoreApplication.translate("WorkAct", "Contractor"),
        [
            (QCoreApplication.translate("WorkAct", "Name"), company.legal_name or company.name),
            (QCoreApplication.translate("WorkAct", "Tax number / registration code"), tax_ids),
            (QCoreApplication.translate("WorkAct", "Address"), company.address),
            (QCoreApplication.translate("WorkAct", "Bank details"), company.bank_details),
        ],
    )
    customer = _party_html(
        QCoreApplication.translate("WorkAct", "Customer"),
        [
            (QCoreApplication.translate("WorkAct", "Name"), act.client.legal_name),
            (QCoreApplication.translate("WorkAct", "Tax number"), act.client.tax_number),
            (QCoreApplication.translate("WorkAct", "Address"), act.client.address),
        ],
    )
    contracts = "; ".join(
        QCoreApplication.translate("WorkAct", "Contract No. {number} of {date}").format(
            number=c.number, date=document_day_text(c.starts_on)
        )
        for c in act.contracts
    )
    no_contract = QCoreApplication.translate("WorkAct", "no contract")
    basis_label, period_label, ticket_label = (
        QCoreApplication.translate("WorkAct", "Basis"),
        QCoreApplication.translate("WorkAct", "Period"),
        QCoreApplication.translate("WorkAct", "Ticket"),
    )
    basis = [f"<p><b>{_e(basis_label)}:</b> {_e(contracts or no_contract)}</p>"]
    if act.first is not None and act.last is not None:
        period = QCoreApplication.translate("WorkAct", "from {first} to {last}").format(
            first=document_day_text(act.first), last=document_day_text(act.last)
        )
        basis.append(f"<p><b>{_e(period_label)}:</b> {_e(period)}</p>")
    if act.ticket_number is not None:
        basis.append(f"<p><b>{_e(ticket_label)}:</b> {_e(act.ticket_number)}</p>")
    work = (
        _lines_html(act.lines, consumables=False)
        if act.lines
        else "<p>" + _e(QCoreApplication.translate("WorkAct", "No work in this act.")) + "</p>"
    )
    consumables_label = QCoreApplication.translate("WorkAct", "Consumables")
    materials = (
        f"<h3>{_e(consumables_label)}</h3>{_lines_html(act.consumables, consumables=True)}"
        if act.consumables
        else ""
    )
    vat_label = QCoreApplication.translate("WorkAct", "VAT {percent}%").format(
        percent=quantity_text(act.vat_percent)
    )
    amount = "<td align='right' style='white-space: nowrap'>{}</td>"
    net_label, gross_label = (
        QCoreApplication.translate("WorkAct", "Total without VAT"),
        QCoreApplication.translate("WorkAct", "Total with VAT"),
    )
    totals = (
        "<table class='totals' align='right' cellspacing='0' cellpadding='3'>"
        f"<tr><td>{_e(net_label)}:</td>{amount.format(money_text(act.net))}</tr>"
        f"<tr><td>{_e(vat_label)}:</td>{amount.format(money_text(act.vat))}</tr>"
        f"<tr><td><b>{_e(gross_label)}:</b></td>"
        f"{amount.format('<b>' + money_text(act.gross) + '</b>')}</tr>"
        "</table>"
    )
    statement = QCoreApplication.translate(
        "WorkAct",
        "The work above has been done in full and on time. The customer has no claims as to its scope, "
        "quality or timing.",
    )
    contractor_label, customer_label, sign_here = (
        QCoreApplication.translate("WorkAct", "Contractor"),
        QCoreApplication.translate("WorkAct", "Customer"),
        QCoreApplication.translate("WorkAct", "signature, stamp"),
    )
    signatures = (
        "<table width='100%' cellspacing='0' cellpadding='4'><tr>"
        f"<td width='50%'><b>{_e(contractor_label)}</b><br/>{_e(act.our_signatory)}<br/><br/>"
        f"______________________ / ______________________<br/>{_e(sign_here)}</td>"
        f"<td width='50%'><b>{_e(customer_label)}</b><br/>{_e(act.client_signatory)}<br/><br/>"
        f"______________________ / ______________________<br/>{_e(sign_here)}</td>"
        "</tr></table>"
    )
    style = (
        f"body {{ font-family: 'DejaVu Sans', Arial, sans-serif; font-size: {BASE_FONT_PT}pt; }}"
        "h2 { text-align: center; } "
        "table.lines th { background-color: #e5e7eb; } "
        "td.label { color: #4b5563; padding-right: 8px; } "
    )
    work_label = QCoreApplication.translate("WorkAct", "Work done")
    return (
        f"<html><head><meta charset='utf-8'/><style>{style}</style></head><body>"
        f"<h2>{_e(title)}</h2>{contractor}{customer}{''.join(basis)}"
        f"<h3>{_e(work_label)}</h3>{work}{materials}{totals}<br clear='all'/>"
        f"<p>{_e(statement)}</p><p>&nbsp;</p>{signatures}</body></html>"
    )


def act_document(act: WorkAct, device: QPagedPaintDevice) -> QTextDocument:
    """The act laid out for `device`'s page (its page layout must be set): one page width, paginated."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0)
    document.setHtml(act_html(act))
    paint_rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
    document.setPageSize(QSizeF(paint_rect.width(), paint_rect.height()))
    return document


def print_act(act: WorkAct, device: QPagedPaintDevice) -> None:
    """Render the act on `device` (a PDF writer or a printer), page by page."""
    act_document(act, device).print_(device)


def write_act_pdf(act: WorkAct, path: Path) -> None:
    """Write the act as an A4 PDF (15 mm margins, 300 dpi) to `path`."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(page_layout())
    writer.setTitle(
        QCoreApplication.translate("WorkAct", "Work completion act No. {number}").format(number=act.number)
    )
    writer.setCreator("dispatch-console")
    print_act(act, writer)
    del writer  # the file is complete once the writer is gone
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"{path} could not be written")


class ActPreviewDialog(QDialog):
    """The act as it will be printed, with "Save as PDF…" and "Print…"."""

    def __init__(self, act: WorkAct, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("act_preview_dialog")
        self.setWindowTitle(self.tr("Work completion act %1").replace("%1", act.number))
        self.act = act
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageLayout(page_layout())
        self.printer.setDocName(act.number)
        self.preview = QPrintPreviewWidget(self.printer, self)
        self.preview.setObjectName("act_preview")
        self.preview.paintRequested.connect(self._paint)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.setObjectName("act_save_pdf")
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("act_print")
        self.print_button.clicked.connect(self.print_act)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.resize(900, 1000)

    def _paint(self, printer: QPrinter) -> None:
        print_act(self.act, printer)

    def save_pdf(self) -> None:
        """Ask where, then write the PDF; a failure to write is shown, not raised."""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the act as PDF"), f"{self.act.number}.pdf", self.tr("PDF files (*.pdf)")
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            write_act_pdf(self.act, path)
        except OSError as exc:
            QMessageBox.warning(
                self, self.windowTitle(), self.tr("The act could not be saved: %1").replace("%1", str(exc))
            )

    def print_act(self) -> None:
        dialog = QPrintDialog(self.printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_act(self.act, self.printer)
