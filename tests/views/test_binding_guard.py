"""Guards against a bad PySide6 build: 6.12.0 on Python 3.11 leaks a reference to None on every void
Qt call and aborts the interpreter after a few thousand of them. A console makes such calls all day."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_a_hundred_thousand_setter_calls_leave_none_alone(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(100_000):
        label.setText("SLA left: 12 min" if n % 2 else "SLA left: 11 min")
    after = sys.getrefcount(None)
    assert label.text() == "SLA left: 12 min"
    # A leaking binding loses one reference per call; a healthy one stays put (give or take a few).
    assert abs(after - before) < 1_000
