"""Start the kiosk: a window on screen playing one pack, until it is closed.

Start-up order, each step only once the one before it has succeeded:

1. Parse arguments: ``kiosk.cli`` (``kiosk run``) turns the command line into
   ``RunOptions``.
2. Load and validate the pack: ``kiosk.pack.load_pack``, still without Qt, so a
   broken pack is reported on the terminal before any window opens.
3. Create the QApplication (or reuse the one that exists), route Qt's messages
   and uncaught exceptions to the log, load the bundled fonts.
   With a log folder, also log to a rotating file there (its path goes to stderr).
4. Build the window: a ``Player`` for the pack and a ``KioskWindow`` that has
   its first slide built before it is shown.
5. Run: show the window, start autoplay, run the event loop until the window
   closes; the exit code is returned to the CLI. After the first frame, the
   background duties start: the pack watcher, the status file and the screenshot
   (for ``kiosk status``), and asking the desktop not to blank the screen. While
   it runs, ``kiosk.ui.process_guards`` ends it on a stop signal, a frozen event
   loop or a window destroyed from outside, each with its own exit code.

Importing this module does not import Qt, so the CLI can build ``RunOptions``
cheaply; Qt and the window are imported in ``run_kiosk``. What the first slide
does not need (other slide kinds, the export code) is imported later, by whoever
needs it.

``KIOSK_EXIT_AFTER_FIRST_PAINT=1`` in the environment makes ``run_kiosk`` write
``kiosk-first-paint <time.monotonic()>`` on stdout right after the first frame
is painted and quit with 0: the benchmark's measure of start-up time.
"""

from __future__ import annotations

import functools
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.options import Mode

if TYPE_CHECKING:
    # Type names only: a restart paints its remembered first frame before the pack
    # (and YAML) is even imported.
    from PySide6.QtWidgets import QApplication

    from kiosk.pack.model import Pack
    from kiosk.pin import PinGate
    from kiosk.ui.first_frame import FirstFrameCover, FirstFrameKeeper
    from kiosk.ui.logging_setup import ErrorCounter
    from kiosk.ui.player import Player
    from kiosk.ui.reload import PackWatcher
    from kiosk.ui.screensaver import ScreenSaverInhibitor
    from kiosk.ui.screenshot import ScreenshotKeeper
    from kiosk.ui.status_reporter import StatusReporter
    from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

FIRST_PAINT_ENV = "KIOSK_EXIT_AFTER_FIRST_PAINT"
FIRST_PAINT_MARK = "kiosk-first-paint"
APPLICATION_NAME = "awareness-kiosk"
INHIBIT_REASON = "showing an awareness slideshow"
# A window whose event loop has not turned for this long is frozen: the process
# ends so that its supervisor starts it again (kiosk.ui.process_guards).
DEFAULT_WATCHDOG_SECONDS = 30.0


@dataclass(frozen=True)
class RunOptions:
    """What ``kiosk run`` asks for; everything but the pack has a default."""

    pack: Pack
    screen: int | None = None  # index into QGuiApplication.screens(); None = primary
    windowed: tuple[int, int] | None = None  # (width, height): a preview window
    language: str | None = None  # None = the pack's default language
    slide_seconds: float | None = None  # overrides every slide's duration
    mode: Mode = Mode.EVENT  # event: nobody touches it | touch: visitors drive it
    watch: bool = True  # reload the pack when its folder changes
    # A change must stay still this long before it is loaded (a copy in progress);
    # the periodic check catches what the file watcher misses (network folders).
    settle_ms: int = 1500
    poll_ms: int = 2000
    lock: bool = False  # nothing a visitor does ends the app; staff leave with the PIN
    pin_hash: str | None = None  # the stored staff PIN (kiosk.pin); needed when locked
    idle_seconds: float | None = None  # None: the pack's timing.idle_seconds
    high_contrast: bool = False
    large_text: bool = False
    reduced_motion: bool = False  # instant cuts instead of transitions
    log_dir: Path | None = None  # also log to a rotating file here
    keep_screen_on: bool | None = None  # ask the desktop not to blank; None: when full screen
    # The last run's first frame (kiosk.ui.first_frame): the key of what this run
    # will show first, and the window already showing it, if there was a match.
    first_frame_key: str | None = None
    first_frame_look: Mapping[str, object] | None = None  # what went into the key
    first_frame_cover: FirstFrameCover | None = None
    # End the process when the event loop stops turning for this long; None: never.
    watchdog_seconds: float | None = DEFAULT_WATCHDOG_SECONDS

    @property
    def inhibits_screensaver(self) -> bool:
        if self.keep_screen_on is None:
            return self.windowed is None
        return self.keep_screen_on


