"""A finger-sized button in the theme's colours: the one control visitors and staff press.

Drawn by hand rather than styled with QSS: its size, colours and pressed look all
come from the theme and the screen; its focus ring (``kiosk.ui.widgets.focus_ring``)
shows only to someone moving through the controls with a keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
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


class TouchButton(QAbstractButton):
    """An icon (qtawesome name) and/or a short text on a rounded theme-coloured square.

    The owner sets its geometry (square or wider). Pressed, it fills with the accent
    colour; checkable buttons show "on" with an accent outline and icon. Enter,
    Return and Space press it; navigation keys pass through to the window.
    ``on_card``: it sits on a surface-coloured card, so its body takes the
    background colour instead. ``text_share``: text height as a share of the side.
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
        body = QRectF(self.rect()).adjusted(gap, gap, -gap, -gap)
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
        self._paint_content(painter, body, side, foreground)
        painter.end()

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
