"""`dispatch-console optimize solomon`: one JSON line, exit 0 when feasible, 2 for a file it cannot read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from console.cli import main

SOLOMON = Path(__file__).resolve().parents[1] / "benchmarks" / "solomon" / "instances"


def test_prints_one_json_line(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["optimize", "solomon", str(SOLOMON / "C101.txt"), "--seconds", "1", "--seed", "2"])
    lines = capsys.readouterr().out.splitlines()
    assert status == 0
    assert len(lines) == 1
    summary = json.loads(lines[0])
    assert summary["instance"] == "C101"
    assert summary["feasible"] is True
    assert summary["vehicles"] <= 25
    assert summary["distance"] > 0
    assert set(summary) == {"instance", "vehicles", "distance", "feasible", "seconds"}


def test_bad_row_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = (SOLOMON / "C101.txt").read_text().splitlines()
    broken_at = next(n for n, line in enumerate(lines) if line.split()[:1] == ["5"])
    lines[broken_at] = "    5        42        sixty-five  10        15        67        90"
    path = tmp_path / "broken.txt"
    path.write_text("\n".join(lines))
    status = main(["optimize", "solomon", str(path), "--seconds", "1"])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert f"line {broken_at + 1}:" in captured.err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["optimize", "solomon", str(tmp_path / "none.txt"), "--seconds", "1"])
    assert status == 2
    assert "none.txt" in capsys.readouterr().err
