"""The reports window: pick a report, a grouping and a period; read the table and its chart; open the
tickets behind a row; export to Excel, PDF or CSV.

Reports are computed on the thread pool (a year of tickets takes about a second), and the window
stays usable meanwhile; a newer request supersedes an older one still running. The report comes up
when the window opens and when another report or grouping is picked; a changed period waits for
*Show*, so that typing a date does not start a computation per keystroke.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QDate, QLocale, QModelIndex, QSortFilterProxyModel, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.services.report_catalogue import GROUPING_TITLES, REPORTS, build_report
from console.services.report_export import write_csv, write_xlsx
from console.services.report_table import Report, ReportColumn, ReportRow
from console.services.report_tickets import TicketRef, tickets_behind
from console.store.database import Database
from console.views.background import run_in_background
from console.views.equipment_tab import record_table
from console.views.errors_text import error_text
from console.views.labels import date_format
from console.views.record_model import ALARM_COLOUR, Column, ModelIndex, RecordTableModel
from console.views.report_document import cell_text, tr, write_report_pdf

SORT_ROLE = Qt.ItemDataRole.UserRole + 2
CHART_ROWS = 15
SERIES_COLOURS = ("#4dabf7", "#ff922b", "#51cf66")


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _colour(column: ReportColumn) -> Callable[[ReportRow], QColor | None] | None:
    """Losses and low compliance in red: what a supervisor looks for first."""
    if column.kind in ("money", "score") and column.key in ("margin", "trend"):
        return lambda row: ALARM_COLOUR if (row.values.get(column.key) or 0) < 0 else None  # type: ignore[operator]
    if column.kind == "flags":
        return lambda row: ALARM_COLOUR if row.values.get(column.key) else None
    if column.kind == "percent" and column.key.endswith("_met"):
        return lambda row: (
            ALARM_COLOUR if isinstance(value := row.values.get(column.key), float) and value < 0.9 else None
        )
    return None


class ReportTableModel(RecordTableModel):
    """A report's rows, shown per the locale, sorted by their raw values."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)
        self.report: Report | None = None

    def show(self, report: Report) -> None:
        locale = QLocale()
        self.columns = tuple(
            Column(
                tr(column.title),
                lambda row, column=column: cell_text(row.values.get(column.key), column, locale),  # type: ignore[misc]
                colour=_colour(column),
                numeric=column.kind not in ("text", "date", "flags"),
            )
            for column in report.columns
        )
        self.report = report
        self.set_rows(report.rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == SORT_ROLE and index.isValid() and self.report is not None:
            value = self.record(index.row()).values.get(self.report.columns[index.column()].key)
            if value is None:
                return float("-inf")
            if isinstance(value, tuple):
                return len(value)
            return float(value) if not isinstance(value, (str, date)) else str(value)
        return super().data(index, role)


class TicketsBehindDialog(QDialog):
    """The tickets behind one row; double-click (or Enter) opens one."""

    ticket_chosen = Signal(int)

    def __init__(self, title: str, tickets: list[TicketRef], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.tickets = tickets
        self.list = QListView(self)
        self.list.setObjectName("tickets_behind")
        self.list.setModel(QStringListModel([f"{t.number}  {t.title}  ({t.status})" for t in tickets], self))
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.activated.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%n ticket(s)", "", len(tickets)), self))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def _open(self, index: QModelIndex) -> None:
        self.ticket_chosen.emit(self.tickets[index.row()].id)


class ReportsWindow(QDialog):
    """Reports for a period, with a chart, the tickets behind each row and exports."""

    ticket_requested = Signal(int)
    loaded = Signal()

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        today: date | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user_id = user_id
        self.setWindowTitle(self.tr("Reports"))
        self.setObjectName("reports_window")
        self._request = 0
        day = today or date.today()
        self.kind = QComboBox(self)
        self.kind.setObjectName("report_kind")
        for name, kind in REPORTS.items():
            self.kind.addItem(tr(kind.title), name)
        self.grouping = QComboBox(self)
        self.grouping.setObjectName("report_grouping")
        month_start = QDate(day.year, day.month, 1)
        self.date_from = QDateEdit(month_start.addMonths(-1), self)
        self.date_to = QDateEdit(month_start.addDays(-1), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format())
        self.compute = QPushButton(self.tr("&Show"), self)
        self.compute.setObjectName("report_show")
        self.compute.setDefault(True)
        self.status = QLabel(self)
        self.status.setObjectName("report_status")
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addWidget(self.grouping)
        bar.addWidget(QLabel(self.tr("from"), self))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to"), self))
        bar.addWidget(self.date_to)
        bar.addWidget(self.compute)
        bar.addStretch(1)

        self.model = ReportTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = record_table(self, "report_table", self.model)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(self._drill)
        self.chart = pg.PlotWidget()
        self.chart.setObjectName("report_chart")
        self.chart.setBackground("w")
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.addLegend(offset=(-5, 5), brush=pg.mkBrush(255, 255, 255, 220))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setSizes([420, 220])

        self.export_xlsx = QPushButton(self.tr("Export &Excel..."), self)
        self.export_pdf = QPushButton(self.tr("Export &PDF..."), self)
        self.export_csv = QPushButton(self.tr("Export &CSV..."), self)
        exports = QHBoxLayout()
        exports.addWidget(self.status, 1)
        for button in (self.export_xlsx, self.export_pdf, self.export_csv):
            button.setEnabled(False)
            exports.addWidget(button)
        self.export_xlsx.clicked.connect(lambda: self._export("xlsx"))
        self.export_pdf.clicked.connect(lambda: self._export("pdf"))
        self.export_csv.clicked.connect(lambda: self._export("csv"))

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(exports)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.activated.connect(self.refresh)
        self.grouping.activated.connect(self.refresh)
        self.compute.clicked.connect(self.refresh)
        self._kind_changed()
        self.resize(1100, 720)
        self._shown_once = False

    def showEvent(self, event: QShowEvent) -> None:
        """The chosen report comes up with the window: nobody opens reports to look at an empty table."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.refresh()

    def _kind_changed(self) -> None:
        kind = REPORTS[self.kind.currentData()]
        self.grouping.clear()
        for grouping in kind.groupings:
            self.grouping.addItem(tr(GROUPING_TITLES[grouping]), grouping)
        self.grouping.setVisible(bool(kind.groupings))

    def refresh(self) -> None:
        """Compute the chosen report off the GUI thread; a period ending before it starts is refused here."""
        first, last = _to_date(self.date_from.date()), _to_date(self.date_to.date())
        self._request += 1
        if last < first:
            self.status.setText(self.tr("The period ends before it starts."))
            self.date_to.setFocus()
            return
        name, grouping = self.kind.currentData(), self.grouping.currentData()
        request = self._request
        self.status.setText(self.tr("Computing..."))
        db, user = self.db, self.user_id
        run_in_background(
            lambda: build_report(db, name, first, last, grouping, user_id=user),
            lambda report: self._show(request, report),
            lambda error: self._failed(request, error),
        )

    def _failed(self, request: int, error: BaseException) -> None:
        if request == self._request:
            self.status.setText(
                self.tr("The report could not be computed: {error}").format(error=error_text(error))
            )

    def _show(self, request: int, report: Report) -> None:
        if request != self._request:
            return
        self.model.show(report)
        # The report's own order (the worst first) until the user sorts by a column.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.table.resizeColumnsToContents()
        self._draw(report)
        self.status.setText(self.tr("%n row(s)", "", len(report.rows)))
        for button in (self.export_xlsx, self.export_pdf, self.export_csv):
            button.setEnabled(True)
        self.loaded.emit()

    def _draw(self, report: Report) -> None:
        """One bar item per plotted column (not one per bar), over the first rows of the table."""
        self.chart.clear()
        rows = list(report.rows[:CHART_ROWS])
        labels = [str(row.values.get(report.chart_label, "")) for row in rows]
        series = report.chart_values
        width = 0.8 / max(1, len(series))
        for index, key in enumerate(series):
            column = report.column(key)
            scale = 100.0 if column.kind == "percent" else 1.0
            heights = [float(row.values.get(key) or 0) * scale for row in rows]  # type: ignore[arg-type]
            xs = [i + (index - (len(series) - 1) / 2) * width for i in range(len(rows))]
            self.chart.addItem(
                pg.BarGraphItem(
                    x=xs, height=heights, width=width, brush=SERIES_COLOURS[index % 3], name=tr(column.title)
                )
            )
        axis = self.chart.getAxis("bottom")
        axis.setTicks(
            [[(i, label if len(label) <= 16 else label[:15] + "…") for i, label in enumerate(labels)]]
        )
        font = QFont()
        font.setPointSize(7)
        axis.setStyle(tickFont=font)

    def _drill(self, index: QModelIndex) -> None:
        report = self.model.report
        if report is None:
            return
        row = self.model.record(self.proxy.mapToSource(index).row())
        db, user = self.db, self.user_id

        def found(tickets: list[TicketRef]) -> None:
            title = self.tr("Tickets behind: {row}").format(row=row.values.get(report.chart_label, ""))
            dialog = TicketsBehindDialog(title, tickets, self)
            dialog.ticket_chosen.connect(self.ticket_requested)
            dialog.show()

        run_in_background(lambda: tickets_behind(db, report, row, user_id=user), found)

    def _export(self, kind: str) -> None:
        report = self.model.report
        if report is None:
            return
        filters = {
            "xlsx": self.tr("Excel (*.xlsx)"),
            "pdf": self.tr("PDF (*.pdf)"),
            "csv": self.tr("CSV (*.csv)"),
        }
        suggested = f"{report.name}-{report.first.isoformat()}-{report.last.isoformat()}.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"), suggested, filters[kind])
        if path:
            self.save(report, Path(path), kind)

    def save(self, report: Report, path: Path, kind: str) -> None:
        """Write the report to `path` as `kind` (xlsx, pdf or csv); a failure is shown, not raised."""
        try:
            if kind == "xlsx":
                write_xlsx(report, path, tr)
            elif kind == "csv":
                write_csv(report, path, tr)
            else:
                write_report_pdf(report, path)
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Export report"),
                self.tr("Could not write {path}: {error}").format(path=path, error=error),
            )
            return
        self.status.setText(self.tr("Saved to {path}").format(path=path))
