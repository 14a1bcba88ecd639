"""Following the staff notice in the state folder (``kiosk.schedule.notice``): a new
one is on screen within 2 seconds, and one whose time is up comes down on time.

The folder is watched (a notice is written under another name and renamed into
place, which the folder's watch reports at once), and looked at once a second as
well, in case the watch misses it (a full inotify table, a network home folder):
one ``stat`` of one file, a few microseconds. The notice's end is a timer on the
kiosk's clock (``kiosk.schedule.clock``), checked again at each look, so a clock
that jumps does not keep an old notice up.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.schedule.clock import Clock
from kiosk.schedule.notice import Notice, notice_file, read_notice

log = logging.getLogger(__name__)

LOOK_MS = 1000


class NoticeWatch(QObject):
    """Emits ``changed`` with the notice to show, or None, whenever that changes."""

    changed = Signal(object)  # Notice | None

    def __init__(
        self,
        clock: Clock,
        path: Path | None = None,
        *,
        look_ms: int = LOOK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.path = path or notice_file()
        self._seen: tuple[int, int, int] | None = None
        self._current: Notice | None = None
        self._file_notice: Notice | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._look)
        self._poll = QTimer(self)
        self._poll.setObjectName("notice-look")
        self._poll.setInterval(look_ms)
        self._poll.timeout.connect(self._look)
        self._ends = QTimer(self)
        self._ends.setObjectName("notice-ends")
        self._ends.setSingleShot(True)
        self._ends.timeout.connect(self._show_what_is_due)
        self._explained = ""

    @property
    def notice(self) -> Notice | None:
        """The notice on screen now (None: none)."""
        return self._current

    def start(self) -> None:
        folder = self.path.parent
        with contextlib.suppress(OSError):  # looked at once a second all the same
            folder.mkdir(parents=True, exist_ok=True)
        if folder.is_dir():
            self._watcher.addPath(str(folder))
        self._look()
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()
        self._ends.stop()

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_ino, info.st_size, info.st_mtime_ns

    def _look(self, *_: object) -> None:
        stamp = self._stamp()
        if stamp != self._seen:
            self._seen = stamp
            self._file_notice = self._read()
        self._show_what_is_due()

    def _read(self) -> Notice | None:
        try:
            notice = read_notice(self.path)
        except ValueError as error:
            message = f"the notice file {self.path} cannot be used: {error}"
            if message != self._explained:
                log.warning("%s; no notice shows", message)
                self._explained = message
            return None
        self._explained = ""
        return notice

    def _show_what_is_due(self) -> None:
        notice = self._file_notice
        if notice is not None and notice.over(self._clock.now()):
            notice = None
        self._ends.stop()
        if notice is not None and notice.until is not None:
            wait = self._clock.seconds_until(notice.until)
            self._ends.start(max(0, min(round(wait * 1000), 2**31 - 1)))
        if notice != self._current:
            self._current = notice
            if notice is None:
                log.info("notice taken down")
            else:
                log.info(
                    "notice on screen%s: %s", " (whole screen)" if notice.full else "", notice.text
                )
            self.changed.emit(notice)
