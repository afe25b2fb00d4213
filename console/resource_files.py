"""Where the console's resource files (map page scripts, icons, translations) are on this machine.

In a source checkout they are in the top-level `resources/` folder; an installed console carries
the same folder as the package `console._resources`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent / "resources"


def resource_dir() -> Path:
    if _CHECKOUT.is_dir():
        return _CHECKOUT
    return Path(str(resources.files("console._resources")))
