"""Small round icons for SLA states, drawn once and shared: the queue's colour is backed by a shape."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

STATE_COLOURS = {
    "running": "#2f9e44",
    "paused": "#4dabf7",
    "warning": "#f59f00",
    "critical": "#f76707",
    "breached": "#e03131",
    "met": "#868e96",
    "none": "#ced4da",
}
SIZE = 14


@cache
def sla_icon(state: str) -> QIcon:
    """A filled circle in the state's colour; paused gets a pause bar, breached an exclamation mark."""
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(STATE_COLOURS.get(state, STATE_COLOURS["none"])))
    painter.drawEllipse(QRectF(1, 1, SIZE - 2, SIZE - 2))
    painter.setPen(QPen(QColor("white"), 2))
    if state == "paused":
        painter.drawLine(5, 4, 5, 10)
        painter.drawLine(9, 4, 9, 10)
    elif state in ("breached", "critical"):
        painter.drawLine(7, 3, 7, 8)
        painter.drawPoint(7, 11)
    painter.end()
    return QIcon(pixmap)
