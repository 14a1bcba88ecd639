"""Watch the pack folder and hand over a new pack once its files have settled.

Organisers swap packs by editing files, by copying a folder (rsync, git pull, a
USB stick, a sync tool) or by pointing a symlink at another folder. All of these
change the folder's *fingerprint* (its real path, and every file's name, size
and modification time). A change starts a settle timer; only when the
fingerprint has stayed the same for ``settle_ms`` is the pack loaded, so a
half-copied folder is never loaded. Loading and validation run on a worker
thread; the result comes back as a signal on the UI thread.

QFileSystemWatcher reports most changes at once, but misses some (network and
synced folders, a symlink re-pointed above the watched path), so a periodic
check runs as well.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.pack import PACK_FILE, PackReport, check_pack
from kiosk.pack.model import Pack
from kiosk.pack.problems import Problem
from kiosk.packfiles import Fingerprint, fingerprint

log = logging.getLogger(__name__)

class PackWatcher(QObject):
    """Emits ``pack_loaded`` with a new valid pack, or ``pack_failed`` with its problems."""

    pack_loaded = Signal(object)  # Pack
    pack_failed = Signal(list)  # list[Problem]
    _report_ready = Signal(object, object)  # (PackReport, Fingerprint), from the worker

    def __init__(self, folder: Path, *, settle_ms: int = 1500, poll_ms: int = 2000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._loaded = fingerprint(folder)  # what is on screen came from this
        self._pending: Fingerprint | None = None
        self._loading = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pack-load")
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_change)
        self._watcher.fileChanged.connect(self._on_change)
        self._settle = QTimer(self, singleShot=True, interval=settle_ms)
        self._settle.timeout.connect(self._on_settled)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self._on_change)
        self._report_ready.connect(self._on_report)
        self._watch_paths()

    def start(self) -> None:
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _watch_paths(self) -> None:
        # Re-added after every change: editors and sync tools replace files, which
        # drops the old watch, and a re-pointed symlink leads to a new folder.
        current = set(self._watcher.files()) | set(self._watcher.directories())
        wanted = {str(self.folder), str(self.folder.parent)}
        real = Path(os.path.realpath(self.folder))
        for sub in (real, real / "images"):
            if sub.is_dir():
                wanted.add(str(sub))
        if (real / PACK_FILE).is_file():
            wanted.add(str(real / PACK_FILE))
        stale = current - wanted
        if stale:
            self._watcher.removePaths(sorted(stale))
        missing = [p for p in sorted(wanted - current) if os.path.exists(p)]
        if missing:
            self._watcher.addPaths(missing)

    def _on_change(self, *_: object) -> None:
        now = fingerprint(self.folder)
        if now == self._loaded and self._pending is None:
            return
        if now != self._pending:
            # Still changing: wait until it has been quiet for a whole settle period.
            self._pending = now
            self._settle.start()
            self._watch_paths()

    def _on_settled(self) -> None:
        now = fingerprint(self.folder)
        if now != self._pending:
            self._pending = now
            self._settle.start()
            return
        self._pending = None
        if now == self._loaded or self._loading:
            return
        self._loading = True
        future = self._executor.submit(check_pack, self.folder)
        future.add_done_callback(lambda done: self._deliver(done, now))

    def _deliver(self, done: Future[PackReport], seen: Fingerprint) -> None:
        # Runs on the worker thread: a signal carries the result to the UI thread.
        if done.cancelled():
            return
        self._report_ready.emit(done.result(), seen)

    def _on_report(self, report: PackReport, seen: Fingerprint) -> None:
        self._loading = False
        if fingerprint(self.folder) != seen:
            # Files changed while they were being read: the report may mix old and
            # new files. Drop it; the change is handled like any other.
            self._on_change()
            return
        self._loaded = seen  # a failed version is not retried until it changes again
        if report.pack is not None:
            pack: Pack = report.pack
            log.info("pack reloaded from %s: %d slides", self.folder, len(pack.slides))
            self.pack_loaded.emit(pack)
        else:
            problems: list[Problem] = report.errors
            log.error("pack in %s not reloaded, the last good one stays on screen:\n%s",
                      self.folder, "\n".join(str(p) for p in problems))
            self.pack_failed.emit(problems)
        self._on_change()  # it may have changed again while loading
