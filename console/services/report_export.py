"""Reports as CSV and Excel files, for scheduled mailing and for the accounting or management pack.

CSV is UTF-8 with a byte-order mark and semicolons (what a Russian-locale Excel opens as columns),
numbers with a dot; the Excel file holds numbers as numbers, percentages as percent-formatted
fractions and dates as dates, with the title and period above the table. Headings pass through
`translate(text)` (Qt's translation in the console and the command; identity by default).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from console.services.report_table import Report, ReportColumn

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


def _plain(value: object, column: ReportColumn, translate: Translate) -> object:
    if value is None:
        return ""
    if column.kind == "flags" and isinstance(value, tuple):
        return ", ".join(translate(flag) for flag in value)
    if column.kind == "percent" and isinstance(value, float):
        return round(value * 100, 2)
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_csv(report: Report, path: Path, translate: Translate = _same) -> None:
    """The report's table as CSV: a heading row, then one row per report row."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([translate(c.title) for c in report.columns])
        for row in report.rows:
            writer.writerow([_plain(row.values.get(c.key), c, translate) for c in report.columns])


_FORMATS = {
    "percent": "0.0%",
    "money": "#,##0.00",
    "minutes": "0",
    "days": "0.0",
    "ratio": "0.00",
    "date": "yyyy-mm-dd",
}


def write_xlsx(report: Report, path: Path, translate: Translate = _same) -> None:
    """The report as an Excel workbook: title and period, a bold heading row, typed cells."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = translate(report.title)[:31]
    sheet.append([translate(report.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"{report.first.isoformat()} – {report.last.isoformat()}"])
    sheet.append([])
    sheet.append([translate(c.title) for c in report.columns])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in report.rows:
        values = []
        for column in report.columns:
            value = row.values.get(column.key)
            if isinstance(value, tuple):
                value = _plain(value, column, translate)
            values.append(float(value) if isinstance(value, Decimal) else value)
        sheet.append(values)
        for cell, column in zip(sheet[sheet.max_row], report.columns, strict=True):
            if column.kind in _FORMATS:
                cell.number_format = _FORMATS[column.kind]
    for index, column in enumerate(report.columns, start=1):
        width = max(
            [len(translate(column.title))]
            + [len(str(r.values.get(column.key) or "")) for r in report.rows[:200]]
        )
        sheet.column_dimensions[sheet.cell(row=4, column=index).column_letter].width = min(60, width + 2)
    sheet.freeze_panes = "A5"
    book.save(path)
