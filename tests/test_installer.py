"""What the installers carry: the Qt files the bundle keeps on Linux and Windows, and the setup
script's version and paths, checked without building (the CI build and smoke test do the rest)."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path, PurePosixPath, PureWindowsPath
from types import ModuleType

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
# What the console's Qt modules link to (ldd of QtWebEngineWidgets, QtPrintSupport, QtSvg, ...).
NEEDED = (
    "Core",
    "Gui",
    "Widgets",
    "Network",
    "DBus",
    "OpenGL",
    "OpenGLWidgets",
    "PrintSupport",
    "Svg",
    "Positioning",
    "Qml",
    "QmlMeta",
    "QmlModels",
    "QmlWorkerScript",
    "Quick",
    "QuickWidgets",
    "WebChannel",
    "WebEngineCore",
    "WebEngineWidgets",
)
UNUSED = ("Quick3D", "3DRender", "Multimedia", "Charts", "Pdf", "QuickControls2", "VirtualKeyboard", "Sql")


@pytest.fixture(scope="module")
def contents() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle_contents", INSTALLER / "bundle_contents.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_linux_bundle_keeps_what_webengine_links_to_and_drops_unused_qt(contents: ModuleType) -> None:
    lib = Path(PySide6.__file__).parent / "Qt" / "lib"
    if not lib.is_dir():
        pytest.skip("PySide6 is not laid out as on Linux here")
    kept = {
        re.sub(r"^libQt6|\.so.*$", "", path.name)
        for path in lib.glob("libQt6*.so*")
        if contents.wanted(PurePosixPath("PySide6", "Qt", "lib", path.name).parts)
    }
    assert set(NEEDED) <= kept
    assert not kept & set(UNUSED)


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        *((rf"PySide6\Qt6{name}.dll", True) for name in NEEDED),
        *((rf"PySide6\Qt6{name}.dll", False) for name in UNUSED),
        (r"PySide6\QtWebEngineProcess.exe", True),
        (r"PySide6\QtWebEngineWidgets.pyd", True),
        (r"PySide6\QtTest.pyd", False),
        (r"PySide6\opengl32sw.dll", True),
        (r"PySide6\resources\qtwebengine_resources.pak", True),
        (r"PySide6\plugins\platforms\qwindows.dll", True),
        (r"PySide6\plugins\tls\qschannelbackend.dll", True),
        (r"PySide6\plugins\imageformats\qpdf.dll", False),
        (r"PySide6\plugins\qmltooling\qmldbg_tcp.dll", False),
        (r"PySide6\plugins\position\qtposition_nmea.dll", False),
        (r"PySide6\qml\QtQuick\Controls\qtquickcontrols2plugin.dll", False),
        (r"PySide6\translations\qtbase_ru.qm", True),
        (r"PySide6\translations\qtbase_de.qm", False),
        (r"PySide6\translations\qtwebengine_locales\ru.pak", True),
        (r"PySide6\translations\qtwebengine_locales\en-US.pak", True),
        (r"PySide6\translations\qtwebengine_locales\de.pak", False),
        (r"resources\translations\console_ru.qm", True),
        (r"console\store\migrations\versions\0011_audit_log.py", True),
    ],
)
def test_the_windows_bundle_keeps_and_drops_the_same(contents: ModuleType, path: str, kept: bool) -> None:
    assert contents.wanted(PureWindowsPath(path).parts) is kept


def test_the_setup_program_installs_this_version_of_the_bundle() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    script = (INSTALLER / "dispatch-console.iss").read_text(encoding="utf-8")
    spec = (INSTALLER / "dispatch-console.spec").read_text(encoding="utf-8")
    assert f'#define AppVersion "{version}"' in script
    assert 'name="dispatch-console"' in spec
    assert r'Source: "..\dist\dispatch-console\*"' in script
    assert '#define AppExe "dispatch-console.exe"' in script
    assert (ROOT / "resources" / "icons" / "dispatch-console.ico").is_file()
