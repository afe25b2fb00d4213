"""Where the console's resource files (map page scripts, icons, translations) are on this machine.

In a source checkout they are in the top-level `resources/` folder; an installed console carries
the same folder as `console/_resources` (a data-only package, so it has no `__init__.py`).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent / "resources"


def resource_dir() -> Path:
    if _CHECKOUT.is_dir():
        return _CHECKOUT
    spec = importlib.util.find_spec("console._resources")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the console's resources are not installed (console/_resources is missing)")
    return Path(next(iter(spec.submodule_search_locations)))
