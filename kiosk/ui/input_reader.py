"""Reading visitors' input: keys, clicks and touches on the window, as what they mean.

``InputReader`` watches the keys, mouse buttons and touches delivered to one
widget (the window, including what its children pass on) and tells an
``InputResponder`` what they mean: move (next, previous, first, last), a quit
key, a tap at a point, a number key, the pause key, or the staff's way in (holding the top-left
corner, or Ctrl+Alt+Shift+K). It tells taps from swipes; what a tap opens, whether
quitting is allowed and what moving does are the responder's business.
"""

from __future__ import annotations

import enum
import math
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QInputDevice, QKeyEvent, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

# A horizontal drag longer than this share of the width is a swipe...
SWIPE_MIN_FRACTION = 0.12
# ...if it is also clearly more sideways than up or down.
SWIPE_MIN_SLOPE = 1.5
# A press and release closer than this (share of the width, or pixels) is a tap.
TAP_MAX_FRACTION = 0.02
TAP_MAX_PIXELS = 12.0
# Taps on the left third go back; anywhere else goes forward, since a visitor who
# taps the middle of the screen expects to move on.
BACK_ZONE_FRACTION = 1 / 3

# Staff, not visitors: holding the top-left corner this long opens the PIN pad
# (a visitor resting a hand there for five seconds still only gets a PIN pad).
STAFF_HOLD_SECONDS = 5.0
# The corner, as a share of the window's short side (at least STAFF_CORNER_MIN_PX).
STAFF_CORNER_FRACTION = 0.1
STAFF_CORNER_MIN_PX = 48
# Ctrl+Alt+Shift+K: the staff key chord, for a kiosk with a keyboard.
STAFF_KEY = Qt.Key.Key_K
STAFF_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ShiftModifier
)


class Move(enum.Enum):
    """Where a key, swipe or tap asks to go."""

    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    LAST = "last"


# PageUp/PageDown are what presenter remotes send.
NAVIGATION_KEYS: dict[int, Move] = {
    Qt.Key.Key_Right: Move.NEXT,
    Qt.Key.Key_Space: Move.NEXT,
    Qt.Key.Key_PageDown: Move.NEXT,
    Qt.Key.Key_Left: Move.PREVIOUS,
    Qt.Key.Key_PageUp: Move.PREVIOUS,
    Qt.Key.Key_Home: Move.FIRST,
    Qt.Key.Key_End: Move.LAST,
}


class PlayPause(enum.Enum):
    """What a pause key asks of autoplay."""

    TOGGLE = "toggle"
    PAUSE = "pause"


# P, and the media keys of keyboards and remotes (WCAG 2.2 SC 2.2.2: autoplay can be
# paused). X11 sends the usual play/pause key as MediaPlay, so that one toggles too.
PLAY_PAUSE_KEYS: dict[int, PlayPause] = {
    Qt.Key.Key_P: PlayPause.TOGGLE,
    Qt.Key.Key_MediaTogglePlayPause: PlayPause.TOGGLE,
    Qt.Key.Key_MediaPlay: PlayPause.TOGGLE,
    Qt.Key.Key_MediaPause: PlayPause.PAUSE,
    Qt.Key.Key_MediaStop: PlayPause.PAUSE,
}


