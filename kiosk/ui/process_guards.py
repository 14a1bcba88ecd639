"""What ends a running kiosk from outside its own window, and how it ends.

A kiosk runs for weeks with nobody watching; whatever stops it must stop it in a
way its supervisor (systemd, or the autostart loop, see ``kiosk.autostart``) can
act on, and the log must say why:

- ``StopSignals``: SIGTERM and SIGINT (``systemctl stop``, Ctrl+C) end it like
  staff closing it, exit 0; SIGHUP ends it the same way with exit 129, which a
  supervisor answers by starting it again (so ``kill -HUP`` re-reads the settings,
  the PIN and the pack).
- ``LoopWatchdog``: an event loop that has not turned for a while (a frozen UI)
  ends the process with ``EXIT_FROZEN`` at once, without a clean-up that could
  hang too.
- ``WindowGoneWatch``: a window that the X server destroyed (another program
  closed it) ends the kiosk with ``EXIT_WINDOW_GONE`` instead of leaving a
  process with nothing on screen.

Each non-zero code makes the supervisor start the kiosk again.
"""

from __future__ import annotations

import faulthandler
import logging
import math
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QObject,
    QSocketNotifier,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from shiboken6 import VoidPtr

log = logging.getLogger(__name__)

# Exit codes of ``kiosk run`` beyond the command line's own (0, 1, 2, 3).
EXIT_FROZEN = 4  # the event loop stopped turning (LoopWatchdog)
EXIT_WINDOW_GONE = 5  # the window was destroyed from outside (WindowGoneWatch)
EXIT_HANGUP = 129  # 128 + SIGHUP (1), as a shell reports a process ended by SIGHUP

