"""The screen asleep: outside opening hours the kiosk shows black, does no work, and
asks the display to switch off (``kiosk.ui.display_power``).

``ScreenSleep`` covers the whole window with black, stops the player (no timer runs
for the slides) and the screenshots, and switches the display off where it can. A
press or a touch on the black cover is reported (``touched``): the schedule keeper
decides whether it wakes the screen. Waking takes the cover away, switches the
display on, and starts the slides again from the first one (a pack that came due
while asleep comes on then).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk.translation import translator
from kiosk.ui.display_power import DisplayPower
from kiosk.ui.player import Player

log = logging.getLogger(__name__)


class SleepCover(QWidget):
    """Black over the whole window; a press or a touch on it is ``touched``."""

    touched = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.setObjectName("sleep-cover")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        parent.installEventFilter(self)  # follow the window's size

    def set_language(self, language: str) -> None:
        # Translators: what a screen reader says of the black screen outside opening hours.
        self.setAccessibleName(translator(language).pgettext("sleep", "The screen is asleep"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(event.rect(), QColor(0, 0, 0))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.touched.emit()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent) and event.type() == QEvent.Type.TouchBegin:
            event.accept()
            self.touched.emit()
            return True
        return super().event(event)


class ScreenSleep(QObject):
    """Puts ``window`` to sleep and wakes it. ``pause``/``resume``: the other duties
    to hold while asleep (the screenshots)."""

    def __init__(
        self,
        window: QWidget,
        player: Player,
        power: DisplayPower,
        *,
        language: str,
        pause: Callable[[], None] | None = None,
        resume: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._player = player
        self._power = power
        self._pause = pause
        self._resume = resume
        self.cover = SleepCover(window)
        self.cover.set_language(language)
        self.asleep = False
        self.display_off = False

    def sleep(self) -> None:
        if self.asleep:
            return
        self.asleep = True
        self._player.stop()
        if self._pause is not None:
            self._pause()
        self.cover.setGeometry(self._window.rect())
        self.cover.show()
        self.cover.raise_()
        self.display_off = self._power.off()
        log.info(
            "asleep: %s",
            "the display is switched off" if self.display_off else "the screen shows black",
        )

    def wake(self) -> None:
        if not self.asleep:
            return
        self.asleep = False
        if self.display_off:
            self._power.on()
            self.display_off = False
        player = self._player
        pending = player.pending_pack
        if pending is not None:
            player.set_pack(pending)  # nobody saw the last one go: no need to wait
        else:
            player.first()
        player.start()
        self.cover.hide()
        if self._resume is not None:
            self._resume()
        log.info("awake: the slides play again")