def run_kiosk(options: RunOptions) -> int:
    """Show the pack in the kiosk window and run until it closes; the exit code."""
    from kiosk.ui.logging_setup import configure_logging, install_error_funnel, route_qt_messages

    configure_logging()
    log_file: Path | None = None
    file_handler: logging.Handler | None = None
    if options.log_dir is not None:
        from kiosk.ui.logging_setup import add_log_file

        added = add_log_file(options.log_dir)
        if added is not None:
            file_handler, log_file = added
            sys.stderr.write(f"kiosk: logging to {log_file}\n")
            sys.stderr.flush()
    guard_against_pyside_refcount_bug()
    restore_excepthook = install_error_funnel()
    try:
        app = _application()
        restore_qt_messages = route_qt_messages()
        try:
            code = _run(app, options, log_file)
            log.info("stopped (exit code %d)", code)
            return code
        finally:
            restore_qt_messages()
    finally:
        restore_excepthook()
        if file_handler is not None:
            from kiosk.ui.logging_setup import remove_log_handler

            remove_log_handler(file_handler)


def _run(app: QApplication, options: RunOptions, log_file: Path | None = None) -> int:
    """Run the event loop until something ends it; every way out goes through
    ``RunningKiosk.stop()``, but a frozen loop (which cannot run it)."""
    from PySide6.QtCore import QTimer

    from kiosk.ui.process_guards import (
        EXIT_WINDOW_GONE,
        STOP_SIGNALS,
        LoopWatchdog,
        StopSignals,
        WindowGoneWatch,
        signal_name,
    )

    def end(code: int, why: str, level: int = logging.INFO) -> None:
        log.log(level, "stopping: %s (exit code %d)", why, code)
        # From the loop itself: an exit() asked for before exec() runs is lost.
        QTimer.singleShot(0, lambda: app.exit(code))

    # Taken before the window is built: a signal that comes while it is built
    # waits in the pipe and ends the kiosk as soon as the loop runs.
    signals = StopSignals.install()
    if signals is not None:
        signals.received.connect(
            lambda number: end(STOP_SIGNALS[number], f"received {signal_name(number)}")
        )
    watchdog = LoopWatchdog(options.watchdog_seconds) if options.watchdog_seconds else None
    window_watch: WindowGoneWatch | None = None
    kiosk: RunningKiosk | None = None
    try:
        kiosk = start_kiosk(options, log_file=log_file)
        window_watch = WindowGoneWatch.install(
            kiosk.window,
            lambda: end(
                EXIT_WINDOW_GONE,
                "the window was destroyed from outside (by the X server or "
                "another program); starting again brings it back",
                logging.ERROR,
            ),
        )
        if watchdog is not None:
            watchdog.start()
        return app.exec()
    finally:
        if kiosk is not None:
            kiosk.stop()
        if window_watch is not None:
            window_watch.uninstall()
        if watchdog is not None:
            watchdog.stop()
            log.info(
                "the event loop's longest pause: %.1f s (the watchdog allows %g s)",
                watchdog.longest_gap,
                watchdog.seconds,
            )
        if signals is not None:
            signals.uninstall()


@dataclass
class RunningKiosk:
    """The pieces of a running kiosk, for the event loop (and tests) to hold."""

    player: Player
    window: KioskWindow
    background: BackgroundDuties
    errors: ErrorCounter | None = None
    keeper: FirstFrameKeeper | None = None

    def stop(self) -> None:
        if self.keeper is not None:
            # A kiosk stopped right after its first frame still leaves that frame.
            self.keeper.finish_writing()
        self.background.stop()
        self.player.stop()
        self.window.shutdown()  # a locked window too: the app is ending
        self.window.deleteLater()
        if self.errors is not None:
            self.errors.remove()