# What each stop signal makes ``kiosk run`` exit with.
STOP_SIGNALS: dict[int, int] = {signal.SIGTERM: 0, signal.SIGINT: 0}
if hasattr(signal, "SIGHUP"):
    STOP_SIGNALS[signal.SIGHUP] = EXIT_HANGUP


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class StopSignals(QObject):
    """Delivers SIGTERM, SIGINT and SIGHUP to the Qt event loop as ``received``.

    Python runs a signal handler only between two bytecodes of the main thread,
    which Qt's event loop holds for as long as nothing happens. So the signal's
    number also goes down a pipe (``signal.set_wakeup_fd``), and a socket notifier
    on the pipe wakes the loop. A signal that came before the loop started waits
    in the pipe.
    """

    received = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        self._previous_wakeup = signal.set_wakeup_fd(self._write, warn_on_full_buffer=False)
        # A Python handler must be set for the wakeup byte to be written at all; the
        # work happens in _drain, inside the event loop.
        self._previous_handlers = {
            number: signal.signal(number, _wake_only) for number in STOP_SIGNALS
        }
        self._notifier = QSocketNotifier(self._read, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    @classmethod
    def install(cls) -> StopSignals | None:
        """Take over the stop signals; None where that cannot be done here."""
        if os.name != "posix" or threading.current_thread() is not threading.main_thread():
            return None
        return cls()

    def _drain(self) -> None:
        try:
            data = os.read(self._read, 64)
        except BlockingIOError:
            return
        for number in data:
            if number in STOP_SIGNALS:
                self.received.emit(number)

    def uninstall(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_wakeup)
        for number, handler in self._previous_handlers.items():
            # None: a handler set outside Python, which cannot be put back from here.
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        os.close(self._read)
        os.close(self._write)


def _wake_only(number: int, frame: object) -> None:
    """The Python side of a stop signal: nothing, the wakeup pipe carries it."""


class LoopWatchdog:
    """Ends the process when the Qt event loop has not turned for ``seconds``.

    A timer in the loop beats; a thread checks the beats. When they stop, the
    thread logs what the main thread was doing, flushes the log and leaves with
    ``os._exit`` (no clean-up: it would run in the frozen loop). A freeze that
    also holds Python's interpreter lock (a C extension that never lets go)
    starves that thread too, so ``faulthandler``'s own C thread backs it up after
    1.5 to 2 times as long: it writes the stacks to stderr and exits with 1.
    """

    def __init__(
        self, seconds: float, on_frozen: Callable[[float, str], None] | None = None
    ) -> None:
        self.seconds = seconds
        self.longest_gap = 0.0  # the longest time between two beats so far
        # Beats often enough that a loop merely busy for a moment never comes close.
        self._beat_ms = max(50, min(2000, round(seconds * 1000 / 10)))
        self._last_beat: float | None = None  # set by start()
        self._backstop_armed_at = -math.inf
        self._on_frozen = on_frozen or _exit_frozen
        self._stopped = threading.Event()
        self._timer = QTimer()
        self._timer.setObjectName("loop-watchdog-beat")
        self._timer.setInterval(self._beat_ms)
        self._timer.timeout.connect(self._beat)
        self._thread = threading.Thread(target=self._watch, name="loop-watchdog", daemon=True)
        self._main_thread_id = threading.main_thread().ident

    def start(self) -> None:
        """Start watching; call it right before the event loop runs."""
        self._beat()
        self._timer.start()
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._timer.stop()
        faulthandler.cancel_dump_traceback_later()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _beat(self) -> None:
        now = time.monotonic()
        if self._last_beat is not None:
            self.longest_gap = max(self.longest_gap, now - self._last_beat)
        self._last_beat = now
        if now - self._backstop_armed_at >= self.seconds / 2:
            # Not at every beat: re-arming waits for faulthandler's previous thread to
            # end, a few milliseconds of the main thread each time. So the backstop
            # fires after 1.5 to 2 times the watchdog's time.
            self._backstop_armed_at = now
            # Straight to file descriptor 2: sys.stderr may be a stand-in with no file.
            faulthandler.dump_traceback_later(self.seconds * 2, exit=True, file=_STDERR_FD)

    def _watch(self) -> None:
        check = self._beat_ms / 1000
        while not self._stopped.wait(check):
            last = self._last_beat
            if last is None:
                continue
            stalled = time.monotonic() - last
            if stalled > self.seconds and not self._stopped.is_set():
                self._on_frozen(stalled, self._main_thread_stack())
                return

    def _main_thread_stack(self) -> str:
        frame = sys._current_frames().get(self._main_thread_id or 0)
        return "".join(traceback.format_stack(frame)) if frame is not None else "(unknown)\n"


_STDERR_FD = 2


def _exit_frozen(stalled: float, stack: str) -> None:
    """Log why, then end the process at once with EXIT_FROZEN."""

    def report() -> None:
        log.critical(
            "the window has not responded for %.0f s (the event loop is stuck); "
            "ending the kiosk with exit code %d so that it is started again. "
            "The main thread was at:\n%s",
            stalled,
            EXIT_FROZEN,
            stack.rstrip(),
        )
        for handler in logging.getLogger().handlers:
            handler.flush()

    # Logging takes each handler's lock, which the frozen thread may hold (stuck
    # writing to a full pipe, say): report from a thread of its own, and go even
    # if it never returns.
    reporter = threading.Thread(target=report, name="watchdog-report", daemon=True)
    reporter.start()
    reporter.join(timeout=5)
    os._exit(EXIT_FROZEN)


# X11's DestroyNotify event code (xproto.h); the server's own events have the high
# bit clear (another client's SendEvent sets it).
_XCB_DESTROY_NOTIFY = 17


class WindowGoneWatch(QAbstractNativeEventFilter):
    """Calls ``on_gone`` when the X server destroys ``window``'s native window.

    Qt itself carries on without noticing: the window is merely "not exposed",
    nothing is drawn, and nothing fails. The X server tells every client that
    selected structure events on the window (Qt does) with a DestroyNotify, read
    here from Qt's raw event stream. Only on X11 (the xcb platform).
    """

    def __init__(self, window: QWidget, on_gone: Callable[[], None]) -> None:
        super().__init__()
        self._window = window
        self._window_id = int(window.winId())
        self._on_gone = on_gone
        self._gone = False

    @classmethod
    def install(cls, window: QWidget, on_gone: Callable[[], None]) -> WindowGoneWatch | None:
        app = QCoreApplication.instance()
        if app is None or QGuiApplication.platformName() != "xcb":
            return None
        watch = cls(window, on_gone)
        app.installNativeEventFilter(watch)
        return watch

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeNativeEventFilter(self)

    def nativeEventFilter(
        self, eventType: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> object:
        if (
            self._gone
            or bytes(eventType.data() if isinstance(eventType, QByteArray) else eventType)
            != b"xcb_generic_event_t"
        ):
            return False, 0
        # xcb_destroy_notify_event_t: response_type (byte 0), ..., window (bytes 8-11).
        event = _read_memory(int(message), 12)
        if (
            event[0] == _XCB_DESTROY_NOTIFY
            and int.from_bytes(event[8:12], sys.byteorder) == self._window_id
            and self._window.isVisible()
        ):  # not Qt's own clean-up after a close
            self._gone = True
            self._on_gone()
        return False, 0


def _read_memory(address: int, size: int) -> bytes:
    # The stub of VoidPtr lacks its size argument and toBytes().
    pointer: Any = VoidPtr(address, size)  # type: ignore[call-arg]
    return bytes(pointer.toBytes())
