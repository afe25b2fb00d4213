"""The main window as a dispatcher meets it: every panel, live queues, remembered layout, first-run demo data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.models import Site, Ticket, contract_sites
from console.services.sla_monitor import advance_clocks
from console.services.tickets import TicketDraft, change_status, create_ticket
from console.store.database import Database
from console.views.act_document import ActPreviewDialog
from console.views.day_plan_dialog import DayPlanDialog
from console.views.main_window import MainWindow
from console.views.queue_model import COLUMNS, TICKET_ID_ROLE
from console.views.shortcuts_help import ShortcutsHelp

OpenWindow = Callable[..., MainWindow]


def _loaded(window: MainWindow) -> bool:
    return window.queues.current_tab().is_loaded and bool(window.queues.counts)


def test_every_panel_is_there_and_the_status_bar_says_where_we_are(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, seed_demo=False)
    assert set(window.docks) == {
        "queues",
        "client",
        "map",
        "timeline",
        "board",
        "supervision",
        "alerts",
        "suggestions",
    }
    for dock in window.docks.values():
        assert dock.widget() is not None
        assert dock.isVisible() or window.tabifiedDockWidgets(dock), "hidden only behind a tab"
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    assert window.queues.tab("open").model.rowCount() > 0
    assert live_demo_db.display_url in window.db_label.text()
    assert "Test Dispatcher" in window.user_label.text()
    qtbot.waitUntil(lambda: "Live" in window.feed_label.text(), timeout=5_000)
    qtbot.waitUntil(lambda: window.timeline.bar_count() > 0, timeout=10_000)


def test_a_ticket_saved_elsewhere_appears_in_the_open_queue_and_the_selection_stays(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    tab = window.queues.tab("open")
    window.queues.tabs.setCurrentWidget(tab)
    selected_id = tab.model.rows()[3].id
    assert tab.select_ticket(selected_id)
    before = tab.model.rowCount()

    with live_demo_db.session() as session:
        client_id, site_id = session.execute(
            select(Site.client_id, Site.id).join(contract_sites, contract_sites.c.site_id == Site.id).limit(1)
        ).one()
    ticket_id = create_ticket(
        live_demo_db,
        TicketDraft(client_id=client_id, site_id=site_id, title="Escalator stopped", priority="critical"),
        now=datetime.now(UTC),
    )
    qtbot.waitUntil(lambda: tab.model.row_of(ticket_id) is not None, timeout=5_000)
    assert tab.model.rowCount() == before + 1
    assert tab.table.currentIndex().data(TICKET_ID_ROLE) == selected_id
    qtbot.waitUntil(lambda: f"({before + 1})" in window.queues.tabs.tabText(0), timeout=5_000)
    unassigned = window.queues.tab("unassigned")
    window.queues.tabs.setCurrentWidget(unassigned)
    qtbot.waitUntil(lambda: unassigned.model.row_of(ticket_id) is not None, timeout=5_000)


def test_selecting_a_ticket_shows_its_client(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    tab = window.queues.tab("open")
    row = tab.model.rows()[0]
    tab.select_ticket(row.id)
    qtbot.waitUntil(lambda: window.client.header.title.text() == row.client, timeout=5_000)
    assert window.client.contracts.rowCount() >= 1
    with live_demo_db.session() as session:
        ticket = session.get_one(Ticket, row.id)
        assert ticket.client_id == window.client.client_id


def test_the_layout_is_remembered(qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow) -> None:
    first = open_window(live_demo_db, seed_demo=False, with_map=False)
    first.docks["timeline"].setFloating(True)
    first.docks["client"].hide()
    first.close()

    second = open_window(live_demo_db, seed_demo=False, with_map=False)
    assert second.docks["timeline"].isFloating()
    assert not second.docks["client"].isVisible()
    second.reset_layout()
    assert not second.docks["timeline"].isFloating()
    assert second.docks["client"].isVisible()


def test_first_run_on_an_empty_database_builds_demo_data_and_says_so(
    qtbot: QtBot, sqlite_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(sqlite_db, seed_demo=True, demo_tickets=200, with_map=False)
    qtbot.waitUntil(lambda: "demo data" in window.statusBar().currentMessage().lower(), timeout=5_000)
    qtbot.waitUntil(lambda: _loaded(window), timeout=60_000)
    assert window.queues.tab("open").model.rowCount() > 0
    assert "Demo data built" in window.statusBar().currentMessage()


def test_a_lost_database_shows_offline_then_live_again(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = open_window(live_demo_db, seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    qtbot.waitUntil(lambda: "Live" in window.feed_label.text(), timeout=5_000)
    database = Path(str(live_demo_db.url.database))
    live_demo_db.engine.dispose()
    away = tmp_path / "away"
    away.mkdir()
    files = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
    for file in files:
        file.rename(away / file.name)
    try:
        qtbot.waitUntil(lambda: "Offline" in window.feed_label.text(), timeout=5_000)
    finally:
        for file in database.parent.iterdir():
            if file.name.startswith(database.name):
                file.unlink()
        for file in files:
            (away / file.name).rename(file)
    qtbot.waitUntil(lambda: "Live" in window.feed_label.text(), timeout=10_000)


def test_the_timeline_follows_changed_tickets_only(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: window.timeline.bar_count() > 0, timeout=10_000)
    before = window.timeline.bar_count()
    first = window.timeline.spans[0]
    with live_demo_db.session() as session:
        version = session.get_one(Ticket, first.ticket_id).version
    change_status(live_demo_db, first.ticket_id, "closed", expected_version=version)
    qtbot.waitUntil(lambda: window.timeline.bar_count() == before - 1, timeout=5_000)
    assert first.ticket_id not in {s.ticket_id for s in window.timeline.spans}
    keys = [s.sort_key() for s in window.timeline.spans]
    assert keys == sorted(keys)


def _open_ticket_with_sla(db: Database) -> Ticket:
    with db.session() as session:
        return session.scalars(
            select(Ticket)
            .where(
                Ticket.sla_state.in_(("running", "warning", "critical")),
                Ticket.sla_next_check_at.is_not(None),
            )
            .order_by(Ticket.sla_next_check_at)
            .limit(1)
        ).one()


def test_a_breach_reaches_the_alerts_panel_and_the_supervisor(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, role="supervisor", seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    qtbot.waitUntil(lambda: "Live" in window.feed_label.text(), timeout=5_000)
    ticket = _open_ticket_with_sla(live_demo_db)
    transitions = advance_clocks(live_demo_db, datetime.now(UTC) + timedelta(days=30))
    assert any(t.ticket_id == ticket.id and t.new == "breached" for t in transitions)

    qtbot.waitUntil(
        lambda: any(a.ticket_id == ticket.id and a.state == "breached" for a in window.alerts.model.alerts),
        timeout=5_000,
    )
    qtbot.waitUntil(lambda: window.toast.isVisible(), timeout=5_000)
    assert "SLA" in window.toast.text()
    assert "SLA" in window.statusBar().currentMessage()
    at_risk = window.queues.tab("at_risk")
    window.queues.tabs.setCurrentWidget(at_risk)
    qtbot.waitUntil(lambda: at_risk.model.row_of(ticket.id) is not None, timeout=5_000)

    position = next(i for i, a in enumerate(window.alerts.model.alerts) if a.ticket_id == ticket.id)
    window.alerts.table.selectRow(position)
    assert window.selection.ticket_id == ticket.id


def test_a_dispatcher_sees_alerts_without_a_popup(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    qtbot.waitUntil(lambda: "Live" in window.feed_label.text(), timeout=5_000)
    advance_clocks(live_demo_db, datetime.now(UTC) + timedelta(days=30))
    qtbot.waitUntil(lambda: "SLA" in window.statusBar().currentMessage(), timeout=5_000)
    assert window.alerts.model.rowCount() > 0
    assert not window.toast.isVisible()


def test_a_filter_saved_as_a_queue_becomes_a_tab_and_bad_names_are_refused_in_place(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    panel = window.queues
    panel.filter_bar.priority.setCurrentIndex(panel.filter_bar.priority.findData("high"))
    qtbot.waitUntil(lambda: panel.current_tab().filter.priority == "high", timeout=5_000)
    qtbot.waitUntil(
        lambda: all(r.priority == "high" for r in panel.current_tab().model.rows()), timeout=5_000
    )

    dialog = panel.save_current_filter()
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "   ")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5_000)
    assert "name" in dialog.error.text()
    dialog.name.setText("High ones")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.current_tab().queue.title == "High ones", timeout=5_000)
    saved = panel.current_tab()
    qtbot.waitUntil(lambda: saved.is_loaded, timeout=5_000)
    assert saved.model.rowCount() > 0 and all(r.priority == "high" for r in saved.model.rows())
    assert panel.filter_bar.priority.currentData() is None, "the filter now lives in the queue"

    second = open_window(live_demo_db, seed_demo=False, with_map=False)
    qtbot.waitUntil(
        lambda: any(t.queue.title == "High ones" for t in second.queues.queue_tabs), timeout=10_000
    )


def test_the_keyboard_moves_between_queues_and_the_help_lists_every_shortcut(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    panel = window.queues
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert panel.filter_bar.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert panel.tabs.currentIndex() == 1
    qtbot.waitUntil(lambda: panel.current_tab().is_loaded, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert panel.tabs.currentIndex() == 2
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert panel.tabs.currentIndex() == 1

    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(ShortcutsHelp) is not None, timeout=5_000)
    help_panel = window.findChild(ShortcutsHelp)
    assert isinstance(help_panel, ShortcutsHelp)
    listed = {(action, keys) for _menu, action, keys in help_panel.entries()}
    for action, keys in [
        ("New ticket from a call...", "Ctrl+N"),
        ("Search the queue", "Ctrl+F"),
        ("Open the selected ticket", "Ctrl+O"),
        ("Assign a technician...", "Ctrl+T"),
        ("Change status...", "Ctrl+Shift+S"),
        ("Next queue", "Ctrl+PgDown"),
        ("Keyboard shortcuts", "F1"),
        ("Register the ticket", "Ctrl+Enter"),
        ("Save the edited fields", "Ctrl+S"),
        ("Suggested technicians", "F7"),
        ("Plan the highlighted technician's slot", "Enter"),
    ]:
        assert (action, keys) in listed


def test_f7_brings_the_suggestions_for_the_selected_ticket_with_the_keyboard_in_them(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    tab = window.queues.tab("open")
    row = tab.model.rows()[0]
    tab.select_ticket(row.id)
    qtbot.keyClick(window, Qt.Key.Key_F7)

    assert window.docks["suggestions"].isVisible()
    assert window.suggestions.table.hasFocus()
    qtbot.waitUntil(lambda: window.suggestions.result is not None, timeout=10_000)
    assert window.suggestions.result is not None and window.suggestions.result.ticket_id == row.id
    assert row.number in window.suggestions.title.text()
    assert window.menus["settings"].actions()[0].text() == "&Dispatch rules..."


def test_a_new_ticket_lands_at_its_rank_in_the_chosen_sort_and_the_selection_stays(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    tab = window.queues.current_tab()
    header = tab.table.horizontalHeader()
    header.setSortIndicator(COLUMNS.index("number"), Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(
        lambda: tab.model.order.column == "number" and tab.is_loaded and not tab._loading, timeout=5_000
    )
    selected_id = tab.model.rows()[5].id
    tab.select_ticket(selected_id)
    with live_demo_db.session() as session:
        client_id, site_id = session.execute(
            select(Site.client_id, Site.id).join(contract_sites, contract_sites.c.site_id == Site.id).limit(1)
        ).one()
    ticket_id = create_ticket(
        live_demo_db,
        TicketDraft(client_id=client_id, site_id=site_id, title="Door sensor"),
        now=datetime.now(UTC),
    )
    qtbot.waitUntil(lambda: tab.model.row_of(ticket_id) == 0, timeout=5_000)
    assert header.sortIndicatorSection() == COLUMNS.index("number")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert tab.table.currentIndex().data(TICKET_ID_ROLE) == selected_id
    ids = [r.id for r in tab.model.rows()]
    assert ids == sorted(ids, reverse=True)


def test_the_optimiser_opens_for_the_boards_day_without_blocking_the_window(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    qtbot.keyClick(
        window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )

    dialog = window.findChild(DayPlanDialog)
    assert isinstance(dialog, DayPlanDialog) and dialog.isVisible() and not dialog.isModal()
    assert dialog.chosen_day() == window.board.chosen_day()
    qtbot.waitUntil(lambda: dialog.team.count() > 1, timeout=10_000)
    assert dialog.optimise_button.isEnabled()
    dialog.close()


def test_the_console_holding_the_lease_makes_the_demo_plans_jobs_and_the_calendar_opens(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, seed_demo=False, with_map=False, schedule_maintenance=True)
    qtbot.waitUntil(lambda: "this console" in window.maintenance_label.text(), timeout=15_000)

    def made() -> int:
        with live_demo_db.session() as session:
            return len(session.scalars(select(Ticket.id).where(Ticket.maintenance_due_on.is_not(None))).all())

    qtbot.waitUntil(lambda: made() > 0, timeout=30_000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    qtbot.keyClick(
        window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    calendar = window.calendar
    assert calendar is not None and calendar.isVisible()
    qtbot.waitUntil(lambda: calendar.calendar is not None, timeout=10_000)
    plans = window.edit_maintenance_plans()
    assert plans.isVisible() and not plans.isModal()
    qtbot.waitUntil(lambda: plans.findChild(QTableView, "plan_table").model().rowCount() > 0, timeout=10_000)
    plans.close()
    window.close()
    assert window.maintenance is not None and not window.maintenance.holds_lease


def test_the_reports_menu_opens_reports_billing_and_the_selected_tickets_act(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, "supervisor", seed_demo=False, with_map=False)
    qtbot.waitUntil(lambda: _loaded(window), timeout=10_000)
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Reports" in titles
    reports = window.show_reports()
    assert reports.isVisible() and window.show_reports() is reports
    billing = window.show_billing()
    assert billing.isVisible()
    billing.close()
    tab = window.queues.tab("open")
    tab.select_ticket(tab.model.rows()[0].id)
    window.show_ticket_act()
    qtbot.waitUntil(lambda: window.findChild(ActPreviewDialog) is not None, timeout=10_000)
    act = window.findChild(ActPreviewDialog)
    assert act is not None
    assert tab.model.rows()[0].number in act.windowTitle()


def test_a_dispatcher_sees_no_reports_settings_or_plan_editor(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = open_window(live_demo_db, "dispatcher", seed_demo=False, with_map=False)
    menus = {action.text(): action for action in window.menuBar().actions()}
    assert not menus["&Reports"].isVisible() and not menus["&Settings"].isVisible()
    assert menus["&Tickets"].isVisible() and menus["&Maintenance"].isVisible()
    maintenance = {action.text(): action for action in menus["&Maintenance"].menu().actions()}
    assert maintenance["Maintenance &calendar..."].isVisible()
    assert not maintenance["Maintenance &plans..."].isVisible()
    file_menu = {action.text(): action for action in menus["&File"].menu().actions()}
    assert not file_menu["Change my &password..."].isVisible(), "the desk's SQLite user has no password"
    supervisor = open_window(live_demo_db, "supervisor", seed_demo=False, with_map=False)
    shown = {action.text(): action.isVisible() for action in supervisor.menuBar().actions()}
    assert shown["&Reports"] and not shown["&Settings"]
