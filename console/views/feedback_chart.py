"""The client's feedback trend: average score per month as a small bar chart (1-5 scale)."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from console.services.client_overview import MonthFeedback
from console.views.labels import month_text

LOW_SCORE = 3.5


class FeedbackChart(pg.PlotWidget):  # type: ignore[misc]
    """One bar item per colour (good months green, weak months amber), not one item per bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setObjectName("feedback_chart")
        self.setBackground(None)
        self.setFixedHeight(84)
        self.setMinimumWidth(160)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMenuEnabled(False)
        plot = self.getPlotItem()
        plot.setYRange(0, 5, padding=0)
        plot.getAxis("left").setTicks([[(1, "1"), (3, "3"), (5, "5")]])
        plot.getAxis("left").setWidth(18)
        self.months: list[MonthFeedback] = []
        self._good = pg.BarGraphItem(x=[], height=[], width=0.7, brush="#40c057", pen=None)
        self._weak = pg.BarGraphItem(x=[], height=[], width=0.7, brush="#fab005", pen=None)
        self.addItem(self._good)
        self.addItem(self._weak)

    def show_months(self, months: Sequence[MonthFeedback]) -> None:
        self.months = list(months)
        good = [(i, m.average) for i, m in enumerate(self.months) if m.average >= LOW_SCORE]
        weak = [(i, m.average) for i, m in enumerate(self.months) if m.average < LOW_SCORE]
        for item, bars in ((self._good, good), (self._weak, weak)):
            item.setOpts(x=[x for x, _ in bars], height=[h for _, h in bars])
        locale = QLocale()
        ticks = [(i, month_text(m.month, QLocale.FormatType.ShortFormat)) for i, m in enumerate(self.months)]
        step = max(1, len(ticks) // 6)
        self.getPlotItem().getAxis("bottom").setTicks([ticks[::step], ticks])
        self.getPlotItem().setXRange(-0.6, max(len(self.months), 3) - 0.4, padding=0)
        self.setToolTip(
            "\n".join(
                f"{month_text(m.month)}: {locale.toString(m.average, 'f', 1)} ({m.count})"
                for m in self.months
            )
        )

    def bar_heights(self) -> list[float]:
        """The bars drawn, month by month (for tests and accessibility)."""
        heights: dict[int, float] = {}
        for item in (self._good, self._weak):
            heights.update(zip(item.opts["x"], item.opts["height"], strict=True))
        return [heights[i] for i in sorted(heights)]
