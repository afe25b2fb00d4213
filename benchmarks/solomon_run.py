"""Run every Solomon instance through `dispatch-console optimize solomon` and tabulate against the references.

    python -m benchmarks.solomon_run run --seconds 30      # one instance at a time -> results-30s.jsonl
    python -m benchmarks.solomon_run table --seconds 30    # Markdown table for benchmarks/solomon/README.md
    python -m benchmarks.solomon_run table --seconds 30 --baseline OTHER.jsonl  # with a second run

Each instance runs in its own process, exactly as a user would run the command, one after another.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "solomon"
INSTANCES = Path(__file__).resolve().parent / "solomon" / "instances"
TARGET_GAP_PCT = 1.0


def results_path(seconds: float) -> Path:
    return HERE / f"results-{seconds:g}s.jsonl"


def run(seconds: float, seed: int, names: list[str]) -> None:
    """Solve each instance in turn, appending one JSON line per instance (a failed run is recorded too)."""
    files = [INSTANCES / f"{name}.txt" for name in names] or sorted(INSTANCES.glob("*.txt"))
    with results_path(seconds).open("w", encoding="utf-8") as out:
        for path in files:
            command = [sys.executable, "-m", "console", "optimize", "solomon", str(path)]
            done = subprocess.run(
                [*command, "--seconds", f"{seconds:g}", "--seed", str(seed)], capture_output=True, text=True
            )
            line = done.stdout.strip() or json.dumps(
                {"instance": path.stem, "error": done.stderr.strip()[-300:], "feasible": False}
            )
            out.write(line + "\n")
            out.flush()
            print(line, flush=True)


def _gap(distance: float, reference: float) -> float:
    return 100 * (distance - reference) / reference


def table(seconds: float, baseline: Path | None = None) -> str:
    """The comparison table: ours against best_known.csv, gap in percent of the reference; with a
    `baseline` results file, its distance and gap as two more columns."""
    with (HERE / "best_known.csv").open(encoding="utf-8") as handle:
        references = {row["instance"]: row for row in csv.DictReader(handle)}
    rows = [json.loads(line) for line in results_path(seconds).read_text(encoding="utf-8").splitlines()]
    before = {}
    if baseline is not None:
        lines = baseline.read_text(encoding="utf-8").splitlines()
        before = {row["instance"]: row for row in map(json.loads, lines)}
    extra = " baseline | gap % |" if before else ""
    lines = [
        f"| instance | vehicles | distance | reference | ref. vehicles | gap % | feasible |{extra}",
        "|---|---:|---:|---:|---:|---:|:---:|" + ("---:|---:|" if before else ""),
    ]
    gaps: list[float] = []
    for row in rows:
        reference = references[row["instance"]]
        known = float(reference["distance"])
        gap = _gap(row["distance"], known) if "distance" in row else math.nan
        gaps.append(gap)
        line = (
            f"| {row['instance']} | {row.get('vehicles', '')} | {row.get('distance', '')} | "
            f"{reference['distance']} | {reference['vehicles']} | {gap:+.2f} | "
            f"{'yes' if row['feasible'] else 'NO'} |"
        )
        if before:
            old = before[row["instance"]]
            line += f" {old['distance']} | {_gap(old['distance'], known):+.2f} |"
        lines.append(line)
    within = sum(gap <= TARGET_GAP_PCT for gap in gaps)
    feasible = sum(bool(row["feasible"]) for row in rows)
    lines.append("")
    lines.append(
        f"{len(rows)} instances, {feasible} feasible, {within} within {TARGET_GAP_PCT:g} % of the reference; "
        f"mean gap {sum(gaps) / max(len(gaps), 1):+.2f} %, worst {max(gaps, default=0):+.2f} %."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("run", "table"))
    parser.add_argument("instances", nargs="*", help="instance names (default: all in the folder)")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--baseline", type=Path, help="table: another results file to compare with")
    args = parser.parse_args()
    if args.action == "run":
        run(args.seconds, args.seed, args.instances)
    else:
        print(table(args.seconds, args.baseline))


if __name__ == "__main__":
    main()
