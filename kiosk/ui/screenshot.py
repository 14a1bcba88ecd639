"""A small picture of what visitors see, for `kiosk status --screenshot FILE` over ssh.

The whole window is grabbed, as it is drawn at that moment: a transition half-way,
an open resource card or the staff PIN pad (which shows dots, never digits) are in
the picture, as a visitor sees them. Taken when the kiosk starts, once a minute, and
whenever another pack comes on screen (once its transition has ended, so the
picture shows the new pack). Scaled down and saved as a JPEG of at most
``MAX_BYTES``, written atomically (``kiosk.local.write_atomic``) on a worker thread,
so a slow disk never holds up a frame.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, QTimer
from PySide6.QtGui import QImage, QImageWriter

from kiosk.local import write_atomic
from kiosk.status import screenshot_file

if TYPE_CHECKING:
    from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

EVERY_MS = 60_000
MAX_WIDTH = 960  # enough to read a slide's headline and see its layout
MAX_HEIGHT = 960  # a portrait screen
MAX_BYTES = 300_000
QUALITIES = (80, 60, 40)  # tried in turn until the picture fits in MAX_BYTES


def encode(image: QImage) -> bytes:
    """``image`` scaled down to fit MAX_WIDTH × MAX_HEIGHT, as a JPEG of at most MAX_BYTES.

    Returns b"" when no quality makes it small enough (never with a slide's picture:
    a 960-pixel photograph at quality 40 is a fraction of the limit).
    """
    if image.width() > MAX_WIDTH or image.height() > MAX_HEIGHT:
        image = image.scaled(
            MAX_WIDTH,
            MAX_HEIGHT,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    for quality in QUALITIES:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QImageWriter(buffer, QByteArray(b"jpeg"))
        writer.setQuality(quality)
        saved = writer.write(image)
        buffer.close()
        if saved and 0 < data.size() <= MAX_BYTES:
            return bytes(data.data())
    return b""


class PictureWriter:
    """Writes the newest picture handed to it on a thread of its own, one at a time.

    Plain Python on purpose: its thread holds this and no Qt object, so no Qt object
    is ever freed on it (Qt objects must be freed on their own thread).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._next: QImage | None = None  # the newest picture not yet written
        self._writing = False  # a thread is writing (set and cleared under the lock)
        self._thread: threading.Thread | None = None
        self._failing = False

    @property
    def is_writing(self) -> bool:
        with self._lock:
            return self._writing

    def hand_over(self, image: QImage) -> None:
        with self._lock:
            self._next = image
            if self._writing:
                return  # the thread picks the newest one up when it is done
            self._writing = True
            self._thread = threading.Thread(
                target=self._write_pictures, name="screenshot", daemon=True
            )
            self._thread.start()

    def wait(self, timeout: float) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _write_pictures(self) -> None:
        while True:
            with self._lock:
                image, self._next = self._next, None
                if image is None:
                    self._writing = False
                    return
            try:
                self._write(image)
            except Exception:  # whatever it was, the next picture must still be written
                log.exception("could not keep the screenshot at %s", self.path)

    def _write(self, image: QImage) -> None:
        data = encode(image)
        if not data:
            return
        try:
            write_atomic(self.path, data)
        except OSError as exc:  # a full or read-only disk: say it once, not every minute
            if not self._failing:
                log.warning("could not keep the screenshot at %s: %s", self.path, exc)
            self._failing = True
            return
        self._failing = False


class ScreenshotKeeper(QObject):
    """Keeps ``path`` (the state folder's screenshot.jpg) showing what ``window`` shows."""

    def __init__(
        self,
        window: KioskWindow,
        path: Path | None = None,
        *,
        every_ms: int = EVERY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._writer = PictureWriter(path or screenshot_file())
        self._timer = QTimer(self)
        self._timer.setObjectName("screenshot")
        self._timer.setInterval(every_ms)
        self._timer.timeout.connect(self.take)
        self._after_transition = False  # a new pack is coming in: take it once it stands
        window.player.pack_changed.connect(self._on_pack_changed)
        window.transition.finished.connect(self._on_transition_finished)

    @property
    def path(self) -> Path:
        return self._writer.path

    @property
    def is_writing(self) -> bool:
        """A picture taken is not yet on disk."""
        return self._writer.is_writing

    def start(self) -> None:
        self.take()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._after_transition = False
        self._writer.wait(timeout=5.0)

    def take(self) -> None:
        """Grab the window now; the picture is written on a worker thread."""
        window = self._window
        if window.width() <= 0 or window.height() <= 0:
            return
        image = window.grab().toImage()
        if image.isNull():
            log.debug("the window could not be grabbed for the screenshot")
            return
        self._writer.hand_over(image)

    def _on_pack_changed(self) -> None:
        if self._window.transition.is_running:
            self._after_transition = True
        else:
            # With transitions off (or none to run) the new slide stands already; the
            # zero timer lets the window finish laying it out first.
            QTimer.singleShot(0, self, self.take)

    def _on_transition_finished(self) -> None:
        if self._after_transition:
            self._after_transition = False
            QTimer.singleShot(0, self, self.take)
