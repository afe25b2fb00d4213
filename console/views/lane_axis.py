"""A left axis that names integer lanes (tickets on the timeline, technicians on the board)."""

from __future__ import annotations

import pyqtgraph as pg


class LaneAxis(pg.AxisItem):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__(orientation="left")
        self.labels: list[str] = []

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for value in values:
            lane = round(value)
            out.append(self.labels[lane] if abs(value - lane) < 1e-6 and 0 <= lane < len(self.labels) else "")
        return out
