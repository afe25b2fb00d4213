"""The console's main window: dockable panels a dispatcher arranges across monitors, and the status bar.

The queues, client context, map and SLA timeline are dock widgets, so each can float onto a second
monitor; their arrangement and the window geometry are kept in QSettings. The status bar shows
the database, the signed-in user and whether the change feed is live.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QLocale, QObject, QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QWidget,
)

from console.services.access import allows
from console.services.demo_data import DemoSummary, build_demo_data, client_count
from console.services.maintenance_generation import GenerationResult, generate
from console.services.maintenance_scheduler import MaintenanceScheduler
from console.services.simulation import Simulation
from console.services.sla_alerts import SlaAlert
from console.services.sla_monitor import advance_clocks
from console.services.users import UserInfo
from console.services.work_act import WorkAct, selected_ticket_act
from console.store.database import Database
from console.views.act_document import ActPreviewDialog
from console.views.audit_window import AuditWindow
from console.views.background import run_in_background
from console.views.billing_dialog import BillingDialog
from console.views.client_panel import ClientPanel
from console.views.company_dialog import CompanyDialog
from console.views.day_plan_dialog import DayPlanDialog
from console.views.dispatch_rules_dialog import DispatchRulesDialog
from console.views.errors_text import error_text
from console.views.feed_bridge import LIVE, FeedBridge
from console.views.labels import clock_label, role_label, sla_state_label
from console.views.maintenance_calendar_view import MaintenanceCalendarView
from console.views.maintenance_plan_dialog import MaintenancePlanDialog
from console.views.map_view import MapPanel
from console.views.password_dialog import PasswordDialog
from console.views.queue_view import QueuePanel
from console.views.reports_window import ReportsWindow
from console.views.selection import Selection
from console.views.shortcuts_help import ShortcutsHelp
from console.views.sla_alerts_view import SlaAlertsPanel
from console.views.suggestions_view import SuggestionsPanel
from console.views.supervisor_board import SupervisorBoard
from console.views.technician_board import TechnicianBoard
from console.views.ticket_dialog import TicketDialog, open_ticket
from console.views.ticket_intake_dialog import TicketIntakeDialog, open_intake
from console.views.timeline_view import TimelinePanel
from console.views.toast import Toast
from console.views.translations import choose_language, chosen_language
from console.views.users_dialog import UsersDialog

log = logging.getLogger(__name__)

SETTINGS_ORG = "dispatch-console"
SETTINGS_APP = "dispatch-console"
LAYOUT_VERSION = 7
SIMULATION_INTERVAL_MS = 2_000
SLA_CHECK_INTERVAL_MS = 30_000
ALERT_ROLES = ("supervisor", "admin")
BACKGROUND_THREADS = 8


class _SeedProgress(QObject):
    """Carries the demo builder's progress from its worker thread to the GUI thread."""

    moved = Signal(str, float)


class _SchedulerRelay(QObject):
    """Carries the maintenance scheduler's news from its threads to the GUI thread."""

    lease = Signal(bool)
    generated = Signal(object)


