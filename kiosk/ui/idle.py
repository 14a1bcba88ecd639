"""Noticing visitors, and warning them before the idle return.

Input lands on whichever widget is under the finger (a control, an overlay, the
window itself), so the window cannot see it all in its own event handlers. One
application-wide event filter (``InputWatch``) sees every delivery and reports those
aimed at the window or its children; the Player turns them into "hold autoplay" and
"restart the idle time" (``Player.note_interaction``).

``IdleCountdown`` follows the Player's idle timer and counts down the last seconds
before the idle return, so that the window can show a visitor who is still reading
that the slides are about to go back to the start, and let them stay with a touch
(WCAG 2.2 SC 2.2.1, Timing Adjustable: a warning, and at least 20 seconds to answer
it with a simple action).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.input_reader import play_pause_key
from kiosk.ui.player import Player

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

# A widget with this property set starts and stops autoplay itself (the bar's pause
# button): pressing it restarts the idle time, but does not also hold autoplay, or a
# press on "Pause" would stop autoplay before the button is even released, and the
# button would then read that as "Play".
AUTOPLAY_CONTROL = "kioskAutoplayControl"

# How long before the idle return the warning shows: WCAG 2.2 SC 2.2.1 asks for at
# least 20 seconds to answer it. A shorter idle time warns for its second half.
WARNING_SECONDS = 20.0
# Timers fire a few milliseconds either side of their time: the seconds shown are
# rounded up from this much less than what is left.
TICK_SLACK = 0.05


def mark_autoplay_control(widget: QWidget) -> None:
    """Say that ``widget`` starts and stops autoplay itself (see ``AUTOPLAY_CONTROL``)."""
    widget.setProperty(AUTOPLAY_CONTROL, True)


class InputWatch(QObject):
    """Emits ``noticed(hold)`` for each input event delivered inside ``window``;
    ``hold`` is False for input that is itself about autoplay (a pause key, a press
    on a widget marked with ``mark_autoplay_control``).

    An event that bubbles up from a child to its parents may be reported more than
    once; listeners only restart a timer, so that does no harm.
    """

    noticed = Signal(bool)

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
            self.noticed.emit(not self._about_autoplay(watched, event))
        return False

    def _about_autoplay(self, watched: QWidget, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent):
            return play_pause_key(event) is not None
        target: QWidget | None = watched
        if isinstance(event, QTouchEvent) and event.points():
            # A touch goes to the window (its children take no touches) before Qt
            # turns it into a press on the child under the finger: look there.
            point = watched.mapTo(self._window, event.points()[0].position().toPoint())
            target = self._window.childAt(point) or watched
        while target is not None and target is not self._window:
            if target.property(AUTOPLAY_CONTROL):
                return True
            target = target.parentWidget()
        return False


class IdleCountdown(QObject):
    """The last ``warning_seconds`` before ``player``'s idle return, counted down.

    Emits ``counting(seconds)`` when the warning starts and each time the whole
    seconds left (rounded up) change; ``ended`` when the idle time restarts (the
    visitor touched something), the idle return comes, or the player stops. An idle
    time shorter than twice ``warning_seconds`` is warned for in its second half.
    Nothing ticks outside the warning.
    """

    counting = Signal(int)
    ended = Signal()

    def __init__(self, player: Player, warning_seconds: float = WARNING_SECONDS) -> None:
        super().__init__(player)
        self._player = player
        self._warning_seconds = warning_seconds
        self._warning = False
        self._timer = QTimer(self)
        self._timer.setObjectName("idle-warning")
        self._timer.setSingleShot(True)
        # A coarse timer may fire 5 % early: 20 s before the return would show "21".
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        player.idle_timer_changed.connect(self._on_idle_timer_changed)

    @property
    def is_warning(self) -> bool:
        return self._warning

    def warning_seconds(self) -> float:
        """How long the warning lasts with the player's idle time."""
        return min(self._warning_seconds, self._player.idle_seconds / 2)

    def _on_idle_timer_changed(self) -> None:
        self._timer.stop()
        self._end()
        left = self._player.idle_seconds_left()
        if left is None:
            return
        self._timer.start(max(0, round((left - self.warning_seconds()) * 1000)))

    def _tick(self) -> None:
        left = self._player.idle_seconds_left()
        if left is None:
            self._end()
            return
        shown = max(1, math.ceil(left - TICK_SLACK))
        self._warning = True
        self.counting.emit(shown)
        # Next when the number shown goes down by one (just after, so it has).
        self._timer.start(max(1, round((left - (shown - 1)) * 1000) + 5))

    def _end(self) -> None:
        if self._warning:
            self._warning = False
            self.ended.emit()

    def stop(self) -> None:
        self._timer.stop()
        self._end()
