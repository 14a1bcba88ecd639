"""The keyboard focus ring: shown only to someone moving through the controls with a
keyboard (Tab), never after a tap, so touch visitors do not see a rectangle left
behind on what they pressed.

Every focusable thing visitors reach (the control bar's buttons, the PIN pad's
keys, the stand-ins over resource cards) tracks ``KeyboardFocus`` and paints its
ring with ``paint_focus_ring``.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPen

# Focus that came from the keyboard: the ones that show a ring.
KEYBOARD_FOCUS_REASONS = frozenset(
    {
        Qt.FocusReason.TabFocusReason,
        Qt.FocusReason.BacktabFocusReason,
        Qt.FocusReason.ShortcutFocusReason,
    }
)


class KeyboardFocus:
    """Whether a widget's focus came from the keyboard, for it to show a ring.

    The widget forwards its focus events and marks a key press (a keyboard user
    pressed it) or a pointer press (a tap: no ring).
    """

    def __init__(self) -> None:
        self.active = False

    def focus_in(self, event: QFocusEvent) -> None:
        self.active = event.reason() in KEYBOARD_FOCUS_REASONS

    def focus_out(self) -> None:
        self.active = False

    def key_pressed(self) -> None:
        self.active = True

    def pointer_pressed(self) -> None:
        self.active = False


def paint_focus_ring(
    painter: QPainter, rect: QRectF, color: QColor, width: float, radius: float
) -> None:
    """A rounded ring ``width`` thick, lying just inside ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(color, width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = width / 2
    painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), radius, radius)
    painter.restore()
