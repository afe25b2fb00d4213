"""Background work: answers arrive on the GUI thread, errors too, and a destroyed widget gets nothing."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from console.views.background import run_in_background, wait_for_background


class Receiver(QObject):
    got = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.results: list[tuple[object, str]] = []

    def take(self, result: object) -> None:
        self.results.append((result, threading.current_thread().name))
        self.got.emit()


def test_the_answer_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    receiver = Receiver()
    worker_names: list[str] = []

    def work() -> int:
        worker_names.append(threading.current_thread().name)
        return 42

    with qtbot.waitSignal(receiver.got, timeout=5_000):
        run_in_background(work, receiver.take)
    assert receiver.results == [(42, threading.main_thread().name)]
    assert worker_names and worker_names[0] != threading.main_thread().name


def test_an_error_is_handed_to_the_error_callback(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        raise LookupError("no such ticket")

    run_in_background(work, lambda _result: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert isinstance(errors[0], LookupError)


def test_a_destroyed_receiver_gets_nothing(qtbot: QtBot) -> None:
    receiver = Receiver()
    gate = threading.Event()
    run_in_background(lambda: gate.wait(5) and "late", receiver.take)
    shiboken6.delete(receiver)
    gate.set()
    assert wait_for_background(5_000)
    qtbot.wait(50)
    assert not shiboken6.isValid(receiver)
    assert receiver.results == []
