"""Which of the files PyInstaller collected go into the bundle (used by dispatch-console.spec).

Qt WebEngine needs Qt Quick, and PyInstaller's QML hook then brings every QML module with the Qt
libraries behind them (3D, Multimedia, Charts, ...): about 200 MB the console never loads. What
stays is what the console's Qt modules and Qt's platform, image, print and TLS plugins link to,
plus the English and Russian Qt translations. installer/smoke_test.sh checks with ldd that every
Qt library left in a Linux bundle still finds the Qt libraries it links to.

Paths are the bundle's destinations split into parts, as PyInstaller names them on Linux
(PySide6/Qt/lib/libQt6Quick3D.so.6) and on Windows (PySide6\\Qt6Quick3D.dll).
"""

from __future__ import annotations

import re
from typing import Final

UNUSED_QT: Final = re.compile(
    r"qt6?(3d|quick3d|multimedia|spatialaudio|charts|datavisualization|graphs|location|sensors|scxml"
    r"|remoteobjects|texttospeech|virtualkeyboard|waylandcompositor|labs|quickcontrols2|quickdialogs2"
    r"|quicktimeline|quickparticles|quickshapes|quickvectorimage|quickeffects|quicktest|quicklayouts"
    r"|qmlcore|qmllocalstorage|qmlxmllistmodel|qmlnetwork|shadertools|pdf|webview|webenginequick"
    r"|statemachine|serialport|serialbus|websockets|sql|test|bluetooth|nfc|httpserver|concurrent"
    r"|positioningquick|quicktemplates2|webchannelquick)",
    re.IGNORECASE,
)
UNUSED_PLUGINS: Final = frozenset(
    {
        "qmltooling",
        "position",
        "sqldrivers",
        "multimedia",
        "sceneparsers",
        "renderers",
        "renderplugins",
        "geometryloaders",
        "texttospeech",
        "sensors",
        "canbus",
        "designer",
        "assetimporters",
        "qmllint",
        "webview",
        "virtualkeyboard",
    }
)
KEPT_TRANSLATION: Final = re.compile(r"(qt|qtbase|qtwebengine)_(en|ru)\.qm|(en-US|ru)\.pak")


def wanted(parts: tuple[str, ...]) -> bool:
    """Whether the file at the bundle path `parts` is kept."""
    if parts[0] != "PySide6":
        return True
    name = parts[-1]
    if "qml" in parts or UNUSED_QT.search(name) or "qpdf" in name:
        return False
    if "plugins" in parts[:-1] and parts[parts.index("plugins") + 1] in UNUSED_PLUGINS:
        return False
    if "translations" in parts[:-1]:
        return KEPT_TRANSLATION.fullmatch(name) is not None
    return True
