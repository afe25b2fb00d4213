"""The audit log window through its widgets: who changed what from which value to which, filters, read-only."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox
from pytestqt.qtbot import QtBot

from console.models import Ticket, User
from console.services import audit_log
from console.services.audit_log import AuditQuery, AuditRecord
from console.services.tickets import TicketDraft, change_priority, create_ticket
from console.services.users import UserInfo
from console.store.database import Database
from console.views import audit_window
from console.views.audit_window import CELL_CHARS, AuditWindow
from console.views.background import wait_for_background
from console.views.main_window import MainWindow
from tests.services.maintenance_world import NOW, build_book

COLUMNS = ["When", "Who", "What", "Change", "Old value", "New value"]
OpenWindow = Callable[[Database, UserInfo], AuditWindow]


def _staff(db: Database) -> dict[str, UserInfo]:
    with db.transaction() as session:
        made = {
            role: User(login=f"a-{role}", full_name=f"Anna {role.title()}", role=role)
            for role in ("dispatcher", "supervisor", "admin")
        }
        session.add_all(made.values())
        session.flush()
        return {role: UserInfo(u.id, u.login, u.full_name, u.role) for role, u in made.items()}


def _world(db: Database) -> tuple[dict[str, UserInfo], str]:
    """A book of clients and sites, three users, and a ticket the supervisor raised to critical."""
    book = build_book(db)
    staff = _staff(db)
    ticket_id = create_ticket(
        db,
        TicketDraft(
            client_id=book.client, site_id=book.berlin, title="Lift stuck on floor 2", priority="normal"
        ),
        user_id=staff["dispatcher"].id,
        now=NOW,
    )
    with db.session() as session:
        ticket = session.get_one(Ticket, ticket_id)
        number, version = ticket.number, ticket.version
    change_priority(
        db, ticket_id, "critical", expected_version=version, user_id=staff["supervisor"].id, now=NOW
    )
    return staff, number


@pytest.fixture
def open_audit(qtbot: QtBot) -> Iterator[OpenWindow]:
    """A factory: open_audit(db, user) shows the window once its first search has answered."""
    windows: list[AuditWindow] = []

    def factory(db: Database, user: UserInfo) -> AuditWindow:
        window = AuditWindow(db, user)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: _answered(window), timeout=10_000)
        qtbot.waitUntil(lambda: window.actor.count() > 1, timeout=10_000)
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window.close()
    assert wait_for_background(30_000)


def _answered(window: AuditWindow) -> bool:
    return window.status.text() not in ("", "Searching…")


def _search(qtbot: QtBot, window: AuditWindow) -> None:
    qtbot.mouseClick(window.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _answered(window), timeout=10_000)


def _choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick `text` in a combo box with the keyboard, as a user moving down its list."""
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _step in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def _rows(window: AuditWindow) -> list[list[str]]:
    """The table's text as shown, in the view's (sorted) order."""
    shown = window.table.model()
    return [[shown.index(r, c).data() for c in range(shown.columnCount())] for r in range(shown.rowCount())]


def test_a_priority_change_shows_who_what_old_and_new(db: Database, open_audit: OpenWindow) -> None:
    staff, number = _world(db)
    window = open_audit(db, staff["supervisor"])
    assert window.windowTitle() == "Audit log"
    shown = window.table.model()
    assert [shown.headerData(c, Qt.Orientation.Horizontal) for c in range(shown.columnCount())] == COLUMNS
    rows = _rows(window)
    assert window.status.text() == f"{len(rows)} entry(s)"
    priority = [row for row in rows if row[3] == "Priority"]
    assert [row[1:] for row in priority] == [
        ["Anna Supervisor", f"Ticket {number}", "Priority", "normal", "critical"]
    ]
    created = next(row for row in rows if row[2] == f"Ticket {number}" and row[3] == "created")
    assert created[1] == "Anna Dispatcher" and created[4] == ""
    assert any(row[1] == "System" for row in rows), "the world was built without a user"
    assert rows[0][3] == "Priority", "newest first"


def test_a_long_value_is_cut_in_its_cell_and_whole_in_its_tooltip(
    sqlite_db: Database, open_audit: OpenWindow
) -> None:
    staff, number = _world(sqlite_db)
    window = open_audit(sqlite_db, staff["supervisor"])
    shown = window.table.model()
    row = next(
        r
        for r in range(shown.rowCount())
        if shown.index(r, 3).data() == "created" and shown.index(r, 2).data() == f"Ticket {number}"
    )
    cell = shown.index(row, 5)
    assert len(cell.data()) == CELL_CHARS and cell.data().endswith("…")
    tooltip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert '"title": "Lift stuck on floor 2"' in tooltip.replace("&quot;", '"')
    assert "\n" in tooltip, "one field a line"


