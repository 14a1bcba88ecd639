"""Show the last run's first frame the moment the kiosk starts.

A kiosk restarts with the same pack again and again: every morning, after a power
cut, after a crash. Building the real window means importing and loading the pack
and the slide views first; the picture of the first slide that the last run put
on screen needs none of that. So the first frame is kept (raw pixels, in the state
folder) and, when the pack folder, the options that change the look and the screen
size are all the same as last time, it is painted at once by a bare window. The
real window then opens over it with the very same picture and the cover closes.

Raw pixels rather than PNG: decoding a 1080p PNG takes ~20 ms, reading the raw
bytes a few; start-up time is the point of this module.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QWidget

from kiosk.frame_key import HEADER_NAME, PIXELS_NAME, frame_folder, stored_key
from kiosk.local import remove_partial_writes, write_atomic

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QPaintEvent, QScreen

    from kiosk.ui.window import KioskWindow as KioskWindowLike

log = logging.getLogger(__name__)

_FORMAT = QImage.Format.Format_RGB32
_BYTES_PER_PIXEL = 4
# A write takes well under a second; a partial file older than this was cut short.
STALE_PARTIAL_WRITE_SECONDS = 60.0


class FirstFrameCache:
    """One remembered frame: ``frame.raw`` (pixels) and ``frame.json`` (what it shows)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or frame_folder()
        self._writer: threading.Thread | None = None

    @property
    def _pixels(self) -> Path:
        return self.folder / PIXELS_NAME

    @property
    def _header(self) -> Path:
        return self.folder / HEADER_NAME

    def stored_key(self) -> str | None:
        return stored_key(self.folder)

    def load(self, key: str) -> QImage | None:
        """The frame stored for ``key``, or None (none stored, another key, damaged)."""
        try:
            header = json.loads(self._header.read_text("utf-8"))
            if header.get("key") != key:
                return None
            width, height = int(header["width"]), int(header["height"])
            if width <= 0 or height <= 0:
                return None
            image = QImage(width, height, _FORMAT)
            if image.isNull() or image.bytesPerLine() != width * _BYTES_PER_PIXEL:
                return None
            # Straight into the image's own pixels: no 8 MB bytes object, no copy.
            with self._pixels.open("rb") as stream:
                if stream.readinto(image.bits()) != image.sizeInBytes() or stream.read(1):
                    return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        image.setDevicePixelRatio(float(header.get("dpr", 1.0)))
        return image

    def store(self, key: str, image: QImage) -> None:
        """Write the frame on a worker thread; the header last, so a torn write never matches."""
        image = image.convertToFormat(_FORMAT)
        if image.bytesPerLine() != image.width() * _BYTES_PER_PIXEL:
            return  # padded rows: not worth handling for a cache
        pixels = bytes(image.constBits())
        header = json.dumps(
            {
                "key": key,
                "width": image.width(),
                "height": image.height(),
                "dpr": image.devicePixelRatio(),
            }
        ).encode()

        def write() -> None:
            # 8 MB each, on a machine that may lose power every night.
            remove_partial_writes(self.folder, STALE_PARTIAL_WRITE_SECONDS)
            try:
                write_atomic(self._header, b"{}")  # invalidate before the pixels change
                write_atomic(self._pixels, pixels)
                write_atomic(self._header, header)
            except OSError as exc:
                log.info("could not keep the first frame for a faster start: %s", exc)

        self.wait()
        self._writer = threading.Thread(target=write, name="first-frame", daemon=True)
        self._writer.start()

    def wait(self, timeout: float = 5.0) -> None:
        if self._writer is not None:
            self._writer.join(timeout)
            self._writer = None