def play_pause_key(event: QKeyEvent) -> PlayPause | None:
    """What ``event`` asks of autoplay, if it is a pause key (not with Ctrl or Alt)."""
    command = event.modifiers() & (
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    return None if command else PLAY_PAUSE_KEYS.get(event.key())


class InputResponder(Protocol):
    """What the window does with what a visitor (or staff) did."""

    def navigate(self, move: Move) -> None:
        """Go to another slide."""

    def quit_pressed(self) -> None:
        """Esc, Ctrl+Q, Ctrl+W or Alt+F4: close what is open, or ask to quit."""

    def tap(self, point: QPointF) -> bool:
        """A tap at ``point``; True when the window did something with it (a tap
        target opened), False to let it move by where it landed."""

    def open_resource(self, index: int, *, keyboard: bool) -> bool:
        """Number key ``index + 1``; True when something opened."""

    def open_staff_pad(self, *, keyboard: bool) -> bool:
        """The staff's way in; True when the PIN pad opened."""

    def play_pause(self, asked: PlayPause) -> None:
        """A pause key: stop or restart autoplay."""


def is_quit_key(event: QKeyEvent) -> bool:
    """Esc, Ctrl+Q, Ctrl+W or Alt+F4: what people press to leave an app."""
    key, modifiers = event.key(), event.modifiers()
    control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
    alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
    return (
        key == Qt.Key.Key_Escape
        or (control and key in (Qt.Key.Key_Q, Qt.Key.Key_W))
        or (alt and key == Qt.Key.Key_F4)
    )


def is_staff_chord(event: QKeyEvent) -> bool:
    return event.key() == STAFF_KEY and (event.modifiers() & STAFF_MODIFIERS) == STAFF_MODIFIERS


def is_tap(start: QPointF, end: QPointF, width: int) -> bool:
    """A press and release so close together that the pointer did not travel."""
    return math.hypot(end.x() - start.x(), end.y() - start.y()) <= max(
        TAP_MAX_PIXELS, width * TAP_MAX_FRACTION
    )


def pointer_move(start: QPointF, end: QPointF, width: int) -> Move | None:
    """What a press/release pair meant: next, previous, or nothing.

    A swipe to the left (finger moving left) brings the next slide, as on a phone;
    a tap goes by where it landed. A long drag that is neither (mostly vertical,
    or a short hesitant move) does nothing, rather than guess.
    """
    dx = end.x() - start.x()
    dy = end.y() - start.y()
    if abs(dx) >= width * SWIPE_MIN_FRACTION and abs(dx) > SWIPE_MIN_SLOPE * abs(dy):
        return Move.NEXT if dx < 0 else Move.PREVIOUS
    if is_tap(start, end, width):
        return Move.PREVIOUS if start.x() < width * BACK_ZONE_FRACTION else Move.NEXT
    return None


def from_touchscreen(event: QMouseEvent) -> bool:
    """Mouse events a platform made from a touch: the touch events already count."""
    device = event.device()
    return device is not None and device.type() == QInputDevice.DeviceType.TouchScreen


class InputReader(QObject):
    """Reads ``surface``'s keys, mouse and touches (an event filter) for ``responder``.

    ``staff_hold_seconds``: how long a hold of the top-left corner opens the PIN
    pad; None when there is no pad to open.

    Touches are read here rather than through QSwipeGesture, which misses or
    misreads swipes on many touchscreens. A touch that begins on a child that takes
    input (a button, a pop-up) is left alone: Qt turns it into a mouse press on
    that child, so a button is pressed, not swiped.
    """

    def __init__(
        self,
        surface: QWidget,
        responder: InputResponder,
        *,
        staff_hold_seconds: float | None = None,
    ) -> None:
        super().__init__(surface)
        self._surface = surface
        self._responder = responder
        self._press_start: QPointF | None = None  # mouse or single-finger touch
        self._staff_hold = QTimer(self)
        self._staff_hold.setObjectName("staff-hold")
        self._staff_hold.setSingleShot(True)
        self._staff_hold.setInterval(max(1, round((staff_hold_seconds or 0) * 1000)))
        self._staff_hold.timeout.connect(self._on_staff_hold)
        self._holds_open_pad = staff_hold_seconds is not None
        surface.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        surface.installEventFilter(self)

    @property
    def staff_hold_running(self) -> bool:
        return self._staff_hold.isActive()

    def cancel(self) -> None:
        """Forget a press under way (the window is closing)."""
        self._staff_hold.stop()
        self._press_start = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._surface:
            return False
        if isinstance(event, QTouchEvent):
            return self._on_touch(event)
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            return self._on_key(event)
        if isinstance(event, QMouseEvent):
            return self._on_mouse(event)
        return False

    # -- keys ----------------------------------------------------------------------------

    def _on_key(self, event: QKeyEvent) -> bool:
        responder = self._responder
        if is_staff_chord(event):
            responder.open_staff_pad(keyboard=True)
        elif is_quit_key(event):
            responder.quit_pressed()
        elif event.key() in NAVIGATION_KEYS:
            responder.navigate(NAVIGATION_KEYS[event.key()])
        elif (asked := play_pause_key(event)) is not None:
            if not event.isAutoRepeat():  # a held key must not flicker play and pause
                responder.play_pause(asked)
        elif not self._opens_by_number(event):
            return False  # not ours: Tab and the rest go on as usual
        event.accept()
        return True

    def _opens_by_number(self, event: QKeyEvent) -> bool:
        """1-9: that target of the slide, large (when there is one to open)."""
        number = event.key() - Qt.Key.Key_1
        command = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        return (
            0 <= number < 9 and not command and self._responder.open_resource(number, keyboard=True)
        )

    # -- pointer -------------------------------------------------------------------------

    def _on_mouse(self, event: QMouseEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseMove:
            if self._staff_hold.isActive() and not self._in_staff_corner(event.position()):
                self._staff_hold.stop()
            return False
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            return False
        if event.button() != Qt.MouseButton.LeftButton or from_touchscreen(event):
            return False
        if kind == QEvent.Type.MouseButtonPress:
            self._pressed(event.position())
        else:
            self._staff_hold.stop()
            start, self._press_start = self._press_start, None
            if start is not None:
                self._released(start, event.position())
        event.accept()
        return True

    def _on_touch(self, event: QTouchEvent) -> bool:
        points = event.points()
        kind = event.type()
        if (
            kind == QEvent.Type.TouchBegin
            and points
            and self._surface.childAt(points[0].position().toPoint()) is not None
        ):
            # On a control, a pop-up or the PIN pad: refuse the touch, so Qt turns
            # it into a mouse press on that widget.
            event.ignore()
            return False
        event.accept()  # also stops Qt from making mouse events out of it
        if kind == QEvent.Type.TouchBegin:
            if len(points) == 1:
                self._pressed(points[0].position())
            else:
                self._press_start = None
        elif kind == QEvent.Type.TouchUpdate:
            if len(points) > 1:  # two fingers: a pinch or a rest, not a swipe
                self._press_start = None
                self._staff_hold.stop()
            elif points and not self._in_staff_corner(points[0].position()):
                self._staff_hold.stop()
        elif kind == QEvent.Type.TouchEnd:
            self._staff_hold.stop()
            start, self._press_start = self._press_start, None
            if start is not None and len(points) == 1:
                self._released(start, points[0].position())
        else:  # TouchCancel
            self.cancel()
        return True

    def _pressed(self, position: QPointF) -> None:
        self._press_start = position
        if self._holds_open_pad and self._in_staff_corner(position):
            self._staff_hold.start()

    def _released(self, start: QPointF, end: QPointF) -> None:
        width = self._surface.width()
        if is_tap(start, end, width) and self._responder.tap(end):
            return
        move = pointer_move(start, end, width)
        if move is not None:
            self._responder.navigate(move)

    # -- staff -------------------------------------------------------------------------

    def _in_staff_corner(self, position: QPointF) -> bool:
        surface = self._surface
        short = min(surface.width(), surface.height())
        corner = max(STAFF_CORNER_MIN_PX, short * STAFF_CORNER_FRACTION)
        return position.x() <= corner and position.y() <= corner

    def _on_staff_hold(self) -> None:
        self._press_start = None  # the release that follows is not a tap
        self._responder.open_staff_pad(keyboard=False)