def test_filtering_by_who_and_by_text_narrows_the_rows(
    qtbot: QtBot, sqlite_db: Database, open_audit: OpenWindow
) -> None:
    staff, number = _world(sqlite_db)
    window = open_audit(sqlite_db, staff["supervisor"])
    everything = _rows(window)
    query = window.query()
    tomorrow = datetime.combine(date.today() + timedelta(days=1), time()).astimezone(UTC)
    assert query.until == tomorrow and query.since == tomorrow - timedelta(days=8)

    _choose(qtbot, window.actor, "Anna Supervisor")
    assert window.actor.currentData() == staff["supervisor"].id
    _search(qtbot, window)
    by_supervisor = _rows(window)
    assert by_supervisor and len(by_supervisor) < len(everything)
    assert {row[1] for row in by_supervisor} == {"Anna Supervisor"}

    _choose(qtbot, window.actor, "Anyone")
    qtbot.keyClicks(window.search_text, "critical")
    window.status.clear()
    qtbot.keyClick(window.search_text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _answered(window), timeout=10_000)
    critical = _rows(window)
    assert 0 < len(critical) < len(everything)
    assert ["Anna Supervisor", f"Ticket {number}", "Priority", "normal", "critical"] in [
        r[1:] for r in critical
    ]
    assert all("critical" in " ".join(row[3:]) for row in critical)

    _choose(qtbot, window.entity, "Site")
    _search(qtbot, window)
    assert _rows(window) == [] and window.status.text() == "Nothing in the log matches."


def test_the_log_cannot_be_edited(qtbot: QtBot, sqlite_db: Database, open_audit: OpenWindow) -> None:
    staff, _number = _world(sqlite_db)
    window = open_audit(sqlite_db, staff["supervisor"])
    shown = window.table.model()
    assert window.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    for column in range(shown.columnCount()):
        index = shown.index(0, column)
        assert not shown.flags(index) & Qt.ItemFlag.ItemIsEditable
        assert not shown.setData(index, "tampered")
    cell = window.table.visualRect(shown.index(0, 4)).center()
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    assert window.table.state() != QAbstractItemView.State.EditingState
    assert _rows(window)[0][4] == "normal"


def test_an_answer_to_an_older_search_is_dropped(
    qtbot: QtBot, sqlite_db: Database, open_audit: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff, _number = _world(sqlite_db)
    window = open_audit(sqlite_db, staff["supervisor"])
    released = threading.Event()
    real_search = audit_log.search_audit
    late = AuditRecord(0, datetime.now(UTC), None, "tickets", 1, "late", "update", "title", "a", "b")

    def search(db: Database, query: AuditQuery, *, user_id: int | None) -> list[AuditRecord]:
        if query.text == "slow":
            released.wait(10)
            return [late]
        return real_search(db, query, user_id=user_id)

    monkeypatch.setattr(audit_window, "search_audit", search)
    qtbot.keyClicks(window.search_text, "slow")
    qtbot.mouseClick(window.search_button, Qt.MouseButton.LeftButton)
    window.search_text.clear()
    _search(qtbot, window)
    newer = _rows(window)
    released.set()
    assert wait_for_background(10_000)
    qtbot.wait(50)
    assert _rows(window) == newer and all(row[2] != "Ticket late" for row in newer)


def test_a_full_page_says_only_the_newest_are_shown(
    qtbot: QtBot, sqlite_db: Database, open_audit: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff, _number = _world(sqlite_db)
    monkeypatch.setattr(audit_log, "SEARCH_LIMIT", 3)
    window = open_audit(sqlite_db, staff["supervisor"])
    assert window.table.model().rowCount() == 3
    assert window.status.text() == "More than 3 entries (showing the newest 3)"


def test_only_supervisors_and_administrators_have_the_audit_log(
    qtbot: QtBot, sqlite_db: Database, open_window: Callable[..., MainWindow]
) -> None:
    def audit_visible(window: MainWindow) -> bool:
        reports = next(a for a in window.menuBar().actions() if a.text() == "&Reports").menu()
        found = [a for a in reports.actions() if a.text() == "A&udit log..."]
        assert len(found) == 1
        return found[0].isVisible() and found[0].isEnabled()

    assert not audit_visible(open_window(sqlite_db, "dispatcher", seed_demo=False, with_map=False))
    supervisor = open_window(sqlite_db, "supervisor", seed_demo=False, with_map=False)
    assert audit_visible(supervisor)
    assert audit_visible(open_window(sqlite_db, "admin", seed_demo=False, with_map=False))
    window = supervisor.show_audit_log()
    assert window.isVisible() and window.parent() is supervisor
    qtbot.waitUntil(lambda: _answered(window), timeout=10_000)
    window.close()


def test_the_who_filter_lists_every_user_to_a_supervisor(sqlite_db: Database, open_audit: OpenWindow) -> None:
    staff, _number = _world(sqlite_db)
    window = open_audit(sqlite_db, staff["supervisor"])
    choices = [(window.actor.itemText(i), window.actor.itemData(i)) for i in range(window.actor.count())]
    assert choices == [("Anyone", None), *sorted((u.full_name, u.id) for u in staff.values())]