class MainWindow(QMainWindow):
    """Owns the panels, the shared selection and the change feed; panels never touch each other."""

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        seed_demo: bool = True,
        demo_tickets: int = 100_000,
        simulate: bool = False,
        with_map: bool = True,
        schedule_maintenance: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Dispatcher console"))
        # Background work waits on the database, not the processor: a few more threads than cores keep
        # a save from queueing behind reads that a hung server holds up.
        pool = QThreadPool.globalInstance()
        pool.setMaxThreadCount(max(BACKGROUND_THREADS, pool.maxThreadCount()))
        self.db = db
        self.user = user
        self.seed_demo = seed_demo
        self.demo_tickets = demo_tickets
        self.simulate = simulate
        self.schedule_maintenance = schedule_maintenance
        self.maintenance: MaintenanceScheduler | None = None
        self.calendar: MaintenanceCalendarView | None = None
        self.reports: ReportsWindow | None = None
        self._scheduler_relay = _SchedulerRelay(self)
        self._scheduler_relay.lease.connect(self._on_maintenance_lease)
        self._scheduler_relay.generated.connect(self._on_maintenance_generated)
        self.selection = Selection(self)
        self.feed = FeedBridge(db, parent=self)
        self.setDockNestingEnabled(True)
        self.queues = QueuePanel(db, self.feed, self.selection, user_id=user.id)
        self.queues.ticket_opened.connect(self.open_ticket)
        self.client = ClientPanel(db, self.feed, self.selection)
        self.client.ticket_open_requested.connect(self.open_ticket)
        self.client.queue_requested.connect(self._show_client_queue)
        self.selection.site_selected.connect(self._show_map)
        self.map: MapPanel | None = MapPanel(db, self.feed, self.selection) if with_map else None
        self.timeline = TimelinePanel(db, self.feed, self.selection)
        self.board = TechnicianBoard(db, self.feed, self.selection, user_id=user.id)
        self.supervision = SupervisorBoard(db, self.feed, self.selection)
        self.alerts = SlaAlertsPanel(db, self.feed, self.selection)
        self.suggestions = SuggestionsPanel(db, self.feed, self.selection, user_id=user.id)
        self.alerts.raised.connect(self._on_alerts)
        self.toast = Toast(self)
        self.docks: dict[str, QDockWidget] = {}
        self._add_dock("queues", self.tr("Queues"), self.queues, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock("client", self.tr("Client"), self.client, Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock(
            "timeline", self.tr("SLA timeline"), self.timeline, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.splitDockWidget(self.docks["queues"], self.docks["timeline"], Qt.Orientation.Vertical)
        self._add_dock("board", self.tr("Technician board"), self.board, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.docks["timeline"], self.docks["board"])
        self._add_dock(
            "supervision", self.tr("Supervisor board"), self.supervision, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self.docks["timeline"], self.docks["supervision"])
        self.docks["timeline"].raise_()
        if self.map is not None:
            self._add_dock("map", self.tr("Map"), self.map, Qt.DockWidgetArea.RightDockWidgetArea)
            self.splitDockWidget(self.docks["client"], self.docks["map"], Qt.Orientation.Vertical)
        self._add_dock("alerts", self.tr("SLA alerts"), self.alerts, Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.docks["client"], self.docks["alerts"])
        self._add_dock(
            "suggestions",
            self.tr("Suggested technicians"),
            self.suggestions,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.tabifyDockWidget(self.docks["client"], self.docks["suggestions"])
        self.docks["client"].raise_()
        self.resize(1600, 950)
        self._arrange_default_sizes()
        self._default_state = self.saveState(LAYOUT_VERSION)
        self._build_menus()
        self._build_status_bar()
        self.feed.state_changed.connect(self._on_feed_state)
        self._simulation_timer = QTimer(self)
        self._simulation_timer.setInterval(SIMULATION_INTERVAL_MS)
        self._simulation_timer.timeout.connect(self._simulate_step)
        self._simulation_busy = False
        self._simulation = Simulation(db) if simulate else None
        self._sla_timer = QTimer(self)
        self._sla_timer.setInterval(SLA_CHECK_INTERVAL_MS)
        self._sla_timer.timeout.connect(self._check_sla)
        self._sla_busy = False
        self._restore_layout()

    # Layout ----------------------------------------------------------------------------------------

    def _add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        self.docks[key] = dock

    def _arrange_default_sizes(self) -> None:
        """Queues and timeline on the left (the wider side), client card above the map on the right."""
        self.resizeDocks([self.docks["queues"], self.docks["client"]], [860, 740], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["queues"], self.docks["timeline"]], [560, 360], Qt.Orientation.Vertical)
        if "map" in self.docks:
            self.resizeDocks([self.docks["client"], self.docks["map"]], [500, 420], Qt.Orientation.Vertical)

    def _action(
        self, menu: QMenu, text: str, slot: Callable[[], object], *keys: QKeySequence.StandardKey | str
    ) -> QAction:
        """A menu action with its shortcuts; it works wherever the focus is in the window."""
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _granted(self, action: QAction, right: str) -> None:
        """Show an action only to roles that have its right (the service refuses the others anyway)."""
        action.setVisible(allows(self.user.role, right))
        action.setEnabled(allows(self.user.role, right))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        password = self._action(file_menu, self.tr("Change my &password..."), self.change_password)
        password.setVisible(self.db.backend != "sqlite")
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        tickets = self.menuBar().addMenu(self.tr("&Tickets"))
        self._action(tickets, self.tr("&New ticket from a call..."), self.new_ticket, "Ctrl+N")
        self._action(tickets, self.tr("&Open the selected ticket"), self.open_selected, "Ctrl+O")
        self._action(
            tickets, self.tr("&Assign a technician..."), lambda: self.open_selected("technician"), "Ctrl+T"
        )
        self._action(
            tickets, self.tr("Change &status..."), lambda: self.open_selected("status"), "Ctrl+Shift+S"
        )
        self._action(tickets, self.tr("Su&ggested technicians"), self.show_suggestions, "F7")
        queues = self.menuBar().addMenu(self.tr("&Queues"))
        self._action(queues, self.tr("&Search the queue"), self.queues.focus_search, "Ctrl+F")
        self._action(queues, self.tr("Go to the &table"), self.queues.focus_table, "F6")
        self._action(queues, self.tr("&Clear filters"), self.queues.filter_bar.reset, "Ctrl+Shift+X")
        self._action(queues, self.tr("&Next queue"), lambda: self.queues.step_queue(1), "Ctrl+PgDown")
        self._action(queues, self.tr("&Previous queue"), lambda: self.queues.step_queue(-1), "Ctrl+PgUp")
        self._action(queues, self.tr("Sa&ve filter as queue..."), self.queues.save_current_filter, "Ctrl+D")
        self._action(queues, self.tr("&Delete this queue"), self.queues.delete_current_queue)
        go_to = queues.addMenu(self.tr("&Go to queue"))
        for number in range(1, 10):
            self._action(
                go_to,
                self.tr("Queue %1").replace("%1", str(number)),
                partial(self.queues.show_queue, number - 1),
                f"Alt+{number}",
            )
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        self._action(view_menu, self.tr("&Reset layout"), self.reset_layout)
        self._build_language_menu(view_menu.addMenu(self.tr("&Language")))
        planning = self.menuBar().addMenu(self.tr("&Planning"))
        self._action(planning, self.tr("&Optimise a day plan..."), self.optimise_day_plan, "Ctrl+Shift+O")
        maintenance = self.menuBar().addMenu(self.tr("&Maintenance"))
        self._action(
            maintenance, self.tr("Maintenance &calendar..."), self.show_maintenance_calendar, "Ctrl+Shift+M"
        )
        self._granted(
            self._action(maintenance, self.tr("Maintenance &plans..."), self.edit_maintenance_plans),
            "maintenance_plans",
        )
        self._action(maintenance, self.tr("&Generate due jobs now"), self.generate_maintenance_jobs)
        reports = self.menuBar().addMenu(self.tr("&Reports"))
        self._granted(
            self._action(reports, self.tr("&Reports..."), self.show_reports, "Ctrl+Shift+R"), "reports"
        )
        self._granted(self._action(reports, self.tr("&Billing..."), self.show_billing), "billing")
        self._granted(
            self._action(reports, self.tr("Work completion &act of the ticket..."), self.show_ticket_act),
            "billing",
        )
        self._granted(self._action(reports, self.tr("A&udit log..."), self.show_audit_log), "audit")
        reports.menuAction().setVisible(allows(self.user.role, "reports"))
        settings = self.menuBar().addMenu(self.tr("&Settings"))
        self._granted(
            self._action(settings, self.tr("&Dispatch rules..."), self.edit_dispatch_rules), "settings"
        )
        self._granted(self._action(settings, self.tr("&Company details..."), self.edit_company), "settings")
        self._granted(self._action(settings, self.tr("&Users..."), self.edit_users), "users")
        settings.menuAction().setVisible(allows(self.user.role, "settings"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&Keyboard shortcuts"), self.show_shortcuts, "F1")
        self._action(help_menu, self.tr("&About"), self._about)
        self.menus = {
            "file": file_menu,
            "tickets": tickets,
            "queues": queues,
            "view": view_menu,
            "planning": planning,
            "maintenance": maintenance,
            "reports": reports,
            "settings": settings,
            "help": help_menu,
        }

    def _build_language_menu(self, menu: QMenu) -> None:
        group = QActionGroup(self)
        chosen = chosen_language()
        for code, text in ((None, self.tr("As the system")), ("en", "English"), ("ru", "Русский")):
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            group.addAction(action)
        group.triggered.connect(self._choose_language)

    def _choose_language(self, action: QAction) -> None:
        choose_language(action.data())
        self.statusBar().showMessage(
            self.tr("The console will speak %1 from its next start.").replace("%1", action.text()), 10_000
        )

    def change_password(self) -> None:
        """Let the signed-in user of a shared server replace their password."""
        PasswordDialog(self.db, self.user.id, self).open()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(self.tr("Database: %1").replace("%1", self.db.display_url), self)
        self.db_label.setObjectName("status_database")
        self.user_label = QLabel(
            self.tr("User: %1 (%2)")
            .replace("%1", self.user.full_name)
            .replace("%2", role_label(self.user.role)),
            self,
        )
        self.user_label.setObjectName("status_user")
        self.feed_label = QLabel(self)
        self.feed_label.setObjectName("status_feed")
        self.maintenance_label = QLabel(self)
        self.maintenance_label.setObjectName("status_maintenance")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("status_progress")
        self.progress.setMaximumWidth(220)
        self.progress.setRange(0, 100)
        self.progress.hide()
        bar.addWidget(self.db_label)
        bar.addWidget(self.user_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.maintenance_label)
        bar.addPermanentWidget(self.feed_label)
        self._on_feed_state(self.feed.state)

    def _settings(self) -> QSettings:
        return QSettings(SETTINGS_ORG, SETTINGS_APP)

    def _restore_layout(self) -> None:
        settings = self._settings()
        geometry = settings.value("main_window/geometry")
        state = settings.value("main_window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state, LAYOUT_VERSION)

    def save_layout(self) -> None:
        settings = self._settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState(LAYOUT_VERSION))
        settings.sync()

    def reset_layout(self) -> None:
        for dock in self.docks.values():
            dock.setFloating(False)
            dock.show()
        self.restoreState(self._default_state, LAYOUT_VERSION)

    # Start-up --------------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the feed, then load the panels (building the demo data first on an empty database)."""
        self.feed.start()
        if self.seed_demo:
            db = self.db
            run_in_background(lambda: client_count(db), self._on_client_count, self._on_start_error)
        else:
            self._load_panels()

    def _on_client_count(self, count: int) -> None:
        if count:
            self._load_panels()
            return
        self.statusBar().showMessage(
            self.tr("First run: the database is empty, building demo data (%1 tickets)...").replace(
                "%1", QLocale().toString(self.demo_tickets)
            )
        )
        self.progress.setValue(0)
        self.progress.show()
        reporter = _SeedProgress(self)
        reporter.moved.connect(self._on_seed_progress)
        db, tickets = self.db, self.demo_tickets
        run_in_background(
            lambda: build_demo_data(db, tickets=tickets, progress=reporter.moved.emit),
            self._on_seeded,
            self._on_start_error,
        )

    def _on_seed_progress(self, stage: str, share: float) -> None:
        if stage == "tickets":
            self.progress.setValue(int(share * 100))

    def _on_seeded(self, summary: DemoSummary) -> None:
        self.progress.hide()
        self.statusBar().showMessage(
            self.tr("Demo data built: %1 tickets in %2 s.")
            .replace("%1", QLocale().toString(summary.counts.get("tickets", 0)))
            .replace("%2", QLocale().toString(round(summary.seconds))),
            15_000,
        )
        self._load_panels()

    def _on_start_error(self, exc: BaseException) -> None:
        self.progress.hide()
        log.error("start-up failed", exc_info=exc)
        self.statusBar().showMessage(self.tr("Could not load the console's data: %1").replace("%1", str(exc)))
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Dispatcher console"), str(exc), parent=self)
        box.setObjectName("start_error")
        box.open()

    def _load_panels(self) -> None:
        self.queues.load()
        self.timeline.load()
        self.board.load()
        self.supervision.start()
        self.alerts.load()
        self._sla_timer.start()
        self._check_sla()
        if self.schedule_maintenance and self.maintenance is None:
            self.maintenance = MaintenanceScheduler(
                self.db,
                on_lease=self._scheduler_relay.lease.emit,
                on_generated=self._scheduler_relay.generated.emit,
            )
            self.maintenance.start()
        if self.map is not None:
            self.map.load()
        if self.simulate:
            self._simulation_timer.start()
            self.statusBar().showMessage(
                self.tr("Simulation running: tickets arrive and technicians move."), 10_000
            )

    # Live state ------------------------------------------------------------------------------------

    def _on_feed_state(self, state: str) -> None:
        if state == LIVE:
            self.feed_label.setText(self.tr("● Live"))
            self.feed_label.setStyleSheet("color: #2b8a3e;")
            self.feed_label.setToolTip(self.tr("Connected: changes by others appear as they are saved."))
        else:
            self.feed_label.setText(self.tr("● Offline: reconnecting..."))
            self.feed_label.setStyleSheet("color: #c92a2a; font-weight: bold;")
            self.feed_label.setToolTip(
                self.tr(
                    "The database cannot be reached. Saves are refused until it is back; what you "
                    "typed stays in its window. The console reconnects by itself and catches up."
                )
            )

    def _check_sla(self) -> None:
        """Let the SLA clocks move on: tickets whose clock crossed a threshold are re-timed."""
        if self._sla_busy:
            return
        self._sla_busy = True
        db = self.db
        run_in_background(lambda: advance_clocks(db), self._on_sla_checked, self._on_sla_check_failed)

    def _on_sla_checked(self, _transitions: list[object]) -> None:
        self._sla_busy = False

    def _on_sla_check_failed(self, exc: BaseException) -> None:
        self._sla_busy = False
        log.warning("SLA check failed: %s", exc)

    def _on_alerts(self, alerts: list[SlaAlert]) -> None:
        """Everyone sees new alerts in the status bar; supervisors also get a notice and a taskbar flash."""
        worst = alerts[0]
        text = (
            self.tr("SLA %1: ticket %2 (%3), %4")
            .replace("%1", sla_state_label(worst.state))
            .replace("%2", worst.number)
            .replace("%3", worst.client)
            .replace("%4", clock_label(worst.clock))
        )
        if len(alerts) > 1:
            text += self.tr(" and %1 more").replace("%1", str(len(alerts) - 1))
        self.statusBar().showMessage(text, 15_000)
        if self.user.role in ALERT_ROLES:
            self.toast.show_message(text)
            QApplication.alert(self)

    def _simulate_step(self) -> None:
        if self._simulation_busy or self._simulation is None:
            return
        self._simulation_busy = True
        run_in_background(self._simulation.step, self._on_simulated, self._on_simulation_error)

    def _on_simulated(self, _events: list[str]) -> None:
        self._simulation_busy = False

    def _on_simulation_error(self, exc: BaseException) -> None:
        self._simulation_busy = False
        log.warning("simulation step failed: %s", exc)

    # Tickets ---------------------------------------------------------------------------------------

    def new_ticket(self) -> TicketIntakeDialog:
        """The new-ticket dialog; the client card follows the client picked, the new ticket is selected."""
        return open_intake(
            self.db,
            self.user.id,
            self.queues.lists.skills,
            self,
            self._on_registered,
            self.selection.select_client,
        )

    def open_selected(self, focus: str = "") -> TicketDialog | None:
        """Open the ticket selected in the queue; `focus` "technician" or "status" goes straight there."""
        ticket_id = self.queues.current_ticket()
        if ticket_id is None:
            self.statusBar().showMessage(self.tr("Select a ticket in the queue first."), 5_000)
            return None
        return self.open_ticket(ticket_id, focus)

    def _show_client_queue(self, client_id: int) -> None:
        if self.queues.filter_by_client(client_id):
            self.docks["queues"].raise_()
            self.queues.focus_table()
        else:
            self.statusBar().showMessage(self.tr("The queue lists are still loading; try again."), 5_000)

    def _show_map(self, _site_id: int) -> None:
        if "map" in self.docks:
            self.docks["map"].show()
            self.docks["map"].raise_()

    def open_ticket(self, ticket_id: int, focus: str = "") -> TicketDialog:
        dialog = open_ticket(
            self.db, self.user.id, self.queues.lists.technicians, ticket_id, self, self._on_ticket_saved
        )
        if focus == "technician":
            dialog.shown.connect(dialog.focus_technician, Qt.ConnectionType.SingleShotConnection)
        elif focus == "status":
            dialog.shown.connect(dialog.focus_status, Qt.ConnectionType.SingleShotConnection)
        return dialog

    def _on_ticket_saved(self, _ticket_id: int) -> None:
        self.statusBar().showMessage(self.tr("Ticket saved."), 5_000)

    def _on_registered(self, ticket_id: int) -> None:
        self.statusBar().showMessage(self.tr("Ticket registered."), 10_000)
        self.selection.select_ticket(ticket_id)

    def show_suggestions(self) -> None:
        """Bring the suggested technicians forward with the keyboard in the list, ready for Enter."""
        dock = self.docks["suggestions"]
        dock.show()
        dock.raise_()
        self.suggestions.table.setFocus()

    def optimise_day_plan(self) -> DayPlanDialog:
        """Open the optimiser for the day and team shown on the technician board."""
        dialog = DayPlanDialog(
            self.db,
            user_id=self.user.id,
            day=self.board.chosen_day(),
            team=self.board.team.currentData(),
            parent=self,
        )
        dialog.applied.connect(lambda _result: self.board.load())
        dialog.show()
        return dialog

    def show_maintenance_calendar(self) -> MaintenanceCalendarView:
        """The maintenance calendar in its own window (one per console, brought forward when open)."""
        if self.calendar is None:
            self.calendar = MaintenanceCalendarView(self.db, self.selection, parent=self)
            self.calendar.setWindowFlag(Qt.WindowType.Window)
            self.calendar.resize(1300, 800)
        self.calendar.show()
        self.calendar.raise_()
        self.calendar.activateWindow()
        return self.calendar

    def show_reports(self) -> ReportsWindow:
        """The reports window (one per console, brought forward when open); its rows open tickets."""
        if self.reports is None:
            self.reports = ReportsWindow(self.db, parent=self, user_id=self.user.id)
            self.reports.setWindowFlag(Qt.WindowType.Window)
            self.reports.ticket_requested.connect(self.open_ticket)
        self.reports.show()
        self.reports.raise_()
        self.reports.activateWindow()
        return self.reports

    def show_billing(self) -> BillingDialog:
        """Billing per client and period, with exports for accounting and the client's act."""
        dialog = BillingDialog(self.db, self, user_id=self.user.id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_ticket_act(self) -> None:
        """Preview the work completion act of the ticket selected in the queue (made off the GUI thread)."""
        ticket_id = self.queues.current_ticket()
        if ticket_id is None:
            self.statusBar().showMessage(self.tr("Select a ticket in the queue first."), 5_000)
            return
        db, user = self.db, self.user.id

        def failed(error: BaseException) -> None:
            self.statusBar().showMessage(error_text(error), 10_000)

        run_in_background(lambda: selected_ticket_act(db, ticket_id, user), self._show_act, failed)

    def _show_act(self, act: WorkAct) -> None:
        dialog = ActPreviewDialog(act, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def edit_maintenance_plans(self) -> MaintenancePlanDialog:
        """The plan editor, non-modal; the calendar follows what it saves."""
        dialog = MaintenancePlanDialog(self.db, user_id=self.user.id, parent=self)
        dialog.saved.connect(lambda _result: self.calendar.reload() if self.calendar is not None else None)
        dialog.deleted.connect(lambda _plan: self.calendar.reload() if self.calendar is not None else None)
        dialog.show()
        return dialog

    def generate_maintenance_jobs(self) -> None:
        """Make the plans' due jobs now rather than at the next scheduled run (safe at any time)."""
        db = self.db
        self.statusBar().showMessage(self.tr("Making maintenance jobs..."))
        run_in_background(lambda: generate(db), self._on_maintenance_generated, self._on_generation_failed)

    def _on_maintenance_generated(self, result: GenerationResult) -> None:
        self.statusBar().showMessage(
            self.tr("Maintenance: %1 jobs made for %2 plans.")
            .replace("%1", QLocale().toString(result.created))
            .replace("%2", QLocale().toString(result.plans)),
            15_000,
        )
        if self.calendar is not None and result.created:
            self.calendar.reload()

    def _on_generation_failed(self, exc: BaseException) -> None:
        log.error("maintenance generation failed", exc_info=exc)
        self.statusBar().showMessage(
            self.tr("Maintenance jobs could not be made: %1").replace("%1", str(exc))
        )

    def _on_maintenance_lease(self, held: bool) -> None:
        self.maintenance_label.setText(
            self.tr("Maintenance schedule: this console")
            if held
            else self.tr("Maintenance schedule: another console")
        )

    def edit_dispatch_rules(self) -> DispatchRulesDialog:
        dialog = DispatchRulesDialog(self.db, user_id=self.user.id, parent=self)
        dialog.saved.connect(lambda _version: self.suggestions.load())
        dialog.open()
        return dialog

    def edit_company(self) -> CompanyDialog:
        """Our company's details for acts and VAT, non-modal so that an act can be checked meanwhile."""
        dialog = CompanyDialog(self.db, self.user.id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(
            lambda _version: self.statusBar().showMessage(self.tr("Company details saved."), 5_000)
        )
        dialog.show()
        return dialog

    def edit_users(self) -> UsersDialog:
        """The administrators' user list, non-modal like the other team settings."""
        dialog = UsersDialog(self.db, self.user, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_audit_log(self) -> AuditWindow:
        """The audit log search, non-modal so that a ticket can be looked at meanwhile."""
        window = AuditWindow(self.db, self.user, parent=self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def show_shortcuts(self) -> ShortcutsHelp:
        """The help panel with every shortcut, as the menus define them."""
        groups = []
        for menu in self.menus.values():
            for action in menu.actions():
                submenu = action.menu()
                if isinstance(submenu, QMenu):
                    groups.append((submenu.title().replace("&", ""), submenu.actions()))
            groups.append((menu.title().replace("&", ""), menu.actions()))
        in_ticket, in_call = self.tr("In a ticket"), self.tr("In a new ticket")
        in_suggestions = self.tr("In the suggested technicians")
        dialog_keys = [
            (in_suggestions, self.tr("Plan the highlighted technician's slot"), self.tr("Enter")),
            (in_suggestions, self.tr("Show the technician on the map"), self.tr("Double click")),
            (in_call, self.tr("Move through the clients found"), self.tr("Down, Up")),
            (in_call, self.tr("Pick the highlighted client"), self.tr("Enter")),
            (in_call, self.tr("Register the ticket"), "Ctrl+Enter"),
            (in_ticket, self.tr("Save the edited fields"), "Ctrl+S"),
            (in_ticket, self.tr("Go to the technician (Enter assigns)"), "Ctrl+T"),
            (in_ticket, self.tr("Go to the next status"), "Ctrl+Shift+S"),
        ]
        dialog = ShortcutsHelp(groups, dialog_keys, self)
        dialog.open()
        return dialog

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About the dispatcher console"),
            self.tr("Dispatcher console for B2B field service.\nDatabase: %1").replace(
                "%1", self.db.display_url
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self._simulation_timer.stop()
        self._sla_timer.stop()
        self.feed.stop()
        if self.maintenance is not None:
            self.maintenance.stop()
        self.queues.shutdown()
        self.timeline.shutdown()
        self.supervision.shutdown()
        if self.map is not None:
            self.map.release()
        super().closeEvent(event)
