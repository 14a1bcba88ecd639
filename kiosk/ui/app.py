"""Start the kiosk: a window on screen playing one pack, until it is closed.

Start-up order, each step only once the one before it has succeeded:

1. Parse arguments: ``kiosk.cli`` (``kiosk run``) turns the command line and
   settings.toml into ``kiosk.options.RunOptions``.
2. Load and validate the pack (``kiosk.pack.load.check_pack``), so a broken pack
   is reported on the terminal before any window opens. On a first start a child
   process does this while Qt and this module are imported (``kiosk.pack_ahead``);
   a restart with nothing changed paints the last run's first frame before it,
   with ``kiosk.ui.startup.show_first_frame``.
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

``KioskWindow.first_frame_painted`` tells when the first frame is on screen (the
start-up benchmark, bench/first_paint_probe.py, listens to it from outside).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk import collector
from kiosk.frame_key import frame_key
from kiosk.options import RunOptions
from kiosk.pack.model import Pack
from kiosk.ui.first_frame import FirstFrameCover, FirstFrameKeeper
from kiosk.ui.fonts import load_bundled_fonts
from kiosk.ui.logging_setup import (
    ErrorCounter,
    add_log_file,
    configure_logging,
    install_error_funnel,
    remove_log_handler,
    route_qt_messages,
)
from kiosk.ui.player import Player
from kiosk.ui.process_guards import (
    EXIT_WINDOW_GONE,
    STOP_SIGNALS,
    LoopWatchdog,
    StopSignals,
    WindowGoneWatch,
    signal_name,
)
from kiosk.ui.startup import APPLICATION_NAME, application
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.packfiles import Fingerprint
    from kiosk.pin import PinGate
    from kiosk.schedule.clock import Clock
    from kiosk.schedule.programme import Programme
    from kiosk.ui.notice_watch import NoticeWatch
    from kiosk.ui.reload import PackWatcher
    from kiosk.ui.schedule_keeper import ScheduleKeeper
    from kiosk.ui.screensaver import ScreenSaverInhibitor
    from kiosk.ui.screenshot import ScreenshotKeeper
    from kiosk.ui.sleep import ScreenSleep
    from kiosk.ui.status_reporter import StatusReporter

log = logging.getLogger(__name__)

INHIBIT_REASON = "showing an awareness slideshow"
RECHECK_MS = 60_000  # as kiosk.ui.schedule_keeper's, without importing it before the first frame
# A change to a pack must stay still this long before it is loaded (a copy in
# progress); the periodic check catches what the file watcher misses (network folders).
SETTLE_MS = 1500
POLL_MS = 2000


class Launch(NamedTuple):
    """One run of the kiosk: the pack, the options chosen for it (``kiosk.options``),
    and what the process brings along (the PIN, the log folder, the first frame)."""

    pack: Pack
    options: RunOptions = RunOptions()
    watch: bool = True  # reload the pack when its folder changes
    settle_ms: int = SETTLE_MS
    poll_ms: int = POLL_MS
    pin_hash: str | None = None  # the stored staff PIN (kiosk.pin); needed when locked
    log_dir: Path | None = None  # also log to a rotating file here
    keep_screen_on: bool | None = None  # ask the desktop not to blank; None: when full screen
    # The last run's first frame (kiosk.ui.first_frame): the key of what this run
    # will show first, and the window already showing it, if there was a match.
    first_frame_key: str | None = None
    first_frame_cover: FirstFrameCover | None = None
    # What shows when (kiosk.schedule): a schedule of packs, whose pack due now is
    # ``pack``; None: ``pack`` alone, whose slides may still come and go. The clock
    # is the machine's unless given; ``recheck_ms``: how often the time is looked at
    # even when nothing is due (a clock that jumped is noticed then).
    programme: Programme | None = None
    clock: Clock | None = None
    recheck_ms: int = RECHECK_MS

    @property
    def inhibits_screensaver(self) -> bool:
        if self.keep_screen_on is None:
            return self.options.windowed is None
        return self.keep_screen_on


def run_kiosk(launch: Launch) -> int:
    """Show the pack in the kiosk window and run until it closes; the exit code."""
    configure_logging()
    log_file: Path | None = None
    file_handler: logging.Handler | None = None
    if launch.log_dir is not None:
        added = add_log_file(launch.log_dir)
        if added is not None:
            file_handler, log_file = added
            sys.stderr.write(f"kiosk: logging to {log_file}\n")
            sys.stderr.flush()
    restore_excepthook = install_error_funnel()
    try:
        app = application()
        restore_qt_messages = route_qt_messages()
        try:
            code = _run(app, launch, log_file)
            log.info("stopped (exit code %d)", code)
            return code
        finally:
            restore_qt_messages()
    finally:
        restore_excepthook()
        if file_handler is not None:
            remove_log_handler(file_handler)


def _run(app: QApplication, launch: Launch, log_file: Path | None = None) -> int:
    """Run the event loop until something ends it; every way out goes through
    ``RunningKiosk.stop()``, but a frozen loop (which cannot run it)."""

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
    seconds = launch.options.watchdog_seconds
    watchdog = LoopWatchdog(seconds) if seconds else None
    window_watch: WindowGoneWatch | None = None
    kiosk: RunningKiosk | None = None
    try:
        kiosk = start_kiosk(launch, log_file=log_file)
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


def start_kiosk(launch: Launch, *, log_file: Path | None = None) -> RunningKiosk:
    """Build the window for ``launch``, show it and start playing (needs a QApplication).

    ``log_file`` is only shown to staff (on the PIN pad), with the number of
    errors logged from now on.
    """
    options = launch.options
    if options.lock and launch.pin_hash is None:
        raise ValueError("a locked kiosk needs a staff PIN (kiosk set-pin)")
    resolved, warnings = options.for_pack(launch.pack)
    for warning in warnings:
        log.warning("%s", warning)
    try:
        load_bundled_fonts()
    except Exception:
        log.exception("the bundled fonts could not be loaded; using the system's fonts")
    errors = ErrorCounter().install()
    player = Player(
        launch.pack,
        language=resolved.language,
        slide_seconds=resolved.slide_seconds,
        mode=resolved.mode,
        # Unless chosen, None: the pack's own, which a reloaded pack may change.
        idle_seconds=resolved.idle_seconds if resolved.chose("idle_seconds") else None,
        region=resolved.region,
    )
    window = KioskWindow(
        player,
        resolved,
        pin_gate=_pin_gate(launch),
        error_count=lambda: errors.count,
        log_file=log_file,
    )
    log.info(
        "playing %r (%d slides, language %s, %s mode%s)",
        launch.pack.text(launch.pack.title, player.language),
        player.count,
        player.language,
        player.mode,
        ", locked" if options.lock else "",
    )
    window.present()
    player.start()
    # Held off while the kiosk started (kiosk.collector): the first frame was the last
    # thing to wait for.
    window.first_frame_painted.connect(collector.resume)
    QTimer.singleShot(collector.RESUME_AT_THE_LATEST_MS, collector.resume)
    keeper: FirstFrameKeeper | None = None
    if launch.first_frame_key is not None:
        folder = launch.pack.root
        keeper = FirstFrameKeeper(
            window,
            launch.first_frame_key,
            launch.first_frame_cover,
            rekey=lambda: frame_key(folder, options),
        )
        window.first_frame_painted.connect(keeper.on_first_frame)
    background = BackgroundDuties(player, launch, window=window, error_count=lambda: errors.count)
    # Once the first frame is on screen, not before: nothing here is needed to show
    # it, and asking D-Bus to keep the screen on can take a while.
    window.first_frame_painted.connect(lambda: QTimer.singleShot(0, background.start))
    return RunningKiosk(player, window, background, errors, keeper)


def _pin_gate(launch: Launch) -> PinGate | None:
    if not (launch.options.lock and launch.pin_hash):
        return None
    from kiosk.pin import PinGate  # deferred: only a locked kiosk checks PINs (hashing)

    return PinGate(launch.pin_hash)


class BackgroundDuties:
    """Watching the pack folder, keeping the status file and the screenshot, and keeping
    the screen on, started after the first frame.

    ``window`` is what the screenshot shows; ``error_count`` (errors logged since
    start) goes into the status.
    """

    def __init__(
        self,
        player: Player,
        launch: Launch,
        *,
        window: KioskWindow | None = None,
        error_count: Callable[[], int] | None = None,
    ) -> None:
        self._player = player
        self._launch = launch
        self._window = window
        self._error_count = error_count
        self.watcher: PackWatcher | None = None
        self.reporter: StatusReporter | None = None
        self.screenshots: ScreenshotKeeper | None = None
        self.inhibitor: ScreenSaverInhibitor | None = None
        self.keeper: ScheduleKeeper | None = None
        self.notices: NoticeWatch | None = None
        self._stopped = False

    def start(self) -> None:
        if self._stopped:
            return
        # Deferred: none of these is needed for the first frame, which comes first.
        from kiosk.schedule.programme import Programme
        from kiosk.ui.screensaver import ScreenSaverInhibitor
        from kiosk.ui.screenshot import ScreenshotKeeper
        from kiosk.ui.status_reporter import StatusReporter

        launch = self._launch
        if launch.inhibits_screensaver:
            self.inhibitor = ScreenSaverInhibitor(APPLICATION_NAME, INHIBIT_REASON)
            self.inhibitor.inhibit()

        programme = launch.programme or Programme.of_pack(launch.pack)
        folder = programme.folder
        # The folder as it is now is what is on screen: looked at before the status
        # first says the kiosk runs, so a change made from then on is a change.
        self.watcher = self._watcher_for(programme) if launch.watch else None
        self.reporter = StatusReporter(
            self._player,
            folder,
            self._player.mode,
            error_count=self._error_count,
            schedule_file=programme.file,
        )
        self.reporter.start()
        if self._window is not None:
            self.screenshots = ScreenshotKeeper(self._window)
            self.screenshots.start()
        keeper = self._keep_time(programme)
        if self.watcher is not None:
            reporter = self.reporter
            if programme.file is None:
                self.watcher.pack_loaded.connect(
                    lambda pack: keeper.set_programme(Programme.of_pack(pack))
                )
                self.watcher.pack_loaded.connect(reporter.reload_succeeded)
            else:
                self.watcher.pack_loaded.connect(keeper.set_programme)
                self.watcher.pack_loaded.connect(
                    lambda _: reporter.reload_succeeded(self._player.pack)
                )
            self.watcher.pack_failed.connect(reporter.reload_failed)
            self.watcher.start()
            log.info("watching %s for changes", folder)

    def _watcher_for(self, programme: Programme) -> PackWatcher:
        """A watcher of the pack's folder, or of the schedule's and its packs'."""
        from kiosk.ui.reload import PackWatcher

        launch = self._launch
        if programme.file is None:
            return PackWatcher(programme.folder, settle_ms=launch.settle_ms, poll_ms=launch.poll_ms)
        from kiosk.schedule import SCHEDULE_FILE
        from kiosk.schedule.check_worker import programme_fingerprint, schedule_checker

        def looks(folder: Path) -> Fingerprint:
            current = self.keeper.programme if self.keeper is not None else programme
            return programme_fingerprint(folder, [p.root for p in current.packs.values()])

        return PackWatcher(
            programme.folder,
            checker=schedule_checker(),
            looks=looks,
            main_file=SCHEDULE_FILE,
            settle_ms=launch.settle_ms,
            poll_ms=launch.poll_ms,
        )

    def _keep_time(self, programme: Programme) -> ScheduleKeeper:
        """What shows when, sleep outside opening hours, and the staff notice."""
        from kiosk.schedule.clock import SystemClock
        from kiosk.ui.idle import InputWatch
        from kiosk.ui.notice_watch import NoticeWatch
        from kiosk.ui.schedule_keeper import ScheduleKeeper

        launch, window, reporter = self._launch, self._window, self.reporter
        assert reporter is not None
        clock = launch.clock or SystemClock()
        options = launch.options
        sleep = None
        if window is not None:
            sleep = self._screen_sleep(window)
        self.keeper = ScheduleKeeper(
            self._player,
            programme,
            clock,
            opening_hours=options.opening_hours,
            sleep=sleep,
            wake_minutes=options.wake_minutes,
            recheck_ms=launch.recheck_ms,
        )
        self.keeper.sleep_changed.connect(reporter.set_sleep)
        self.keeper.showing_changed.connect(reporter.set_showing)
        if window is not None:
            activity = InputWatch(window)
            activity.noticed.connect(self.keeper.note_activity)
            activity.start()
            self.notices = NoticeWatch(clock)
            self.notices.changed.connect(window.chrome.show_notice)
            self.notices.changed.connect(reporter.set_notice)
            self.notices.start()
        self.keeper.start()
        return self.keeper

    def _screen_sleep(self, window: KioskWindow) -> ScreenSleep:
        from kiosk.ui.display_power import DisplayPower, display_power
        from kiosk.ui.sleep import ScreenSleep

        options = self._launch.options
        power = DisplayPower()
        if self._launch.inhibits_screensaver:  # full screen: the display is the kiosk's
            platform = QGuiApplication.platformName()
            power = display_power(platform, options.screen_off_command, options.screen_on_command)
        screenshots = self.screenshots
        return ScreenSleep(
            window,
            self._player,
            power,
            language=self._player.language,
            pause=screenshots.stop if screenshots is not None else None,
            resume=screenshots.start if screenshots is not None else None,
        )

    def stop(self) -> None:
        self._stopped = True
        if self.watcher is not None:
            self.watcher.stop()
        if self.keeper is not None:
            self.keeper.stop()
        if self.notices is not None:
            self.notices.stop()
        if self.screenshots is not None:
            self.screenshots.stop()
        if self.reporter is not None:
            self.reporter.stop()  # last: the status then says the kiosk stopped
        if self.inhibitor is not None:
            self.inhibitor.release()
