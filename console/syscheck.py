"""Before Qt starts: are the system libraries it needs present, and is there a screen to draw on?

Without them Qt aborts the process with a terse message (or none). This check runs `ldd` on the Qt
modules and the platform plugin the console will use, and turns every missing library into the
Debian/Ubuntu package that provides it, so the user knows the one command that fixes it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from console.errors import QT_TRANSLATE_NOOP

# soname -> Debian/Ubuntu package
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libnss3.so": "libnss3",
    "libnssutil3.so": "libnss3",
    "libsmime3.so": "libnss3",
    "libnspr4.so": "libnspr4",
    "libXcomposite.so.1": "libxcomposite1",
    "libXdamage.so.1": "libxdamage1",
    "libXrandr.so.2": "libxrandr2",
    "libXtst.so.6": "libxtst6",
    "libXfixes.so.3": "libxfixes3",
    "libXext.so.6": "libxext6",
    "libxkbfile.so.1": "libxkbfile1",
    "libxshmfence.so.1": "libxshmfence1",
    "libgbm.so.1": "libgbm1",
    "libdrm.so.2": "libdrm2",
    "libasound.so.2": "libasound2",
    "libexpat.so.1": "libexpat1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}


def _pyside_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    return Path(spec.origin).parent if spec and spec.origin else None


def platform_name() -> str:
    """The Qt platform plugin the console will start with."""
    explicit = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if explicit:
        return explicit
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return "wayland"
    return "xcb"


def missing_libraries() -> list[str]:
    """Sonames that Qt's modules or the platform plugin need and the system lacks (Linux only)."""
    pyside = _pyside_dir()
    ldd = shutil.which("ldd")
    if not sys.platform.startswith("linux") or pyside is None or ldd is None:
        return []
    plugin = {"xcb": "libqxcb.so", "wayland": "libqwayland.so", "offscreen": "libqoffscreen.so"}.get(
        platform_name(), "libqxcb.so"
    )
    targets = [
        *pyside.glob("QtWidgets*.so"),
        *pyside.glob("QtWebEngineWidgets*.so"),
        pyside / "Qt" / "lib" / "libQt6WebEngineCore.so.6",
        pyside / "Qt" / "plugins" / "platforms" / plugin,
    ]
    missing: list[str] = []
    for target in targets:
        if not target.exists():
            continue
        result = subprocess.run([ldd, str(target)], capture_output=True, text=True, check=False)
        for line in result.stdout.splitlines():
            if "not found" in line:
                name = line.split("=>")[0].strip()
                if name not in missing:
                    missing.append(name)
    return missing


def problems() -> list[str]:
    """What stops Qt from starting here, each as a sentence the user can act on; empty when all is well.

    Qt is not running yet, so these are printed in English; they are marked for translation so the
    installers' own messages can reuse them.
    """
    found: list[str] = []
    missing = missing_libraries()
    if missing:
        packages = sorted({PACKAGES.get(name, name) for name in missing})
        found.append(
            QT_TRANSLATE_NOOP(
                "startup",
                "Qt cannot start because these system libraries are missing: {libraries}.\n"
                "On Debian/Ubuntu install them with:\n    sudo apt-get install {packages}",
            ).format(libraries=", ".join(missing), packages=" ".join(packages))
        )
    if (
        sys.platform.startswith("linux")
        and platform_name() in ("xcb", "wayland")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        found.append(
            QT_TRANSLATE_NOOP(
                "startup",
                "No display was found (neither DISPLAY nor WAYLAND_DISPLAY is set). Start the console from a "
                "desktop session, or on a headless machine run it under a virtual screen: "
                "xvfb-run -a dispatch-console",
            )
        )
    return found
