"""A finger-sized button in the theme's colours: the one control visitors and staff press.

Drawn by hand rather than styled with QSS: its size, colours and pressed look all
come from the theme and the screen; its focus ring (``kiosk.ui.widgets.focus_ring``)
shows only to someone moving through the controls with a keyboard.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.ui.theme import UiTheme
from kiosk.ui.widgets.focus_ring import KeyboardFocus, paint_focus_ring
from kiosk.ui.widgets.icon import themed_icon

# Keys the button leaves to the window (slide navigation), even when it has focus.
PASSED_ON_KEYS = frozenset(
    {
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_Escape,
    }
)
# Shares of the button's side.
RING_GAP = 0.07  # room kept round the body for the keyboard focus ring
ICON_SHARE = 0.42
TEXT_SHARE = 0.27
RADIUS_SHARE = 0.22
# A label under the icon (``set_label_below``): room above the icon and below the
# label, beside the label, and between icon and label, in finger sides.
STACK_PAD = 0.12
STACK_SIDE_PAD = 0.25
STACK_SPACING = 0.07


def stacked_size(finger: int, label: str, font: QFont) -> QSize:
    """The size of a button ``finger`` wide (at least) with its icon above ``label``
    written in ``font``, on one line."""
    metrics = QFontMetricsF(font)
    ring = 2 * max(2.0, finger * RING_GAP)
    height = ring + finger * (2 * STACK_PAD + ICON_SHARE + STACK_SPACING) + metrics.height()
    width = ring + 2 * finger * STACK_SIDE_PAD + metrics.horizontalAdvance(label)
    return QSize(max(finger, math.ceil(width)), max(finger, math.ceil(height)))


class TouchButton(QAbstractButton):
    """An icon (qtawesome name) and/or a short text on a rounded theme-coloured square.

    The owner sets its geometry (square or wider). Pressed, it fills with the accent
    colour; checkable buttons show "on" with an accent outline and icon. Enter,
    Return and Space press it; navigation keys pass through to the window.
    ``on_card``: it sits on a surface-coloured card, so its body takes the
    background colour instead. ``text_share``: text height as a share of the side.
    With ``set_label_below`` the text is a label written under the icon instead, in
    a font its owner chose (the touch bar's labels).
    """

    def __init__(
        self,
        theme: UiTheme,
        *,
        name: str,
        description: str,
        icon: str | None = None,
        text: str = "",
        on_card: bool = False,
        text_share: float = TEXT_SHARE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._on_card = on_card
        self._text_share = text_share
        self._icon_name = icon
        self._icons: dict[str, QIcon] = {}
        self._focus = KeyboardFocus()
        self._label_below: tuple[int, QFont] | None = None  # (finger side, font)
        self.setText(text)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        self.setToolTip("")
        # Tab reaches it; a tap or click never gives it focus (and so no ring).
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAutoRepeat(False)

    # -- look --------------------------------------------------------------------

    @property
    def theme(self) -> UiTheme:
        return self._theme

    @property
    def icon_name(self) -> str | None:
        return self._icon_name

    @property
    def shows_focus_ring(self) -> bool:
        return self.hasFocus() and self._focus.active

    def set_theme(self, theme: UiTheme) -> None:
        if theme != self._theme:
            self._theme = theme
            self._icons.clear()
            self.update()

    def set_icon_name(self, icon: str | None) -> None:
        if icon != self._icon_name:
            self._icon_name = icon
            self._icons.clear()
            self.update()

    def set_label_below(self, finger: int, font: QFont) -> None:
        """Write the text under the icon, in ``font``, for a button laid out by
        ``stacked_size(finger, ...)``."""
        self._label_below = (finger, QFont(font))
        self.update()

    @property
    def label_font(self) -> QFont | None:
        """The font the label under the icon is written in (None: no such label)."""
        return QFont(self._label_below[1]) if self._label_below is not None else None

    def label_rect(self) -> QRectF:
        """Where the label under the icon is written (empty: no such label)."""
        if self._label_below is None:
            return QRectF()
        finger, font = self._label_below
        body = self._body()
        line = QFontMetricsF(font).height()
        pad = finger * STACK_PAD
        return QRectF(body.left(), body.bottom() - pad - line, body.width(), line)

    def _body(self) -> QRectF:
        gap = max(2.0, min(self.width(), self.height()) * RING_GAP)
        return QRectF(self.rect()).adjusted(gap, gap, -gap, -gap)

    def colors(self) -> tuple[QColor, QColor]:
        """(fill, foreground) for the current state."""
        theme = self._theme
        body = QColor(theme.background if self._on_card else theme.surface)
        if self.isDown():
            return QColor(theme.accent), QColor(theme.background)
        if self.isChecked():
            return body, QColor(theme.accent)
        if not self.isEnabled():
            muted = QColor(theme.muted)
            muted.setAlphaF(0.5)
            return body, muted
        return body, QColor(theme.text)

    def sizeHint(self) -> QSize:
        return QSize(64, 64)

    def _icon(self, color: QColor) -> QIcon | None:
        if self._icon_name is None:
            return None
        key = color.name(QColor.NameFormat.HexArgb)
        if key not in self._icons:
            self._icons[key] = themed_icon(self._icon_name, color)
        return self._icons[key]

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        if side <= 0:
            return
        fill, foreground = self.colors()
        theme = self._theme
        gap = max(2.0, side * RING_GAP)
        body = self._body()
        radius = side * RADIUS_SHARE
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(body, radius, radius)
        edge: QColor | None = None
        if self.isChecked() and not self.isDown():
            edge = QColor(theme.accent)
        elif theme.outline is not None:
            edge = QColor(theme.outline)
        if edge is not None:
            width = max(2.0, side * 0.035)
            painter.setPen(QPen(edge, width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = width / 2
            painter.drawRoundedRect(body.adjusted(half, half, -half, -half), radius, radius)
        if self.shows_focus_ring:
            paint_focus_ring(
                painter,
                QRectF(self.rect()),
                QColor(theme.accent if not self.isDown() else theme.text),
                max(2.0, gap * 0.6),
                radius + gap,
            )
        if self._label_below is not None:
            self._paint_stacked(painter, body, foreground)
        else:
            self._paint_content(painter, body, side, foreground)
        painter.end()

    def _paint_stacked(self, painter: QPainter, body: QRectF, foreground: QColor) -> None:
        assert self._label_below is not None
        finger, font = self._label_below
        label = self.label_rect()
        top = body.top() + finger * STACK_PAD
        room = label.top() - finger * STACK_SPACING - top
        icon = self._icon(foreground)
        if icon is not None and room > 0:
            icon_px = min(room, finger * ICON_SHARE)
            target = QRectF(
                body.center().x() - icon_px / 2, top + (room - icon_px) / 2, icon_px, icon_px
            )
            icon.paint(painter, target.toRect(), Qt.AlignmentFlag.AlignCenter)
        if self.text():
            painter.setFont(font)
            painter.setPen(foreground)
            painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter), self.text())

    def _paint_content(
        self, painter: QPainter, body: QRectF, side: int, foreground: QColor
    ) -> None:
        icon = self._icon(foreground)
        text = self.text()
        icon_px = round(side * ICON_SHARE) if icon is not None else 0
        font = UiTheme.font(side * self._text_share, bold=True)
        painter.setFont(font)
        text_w = painter.fontMetrics().horizontalAdvance(text) if text else 0
        spacing = round(side * 0.08) if icon is not None and text else 0
        if icon is not None and text:
            icon_px = round(side * ICON_SHARE * 0.8)
        total = icon_px + spacing + text_w
        x = body.center().x() - total / 2
        if icon is not None:
            target = QRectF(x, body.center().y() - icon_px / 2, icon_px, icon_px).toRect()
            icon.paint(painter, target, Qt.AlignmentFlag.AlignCenter)
            x += icon_px + spacing
        if text:
            painter.setPen(foreground)
            painter.drawText(
                QRectF(x, body.top(), text_w + 2, body.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )

    # -- input -------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._focus.focus_in(event)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._focus.focus_out()
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._focus.pointer_pressed()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in PASSED_ON_KEYS:
            event.ignore()
            return
        self._focus.key_pressed()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            event.accept()
            self.click()
            return
        super().keyPressEvent(event)
