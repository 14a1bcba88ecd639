"""Noticing visitors: every press, tap, key or wheel turn anywhere in the kiosk window.

Input lands on whichever widget is under the finger (a control, an overlay, the
window itself), so the window cannot see it all in its own event handlers. One
application-wide event filter sees every delivery and reports those aimed at the
window or its children; the Player turns them into "pause autoplay" and "restart
the idle time" (``Player.note_interaction``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

# What counts as a visitor doing something. Not mouse moves: a nudged mouse (or a
# cursor settling after start-up) is nobody reading.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
    }
)


class InputWatch(QObject):
    """Emits ``noticed`` for each input event delivered inside ``window``.

    An event that bubbles up from a child to its parents may be reported more than
    once; listeners only restart a timer, so that does no harm.
    """

    noticed = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._installed = False

    def start(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in INPUT_EVENTS
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self.noticed.emit()
        return False
