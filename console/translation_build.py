"""The translations' build step: `python -m console.translation_build`.

Refreshes the Qt Linguist sources in `resources/translations/` from the code (`pyside6-lupdate`:
new texts are added as unfinished, texts no longer in the code are dropped, translations of
unchanged texts are kept) and compiles each into the `.qm` file the console loads
(`pyside6-lrelease`). Run it after changing any user-visible text, translate what it marks
unfinished (Qt Linguist: `pyside6-linguist resources/translations/console_ru.ts`), and run it again;
the tests refuse unfinished or missing translations and a `.qm` older than its source.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent
SOURCES: Final = ROOT / "console"
TRANSLATIONS: Final = ROOT / "resources" / "translations"
LANGUAGES: Final = ("ru",)


def source_files() -> list[Path]:
    """The modules whose texts are translated (migrations hold none)."""
    return sorted(p for p in SOURCES.rglob("*.py") if "migrations" not in p.parts)


def tool(name: str) -> str:
    """The path of a PySide6 tool (`pyside6-lupdate`), next to this Python or on the PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not installed (it comes with PySide6)")
    return found


def update_sources(ts_files: list[Path]) -> None:
    """Bring each `.ts` file up to date with the texts in the code."""
    for ts in ts_files:
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                *map(str, source_files()),
                "-no-obsolete",
                "-locations",
                "none",
                "-ts",
                str(ts),
            ],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )


def compile_sources(ts_files: list[Path]) -> list[Path]:
    """Compile each `.ts` file into its `.qm` beside it; returns the `.qm` files."""
    made = []
    for ts in ts_files:
        qm = ts.with_suffix(".qm")
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)
        made.append(qm)
    return made


def main() -> int:
    ts_files = [TRANSLATIONS / f"console_{language}.ts" for language in LANGUAGES]
    update_sources(ts_files)
    for qm in compile_sources(ts_files):
        print(f"{qm.relative_to(ROOT)}: {qm.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
