"""Running slow work off the GUI thread and getting the answer back on it.

`run_in_background(fn, on_done, on_error)` runs `fn()` on Qt's global thread pool; `on_done(result)`
or `on_error(exception)` is then called on the GUI thread. The GUI thread never waits. When
`on_done` is a method of a widget (any QObject) that has been destroyed by the time the answer
comes, the answer is dropped instead of reaching a dead object.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # the error is handed to the GUI thread, not lost in the pool
            log.debug("background task failed", exc_info=True)
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


_pending: set[_Relay] = set()


def _log_error(exc: BaseException) -> None:
    log.error("background task failed: %s", exc, exc_info=exc)


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run `work` on the thread pool; deliver its result or its exception on the GUI thread."""
    relay = _Relay()
    _pending.add(relay)
    owner = getattr(on_done, "__self__", None)

    def alive() -> bool:
        return not isinstance(owner, QObject) or shiboken6.isValid(owner)

    def finish(result: object) -> None:
        _pending.discard(relay)
        if alive():
            on_done(result)

    def fail(exc: object) -> None:
        _pending.discard(relay)
        if alive():
            (on_error or _log_error)(exc)  # type: ignore[arg-type]

    relay.done.connect(finish)
    relay.failed.connect(fail)
    task = _Task(work, relay)
    task.setAutoDelete(True)
    QThreadPool.globalInstance().start(task)


def wait_for_background(timeout_ms: int = 30_000) -> bool:
    """Block until the pool is idle (for shutdown and tests); True if it became idle in time."""
    return bool(QThreadPool.globalInstance().waitForDone(timeout_ms))