def start_kiosk(options: RunOptions, *, log_file: Path | None = None) -> RunningKiosk:
    """Build the window for ``options``, show it and start playing (needs a QApplication).

    ``log_file`` is only shown to staff (on the PIN pad), with the number of
    errors logged from now on.
    """
    from PySide6.QtCore import QTimer

    from kiosk.ui.logging_setup import ErrorCounter
    from kiosk.ui.player import Player
    from kiosk.ui.window import KioskWindow

    if options.lock and options.pin_hash is None:
        raise ValueError("a locked kiosk needs a staff PIN (kiosk set-pin)")
    _load_bundled_fonts()
    errors = ErrorCounter().install()
    player = Player(
        options.pack,
        language=options.language,
        slide_seconds=options.slide_seconds,
        mode=options.mode,
        idle_seconds=options.idle_seconds,
    )
    gate: PinGate | None = None
    if options.lock and options.pin_hash:
        from kiosk.pin import PinGate  # hashing: only a locked kiosk checks PINs

        gate = PinGate(options.pin_hash)
    window = KioskWindow(
        player,
        screen=options.screen,
        windowed=options.windowed,
        lock=options.lock,
        pin_gate=gate,
        reduced_motion=options.reduced_motion,
        high_contrast=options.high_contrast,
        large_text=options.large_text,
        error_count=lambda: errors.count,
        log_file=log_file,
    )
    log.info(
        "playing %r (%d slides, language %s, %s mode%s)",
        options.pack.text(options.pack.title, player.language),
        player.count,
        player.language,
        player.mode,
        ", locked" if options.lock else "",
    )
    window.present()
    player.start()
    if reports_first_paint():
        # Connected first: the time to report is the frame's, not that of the slots
        # after it (the keeper below grabs the frame again to store it).
        window.first_frame_painted.connect(_report_first_paint_and_quit)
    keeper: FirstFrameKeeper | None = None
    if options.first_frame_key is not None:
        from kiosk.frame_key import frame_key
        from kiosk.ui.first_frame import FirstFrameKeeper

        look = options.first_frame_look or {}
        folder = options.pack.root
        keeper = FirstFrameKeeper(
            window,
            options.first_frame_key,
            options.first_frame_cover,
            rekey=lambda: frame_key(folder, look),
        )
        window.first_frame_painted.connect(keeper.on_first_frame)
    background = BackgroundDuties(player, options, window=window, error_count=lambda: errors.count)
    # Once the first frame is on screen, not before: nothing here is needed to show
    # it, and asking D-Bus to keep the screen on can take a while.
    window.first_frame_painted.connect(lambda: QTimer.singleShot(0, background.start))
    return RunningKiosk(player, window, background, errors, keeper)


def show_first_frame(
    key: str, *, screen: int | None, windowed: tuple[int, int] | None
) -> FirstFrameCover | None:
    """Paint the first frame kept for ``key`` (``kiosk.frame_key``) now, if there is one.

    Creates the QApplication. The cover is on screen when this returns: the rest of
    start-up (loading the pack, building the window) happens behind it.
    """
    from kiosk.ui.first_frame import show_cover

    _application()
    return show_cover(key, screen_index=screen, windowed=windowed)


