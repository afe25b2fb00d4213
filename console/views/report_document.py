"""A report as a printable document: title, period, and its table, rendered by Qt to PDF.

Used by the reports window's "Export PDF" and by the headless `report` command. Qt renders the
HTML itself (QTextDocument onto a QPdfWriter), so no external service or browser is involved.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from console.services.report_table import Report, ReportColumn
from console.views.labels import money_text, percent_text


def tr(text: str) -> str:
    return QCoreApplication.translate("reports", text)


def cell_text(value: object, column: ReportColumn, locale: QLocale) -> str:
    """A value as the reader of a report expects it, in `locale` (empty for no value)."""
    if value is None:
        return ""
    if column.kind == "flags" and isinstance(value, tuple):
        return ", ".join(tr(flag) for flag in value)
    if column.kind == "percent" and isinstance(value, float):
        return percent_text(value, 1, locale)
    if isinstance(value, Decimal):
        return money_text(value, locale)
    if isinstance(value, float):
        return locale.toString(value, "f", 2 if column.kind == "ratio" else 1 if column.kind == "days" else 0)
    if isinstance(value, int):
        return locale.toString(value)
    if isinstance(value, date):
        return date_text(value, locale)
    return str(value)


def date_text(day: date, locale: QLocale) -> str:
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def report_html(report: Report, locale: QLocale | None = None) -> str:
    """The report as an HTML page for QTextDocument: heading, period, and a ruled table."""
    shown = locale or QLocale()
    numeric = {"count", "percent", "minutes", "hours", "money", "days", "ratio", "score"}
    head = "".join(f"<th>{escape(tr(c.title))}</th>" for c in report.columns)
    body = []
    for row in report.rows:
        cells = []
        for column in report.columns:
            align = ' align="right"' if column.kind in numeric else ""
            cells.append(f"<td{align}>{escape(cell_text(row.values.get(column.key), column, shown))}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    period = QCoreApplication.translate("reports", "Period: {first} – {last}").format(
        first=date_text(report.first, shown), last=date_text(report.last, shown)
    )
    return (
        "<html><body style='font-family: sans-serif; font-size: 8pt'>"
        f"<h2>{escape(tr(report.title))}</h2><p>{escape(period)}</p>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        f"<p>{escape(tr('{count} rows').format(count=len(report.rows)))}</p>"
        "</body></html>"
    )


def write_report_pdf(report: Report, path: Path) -> None:
    """Render the report to a landscape A4 PDF (needs a QGuiApplication)."""
    writer = QPdfWriter(str(path))
    writer.setResolution(150)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(report_html(report))
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
