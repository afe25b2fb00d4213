"""Where the map's tiles come from: a URL template and its attribution, kept in the settings.

A company may run its own tile server or have a licence for a commercial one; without network the
map still works, on a plain background.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.views.map_page import DEFAULT_ATTRIBUTION, DEFAULT_TILES, tile_url_problem

TILES_KEY = "map/tile_url"
ATTRIBUTION_KEY = "map/tile_attribution"


def tile_settings() -> tuple[str, str]:
    """(URL template, attribution) from the settings, OpenStreetMap when unset or unusable."""
    settings = QSettings()
    url = str(settings.value(TILES_KEY, DEFAULT_TILES) or DEFAULT_TILES)
    attribution = str(settings.value(ATTRIBUTION_KEY, DEFAULT_ATTRIBUTION) or DEFAULT_ATTRIBUTION)
    if tile_url_problem(url) is not None:
        return DEFAULT_TILES, DEFAULT_ATTRIBUTION
    return url, attribution


def _problem_text(problem: str) -> str:
    return QCoreApplication.translate("map_tiles", problem)


class MapTilesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("map_tiles_dialog")
        self.setWindowTitle(self.tr("Map tiles"))
        url, attribution = tile_settings()
        self.url = QLineEdit(url, self)
        self.url.setObjectName("tile_url")
        self.url.setMinimumWidth(420)
        self.url_error = QLabel(self)
        self.url_error.setObjectName("tile_url_error")
        self.url_error.setStyleSheet("color: #b91c1c;")
        self.url_error.hide()
        self.attribution = QLineEdit(attribution, self)
        self.attribution.setObjectName("tile_attribution")
        hint = QLabel(
            self.tr("A tile server address with {z}, {x} and {y}, e.g. %1").replace("%1", DEFAULT_TILES), self
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Tile address"), self.url)
        form.addRow("", self.url_error)
        form.addRow(self.tr("Attribution"), self.attribution)
        restore = QPushButton(self.tr("OpenStreetMap (default)"), self)
        restore.clicked.connect(self._restore)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(restore)
        layout.addWidget(buttons)

    def _restore(self) -> None:
        self.url.setText(DEFAULT_TILES)
        self.attribution.setText(DEFAULT_ATTRIBUTION)

    def save(self) -> bool:
        """Keep the settings and close; refuse next to the address when it cannot work."""
        url = self.url.text().strip()
        problem = tile_url_problem(url)
        if problem is not None:
            self.url_error.setText(_problem_text(problem))
            self.url_error.show()
            self.url.setFocus()
            return False
        settings = QSettings()
        settings.setValue(TILES_KEY, url)
        settings.setValue(ATTRIBUTION_KEY, self.attribution.text().strip() or DEFAULT_ATTRIBUTION)
        self.accept()
        return True
