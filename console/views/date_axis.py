"""A time axis whose day and month names are those of the interface language.

pyqtgraph's date axis writes its ticks with Python's `strftime`, which knows only the C locale
("Tue 24"); this one keeps pyqtgraph's choice of tick positions and writes each tick with QLocale,
in local time ("вт 24" in Russian).
"""

from __future__ import annotations

from typing import Final

import pyqtgraph as pg
from PySide6.QtCore import QDateTime, QLocale

DAY_S: Final = 86_400
# Tick spacing from which a format applies (seconds), widest first.
FORMATS: Final = ((28 * DAY_S, "MMM yyyy"), (DAY_S, "ddd d"), (60, "HH:mm"), (0, "HH:mm:ss"))


class LocalDateAxis(pg.DateAxisItem):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__(orientation="bottom")

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        pattern = next(text for least, text in FORMATS if spacing >= least)
        locale = QLocale()
        return [locale.toString(QDateTime.fromSecsSinceEpoch(int(value)), pattern) for value in values]
