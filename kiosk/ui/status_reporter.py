"""Keeps the status file (kiosk.status) true while the kiosk runs.

Written at start, whenever another pack comes on screen, after each reload
attempt, and once a minute, so `kiosk status` over ssh can tell a running kiosk
from one that stopped (the file then stops being refreshed).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kiosk.pack import PACK_FILE
from kiosk.pack.problems import Problem
from kiosk.status import KioskStatus, now, pack_version
from kiosk.ui.player import Player

log = logging.getLogger(__name__)

REFRESH_MS = 60_000
PROBLEMS_KEPT = 10  # the first few say what is wrong; the log has them all


class StatusReporter(QObject):
    def __init__(self, player: Player, folder: Path, mode: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = player
        self._folder = folder
        self._status = self._fresh_status(mode)
        self._timer = QTimer(self)
        self._timer.setObjectName("status-refresh")
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._write)
        player.pack_changed.connect(self._on_pack_changed)

    def start(self) -> None:
        self._write()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def status(self) -> KioskStatus:
        return self._status

    def _fresh_status(self, mode: str) -> KioskStatus:
        pack = self._player.pack
        return KioskStatus(
            pack_path=str(self._folder), pack_title=pack.text(pack.title, pack.default_language),
            pack_year=pack.year, pack_version=pack_version(pack.root / PACK_FILE), mode=mode,
            showing_since=now())

    def _on_pack_changed(self) -> None:
        previous = self._status
        self._status = self._fresh_status(previous.mode)
        self._status.last_reload_at = now()
        self._status.last_reload_ok = True
        self._write()

    def reload_failed(self, problems: list[Problem]) -> None:
        self._status.last_reload_at = now()
        self._status.last_reload_ok = False
        self._status.last_reload_problems = [str(p) for p in problems[:PROBLEMS_KEPT]]
        self._write()

    def _write(self) -> None:
        try:
            self._status.write()
        except OSError as exc:  # a full or read-only disk must not stop the show
            log.warning("could not write the status file: %s", exc)
