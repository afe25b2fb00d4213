"""The day-plan optimiser dialog through the real widgets, on the world of tests/services/test_day_plan.py.

Team A's Monday is optimised at 08:00 on SQLite: the proposal is compared with the zig-zag plan, a
long search is cancelled and still gives a plan, applying asks first and saves, and a plan changed
meanwhile is refused with nothing saved.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from console.models import Visit
from console.store.database import Database
from console.views.day_plan_dialog import DayPlanDialog
from tests.services.test_day_plan import MONDAY, NOW, at, build_world


def _dialog(qtbot: QtBot, db: Database, seconds: int = 1) -> DayPlanDialog:
    dialog = DayPlanDialog(db, day=MONDAY, team="A", clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.team.currentData() == "A", timeout=10_000)
    dialog.seconds.setValue(seconds)
    return dialog


def _figure(dialog: DayPlanDialog, row: int) -> tuple[str, str, str]:
    model = dialog.figures
    return tuple(model.index(row, column).data() for column in range(3))  # type: ignore[return-value]


def test_the_proposal_is_shown_beside_the_current_plan(qtbot: QtBot, sqlite_db: Database) -> None:
    build_world(sqlite_db)
    dialog = _dialog(qtbot, sqlite_db)
    dialog.optimise_button.click()
    assert not dialog.optimise_button.isEnabled() and dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=20_000)

    assert dialog.progress.value() == 100
    assert _figure(dialog, 1)[:2] == ("Visits planned", "4")
    assert int(_figure(dialog, 1)[2]) >= 9
    assert _figure(dialog, 2)[:3] == ("Predicted SLA breaches", "5", "0")
    assert dialog.changes.rowCount() >= 5
    assert "changes proposed" in dialog.summary.text()
    assert dialog.apply_button.isEnabled()
    with sqlite_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 4


def test_cancel_keeps_the_best_plan_so_far(qtbot: QtBot, sqlite_db: Database) -> None:
    build_world(sqlite_db)
    dialog = _dialog(qtbot, sqlite_db, seconds=120)
    dialog.optimise_button.click()
    qtbot.wait(300)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=15_000)

    assert dialog.proposal is not None and dialog.proposal.cancelled
    assert "cancelled" in dialog.summary.text()
    assert dialog.optimise_button.isEnabled()


def test_apply_asks_then_saves_everything(qtbot: QtBot, sqlite_db: Database) -> None:
    build_world(sqlite_db)
    dialog = _dialog(qtbot, sqlite_db)
    dialog.optimise_button.click()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=20_000)
    proposal = dialog.proposal
    assert proposal is not None
    applied: list[object] = []
    dialog.applied.connect(applied.append)

    dialog.apply_button.click()
    box = dialog.findChild(QMessageBox, "confirm_apply")
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Saved:"), timeout=10_000)

    assert len(applied) == 1
    with sqlite_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == len(proposal.proposed)


def test_a_plan_changed_meanwhile_is_refused_and_nothing_saved(qtbot: QtBot, sqlite_db: Database) -> None:
    world = build_world(sqlite_db)
    dialog = _dialog(qtbot, sqlite_db)
    dialog.optimise_button.click()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=20_000)
    with sqlite_db.transaction() as session:
        for visit_id in (world.visits["W0"], world.visits["E0"], world.visits["W1"]):
            visit = session.get_one(Visit, visit_id)
            visit.planned_start, visit.planned_end = at(16, 30), at(17)

    dialog.apply()
    qtbot.waitUntil(lambda: "Nothing was saved" in dialog.summary.text(), timeout=10_000)

    assert "changed by someone else" in dialog.summary.text()
    with sqlite_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 4
