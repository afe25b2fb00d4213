"""The queue table model: a well-behaved Qt model whose live updates touch only the rows that changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from console.services.queues import QueueChanges, QueueRow, QueueSort
from console.views.drag_data import dropped_ticket, dropped_visit
from console.views.queue_model import COLUMNS, TICKET_ID_ROLE, QueueTableModel

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def _row(ticket_id: int, *, due_in_minutes: int | None = 60, state: str = "running") -> QueueRow:
    return QueueRow(
        id=ticket_id,
        number=f"2026-{ticket_id:06d}",
        title="Lift stopped",
        client_id=1,
        client="Acme",
        site_id=2,
        site="Tverskaya 1",
        priority="high",
        category="incident",
        status="new",
        stage="intake",
        skill="Elevators",
        technician_id=None,
        technician=None,
        sla_state=state,
        resolution_due_at=NOW + timedelta(minutes=due_in_minutes) if due_in_minutes is not None else None,
        created_at=NOW - timedelta(minutes=30),
        version=1,
    )


def test_the_model_passes_qts_model_checks(qtmodeltester: ModelTester) -> None:
    model = QueueTableModel()
    model.set_rows([_row(n) for n in range(1, 6)])
    qtmodeltester.check(model)


def test_cells_show_time_left_and_colour_at_risk_rows() -> None:
    model = QueueTableModel()
    model.now = NOW
    model.set_rows(
        [
            _row(1, due_in_minutes=125),
            _row(2, due_in_minutes=-35, state="breached"),
            _row(3, due_in_minutes=None, state="none"),
        ]
    )
    sla = COLUMNS.index("sla")
    assert model.index(0, sla).data() == "2 h 05 min"
    assert model.index(1, sla).data() == "-35 min"
    assert model.index(2, sla).data() == "No SLA"
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(1, 0).data(TICKET_ID_ROLE) == 2


def test_changes_update_in_place_insert_at_their_rank_and_remove(qtbot: object) -> None:
    model = QueueTableModel()
    model.set_rows([_row(1), _row(2), _row(3)])
    changed: list[int] = []
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))

    updated = replace(_row(2), status="assigned", technician="Petrov")
    model.apply(QueueChanges([(0, updated), (1, _row(4))], gone={1, 99}, total=3))

    assert [r.id for r in model.rows()] == [2, 4, 3]
    assert removed == [(0, 0)]
    assert inserted == [(2, 2)], "new rows are inserted, then moved into place with one layout change"
    assert changed == [0]
    assert model.index(0, COLUMNS.index("technician")).data() == "Petrov"
    assert model.row_of(4) == 1 and model.row_of(1) is None and model.total == 3


def test_a_moved_row_keeps_the_selection_through_persistent_indexes(qtmodeltester: ModelTester) -> None:
    model = QueueTableModel()
    model.set_rows([_row(n) for n in range(1, 7)])
    qtmodeltester.check(model)
    selected = QPersistentModelIndex(model.index(1, 3))
    model.apply(QueueChanges([(4, replace(_row(2), priority="low"))], gone=set(), total=6))
    assert [r.id for r in model.rows()] == [1, 3, 4, 5, 2, 6]
    assert selected.isValid() and selected.row() == 4 and selected.column() == 3
    assert selected.data(TICKET_ID_ROLE) == 2


def test_a_partly_loaded_queue_drops_rows_ranked_past_its_window() -> None:
    model = QueueTableModel()
    model.set_rows([_row(n) for n in range(1, 5)], total=100)
    assert model.canFetchMore()
    model.apply(QueueChanges([(50, _row(2)), (60, _row(77)), (1, _row(88))], gone=set(), total=101))
    assert [r.id for r in model.rows()] == [1, 88, 3, 4]
    assert model.total == 101


def test_a_fully_loaded_queue_appends_rows_ranked_at_its_end() -> None:
    model = QueueTableModel()
    model.set_rows([_row(n) for n in range(1, 4)])
    model.apply(QueueChanges([(3, _row(9))], gone=set(), total=4))
    assert [r.id for r in model.rows()] == [1, 2, 3, 9]
    assert not model.canFetchMore()


def test_pages_append_without_duplicates_and_ask_for_more_once(qtbot: object) -> None:
    model = QueueTableModel()
    model.set_rows([_row(n) for n in range(1, 4)], total=6)
    wanted: list[bool] = []
    model.more_wanted.connect(lambda: wanted.append(True))
    model.fetchMore()
    model.fetchMore()
    assert wanted == [True], "one request until its page arrives"
    model.append_page([_row(3), _row(4), _row(5), _row(6)], total=6)
    assert [r.id for r in model.rows()] == [1, 2, 3, 4, 5, 6]
    assert not model.canFetchMore()


def test_clicking_a_header_asks_the_database_for_the_order() -> None:
    model = QueueTableModel()
    asked: list[QueueSort] = []
    model.sort_requested.connect(asked.append)
    model.sort(COLUMNS.index("client"), Qt.SortOrder.DescendingOrder)
    model.sort(COLUMNS.index("client"), Qt.SortOrder.DescendingOrder)
    assert asked == [QueueSort("client", descending=True)]


def test_paused_and_uncovered_tickets_say_so_with_an_icon() -> None:
    model = QueueTableModel()
    model.now = NOW
    paused = replace(_row(1, due_in_minutes=None, state="paused"), sla_left_seconds=7 * 3600)
    uncovered = replace(_row(2, due_in_minutes=None, state="none"), sla_issue="uncovered_equipment")
    model.set_rows([paused, uncovered])
    sla = COLUMNS.index("sla")
    assert model.index(0, sla).data() == "Paused, 7 h 00 min left"
    assert model.index(1, sla).data() == "No SLA: equipment not covered, billable work"
    icon = model.index(0, sla).data(Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()
    tooltip = model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "equipment not covered" in tooltip


def test_the_tooltip_lists_every_running_clock() -> None:
    model = QueueTableModel()
    row = replace(
        _row(1),
        reaction_state="met",
        arrival_state="warning",
        resolution_state="running",
        arrival_due_at=NOW + timedelta(minutes=20),
        resolution_pause_seconds=1800,
    )
    model.set_rows([row])
    tooltip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Reaction: Met" in tooltip
    assert "Arrival: Warning" in tooltip
    assert "Resolution: On track" in tooltip
    assert "Paused so far: 30 min" in tooltip


def test_a_late_arrival_is_named_next_to_the_resolution_time_left() -> None:
    model = QueueTableModel()
    model.now = NOW
    row = replace(
        _row(1, due_in_minutes=61, state="breached"),
        reaction_state="met",
        arrival_state="breached",
        resolution_state="running",
    )
    model.set_rows([row])
    assert model.index(0, COLUMNS.index("sla")).data() == "1 h 01 min · Arrival: Breached"


def test_a_dragged_row_carries_its_ticket_for_the_technician_board() -> None:
    model = QueueTableModel()
    model.set_rows([_row(7), _row(9)])
    index = model.index(1, 2)
    assert model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    assert dropped_ticket(model.mimeData([index])) == 9
    assert dropped_visit(model.mimeData([index])) is None
