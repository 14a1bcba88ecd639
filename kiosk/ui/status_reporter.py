"""Keeps the status file (kiosk.status) true while the kiosk runs.

Written at start, whenever another pack comes on screen, after each reload
attempt, once a minute, and when the kiosk stops, so `kiosk status` over ssh can
tell a running kiosk from one that stopped (it says so) or vanished (the file
stops being refreshed).

The pack named is the one on screen: a reloaded pack waits for the end of the
current slide, and only then do its title and version replace the old ones.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kiosk.pack.model import Pack
from kiosk.pack.problems import Problem
from kiosk.schedule.notice import Notice
from kiosk.schedule.programme import Showing
from kiosk.status import KioskStatus, now
from kiosk.ui.player import Player

log = logging.getLogger(__name__)

REFRESH_MS = 60_000
PROBLEMS_KEPT = 10  # the first few say what is wrong; the log has them all


class StatusReporter(QObject):
    """Writes the status of ``player``'s pack; ``error_count`` counts errors logged."""

    def __init__(
        self,
        player: Player,
        folder: Path,
        mode: str,
        *,
        error_count: Callable[[], int] | None = None,
        schedule_file: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._folder = folder
        self._schedule_file = schedule_file
        self._error_count = error_count or (lambda: 0)
        self._errors_before = 0  # errors before the last good pack loaded: not counted
        self._status = self._fresh_status(mode)
        self._timer = QTimer(self)
        self._timer.setObjectName("status-refresh")
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._write)
        self._stopped = False
        self._write_failing = False
        player.pack_changed.connect(self._on_pack_changed)

    def start(self) -> None:
        self._write()
        self._timer.start()

    def stop(self) -> None:
        """The kiosk is ending: say so (and when), and stop refreshing."""
        self._timer.stop()
        if not self._stopped:
            self._stopped = True
            self._status.stopped_at = now()
            self._write()

    @property
    def status(self) -> KioskStatus:
        return self._status

    def _fresh_status(self, mode: str) -> KioskStatus:
        pack = self._player.pack
        return KioskStatus(
            # A schedule's packs each have their folder: the one on screen.
            pack_path=str(pack.root if self._schedule_file else self._folder),
            schedule_file=str(self._schedule_file) if self._schedule_file else None,
            pack_title=pack.text(pack.title, pack.default_language),
            pack_year=pack.year,
            pack_version=pack.version,
            mode=mode,
            showing_since=now(),
        )

    def _on_pack_changed(self) -> None:
        """Another pack is on screen now."""
        previous = self._status
        self._status = self._fresh_status(previous.mode)
        self._status.started_at = previous.started_at
        self._status.last_reload_at = previous.last_reload_at
        self._status.last_reload_ok = previous.last_reload_ok
        self._status.last_reload_problems = previous.last_reload_problems
        for kept in ("schedule_rule", "asleep_until", "woken_until", "notice"):
            setattr(self._status, kept, getattr(previous, kept))
        self._write()

    # -- what the time says (kiosk.ui.schedule_keeper, kiosk.ui.notice_watch) -----------

    def set_sleep(self, until: dt.datetime | None, woken_until: dt.datetime | None) -> None:
        """Asleep until ``until`` (None: awake); awake by a touch until ``woken_until``."""
        self._status.asleep_until = until.isoformat() if until else None
        self._status.woken_until = woken_until.isoformat() if woken_until else None
        self._write()

    def set_showing(self, showing: Showing) -> None:
        if self._schedule_file is not None:
            self._status.schedule_rule = showing.choice.why
            self._write()

    def set_notice(self, notice: Notice | None) -> None:
        self._status.notice = None if notice is None else notice.text
        self._write()

    def reload_succeeded(self, pack: Pack) -> None:
        """A good pack was read (it comes on screen at the end of the slide, unless
        it shows just what is on screen already)."""
        self._status.last_reload_at = now()
        self._status.last_reload_ok = True
        self._status.last_reload_problems = []
        self._errors_before = self._error_count()
        self._write()

    def reload_failed(self, problems: list[Problem]) -> None:
        self._status.last_reload_at = now()
        self._status.last_reload_ok = False
        self._status.last_reload_problems = [str(p) for p in problems[:PROBLEMS_KEPT]]
        self._write()

    def _write(self) -> None:
        self._status.errors_logged = max(0, self._error_count() - self._errors_before)
        try:
            self._status.write()
        except OSError as exc:  # a full or read-only disk must not stop the show
            # Said once, not every minute; said again if it works and fails again.
            if not self._write_failing:
                log.warning("could not write the status file: %s", exc)
            self._write_failing = True
        else:
            self._write_failing = False
