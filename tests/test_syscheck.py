"""The start-up check names missing system libraries by their Debian package, and a missing display."""

from __future__ import annotations

import subprocess
from types import SimpleNamespace

import pytest

from console import syscheck


def test_missing_libraries_become_an_apt_get_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    ldd_output = (
        "\tlibxcb-cursor.so.0 => not found\n"
        "\tlibEGL.so.1 => not found\n"
        "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)\n"
    )
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: SimpleNamespace(stdout=ldd_output, returncode=0))
    problems = syscheck.problems()
    assert len(problems) == 1
    assert "libxcb-cursor.so.0" in problems[0] and "libEGL.so.1" in problems[0]
    assert "sudo apt-get install libegl1 libxcb-cursor0" in problems[0]


def test_no_display_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(syscheck, "missing_libraries", lambda: [])
    problems = syscheck.problems()
    assert any("xvfb-run -a dispatch-console" in p for p in problems)


def test_offscreen_needs_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("DISPLAY", raising=False)
    assert syscheck.problems() == []