class BackgroundDuties:
    """Watching the pack folder, keeping the status file and the screenshot, and keeping
    the screen on, started after the first frame.

    ``window`` is what the screenshot shows; ``error_count`` (errors logged since
    start) goes into the status.
    """

    def __init__(
        self,
        player: Player,
        options: RunOptions,
        *,
        window: KioskWindow | None = None,
        error_count: Callable[[], int] | None = None,
    ) -> None:
        self._player = player
        self._options = options
        self._window = window
        self._error_count = error_count
        self.watcher: PackWatcher | None = None
        self.reporter: StatusReporter | None = None
        self.screenshots: ScreenshotKeeper | None = None
        self.inhibitor: ScreenSaverInhibitor | None = None
        self._stopped = False

    def start(self) -> None:
        if self._stopped:
            return
        from kiosk.ui.reload import PackWatcher
        from kiosk.ui.status_reporter import StatusReporter

        if self._options.inhibits_screensaver:
            from kiosk.ui.screensaver import ScreenSaverInhibitor

            self.inhibitor = ScreenSaverInhibitor(APPLICATION_NAME, INHIBIT_REASON)
            self.inhibitor.inhibit()

        folder = self._options.pack.root
        self.reporter = StatusReporter(
            self._player, folder, self._options.mode, error_count=self._error_count
        )
        self.reporter.start()
        if self._window is not None:
            from kiosk.ui.screenshot import ScreenshotKeeper

            self.screenshots = ScreenshotKeeper(self._window)
            self.screenshots.start()
        if self._options.watch:
            self.watcher = PackWatcher(
                folder, settle_ms=self._options.settle_ms, poll_ms=self._options.poll_ms
            )
            self.watcher.pack_loaded.connect(self._player.queue_pack)
            self.watcher.pack_loaded.connect(self.reporter.reload_succeeded)
            self.watcher.pack_failed.connect(self.reporter.reload_failed)
            self.watcher.start()
            log.info("watching %s for changes", folder)

    def stop(self) -> None:
        self._stopped = True
        if self.watcher is not None:
            self.watcher.stop()
        if self.screenshots is not None:
            self.screenshots.stop()
        if self.reporter is not None:
            self.reporter.stop()  # last: the status then says the kiosk stopped
        if self.inhibitor is not None:
            self.inhibitor.release()


@functools.cache
def guard_against_pyside_refcount_bug() -> bool:
    """Keep None, True and False alive under a PySide6 that under-counts them.

    WORKAROUND for PySide6 6.12 (abi3 wheels) on Python < 3.12: every Qt method
    returning ``None`` (``update()``, ``setGeometry()``, ``processEvents()``...)
    drops a reference to ``None`` it never took, and ``Signal.emit`` one to
    ``True``. Python 3.12 made these objects immortal, which hides the bug there;
    on 3.11 the interpreter aborts ("Fatal Python error: none_dealloc") after a
    few thousand such calls, i.e. within seconds of the first transition. Found by
    measuring ``sys.getrefcount(None)`` around ``QPoint.setX``. pyproject.toml
    excludes 6.12 on Python < 3.12; this still protects a kiosk whose PySide6
    came from elsewhere (a distribution package, an old lock file).

    Detects the bug with one probe call and, only then, gives the three objects a
    reference count no process will ever use up, as 3.12 does. Returns whether it
    did; later calls only return the first answer.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    from PySide6.QtCore import QPoint

    probe = QPoint()
    before = sys.getrefcount(None)
    probe.setX(1)
    if sys.getrefcount(None) >= before:
        return False
    import ctypes  # only now: importing it costs start-up time every good PySide6 saves

    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _SPARE_REFERENCES
    return True


# 2**48 references: at a million lost a second, nine years of running.
_SPARE_REFERENCES = 1 << 48


def _application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APPLICATION_NAME)
    # Qt must not read our own options as its own, so it gets the program name only.
    app = QApplication(sys.argv[:1])
    if os.name != "posix" and threading.current_thread() is threading.main_thread():
        # Python's SIGINT handler cannot run while Qt's event loop holds the main
        # thread, and the wakeup pipe of kiosk.ui.process_guards.StopSignals is
        # POSIX only; the default action lets Ctrl+C in a terminal stop a preview.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    return app


def _load_bundled_fonts() -> None:
    """Load the fonts the packs are laid out with, when the fonts module exists."""
    try:
        from kiosk.ui import fonts
    except ModuleNotFoundError as error:
        if error.name != "kiosk.ui.fonts":
            raise
        return
    load = getattr(fonts, "load_bundled_fonts", None)
    if load is None:
        return
    try:
        load()
    except Exception:
        log.exception("the bundled fonts could not be loaded; using the system's fonts")


def reports_first_paint() -> bool:
    """Whether the benchmark asked to hear when the first frame is on screen."""
    return os.environ.get(FIRST_PAINT_ENV, "") not in ("", "0")


def print_first_paint_mark() -> None:
    sys.stdout.write(f"{FIRST_PAINT_MARK} {time.monotonic():.6f}\n")
    sys.stdout.flush()


def _report_first_paint_and_quit() -> None:
    from PySide6.QtCore import QCoreApplication

    print_first_paint_mark()
    QCoreApplication.exit(0)
