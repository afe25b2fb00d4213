"""Run the benchmarks: `python benchmarks/run.py [PREFIX ...]`.

Every module in this folder may define `BENCHMARKS`, a list of `harness.Benchmark`. Those whose
names start with one of the given prefixes (all, when none is given) are run `runs` times each,
and one JSON object per figure is printed: {"name": ..., "value": <median>, "unit": ..., "runs": n}.
"""

from __future__ import annotations

import importlib
import json
import statistics
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Python puts this script's folder first on the path, where queue.py would shadow the standard
# library's queue module (urllib3, under folium, needs the real one); the modules are imported as
# `benchmarks.<name>` from the repository root instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import Benchmark  # noqa: E402

SKIP = {"run", "harness", "__init__"}


def discover() -> list[Benchmark]:
    found: list[Benchmark] = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.stem in SKIP:
            continue
        module = importlib.import_module(f"benchmarks.{path.stem}")
        found.extend(getattr(module, "BENCHMARKS", []))
    return found


def main(prefixes: list[str]) -> int:
    failed = 0
    for benchmark in discover():
        if prefixes and not any(benchmark.name.startswith(p) for p in prefixes):
            continue
        try:
            samples = [benchmark.measure() for _ in range(benchmark.runs)]
        except Exception:
            failed += 1
            print(f"{benchmark.name} failed:", file=sys.stderr)
            traceback.print_exc()
            continue
        median = statistics.median(samples)
        record = {
            "name": benchmark.name,
            "value": round(median, 3),
            "unit": benchmark.unit,
            "runs": len(samples),
        }
        print(json.dumps(record), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