class FirstFrameCover(QWidget):
    """A bare window that paints one picture, covering the start of the real window."""

    painted = Signal()  # once, after its first frame is on screen

    def __init__(self, image: QImage) -> None:
        super().__init__()
        self._image = image
        self._painted = False
        # No cursor, set once the picture is up: PySide6 builds the whole Qt
        # namespace (every enum, ~35 ms) the first time it is touched, and the
        # picture is what must come first. (A plain QWidget has no context menu.)
        self.painted.connect(self._hide_cursor)

    def logical_size(self) -> QSize:
        ratio = self._image.devicePixelRatio() or 1.0
        return QSize(round(self._image.width() / ratio), round(self._image.height() / ratio))

    def present(self, screen: QScreen, windowed: tuple[int, int] | None) -> bool:
        """Show like the kiosk window will be shown; False when the picture would not fit."""
        target = QSize(*windowed) if windowed else screen.geometry().size()
        if self.logical_size() != target:
            return False
        if windowed:
            self.resize(target)
            self.show()
        else:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        return True

    def _hide_cursor(self) -> None:
        from PySide6.QtCore import Qt

        self.setCursor(Qt.CursorShape.BlankCursor)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        painter.end()
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.painted.emit)


def show_cover(
    key: str,
    *,
    screen_index: int | None,
    windowed: tuple[int, int] | None,
    cache: FirstFrameCache | None = None,
) -> FirstFrameCover | None:
    """Paint the remembered first frame for ``key`` now, if there is one that fits.

    Needs the QApplication to exist already. Returns the cover to close once the
    real window has painted, or None.
    """
    image = (cache or FirstFrameCache()).load(key)
    if image is None:
        return None
    screens = QGuiApplication.screens()
    if screen_index is not None and 0 <= screen_index < len(screens):
        screen = screens[screen_index]
    else:
        screen = QGuiApplication.primaryScreen()
    cover = FirstFrameCover(image)
    if not cover.present(screen, windowed):
        cover.deleteLater()
        return None
    # The window system maps a window asynchronously: wait (briefly) until it can
    # be seen, then paint now rather than when the event loop first runs, which is
    # only after the pack is loaded.
    handle = cover.windowHandle()
    deadline = time.monotonic() + 0.5
    while handle is not None and not handle.isExposed() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
    cover.repaint()
    return cover


class FirstFrameKeeper(QObject):
    """Keeps the frame that the next start should paint at once.

    On the real window's first frame it closes the cover and stores that frame.
    When a reloaded pack comes on screen, its first slide is stored too (under the
    new pack files' key), once it stands still: otherwise the first restart after
    every pack update would be a slow one.
    """

    def __init__(
        self,
        window: KioskWindowLike,
        key: str,
        cover: FirstFrameCover | None,
        cache: FirstFrameCache | None = None,
        *,
        rekey: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._key = key
        self._cover = cover
        self._cache = cache or FirstFrameCache()
        self._rekey = rekey
        self._reloaded = False
        if rekey is not None:
            window.player.pack_changed.connect(self._on_pack_changed)
            # Checked once the transition has let go of its frames, just after it ends.
            window.transition.finished.connect(self._soon_store_reloaded_first_slide)

    def on_first_frame(self) -> None:
        if self._cover is not None:
            self._cover.close()
            self._cover.deleteLater()
            self._cover = None
        self._store(self._key)

    def finish_writing(self) -> None:
        """Wait (briefly) for a frame still being written: call before the app ends."""
        self._cache.wait()

    def _store(self, key: str) -> None:
        if self._cache.stored_key() != key:
            self._cache.store(key, self._window.grab().toImage())

    def _on_pack_changed(self) -> None:
        self._reloaded = True
        # With transitions off the new slide is already standing; otherwise wait for
        # the transition's end (the frame mid-way is not what a start paints).
        self._soon_store_reloaded_first_slide()

    def _soon_store_reloaded_first_slide(self) -> None:
        QTimer.singleShot(0, self, self._store_reloaded_first_slide)

    def _store_reloaded_first_slide(self) -> None:
        window = self._window
        if not self._reloaded or self._rekey is None or window.transition.is_running:
            return
        self._reloaded = False
        if window.player.index == 0:
            self._store(self._rekey())
