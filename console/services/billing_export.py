"""Billing lines written for accounting: a CSV file, or an Excel workbook.

The CSV is what a Russian-localised Excel opens with a double click: UTF-8 with a byte-order mark and
";" between fields; dates are ISO (YYYY-MM-DD) and amounts use a dot, so that any program parses them
alike. The workbook has one sheet "Billing" (a header row, one row per line with numbers as numbers
and dates as dates, and three bold rows of totals under each client's lines) and one sheet "Totals"
(a row per client).

Column titles and kind names are English, marked for `lupdate` in context "billing"; the caller passes
`translate` (Qt's translation in the views and the command line, the identity by default).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Font

from console.errors import QT_TRANSLATE_NOOP
from console.services.billing import KIND_LABELS, UNIT_LABELS, BillingLine, ClientBilling

Translate = Callable[[str], str]

COLUMNS: Final = (
    QT_TRANSLATE_NOOP("billing", "Client"),
    QT_TRANSLATE_NOOP("billing", "Tax number"),
    QT_TRANSLATE_NOOP("billing", "Contract"),
    QT_TRANSLATE_NOOP("billing", "Kind"),
    QT_TRANSLATE_NOOP("billing", "Ticket"),
    QT_TRANSLATE_NOOP("billing", "Date"),
    QT_TRANSLATE_NOOP("billing", "Site"),
    QT_TRANSLATE_NOOP("billing", "Equipment"),
    QT_TRANSLATE_NOOP("billing", "Description"),
    QT_TRANSLATE_NOOP("billing", "Quantity"),
    QT_TRANSLATE_NOOP("billing", "Unit"),
    QT_TRANSLATE_NOOP("billing", "Unit price"),
    QT_TRANSLATE_NOOP("billing", "Amount"),
)
TOTAL_COLUMNS: Final = (
    QT_TRANSLATE_NOOP("billing", "Client"),
    QT_TRANSLATE_NOOP("billing", "Tax number"),
    QT_TRANSLATE_NOOP("billing", "Net"),
    QT_TRANSLATE_NOOP("billing", "VAT, %"),
    QT_TRANSLATE_NOOP("billing", "VAT"),
    QT_TRANSLATE_NOOP("billing", "Gross"),
)
NET_TEXT: Final = QT_TRANSLATE_NOOP("billing", "Total without VAT")
VAT_TEXT: Final = QT_TRANSLATE_NOOP("billing", "VAT {percent}%")
GROSS_TEXT: Final = QT_TRANSLATE_NOOP("billing", "Total with VAT")
BILLING_SHEET: Final = "Billing"
TOTALS_SHEET: Final = "Totals"

_DESCRIPTION = COLUMNS.index("Description")
_AMOUNT = COLUMNS.index("Amount")


def _identity(text: str) -> str:
    return text


def percent_text(value: Decimal) -> str:
    """A VAT rate as people write it: 20, 10, 12.5."""
    return format(value.normalize(), "f")


def _line_values(bill: ClientBilling, line: BillingLine, translate: Translate) -> list[Any]:
    return [
        bill.legal_name,
        bill.tax_number or "",
        line.contract_number or "",
        translate(KIND_LABELS[line.kind]),
        line.ticket_number or "",
        line.day,
        line.site_name or "",
        line.equipment_label or "",
        line.describe(translate),
        line.quantity,
        translate(UNIT_LABELS[line.unit]),
        line.unit_price,
        line.amount,
    ]


def _csv_text(value: Any) -> str:
    """A value as the CSV holds it: decimals with a dot, dates ISO, the rest as text."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(billings: Sequence[ClientBilling], path: Path, translate: Translate = _identity) -> None:
    """One row per line of every bill, with the client's legal name and tax number on each."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([translate(title) for title in COLUMNS])
        for bill in billings:
            for line in bill.lines:
                writer.writerow([_csv_text(value) for value in _line_values(bill, line, translate)])


def write_xlsx(billings: Sequence[ClientBilling], path: Path, translate: Translate = _identity) -> None:
    """The "Billing" sheet with every line and each client's totals in bold, and the "Totals" sheet."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = BILLING_SHEET
    bold = Font(bold=True)
    sheet.append([translate(title) for title in COLUMNS])
    for cell in sheet[1]:
        cell.font = bold
    formats = {
        COLUMNS.index("Date"): "yyyy-mm-dd",
        COLUMNS.index("Quantity"): "0.00##",
        COLUMNS.index("Unit price"): "#,##0.00",
        _AMOUNT: "#,##0.00",
    }

    def add(values: list[Any], strong: bool = False) -> None:
        sheet.append(values)
        for column, cell in enumerate(sheet[sheet.max_row]):
            if column in formats:
                cell.number_format = formats[column]
            if strong:
                cell.font = bold

    for bill in billings:
        for line in bill.lines:
            add(_line_values(bill, line, translate))
        vat_text = translate(VAT_TEXT).format(percent=percent_text(bill.vat_percent))
        for text, value in (
            (translate(NET_TEXT), bill.net),
            (vat_text, bill.vat),
            (translate(GROSS_TEXT), bill.gross),
        ):
            row: list[Any] = [None] * len(COLUMNS)
            row[0], row[1], row[_DESCRIPTION], row[_AMOUNT] = (
                bill.legal_name,
                bill.tax_number or "",
                text,
                value,
            )
            add(row, strong=True)
    widths = (30, 14, 12, 14, 12, 12, 20, 22, 50, 10, 8, 12, 14)
    for column, width in zip("ABCDEFGHIJKLM", widths, strict=True):
        sheet.column_dimensions[column].width = width

    totals = workbook.create_sheet(TOTALS_SHEET)
    totals.append([translate(title) for title in TOTAL_COLUMNS])
    for cell in totals[1]:
        cell.font = bold
    for bill in billings:
        totals.append(
            [bill.legal_name, bill.tax_number or "", bill.net, bill.vat_percent, bill.vat, bill.gross]
        )
        for cell in totals[totals.max_row][2:]:
            cell.number_format = "#,##0.00"
    for column, width in zip("ABCDEF", (30, 14, 14, 8, 14, 14), strict=True):
        totals.column_dimensions[column].width = width
    workbook.save(Path(path))
