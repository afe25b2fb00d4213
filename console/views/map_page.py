"""The map page: a folium (Leaflet) map whose scripts all come from installed files, never a CDN.

folium's default page pulls Leaflet, jQuery, Bootstrap and fonts from public CDNs, which leaves
an empty grey box behind a corporate proxy. Here the page is built with only Leaflet (from the
xstatic-leaflet package), jQuery (xstatic-jquery) and the console's own script, all as local
files, and written to disk, so it also escapes QWebEngineView.setHtml's 2 MB limit. Only map
tiles come from the network, from a URL template the dispatcher can change in the settings; when
they cannot load, the markers still show on a plain background. Qt's own web channel script
(`qrc:`, built into Qt WebEngine) carries marker clicks back to the console.
"""

from __future__ import annotations

from pathlib import Path

import folium
import xstatic.pkg.jquery
import xstatic.pkg.leaflet

from console.errors import QT_TRANSLATE_NOOP
from console.resource_files import resource_dir

MOSCOW = (55.7522, 37.6156)
DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
WEB_CHANNEL_SCRIPT = "qrc:///qtwebchannel/qwebchannel.js"
TILE_PLACEHOLDERS = ("{z}", "{x}", "{y}")


def tile_url_problem(url: str) -> str | None:
    """Why a tile URL template cannot work (in English, for the settings dialog to translate), or None."""
    if not url.startswith(("https://", "http://")):
        return QT_TRANSLATE_NOOP("map_tiles", "The address must start with https:// or http://.")
    missing = [p for p in TILE_PLACEHOLDERS if p not in url]
    if missing:
        return QT_TRANSLATE_NOOP("map_tiles", "The address must contain {z}, {x} and {y}.")
    return None


def _file_url(path: Path) -> str:
    return path.resolve().as_uri()


def local_assets() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(scripts, stylesheets) as (name, file URL) pairs for folium's page header."""
    leaflet = Path(xstatic.pkg.leaflet.BASE_DIR)
    jquery = Path(xstatic.pkg.jquery.BASE_DIR)
    own = resource_dir() / "map"
    scripts = [
        ("leaflet", leaflet / "leaflet.js"),
        ("jquery", jquery / "jquery.min.js"),
        ("console_map", own / "console_map.js"),
    ]
    styles = [("leaflet_css", leaflet / "leaflet.css"), ("console_map_css", own / "console_map.css")]
    missing = [str(path) for _, path in scripts + styles if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"the map page's files are missing: {', '.join(missing)}")
    return [("qwebchannel", WEB_CHANNEL_SCRIPT)] + [(name, _file_url(path)) for name, path in scripts], [
        (name, _file_url(path)) for name, path in styles
    ]


def build_map_page(
    target: Path,
    center: tuple[float, float] = MOSCOW,
    zoom: int = 11,
    tiles: str = DEFAULT_TILES,
    attribution: str = DEFAULT_ATTRIBUTION,
) -> Path:
    """Write the map page to `target` and return it."""
    scripts, styles = local_assets()
    page = folium.Map(
        location=list(center),
        zoom_start=zoom,
        prefer_canvas=True,
        control_scale=False,
        tiles=tiles,
        attr=attribution or DEFAULT_ATTRIBUTION,
    )
    page.default_js = scripts
    page.default_css = styles
    root = page.get_root()
    assert isinstance(root, folium.Figure)
    # folium writes the map's own script after the figure's; attach once the whole page has run.
    attach = (
        f"document.addEventListener('DOMContentLoaded', () => window.consoleMap.attach({page.get_name()}));"
    )
    root.script.add_child(folium.Element(attach))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(root.render(), encoding="utf-8")
    return target
